import { z } from 'zod';

/**
 * Fills the Outlook manifest templates (`manifests/outlook/manifest.template.json` and
 * `.xml`) for one deployment. Pure: the caller reads the template and writes the result.
 *
 * Placeholders: `{{BASE_URL}}` (where the service serves the pane, no trailing slash),
 * `{{ORIGIN}}` (its scheme, host and port), `{{HOST}}` (host and port: the domain of the
 * `api://` resource the Office sign-in asks a token for) and `{{CLIENT_ID}}` (the Entra
 * app registration of the service).
 */
export type ManifestSettings = { baseUrl: string; clientId: string };

export type ManifestErrorCode = 'MANIFEST_BASE_URL_INVALID' | 'MANIFEST_CLIENT_ID_INVALID' | 'MANIFEST_PLACEHOLDER_UNKNOWN';

export type RenderResult =
  | { ok: true; text: string }
  | { ok: false; code: ManifestErrorCode; message: string; field: string };

const PLACEHOLDER = /\{\{([A-Z_]+)\}\}/g;

const ClientId = z.guid();
/** Letters, digits and URL-safe marks only: nothing that JSON or XML would need escaped. */
const SAFE_PATH = /^[A-Za-z0-9._~/%-]*$/;

type BaseUrl = { baseUrl: string; origin: string; host: string };

/**
 * Office loads add-in pages over HTTPS only (the schema's `secureHttpUrl`), and a query or
 * fragment would end up in the middle of every URL built from the base.
 */
function parseBaseUrl(raw: string): BaseUrl | { error: string } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { error: `baseUrl "${raw}" is not a URL` };
  }
  if (url.protocol !== 'https:') return { error: `baseUrl "${raw}" must use https (Office loads add-in pages over HTTPS only)` };
  if (url.search !== '' || url.hash !== '') return { error: `baseUrl "${raw}" must have no query or fragment` };
  if (url.username !== '' || url.password !== '') return { error: `baseUrl "${raw}" must carry no credentials` };
  const path = url.pathname.replace(/\/+$/, '');
  if (!SAFE_PATH.test(path)) return { error: `baseUrl "${raw}" has a path with characters other than letters, digits and . _ ~ - / %` };
  return { baseUrl: `${url.origin}${path}`, origin: url.origin, host: url.host };
}

export function renderManifest(template: string, settings: ManifestSettings): RenderResult {
  const base = parseBaseUrl(settings.baseUrl);
  if ('error' in base) return { ok: false, code: 'MANIFEST_BASE_URL_INVALID', message: base.error, field: 'baseUrl' };
  if (!ClientId.safeParse(settings.clientId).success) {
    return {
      ok: false,
      code: 'MANIFEST_CLIENT_ID_INVALID',
      message: `clientId "${settings.clientId}" is not a GUID (the Entra application (client) id)`,
      field: 'clientId',
    };
  }
  const values: Record<string, string> = {
    BASE_URL: base.baseUrl,
    ORIGIN: base.origin,
    HOST: base.host,
    CLIENT_ID: settings.clientId.toLowerCase(),
  };
  const unknown = [...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '').find((name) => !(name in values));
  if (unknown !== undefined) {
    return {
      ok: false,
      code: 'MANIFEST_PLACEHOLDER_UNKNOWN',
      message: `the template uses {{${unknown}}}; known placeholders: ${Object.keys(values).join(', ')}`,
      field: 'template',
    };
  }
  // Every value is an https origin, a SAFE_PATH or a GUID: none needs escaping in JSON or XML.
  return { ok: true, text: template.replace(PLACEHOLDER, (_, name: string) => values[name] ?? '') };
}

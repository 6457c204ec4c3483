import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import AjvDraft04, { type ValidateFunction } from 'ajv-draft-04';
import { convert } from 'office-addin-manifest-converter';
import { OfficeAddinUsageData, UsageDataLevel, groupName, readUsageDataLevel } from 'office-addin-usage-data';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { renderManifest, type ManifestSettings } from '../../server/http/ui/manifest.ts';
import { outlookAddinIds } from '../../server/connectors/microsoft/tag.ts';

const root = join(import.meta.dirname, '..', '..');
const templates = join(root, 'manifests', 'outlook');
const assets = join(root, 'addins', 'outlook', 'assets');
const settings: ManifestSettings = { baseUrl: 'https://localhost:3000', clientId: '3F1C2B4A-9D8E-4C7B-A6F5-0E1D2C3B4A59' };
const clientId = settings.clientId.toLowerCase();

/** The schemas come from the package on disk, never from their URL: the tests run offline. */
const schemaFolder = join(dirname(createRequire(import.meta.url).resolve('@microsoft/app-manifest')), 'json-schemas', 'teams');

const compiled = new Map<string, ValidateFunction>();

function validator(version: string, file: 'MicrosoftTeams.schema.json' | 'MicrosoftTeams.Localization.schema.json'): ValidateFunction {
  const path = join(schemaFolder, `v${version}`, file);
  const known = compiled.get(path);
  if (known) return known;
  // The localization schema's patterns (`\b]`) are not valid with the `u` flag.
  const ajv = new AjvDraft04.default({ allErrors: true, strictTypes: false, unicodeRegExp: false });
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  const validate = ajv.compile(JSON.parse(readFileSync(path, 'utf8')));
  compiled.set(path, validate);
  return validate;
}

function errorsOf(validate: ValidateFunction, value: unknown): string[] {
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

function render(file: string, with_: ManifestSettings = settings): string {
  const result = renderManifest(readFileSync(join(templates, file), 'utf8'), with_);
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result.text;
}

/** Just the parts of the unified manifest these tests read; the schema checks the rest. */
const Icon = z.object({ size: z.number(), url: z.string() });
const Unified = z.object({
  $schema: z.string(),
  manifestVersion: z.string(),
  id: z.string(),
  localizationInfo: z.object({ defaultLanguageTag: z.string(), additionalLanguages: z.array(z.object({ languageTag: z.string(), file: z.string() })) }),
  icons: z.object({ outline: z.string(), color: z.string() }),
  validDomains: z.array(z.string()),
  webApplicationInfo: z.object({ id: z.string(), resource: z.string() }),
  authorization: z.object({ permissions: z.object({ resourceSpecific: z.array(z.object({ name: z.string(), type: z.string() })) }) }),
  extensions: z.array(
    z.object({
      runtimes: z.array(z.object({ code: z.object({ page: z.string() }), actions: z.array(z.object({ id: z.string(), type: z.string() })) })),
      ribbons: z.array(
        z.object({
          contexts: z.array(z.string()),
          tabs: z.array(z.object({ groups: z.array(z.object({ icons: z.array(Icon).optional(), controls: z.array(z.object({ actionId: z.string(), icons: z.array(Icon) })) })) })),
        }),
      ),
      alternates: z.array(
        z.object({
          hide: z.object({ customOfficeAddin: z.object({ officeAddinId: z.string() }) }).optional(),
          alternateIcons: z.object({ icon: Icon, highResolutionIcon: Icon }).optional(),
        }),
      ),
    }),
  ),
});

function unified(): z.infer<typeof Unified> {
  return Unified.parse(JSON.parse(render('manifest.template.json')));
}

function xml(text: string = render('manifest.template.xml')): Document {
  const problems: string[] = [];
  const doc = new DOMParser({ errorHandler: { warning: (m) => problems.push(m), error: (m) => problems.push(m), fatalError: (m) => problems.push(m) } }).parseFromString(
    text,
    'text/xml',
  );
  expect(problems).toEqual([]);
  return doc;
}

const elements = (el: Element | Document): Element[] =>
  Array.from(el.childNodes).filter((n): n is Element => n.nodeType === 1);
const children = (el: Element | Document, name: string): Element[] => elements(el).filter((n) => n.localName === name);

function only(el: Element | Document, name: string): Element {
  const found = children(el, name);
  expect(found, `exactly one <${name}>`).toHaveLength(1);
  return found[0] as Element;
}

const xsiType = (el: Element): string | null => el.getAttributeNS('http://www.w3.org/2001/XMLSchema-instance', 'type');

function innerOverrides(doc: Document): Element {
  const outer = only(only(doc, 'OfficeApp'), 'VersionOverrides');
  expect(xsiType(outer)).toBe('VersionOverridesV1_0');
  const inner = only(outer, 'VersionOverrides');
  expect(xsiType(inner)).toBe('VersionOverridesV1_1');
  return inner;
}

function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(join(assets, file));
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The asset file behind an icon URL, which must live under the pane's assets folder. */
function assetOf(url: string): string {
  const prefix = `${settings.baseUrl}/outlook/assets/`;
  expect(url.startsWith(prefix), url).toBe(true);
  return url.slice(prefix.length);
}

const scratch = mkdtempSync(join(tmpdir(), 'binome-manifests-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('Outlook unified manifest', () => {
  it('passes the Microsoft 365 app manifest schema shipped with @microsoft/app-manifest, for the version it declares', () => {
    const manifest = unified();
    expect(manifest.manifestVersion).toBe('1.30');
    expect(manifest.$schema).toBe(`https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`);
    const raw = JSON.parse(render('manifest.template.json')) as unknown;
    expect(errorsOf(validator(manifest.manifestVersion, 'MicrosoftTeams.schema.json'), raw)).toEqual([]);
  });

  it('is really checked: the same schema refuses a manifest with a wrong version or an http pane', () => {
    const validate = validator('1.30', 'MicrosoftTeams.schema.json');
    const manifest = JSON.parse(render('manifest.template.json')) as Record<string, unknown>;
    expect(errorsOf(validate, { ...manifest, manifestVersion: '1.29' }).join('\n')).toMatch(/manifestVersion/);
    const httpPane = JSON.parse(render('manifest.template.json').replace(`"page": "${settings.baseUrl}`, '"page": "http://localhost:3000')) as unknown;
    expect(errorsOf(validate, httpPane).join('\n')).toMatch(/runtimes\/0\/code\/page/);
  });

  it('opens the pane from a button on both sides of a meeting: the organizer and the attendees', () => {
    const [extension] = unified().extensions;
    expect(extension?.ribbons.flatMap((r) => r.contexts).sort()).toEqual(['meetingDetailsAttendee', 'meetingDetailsOrganizer']);
    const actions = new Map(extension?.runtimes.flatMap((r) => r.actions.map((a) => [a.id, { type: a.type, page: r.code.page }] as const)));
    const buttons = extension?.ribbons.flatMap((r) => r.tabs.flatMap((t) => t.groups.flatMap((g) => g.controls))) ?? [];
    expect(buttons.length).toBeGreaterThan(0);
    for (const button of buttons) {
      expect(actions.get(button.actionId)).toEqual({ type: 'openPage', page: 'https://localhost:3000/outlook/taskpane.html' });
    }
  });

  it("asks Office sign-in for a token to the service's own API and reads only the open item", () => {
    const manifest = unified();
    expect(manifest.webApplicationInfo).toEqual({ id: clientId, resource: `api://localhost:3000/${clientId}` });
    expect(manifest.authorization.permissions.resourceSpecific).toEqual([{ name: 'MailboxItem.Read.User', type: 'Delegated' }]);
    expect(manifest.validDomains).toEqual(['localhost:3000']);
  });

  it('speaks French first, with an English file the localization schema accepts and whose keys name real places in the manifest', () => {
    const manifest = unified();
    expect(manifest.localizationInfo.defaultLanguageTag).toBe('fr-FR');
    expect(manifest.localizationInfo.additionalLanguages).toEqual([{ languageTag: 'en-US', file: 'en-US.json' }]);
    const english = JSON.parse(readFileSync(join(templates, 'en-US.json'), 'utf8')) as Record<string, string>;
    expect(errorsOf(validator('1.30', 'MicrosoftTeams.Localization.schema.json'), english)).toEqual([]);
    const french = JSON.parse(render('manifest.template.json')) as unknown;
    for (const key of Object.keys(english).filter((k) => k !== '$schema')) {
      const value = key.split(/\.|\[(\d+)\]\.?/).filter((part) => part !== undefined && part !== '').reduce<unknown>(
        (at, part) => (at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[part] : undefined),
        french,
      );
      expect(typeof value, key).toBe('string');
      if (key !== 'name.short') expect(value, `${key} is translated`).not.toBe(english[key]);
    }
  });

  it('ships every icon it names, at the size it states (192 px colour and 32 px outline in the app package)', () => {
    const manifest = unified();
    expect(pngSize(manifest.icons.color)).toEqual({ width: 192, height: 192 });
    expect(pngSize(manifest.icons.outline)).toEqual({ width: 32, height: 32 });
    const [extension] = manifest.extensions;
    const ribbonIcons = extension?.ribbons.flatMap((r) => r.tabs.flatMap((t) => t.groups.flatMap((g) => [...(g.icons ?? []), ...g.controls.flatMap((c) => c.icons)]))) ?? [];
    expect(ribbonIcons.length).toBeGreaterThan(0);
    for (const icon of ribbonIcons) expect(pngSize(assetOf(icon.url))).toEqual({ width: icon.size, height: icon.size });
    const alternate = extension?.alternates.find((a) => a.alternateIcons)?.alternateIcons;
    expect(pngSize(assetOf(alternate?.icon.url ?? ''))).toEqual({ width: 64, height: 64 });
    // The schema caps icon sizes at 80, so the high-resolution icon is declared 64 and drawn at 128.
    expect(pngSize(assetOf(alternate?.highResolutionIcon.url ?? ''))).toEqual({ width: 128, height: 128 });
  });

  it('hides the add-in-only version where the unified one runs, so nobody sees two Binome buttons', () => {
    const manifest = unified();
    const xmlId = only(only(xml(), 'OfficeApp'), 'Id').textContent;
    expect(xmlId).not.toBe(manifest.id);
    expect(manifest.extensions[0]?.alternates.map((a) => a.hide?.customOfficeAddin.officeAddinId)).toContain(xmlId);
  });
});

describe('Outlook add-in-only (XML) manifest', () => {
  it('is a mail add-in for appointments that asks to read the open item', () => {
    const app = only(xml(), 'OfficeApp');
    expect(xsiType(app)).toBe('MailApp');
    expect(only(only(app, 'Hosts'), 'Host').getAttribute('Name')).toBe('Mailbox');
    expect(only(only(only(app, 'Requirements'), 'Sets'), 'Set').getAttribute('Name')).toBe('Mailbox');
    expect(only(app, 'Permissions').textContent).toBe('ReadItem');
    expect(only(app, 'DefaultLocale').textContent).toBe('fr-FR');
    const rules = children(only(app, 'Rule'), 'Rule').map((r) => `${r.getAttribute('ItemType')}/${r.getAttribute('FormType')}`);
    expect(rules.sort()).toEqual(['Appointment/Edit', 'Appointment/Read']);
  });

  it('puts a ShowTaskpane button on the organizer and attendee surfaces, both opening the pane', () => {
    const inner = innerOverrides(xml());
    const host = only(only(inner, 'Hosts'), 'Host');
    expect(xsiType(host)).toBe('MailHost');
    const points = children(only(host, 'DesktopFormFactor'), 'ExtensionPoint');
    expect(points.map(xsiType).sort()).toEqual(['AppointmentAttendeeCommandSurface', 'AppointmentOrganizerCommandSurface']);
    const urls = new Map(children(only(only(inner, 'Resources'), 'Urls'), 'Url').map((u) => [u.getAttribute('id'), u.getAttribute('DefaultValue')]));
    for (const point of points) {
      const control = only(only(only(point, 'OfficeTab'), 'Group'), 'Control');
      expect(xsiType(control)).toBe('Button');
      const action = only(control, 'Action');
      expect(xsiType(action)).toBe('ShowTaskpane');
      expect(urls.get(only(action, 'SourceLocation').getAttribute('resid'))).toBe('https://localhost:3000/outlook/taskpane.html');
    }
  });

  it('declares the sign-in resource as the last child of VersionOverrides, as Office requires', () => {
    const inner = innerOverrides(xml());
    expect(elements(inner).at(-1)?.localName).toBe('WebApplicationInfo');
    const info = only(inner, 'WebApplicationInfo');
    expect(only(info, 'Id').textContent).toBe(clientId);
    expect(only(info, 'Resource').textContent).toBe(`api://localhost:3000/${clientId}`);
  });

  it('offers every string in French with an English override, and ships every image it names at its size', () => {
    const resources = only(innerOverrides(xml()), 'Resources');
    for (const list of ['ShortStrings', 'LongStrings']) {
      for (const string of children(only(resources, list), 'String')) {
        expect(children(string, 'Override').map((o) => o.getAttribute('Locale')), string.getAttribute('id') ?? '').toEqual(['en-US']);
      }
    }
    for (const image of children(only(resources, 'Images'), 'Image')) {
      const size = Number(/\d+$/.exec(image.getAttribute('id') ?? '')?.[0]);
      expect(pngSize(assetOf(image.getAttribute('DefaultValue') ?? ''))).toEqual({ width: size, height: size });
    }
    const app = only(xml(), 'OfficeApp');
    expect(pngSize(assetOf(only(app, 'IconUrl').getAttribute('DefaultValue') ?? ''))).toEqual({ width: 64, height: 64 });
    expect(pngSize(assetOf(only(app, 'HighResolutionIconUrl').getAttribute('DefaultValue') ?? ''))).toEqual({ width: 128, height: 128 });
  });

  it("converts offline (office-addin-manifest-converter) into a unified manifest the shipped 1.30 schema accepts, with the same surfaces and sign-in", async () => {
    const input = join(scratch, 'binome.xml');
    writeFileSync(input, render('manifest.template.xml'));
    const output = join(scratch, 'converted');
    await convert(input, output, false, 'https://developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.schema.json', '1.30', false);
    expect(readdirSync(output)).toContain('manifest.json');
    const converted = JSON.parse(readFileSync(join(output, 'manifest.json'), 'utf8')) as unknown;
    expect(errorsOf(validator('1.30', 'MicrosoftTeams.schema.json'), converted)).toEqual([]);
    const parsed = Unified.omit({ localizationInfo: true, icons: true, validDomains: true, $schema: true, manifestVersion: true })
      .extend({ extensions: z.array(Unified.shape.extensions.element.omit({ alternates: true })) })
      .parse(converted);
    expect(parsed.extensions[0]?.ribbons.flatMap((r) => r.contexts).sort()).toEqual(['meetingDetailsAttendee', 'meetingDetailsOrganizer']);
    expect(parsed.webApplicationInfo).toEqual(unified().webApplicationInfo);
    expect(parsed.authorization).toEqual(unified().authorization);
  });
});

describe('Filling the manifest templates', () => {
  const template = readFileSync(join(templates, 'manifest.template.json'), 'utf8');

  it('serves the pane under a path prefix and drops a trailing slash', () => {
    const result = renderManifest(template, { ...settings, baseUrl: 'https://binome.example.com/mentoring/' });
    expect(result.ok && result.text).toContain('"page": "https://binome.example.com/mentoring/outlook/taskpane.html"');
    expect(result.ok && result.text).toContain(`"resource": "api://binome.example.com/${clientId}"`);
  });

  it('refuses a base URL Office would not load or that would break the manifest, naming the field', () => {
    for (const baseUrl of ['http://localhost:3000', 'localhost:3000', 'https://example.com/?x=1', 'https://example.com/#top', 'https://example.com/a&b', 'https://u:p@example.com']) {
      expect(renderManifest(template, { ...settings, baseUrl }), baseUrl).toMatchObject({ ok: false, code: 'MANIFEST_BASE_URL_INVALID', field: 'baseUrl' });
    }
  });

  it('refuses a client id that is not the GUID of an app registration', () => {
    expect(renderManifest(template, { ...settings, clientId: 'binome-app' })).toMatchObject({ ok: false, code: 'MANIFEST_CLIENT_ID_INVALID', field: 'clientId' });
  });

  it('refuses a template with a placeholder it cannot fill, rather than shipping it', () => {
    expect(renderManifest('{"x": "{{TENANT_ID}}"}', settings)).toMatchObject({ ok: false, code: 'MANIFEST_PLACEHOLDER_UNKNOWN', message: expect.stringContaining('TENANT_ID') });
  });
});

describe('the add-in ids the Microsoft connector writes custom properties for', () => {
  it('are the ids of both manifests, so either installed add-in reads the Binome tag of a booked meeting', () => {
    const unified = Unified.parse(JSON.parse(render('manifest.template.json')));
    const xml = new DOMParser().parseFromString(render('manifest.template.xml'), 'text/xml');
    const xmlId = xml.getElementsByTagName('Id')[0]?.textContent?.trim();
    expect([...outlookAddinIds]).toEqual([unified.id.toLowerCase(), xmlId?.toLowerCase()]);
  });
});

describe('Office tooling usage data', () => {
  // office-addin-usage-data 3.x removed reporting: no settings file (~/office-addin-usage-data.json) or
  // `office-addin-usage-data off` is needed any more. This fails if an upgrade brings reporting back.
  it('sends nothing from the Office tooling used in these tests, even when asked to', () => {
    expect(readUsageDataLevel(groupName)).toBe(UsageDataLevel.off);
    expect(new OfficeAddinUsageData({ projectName: 'binome-tests', usageDataLevel: UsageDataLevel.on, raisePrompt: false }).isUsageDataOn()).toBe(false);
  });
});

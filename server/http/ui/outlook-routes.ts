import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TenantAuth } from '../../auth/tenant-auth.ts';
import type { TenantRegistry } from '../../runtime/tenants.ts';
import { ErrorBody } from '../errors.ts';
import { renderManifest } from './manifest.ts';

/** Where `npm run build:ui` writes the Outlook pane and its demo page. */
export const outlookPaneDir = fileURLToPath(new URL('../../../addins/dist/outlook/', import.meta.url));
const iconsDir = fileURLToPath(new URL('../../../addins/outlook/assets/', import.meta.url));
const manifestsDir = fileURLToPath(new URL('../../../manifests/outlook/', import.meta.url));

/** The demo seed's two people, by email, when the running demo has them. */
export interface DemoPersonas {
  juniorMentor: string | null;
  seniorMentee: string | null;
}

export interface OutlookRoutesOptions {
  tenants: readonly TenantAuth[];
  registry: TenantRegistry;
  /** The origin browsers and Outlook reach the service at; else each request's own. */
  publicOrigin: string | null;
  paneDir?: string;
  personas?: (tenantId: string) => Promise<DemoPersonas>;
}

/**
 * Outlook loads the pane inside its own pages (Outlook on the web frames it); Office.js comes
 * from Microsoft's CDN, which Microsoft requires add-ins to load it from.
 */
const paneCsp = [
  "default-src 'self'",
  "script-src 'self' https://appsforoffice.microsoft.com",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self' https://login.microsoftonline.com",
  "frame-src 'self' https://appsforoffice.microsoft.com https://login.microsoftonline.com",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self' https://*.office.com https://*.office365.com https://*.outlook.com https://outlook.live.com https://*.microsoft.com https://*.cloud.microsoft",
].join('; ');

const ManifestQuery = z.object({
  /** Render for another deployment's address (https) than the one this request came to. */
  baseUrl: z.string().min(1).max(500).optional(),
});
const PaneConfig = z.object({ clientId: z.string(), authority: z.string(), scopes: z.array(z.string()) });
const DemoPerson = z.object({ email: z.string(), name: z.string(), title: z.string().nullable(), department: z.string().nullable(), timeZone: z.string() });
const DemoConfig = z.object({
  tenantId: z.string(),
  tenantName: z.string(),
  people: z.array(DemoPerson),
  juniorMentor: z.string().nullable(),
  seniorMentee: z.string().nullable(),
});

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Serves the Outlook add-in: the built task pane and its demo page under /outlook/, the icons
 * the manifests name, the pane's sign-in settings, and both manifests filled in for the
 * address the service is reached at (`/manifests/outlook/manifest.json` and `.xml`).
 */
export const outlookRoutes: FastifyPluginAsync<OutlookRoutesOptions> = async (fastify, options) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const root = options.paneDir ?? outlookPaneDir;
  const built = existsSync(`${root}/taskpane.html`);
  const origin = (request: FastifyRequest) => options.publicOrigin ?? `${request.protocol}://${request.host}`;
  /** The Entra app registration the pane signs in to: the first Microsoft tenant's API client id. */
  const clientId = (): string | null => {
    for (const tenant of options.tenants) {
      if (tenant.trust.platform !== 'microsoft') continue;
      const id = tenant.trust.audiences.find((audience) => guid.test(audience));
      if (id !== undefined) return id;
    }
    return null;
  };

  const page = async (reply: FastifyReply, file: string) => {
    if (!built) {
      return reply.code(503).type('text/plain; charset=utf-8').send('The Outlook pane is not built yet: run `npm run build:ui` (npm install does it), then reload.\n');
    }
    const html = await readFile(`${root}/${file}`, 'utf8');
    reply.removeHeader('x-frame-options');
    return reply.header('content-security-policy', paneCsp).header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(html);
  };

  app.get('/outlook/taskpane.html', { schema: { hide: true } }, async (_request, reply) => page(reply, 'taskpane.html'));
  app.get('/outlook/demo', { schema: { hide: true } }, async (_request, reply) => page(reply, 'demo.html'));
  app.get('/outlook/demo.html', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/outlook/demo', 301));

  app.get(
    '/outlook/config.json',
    { schema: { tags: ['outlook'], summary: "The pane's sign-in settings: the service's app registration and the scope it asks for", response: { 200: PaneConfig, 404: ErrorBody } } },
    async (request, reply) => {
      const id = clientId();
      if (id === null) return reply.code(404).send({ code: 'OUTLOOK_NOT_CONFIGURED', message: 'no Microsoft tenant with an API client id (a GUID) is configured', field: null });
      return { clientId: id, authority: 'https://login.microsoftonline.com/organizations', scopes: [`api://${new URL(origin(request)).host}/${id}/access_as_user`] };
    },
  );

  app.get(
    '/outlook/demo/config.json',
    { schema: { tags: ['outlook'], summary: 'Sandbox only: the demo tenant’s people and the demo pair, for the pane demo page', response: { 200: DemoConfig, 404: ErrorBody } } },
    async (_request, reply) => {
      const tenant = options.tenants.find((t) => t.sandbox && t.demoTokens !== null);
      const runtime = tenant === undefined ? undefined : options.registry.get(tenant.tenantId);
      if (tenant === undefined || runtime === undefined) {
        return reply.code(404).send({ code: 'DEMO_ONLY', message: 'the pane demo exists only while the service runs on the sandbox', field: null });
      }
      const people = await runtime.directory.listPeople();
      const personas = options.personas === undefined ? { juniorMentor: null, seniorMentee: null } : await options.personas(tenant.tenantId);
      return {
        tenantId: tenant.tenantId,
        tenantName: runtime.tenant.name,
        people: people
          .map((p) => ({ email: p.email, name: p.name, title: p.jobTitle, department: p.department, timeZone: p.timeZone ?? 'UTC' }))
          .sort((a, b) => a.name.localeCompare(b.name)),
        ...personas,
      };
    },
  );

  const manifest = async (request: FastifyRequest, reply: FastifyReply, file: string, type: string, baseUrl: string | undefined) => {
    const id = clientId();
    if (id === null) return reply.code(404).send({ code: 'OUTLOOK_NOT_CONFIGURED', message: 'no Microsoft tenant with an API client id (a GUID) is configured', field: null });
    const rendered = renderManifest(await readFile(`${manifestsDir}/${file}`, 'utf8'), { baseUrl: baseUrl ?? origin(request), clientId: id });
    if (!rendered.ok) {
      const hint = baseUrl === undefined ? ' Set BINOME_PUBLIC_URL to the https address Outlook reaches the service at, or ask with ?baseUrl=https://….' : '';
      return reply.code(400).send({ code: rendered.code, message: `${rendered.message}.${hint}`, field: baseUrl === undefined ? rendered.field : 'baseUrl' });
    }
    return reply.header('cache-control', 'no-cache').type(type).send(rendered.text);
  };
  const manifestSchema = (summary: string) => ({ tags: ['outlook'], summary, querystring: ManifestQuery, produces: ['application/json', 'application/xml'], response: { 400: ErrorBody, 404: ErrorBody } });

  app.get('/manifests/outlook/manifest.json', { schema: manifestSchema('The unified manifest for Microsoft 365, filled in for this service (https only)') }, async (request, reply) =>
    manifest(request, reply, 'manifest.template.json', 'application/json; charset=utf-8', request.query.baseUrl),
  );
  app.get('/manifests/outlook/manifest.xml', { schema: manifestSchema('The add-in-only XML manifest, filled in for this service (https only)') }, async (request, reply) =>
    manifest(request, reply, 'manifest.template.xml', 'application/xml; charset=utf-8', request.query.baseUrl),
  );
  app.get('/manifests/outlook/en-US.json', { schema: { hide: true } }, async (_request, reply) =>
    reply.header('cache-control', 'no-cache').type('application/json; charset=utf-8').send(await readFile(`${manifestsDir}/en-US.json`, 'utf8')),
  );

  await fastify.register(fastifyStatic, { root: iconsDir, prefix: '/outlook/assets/', decorateReply: false, index: false, setHeaders: (res) => res.header('cache-control', 'public, max-age=86400') });
  if (built) {
    await fastify.register(fastifyStatic, {
      root: `${root}/static`,
      prefix: '/outlook/static/',
      decorateReply: false,
      index: false,
      // Built files carry a content hash in their name.
      setHeaders: (res) => res.header('cache-control', 'public, max-age=31536000, immutable'),
    });
  }
};

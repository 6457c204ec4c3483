import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync } from 'fastify';
import fastifyStatic from '@fastify/static';
import { outlookRoutes, type OutlookRoutesOptions } from './outlook-routes.ts';

/** Where `npm run build:ui` writes the HR pane. */
export const adminPaneDir = fileURLToPath(new URL('../../../addins/dist/admin/', import.meta.url));

/** Where the build writes the volunteer page. */
export const volunteerPageDir = fileURLToPath(new URL('../../../addins/dist/volunteer/', import.meta.url));

/**
 * Serves the built surfaces: the HR pane at /admin/ (and / leads there), and the Outlook
 * pane, its demo and its manifests when the service knows its tenants. A service started
 * before the panes were built says how to build them rather than answering 404.
 */
export const uiRoutes: FastifyPluginAsync<{ paneDir?: string; outlook?: OutlookRoutesOptions }> = async (fastify, options) => {
  if (options.outlook !== undefined) await fastify.register(outlookRoutes, options.outlook);
  await fastify.register(volunteerRoutes);
  const root = options.paneDir ?? adminPaneDir;
  fastify.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/admin/', 302));
  fastify.get('/admin', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/admin/', 301));
  if (!existsSync(`${root}/index.html`)) {
    fastify.get('/admin/*', { schema: { hide: true } }, async (_request, reply) =>
      reply
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('The HR pane is not built yet: run `npm run build:ui` (npm install does it), then reload.\n'),
    );
    return;
  }
  await fastify.register(fastifyStatic, {
    root,
    prefix: '/admin/',
    index: ['index.html'],
    // Built assets carry a content hash in their name; index.html must be read afresh.
    setHeaders: (res, path) => {
      res.header('cache-control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
};

/**
 * The volunteer page at /volunteer/{cohortId} (what invitation mails link to): one
 * page for every cohort, which reads the cohort from its own address.
 */
const volunteerRoutes: FastifyPluginAsync = async (fastify) => {
  const root = volunteerPageDir;
  const built = existsSync(`${root}/index.html`);
  fastify.get('/volunteer/:cohortId', { schema: { hide: true } }, async (_request, reply) => {
    if (!built) return reply.status(503).type('text/plain; charset=utf-8').send('The volunteer page is not built yet: run `npm run build:ui` (npm install does it), then reload.\n');
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(await readFile(`${root}/index.html`));
  });
  if (!built) return;
  await fastify.register(fastifyStatic, {
    root: `${root}/assets`,
    prefix: '/volunteer/assets/',
    decorateReply: false,
    setHeaders: (res) => {
      res.header('cache-control', 'public, max-age=31536000, immutable');
    },
  });
};

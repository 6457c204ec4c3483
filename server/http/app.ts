import Fastify, { type FastifyInstance } from 'fastify';
import fastifyHelmet from '@fastify/helmet';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Database } from '../store/database.ts';
import type { TenantRegistry } from '../runtime/tenants.ts';
import type { Clock } from '../runtime/clock.ts';
import { clientErrorHandler, frameworkErrors, installErrorHandler } from './errors.ts';
import { adminRoutes } from './admin/routes.ts';
import { uiRoutes } from './ui/routes.ts';
import { moveRoutes } from './me/move-routes.ts';
import type { TenantAuth } from '../auth/tenant-auth.ts';
import { installIdentity } from './auth/identity.ts';
import { authRoutes } from './auth/routes.ts';
import { registerSessions } from './auth/session.ts';
import { demoPersonas } from '../demo/personas.ts';
import { addOnRoutes } from './gcal/routes.ts';
import { addOnViewerRoutes, type AddOnDemo } from './gcal/viewer-routes.ts';
import { meRoutes } from './me/routes.ts';

export interface AppOptions {
  db: Database;
  registry: TenantRegistry;
  clock: Clock;
  logLevel: string;
  auth: {
    tenants: readonly TenantAuth[];
    /** 32 bytes: encrypts the pane's session cookie. */
    sessionKey: Buffer;
    /** The origin browsers use to reach the service (redirect URI, Origin checks); else each request's own. */
    publicOrigin: string | null;
  };
  /** The Google sandbox's signatures for the add-on's card viewer; demo stacks only. */
  addOnDemo?: AddOnDemo | null;
}

/** The Fastify service: the admin API and its OpenAPI document. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: options.logLevel },
    bodyLimit: 1024 * 1024,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : crypto.randomUUID();
    },
    frameworkErrors,
    clientErrorHandler,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  // No CORS plugin: the admin pane is served from this origin, so browsers refuse other origins' calls.
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Swagger UI and Fluent UI (Griffel) set styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        // Swagger UI draws its icons as data: URIs.
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'self'"],
      },
    },
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Binome API', description: 'Reverse-mentoring programmes: the HR admin API.', version: '0.1.0' },
      // "Authorize" on the OpenAPI page takes a bearer token (`binome demo-token --role hr` in the demo).
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
  await registerSessions(app, options.auth.sessionKey);
  installIdentity(app, { trusts: options.auth.tenants.map((t) => t.trust), publicOrigin: options.auth.publicOrigin });
  await app.register(authRoutes, { tenants: options.auth.tenants, publicOrigin: options.auth.publicOrigin });
  await app.register(adminRoutes, { prefix: '/api/admin', db: options.db, registry: options.registry, clock: options.clock, publicOrigin: options.auth.publicOrigin });
  await app.register(moveRoutes, { prefix: '/api/me', db: options.db, registry: options.registry, clock: options.clock });
  await addOnRoutes(app, { tenants: options.auth.tenants, registry: options.registry, clock: options.clock, publicOrigin: options.auth.publicOrigin });
  await addOnViewerRoutes(app, { demo: options.addOnDemo ?? null, publicOrigin: options.auth.publicOrigin });
  await app.register(meRoutes, { db: options.db, registry: options.registry, clock: options.clock });
  await app.register(uiRoutes, {
    outlook: { tenants: options.auth.tenants, registry: options.registry, publicOrigin: options.auth.publicOrigin, personas: (tenantId) => demoPersonas(options.db, tenantId) },
  });
  app.get('/health', { schema: { hide: true } }, async () => ({ ok: true }));
  return app;
}

import Fastify, { type FastifyInstance } from 'fastify';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Database } from '../store/database.ts';
import type { TenantRegistry } from '../runtime/tenants.ts';
import type { Clock } from '../runtime/clock.ts';
import { installErrorHandler } from './errors.ts';
import { adminRoutes } from './admin/routes.ts';

export interface AppOptions {
  db: Database;
  registry: TenantRegistry;
  clock: Clock;
  logLevel: string;
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
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Binome API', description: 'Reverse-mentoring programmes: the HR admin API.', version: '0.1.0' },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
  await app.register(adminRoutes, { prefix: '/api/admin', db: options.db, registry: options.registry, clock: options.clock });
  app.get('/health', { schema: { hide: true } }, async () => ({ ok: true }));
  return app;
}

import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../store/database.ts';
import type { TenantRegistry } from '../../runtime/tenants.ts';
import type { Clock } from '../../runtime/clock.ts';
import { resolveAdminIdentity } from '../../auth/admin-identity.ts';
import { addOverride, listOverrides } from '../../participation/training.ts';
import { ErrorBody } from '../errors.ts';
import { StoredTrainingOverride, TrainingOverrideBody } from '../../../contract/me.ts';
import { answer } from './context.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 409: ErrorBody };

/** HR edits the training content: each edit is a whole item in a newer version, laid over the built-in content. */
export const trainingAdminRoutes: FastifyPluginAsync<{ db: Database; registry: TenantRegistry; clock: Clock }> = async (fastify, options) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tenants = new WeakMap<object, string>();
  app.addHook('onRequest', async (request, reply) => {
    const identity = resolveAdminIdentity(request, options.registry);
    if (!identity.ok) return reply.status(identity.status).send({ code: identity.code, message: identity.message, field: null });
    tenants.set(request, identity.runtime.tenant.id);
    return undefined;
  });
  const tenantOf = (request: object): string => {
    const tenantId = tenants.get(request);
    if (tenantId === undefined) throw new Error('the training routes answered a caller the admin check did not settle');
    return tenantId;
  };

  app.get(
    '/overrides',
    { schema: { tags: ['training'], summary: "HR's training edits, oldest first", response: { 200: z.array(StoredTrainingOverride), ...errors } } },
    async (request) => listOverrides(options.db, tenantOf(request)),
  );

  app.post(
    '/overrides',
    {
      schema: {
        tags: ['training'],
        summary: 'Replace a guide, a document or the charter with a newer version, or add a guide for a new theme',
        description: 'Refused: a version not newer than the one in use (TRAINING_STALE_VERSION), a second guide for one theme (TRAINING_DUPLICATE_THEME).',
        body: TrainingOverrideBody,
        response: { 201: StoredTrainingOverride, ...errors },
      },
    },
    async (request, reply) => answer(reply, await addOverride(options.db, tenantOf(request), request.body, options.clock()), 201),
  );
};

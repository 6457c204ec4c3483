import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../store/database.ts';
import type { TenantRegistry } from '../../runtime/tenants.ts';
import type { Clock } from '../../runtime/clock.ts';
import { cohortIn } from '../../programme/service.ts';
import { createLedgerWatch } from '../../rollout/ledger-watch.ts';
import { resolveAdminIdentity } from '../../auth/admin-identity.ts';
import { ErrorBody, failureStatus } from '../errors.ts';
import { CohortParams } from '../../../contract/admin.ts';
import { RolloutEvent, rolloutHeartbeatMs, rolloutRetryMs, rolloutSettled, type RolloutEventName } from '../../../contract/rollout-events.ts';

export interface RolloutEventsOptions {
  db: Database;
  registry: TenantRegistry;
  clock: Clock;
}

/** How often each watched cohort's ledger version is read; a tenth of the pane's old polling, for one query whatever the number of viewers. */
const pollMs = 500;

const LastEventId = z.object({ 'last-event-id': z.string().max(64).optional() });

/** Frames one server-sent event; data is one JSON line, so it never needs splitting. */
const frame = (name: RolloutEventName, data: unknown, id?: string): string =>
  `${id === undefined ? '' : `id: ${id}\n`}event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;

const refuse = (reply: FastifyReply, status: number, body: ErrorBody): FastifyReply => reply.status(status).send(body);

/** A rollout over: nothing will move any more unless HR acts, and the pane's buttons then open a new stream. */
const over = (event: RolloutEvent): boolean => (event.status === 'running' || event.status === 'closed') && (event.total === 0 || rolloutSettled(event.counts));

/** The rollout's live progress as server-sent events, beside the polled GET …/rollout. */
export const rolloutEventsRoutes: FastifyPluginAsync<RolloutEventsOptions> = async (fastify, options) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const watch = createLedgerWatch({ intervalMs: pollMs });
  // Before the server waits for open connections to end: a stream would otherwise hold close() forever.
  app.addHook('preClose', async () => watch.close());

  app.get(
    '/cohorts/:cohortId/rollout/events',
    {
      schema: {
        tags: ['rollout'],
        summary: 'Follow the rollout live (server-sent events)',
        description:
          'A text/event-stream. `retry:` first, then a `progress` event at once and one each time the booking ledger changes ' +
          '(its data is the schema below: counts booked / pending / moving / failed and the failures with their code and params); ' +
          `a comment line every ${rolloutHeartbeatMs / 1000} s while nothing changes; an \`end\` event, then the end of the stream, once the rollout is over. ` +
          'Each progress event carries an id (the ledger version): a client reconnecting with Last-Event-ID is sent the picture again only if it changed. ' +
          'Refusals (401, 403, 404) are JSON in the usual error shape. A cookie-authenticated GET needs no CSRF token.',
        params: CohortParams,
        headers: LastEventId,
        produces: ['text/event-stream'],
        response: { 200: RolloutEvent.describe('the data of each `progress` event'), 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const identity = resolveAdminIdentity(request, options.registry);
      if (!identity.ok) return refuse(reply, identity.status, { code: identity.code, message: identity.message, field: null });
      const ctx = { db: options.db, runtime: identity.runtime, clock: options.clock };
      const found = await cohortIn(ctx, request.params.cohortId);
      if (!found.ok) return refuse(reply, failureStatus(found.error), { code: found.error.code, message: found.error.message, field: found.error.field });

      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        // Proxies that buffer (nginx) would hold the events back.
        'x-accel-buffering': 'no',
      });
      raw.write(`retry: ${rolloutRetryMs}\n\n`);

      let known = request.headers['last-event-id'];
      let ended = false;
      let unsubscribe: (() => void) | null = null;
      const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), rolloutHeartbeatMs);
      const finish = (): void => {
        if (ended) return;
        ended = true;
        clearInterval(heartbeat);
        unsubscribe?.();
        raw.end();
      };
      unsubscribe = watch.subscribe(ctx, request.params.cohortId, {
        change: (event) => {
          if (ended) return;
          if (event.version !== known) raw.write(frame('progress', event, event.version));
          known = undefined;
          if (over(event)) {
            raw.write(frame('end', { status: event.status }));
            finish();
          }
        },
        fail: () => finish(),
      });
      // The latest picture may have been handed over at once, and may have been the last one.
      if (ended) unsubscribe();
      raw.on('close', finish);
      // A socket that fails mid-write ends the stream like a client that left.
      raw.on('error', finish);
      return reply;
    },
  );
};

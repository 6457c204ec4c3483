import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SandboxContext } from '../context.ts';
import { RequestCounters } from '../counters.ts';
import type { InjectedFault } from '../faults.ts';
import type { SandboxUser } from '../state.ts';
import { readAccessToken } from './access-tokens.ts';
import { googleErrorBody, googleErrors, sendGoogleError } from './errors.ts';
import { UserQuota } from './quota.ts';
import type { ServiceAccount } from './service-account.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `token`: the OAuth endpoint; `api`: a Google API route; `batch`: the Calendar batch envelope. */
    googleRoute?: 'token' | 'api' | 'batch';
    /** Any one of these scopes lets the call through. */
    googleScopes?: readonly string[];
  }
}

/** Who a Google API call acts as: the impersonated user (null for the service account itself) and the token's scopes. */
export interface GoogleCaller {
  user: SandboxUser | null;
  scopes: string[];
}

interface RequestInfo {
  label: string;
  caller: GoogleCaller | null;
  fault: InjectedFault;
  drop: 'before' | 'after' | null;
}

const requests = new WeakMap<FastifyRequest, RequestInfo>();
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `/calendar/v3/calendars/:calendarId/events` → `/calendar/v3/calendars/{calendarId}/events`. */
export function googleEndpointLabel(method: string, routeUrl: string): string {
  return `${method} ${routeUrl.replace(/:([A-Za-z]+)/g, '{$1}')}`;
}

/** The caller the pipeline verified; routes only run after it did. */
export function callerOf(request: FastifyRequest): GoogleCaller {
  const caller = requests.get(request)?.caller;
  if (caller === undefined || caller === null) throw new Error(`no verified Google caller for ${request.method} ${request.url}`);
  return caller;
}

/** Marks a request the batch endpoint replays through the routes. */
export const batchItemHeader = 'x-sandbox-batch-item';

/**
 * What every Google request goes through, batch parts included: counting, a dropped
 * connection every N round trips, the bearer check, the scope check, latency, injected
 * faults (403 or 429 `rateLimitExceeded`, 503 `backendError` before applying, 500
 * after) and the per-user budget.
 */
export function registerGooglePipeline(app: FastifyInstance, context: SandboxContext, account: ServiceAccount): void {
  const quota = new UserQuota();
  let throttled = 0;

  app.addHook('onRequest', async (request, reply) => {
    const kind = request.routeOptions.config.googleRoute;
    const routeUrl = request.routeOptions.url;
    if (kind === undefined || routeUrl === undefined) return undefined;
    const info: RequestInfo = { label: googleEndpointLabel(request.method, routeUrl), caller: null, fault: { kind: 'none' }, drop: null };
    requests.set(request, info);
    context.counters.add(info.label);
    if (kind === 'token') return undefined;
    const batchItem = request.headers[batchItemHeader] === context.batchItemSecret;
    if (!batchItem) context.counters.add(RequestCounters.roundTrips);
    if (kind !== 'batch') context.counters.add(RequestCounters.operations);
    if (batchItem) return undefined;
    const drop = context.faults.forRoundTrip(context.knobs().faults ?? {});
    info.drop = drop;
    if (drop === 'before') {
      context.counters.add('fault: connection dropped before applying');
      reply.hijack();
      request.raw.socket.destroy();
      return reply;
    }
    if (drop === 'after') context.counters.add('fault: connection dropped after applying');
    return undefined;
  });

  app.addHook('preHandler', async (request, reply) => {
    const info = requests.get(request);
    const kind = request.routeOptions.config.googleRoute;
    if (info === undefined || kind === undefined || kind === 'token') return undefined;
    const token = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
    const claims = token === undefined ? null : readAccessToken(account.tokenSecret, token, Math.floor(Date.now() / 1000));
    const user = claims?.sub === null || claims === null ? undefined : context.state.findUser(claims.sub);
    if (claims === null || (claims.sub !== null && user === undefined)) {
      reply.header('www-authenticate', 'Bearer realm="https://accounts.google.com/", error="invalid_token"');
      return sendGoogleError(reply, 401, googleErrors.authError);
    }
    info.caller = { user: user ?? null, scopes: claims.scopes };

    const knobs = context.knobs();
    if ((knobs.latencyMs ?? 0) > 0) await sleep(knobs.latencyMs ?? 0);
    if (kind === 'batch') return undefined;

    const wanted = request.routeOptions.config.googleScopes ?? [];
    if (!wanted.some((scope) => claims.scopes.includes(scope))) {
      return reply.code(403).header('content-type', 'application/json; charset=UTF-8').send({
        error: { code: 403, message: 'Request had insufficient authentication scopes.', errors: [googleErrors.insufficientPermissions], status: 'PERMISSION_DENIED' },
      });
    }

    const fault = context.faults.forOperation(knobs.faults ?? {});
    info.fault = fault;
    if (fault.kind === 'throttle') {
      // Google answers a rate limit with either status, and with no Retry-After.
      throttled += 1;
      const status = throttled % 2 === 1 ? 403 : 429;
      context.counters.add(`fault: ${status} rateLimitExceeded injected`);
      return sendGoogleError(reply, status, googleErrors.rateLimitExceeded);
    }
    if (fault.kind === 'unavailable') {
      context.counters.add('fault: 503 injected');
      return sendGoogleError(reply, 503, googleErrors.backendError);
    }
    if (fault.kind === 'timeoutAfterApply') context.counters.add('fault: 500 after applying');

    const budget = knobs.throttle?.perMailboxPer10Min;
    if (budget !== undefined && user !== undefined && !quota.admit(user.id, budget, Date.now())) {
      context.counters.add('throttled: per-user budget');
      return sendGoogleError(reply, 403, googleErrors.rateLimitExceeded);
    }
    return undefined;
  });

  app.addHook('onSend', async (request, reply: FastifyReply, payload) => {
    const info = requests.get(request);
    if (info === undefined) return payload;
    if (info.fault.kind === 'timeoutAfterApply' && reply.statusCode < 400) {
      reply.code(500).header('content-type', 'application/json; charset=UTF-8');
      reply.removeHeader('etag');
      return JSON.stringify(googleErrorBody(500, googleErrors.backendError));
    }
    if (info.drop === 'after') request.raw.socket.destroy();
    return payload;
  });
}

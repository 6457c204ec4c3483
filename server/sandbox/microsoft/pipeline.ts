import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { GraphRouteConfig, SandboxContext } from '../context.ts';
import { RequestCounters } from '../counters.ts';
import type { InjectedFault } from '../faults.ts';
import { graphResource, graphResourceAppId, verifyToken, type GraphClaims } from '../identity/tokens.ts';
import { faultMessages, graphErrorBody, requestIdsOf, sendGraphError, throttledBody } from './errors.ts';
import { grants, requiredAppPermission, requiredDelegatedPermission } from './permissions.ts';
import { defaultPerMailboxPer10Min } from './throttle.ts';

/** What the pipeline learnt about a request, for the later hooks. */
interface RequestInfo {
  graph: boolean;
  batchItem: boolean;
  label: string;
  claims: GraphClaims | null;
  fault: InjectedFault;
  drop: 'before' | 'after' | null;
}

const requests = new WeakMap<FastifyRequest, RequestInfo>();
/** The Content-Type of Graph's JSON answers (json-batching doc sample). */
const odataJson = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';
const batchLabel = 'POST /$batch';
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `/v1.0/users/:id/calendar/getSchedule` → `/users/{id}/calendar/getSchedule`. */
export function endpointLabel(method: string, routeUrl: string): string {
  const path = routeUrl.replace(/^\/v1\.0(?=\/|$)/, '').replace(/:([A-Za-z]+)/g, '{$1}');
  return `${method} ${path === '' ? '/' : path}`;
}

function isGraphRoute(routeUrl: string): boolean {
  return routeUrl.startsWith('/v1.0/') || routeUrl === '/$batch';
}

function routeConfig(request: FastifyRequest): GraphRouteConfig {
  const config = request.routeOptions.config as Partial<GraphRouteConfig> | undefined;
  return { access: config?.access ?? 'directory' };
}

/** Retry-After in whole seconds, as HTTP defines delay-seconds and Graph sends it, never 0. */
async function sendThrottled(reply: FastifyReply, retryAfterSeconds: number) {
  return reply.code(429).header('retry-after', String(Math.max(1, Math.ceil(retryAfterSeconds)))).header('content-type', 'application/json').send(throttledBody(requestIdsOf(reply.request)));
}

const unauthorizedMessages: Record<string, string> = {
  empty: 'Access token is empty.',
  malformed: 'IDX14100: JWT is not well formed, there are no dots (.).',
  expired: 'Lifetime validation failed, the token is expired.',
  audience: 'Access token validation failure. Invalid audience.',
  issuer: 'Access token validation failure. Invalid issuer.',
  signature: 'Access token validation failure. Signature validation failed.',
  tenant: 'Access token validation failure. Invalid tenant.',
};

/**
 * What every Graph request goes through, batch items included: counting, a dropped
 * connection every N round trips, bearer validation, latency, injected faults and
 * the per-mailbox budget. Batch items share the path, so one code path answers both.
 */
export function registerGraphPipeline(app: FastifyInstance, context: SandboxContext): void {

  app.addHook('onRequest', async (request, reply) => {
    const routeUrl = request.routeOptions.url;
    const graph = routeUrl !== undefined && isGraphRoute(routeUrl);
    const batchItem = request.headers['x-sandbox-batch-item'] === context.batchItemSecret;
    const label = routeUrl === undefined ? `${request.method} (unknown route)` : endpointLabel(request.method, routeUrl);
    const info: RequestInfo = { graph, batchItem, label, claims: null, fault: { kind: 'none' }, drop: null };
    requests.set(request, info);
    context.counters.add(label);
    if (!graph && !/^\/(v1\.0\/|\$batch)/.test(request.url)) return undefined;
    const ids = requestIdsOf(request);
    reply.header('request-id', ids.requestId).header('client-request-id', ids.clientRequestId);
    if (!batchItem) context.counters.add(RequestCounters.roundTrips);
    if (label !== batchLabel) context.counters.add(RequestCounters.operations);
    if (batchItem) return;
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
    if (info === undefined || !info.graph) return undefined;
    const header = request.headers.authorization ?? '';
    const token = /^Bearer\s+(.*)$/i.exec(header)?.[1]?.trim() ?? '';
    const verified = await verifyToken(context.tokens, token, [graphResource, graphResourceAppId]);
    if (!verified.ok) {
      reply.header('www-authenticate', `Bearer realm="", authorization_uri="${context.urls.authority}/oauth2/authorize", client_id="${graphResourceAppId}"`);
      return sendGraphError(reply, 401, 'InvalidAuthenticationToken', unauthorizedMessages[verified.failure.reason] ?? 'Access token validation failure.');
    }
    info.claims = verified.claims;
    // Graph checks the app's consented permissions before anything else of the request.
    const routeUrl = request.routeOptions.url;
    const required = verified.claims.idtyp === 'app' && routeUrl !== undefined ? requiredAppPermission(request.method, routeUrl) : null;
    if (required !== null && !grants(required, verified.claims.roles ?? [])) {
      context.counters.add('refused: app permission missing');
      return sendGraphError(reply, 403, required.code, required.message);
    }
    if (verified.claims.idtyp === 'user') {
      const scopes = (verified.claims.scp ?? '').split(' ');
      const delegated = routeUrl === undefined ? null : requiredDelegatedPermission(request.method, routeUrl);
      if (delegated !== null && !grants(delegated, scopes)) {
        context.counters.add('refused: delegated permission missing');
        return sendGraphError(reply, 403, delegated.code, delegated.message);
      }
      // Who a delegated call acts for, so tests can tell on-behalf-of reads from app-only ones.
      if (info.label !== batchLabel) context.counters.add(`delegated: ${verified.claims.upn ?? verified.claims.oid} ${info.label}`);
    }

    const knobs = context.knobs();
    if ((knobs.latencyMs ?? 0) > 0) await sleep(knobs.latencyMs ?? 0);

    const { access } = routeConfig(request);
    if (access === 'batch') return undefined;

    const fault = context.faults.forOperation(knobs.faults ?? {});
    info.fault = fault;
    if (fault.kind === 'throttle') {
      context.counters.add('fault: 429 injected');
      return sendThrottled(reply, fault.retryAfterSeconds);
    }
    if (fault.kind === 'unavailable') {
      context.counters.add('fault: 503 injected');
      return sendGraphError(reply, 503, faultMessages.unavailable.code, faultMessages.unavailable.message);
    }
    if (fault.kind === 'timeoutAfterApply') context.counters.add('fault: 504 after applying');

    if (access === 'mailbox' || access === 'schedule') {
      const idParam = (request.params as Record<string, string | undefined>)['id'];
      const user = idParam === undefined ? undefined : context.state.findUser(idParam);
      if (user === undefined) return undefined;
      // A user token reaches its own mailbox only, free/busy included (asked from one's own calendar).
      if (verified.claims.idtyp === 'user' && verified.claims.oid !== user.id) {
        return sendGraphError(reply, 403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
      }
      const budget = knobs.throttle?.perMailboxPer10Min ?? defaultPerMailboxPer10Min;
      const admitted = context.throttle.admit(user.id, budget, Date.now());
      if (!admitted.ok) {
        context.counters.add('throttled: mailbox budget');
        return sendThrottled(reply, admitted.retryAfterSeconds);
      }
    }
    return undefined;
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const info = requests.get(request);
    if (info === undefined) return payload;
    if (info.fault.kind === 'timeoutAfterApply' && reply.statusCode < 400) {
      reply.code(504).header('content-type', 'application/json');
      reply.removeHeader('location');
      return JSON.stringify(graphErrorBody(faultMessages.timeout.code, faultMessages.timeout.message, requestIdsOf(request)));
    }
    if (reply.hasHeader('request-id')) {
      reply.header('cache-control', 'no-cache');
      // Graph's OData answers say so; its error bodies are plain JSON.
      if (reply.statusCode < 400 && String(reply.getHeader('content-type') ?? '').startsWith('application/json')) {
        reply.header('content-type', odataJson).header('odata-version', '4.0');
      }
    }
    if (info.drop === 'after') request.raw.socket.destroy();
    return payload;
  });
}

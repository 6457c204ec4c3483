import type { FastifyInstance } from 'fastify';
import { decodeJwt } from 'jose';
import type { SandboxContext } from '../context.ts';
import type { SandboxFacade } from '../facade.ts';
import { registerBatchRoutes } from './batch.ts';
import { sendGraphError } from './errors.ts';
import { registerEventRoutes } from './events.ts';
import { registerGroupRoutes } from './groups.ts';
import { registerMailboxSettingsRoutes } from './mailbox-settings.ts';
import { registerMailRoutes } from './mail.ts';
import { binomeTagOf } from './extended-property.ts';
import { registerGraphPipeline } from './pipeline.ts';
import { registerScheduleRoutes } from './schedule.ts';
import { RouteTable } from './unmatched.ts';
import { registerUserRoutes } from './users.ts';

function graphPath(url: string): boolean {
  return /^\/(v1\.0(\/|$)|\$batch)/.test(url);
}

/**
 * `/v1.0/me/…` is `/v1.0/users/<oid>/…` for a delegated token. The token is only
 * decoded here to route; the Graph pipeline verifies it like any other.
 */
function rewriteMe(url: string, authorization: string | undefined): string {
  const match = /^\/v1\.0\/me(?=[/?]|$)(.*)$/i.exec(url);
  if (match === null) return url;
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (token === undefined) return url;
  try {
    const claims = decodeJwt(token);
    if (claims['idtyp'] !== 'user' || typeof claims['oid'] !== 'string') return url;
    return `/v1.0/users/${encodeURIComponent(claims['oid'])}${match[1] ?? ''}`;
  } catch {
    return url;
  }
}

/** Microsoft Graph v1.0 on the sandbox host: the directory, calendars, mail and `$batch`. */
export function microsoftFacade(): SandboxFacade {
  const routes = new RouteTable();
  return {
    platform: 'microsoft',
    register(app: FastifyInstance, context: SandboxContext) {
      app.addHook('onRoute', (route) => routes.add(route.method, route.url));
      registerGraphPipeline(app, context);
      registerUserRoutes(app, context);
      registerMailboxSettingsRoutes(app, context);
      registerGroupRoutes(app, context);
      registerScheduleRoutes(app, context);
      registerEventRoutes(app, context);
      registerMailRoutes(app, context);
      registerBatchRoutes(app, context);
    },
    urls: (origin) => ({ graph: `${origin}/v1.0` }),
    binomeTagOf: (event) => binomeTagOf(event.extendedProperties),
    rewriteUrl: (url, authorization) => routes.canonical(rewriteMe(url, authorization)),
    async notFound(request, reply) {
      if (!graphPath(request.url)) return false;
      const path = request.url.split('?')[0] ?? '';
      if (/^\/v1\.0\/me(\/|$)/i.test(path)) {
        await sendGraphError(reply, 400, 'BadRequest', '/me request is only valid with delegated authentication flow.');
        return true;
      }
      const unmatched = routes.explain(request.method, path);
      if (unmatched.kind === 'method') {
        await sendGraphError(reply.header('allow', unmatched.allowed.join(', ')), 405, 'Request_BadRequest', 'Specified HTTP method is not allowed for the request target.');
      } else {
        await sendGraphError(reply, 400, 'BadRequest', `Resource not found for the segment '${unmatched.segment}'.`);
      }
      return true;
    },
    async error(request, reply, status, message) {
      if (!graphPath(request.url)) return false;
      await sendGraphError(reply, status, status === 500 ? 'generalException' : 'BadRequest', status === 500 ? 'General exception while processing.' : message);
      return true;
    },
  };
}

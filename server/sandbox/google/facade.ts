import { googleBinomeTagOf } from './binome-tag.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SandboxContext } from '../context.ts';
import type { SandboxFacade } from '../facade.ts';
import { registerBatchRoute } from './batch.ts';
import { registerCalendarRoutes } from './calendar.ts';
import { registerDirectoryRoutes } from './directory.ts';
import { isAdmin } from './directory-user.ts';
import { registerEventRoutes } from './events.ts';
import { registerGmailRoutes } from './gmail.ts';
import { googleErrors, sendGoogleError, sendOAuthError } from './errors.ts';
import { registerGoogleTokenRoute, tokenPath } from './oauth.ts';
import { registerGooglePipeline } from './pipeline.ts';
import { loadServiceAccount, writeKeyFileTokenUri, type ServiceAccount } from './service-account.ts';

const googlePath = /^\/(admin\/directory\/v1|calendar\/v3|gmail\/v1|batch\/calendar\/v3)(\/|\?|$)/;

function isTokenPath(request: FastifyRequest): boolean {
  return request.url.split('?')[0] === tokenPath;
}

/**
 * Google Workspace on the sandbox host: the OAuth token endpoint (service account,
 * domain-wide delegation), Admin SDK Directory, Calendar v3 with its batch endpoint,
 * and Gmail send, at Google's own paths on the sandbox origin.
 */
export function googleFacade(): SandboxFacade {
  let account: ServiceAccount | null = null;
  let origin = '';
  const accountOf = (context: SandboxContext): ServiceAccount => {
    account ??= loadServiceAccount(context.state.stateDir, context.state.tenant.id);
    return account;
  };
  return {
    platform: 'google',
    binomeTagOf: googleBinomeTagOf,
    register(app, context) {
      const loaded = accountOf(context);
      registerGooglePipeline(app, context, loaded);
      registerGoogleTokenRoute(app, context, loaded, () => `${origin}${tokenPath}`);
      registerDirectoryRoutes(app, context);
      registerCalendarRoutes(app, context);
      registerEventRoutes(app, context);
      registerBatchRoute(app, context);
      registerGmailRoutes(app, context);
    },
    urls(listeningOrigin, context) {
      origin = listeningOrigin;
      const loaded = accountOf(context);
      writeKeyFileTokenUri(loaded, `${origin}${tokenPath}`);
      const admin = context.state.listUsers().find(isAdmin);
      return {
        googleApiRoot: `${origin}/`,
        googleTokenUrl: `${origin}${tokenPath}`,
        googleServiceAccountKeyFile: loaded.keyFilePath,
        ...(admin === undefined ? {} : { googleAdminEmail: admin.email }),
      };
    },
    async notFound(request: FastifyRequest, reply: FastifyReply) {
      if (!googlePath.test(request.url)) return false;
      await sendGoogleError(reply, 404, googleErrors.notFound);
      return true;
    },
    async error(request: FastifyRequest, reply: FastifyReply, status: number) {
      if (isTokenPath(request)) {
        await sendOAuthError(reply, status === 500 ? 500 : 400, status === 500 ? 'server_error' : 'invalid_request', status === 500 ? 'Internal error.' : 'Bad Request');
        return true;
      }
      if (!googlePath.test(request.url)) return false;
      // A body that is not JSON is Google's "Parse Error"; anything unexpected its backendError.
      if (status === 500) await sendGoogleError(reply, 500, googleErrors.backendError);
      else await sendGoogleError(reply, 400, { domain: 'global', reason: 'parseError', message: 'Parse Error' });
      return true;
    },
  };
}

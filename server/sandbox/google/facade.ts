import type { FastifyInstance } from 'fastify';
import type { SandboxContext } from '../context.ts';
import { registerBatchRoute } from './batch.ts';
import { registerCalendarRoutes } from './calendar.ts';
import { registerDirectoryRoutes } from './directory.ts';
import { isAdmin } from './directory-user.ts';
import { registerEventRoutes } from './events.ts';
import { registerGmailRoutes } from './gmail.ts';
import { registerGoogleTokenRoute, tokenPath } from './oauth.ts';
import { registerGooglePipeline } from './pipeline.ts';
import { loadServiceAccount, writeKeyFileTokenUri, type ServiceAccount } from './service-account.ts';

export { googleTokenUrl } from './service-account.ts';

/** What a Google client needs to reach the facade. */
export interface GoogleFacadeDescription {
  /** Replaces `https://www.googleapis.com/` (per-API `rootUrl` for googleapis); ends with a slash. */
  apiRoot: string;
  /** Replaces `https://oauth2.googleapis.com/token`. */
  tokenUrl: string;
  /** The service-account JSON key file (domain-wide delegation granted). */
  serviceAccountKeyFile: string;
  serviceAccountEmail: string;
  /** A super admin of the domain to impersonate for Directory calls. */
  adminEmail: string | null;
  domain: string;
}

export interface GoogleFacade {
  account: ServiceAccount;
  /** Adds the Google routes and their pipeline to the app; call before it listens. */
  register(app: FastifyInstance, context: SandboxContext): void;
  /** Once the app listens on `origin`: points the key file at it and says what clients need. */
  describe(origin: string, context: SandboxContext): Promise<GoogleFacadeDescription>;
}

/**
 * The Google Workspace facade: the OAuth token endpoint (service account, domain-wide
 * delegation), Admin SDK Directory, Calendar v3 (with its batch endpoint) and Gmail
 * send, at Google's own paths on the sandbox origin.
 */
export async function openGoogleFacade(stateDir: string, tenantId: string): Promise<GoogleFacade> {
  const account = await loadServiceAccount(stateDir, tenantId);
  let origin = '';
  return {
    account,
    register(app, context) {
      registerGooglePipeline(app, context, account);
      registerGoogleTokenRoute(app, context, account, () => `${origin}${tokenPath}`);
      registerDirectoryRoutes(app, context);
      registerCalendarRoutes(app, context);
      registerEventRoutes(app, context);
      registerBatchRoute(app, context);
      registerGmailRoutes(app, context);
    },
    async describe(listeningOrigin, context) {
      origin = listeningOrigin;
      const tokenUrl = `${origin}${tokenPath}`;
      await writeKeyFileTokenUri(account, tokenUrl);
      const admin = context.state.listUsers().find(isAdmin);
      return {
        apiRoot: `${origin}/`,
        tokenUrl,
        serviceAccountKeyFile: account.keyFilePath,
        serviceAccountEmail: account.key.client_email,
        adminEmail: admin?.email ?? null,
        domain: context.state.tenant.domain,
      };
    },
  };
}

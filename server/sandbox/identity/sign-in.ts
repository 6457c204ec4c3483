import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SandboxContext } from '../context.ts';
import type { CodeStore} from './authorize.ts';
import { AuthorizeRequest, loopbackRedirect, stringFields, type OidcClient } from './authorize.ts';
import { filterField, renderSignInPage, type SignInLanguage } from './sign-in-page.ts';

/** One OpenID issuer of the sandbox offering the demo sign-in (the Entra-like one, the Google-like one). */
export interface SignInIssuer {
  clients(): OidcClient[];
  /** Whether the path's tenant segment (if any) is this issuer's. */
  accepts(request: FastifyRequest): boolean;
}

function language(fields: Record<string, string>, acceptLanguage: string | undefined): SignInLanguage {
  const asked = fields['lang'] ?? fields['ui_locales']?.split(/\s+/)[0] ?? acceptLanguage?.split(',')[0] ?? 'fr';
  return asked.toLowerCase().startsWith('en') ? 'en' : 'fr';
}

/** A request the client or redirect URI of which cannot be trusted: said on a page, never redirected. */
function refusePage(reply: FastifyReply, message: string) {
  return reply.code(400).type('text/plain; charset=utf-8').send(`Sandbox demo sign-in refused the request: ${message}`);
}

function redirectWith(reply: FastifyReply, redirectUri: string, parameters: Record<string, string | undefined>) {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(parameters)) if (value !== undefined) url.searchParams.set(name, value);
  return reply.code(302).header('cache-control', 'no-store').redirect(url.toString());
}

/**
 * The authorization endpoint of the code flow (PKCE S256 required): GET shows the
 * demo sign-in page, POST takes the person picked and redirects back with a code.
 * The codes go to `store`, which the issuer's token endpoint redeems.
 */
export function registerSignIn(app: FastifyInstance, context: SandboxContext, path: string, issuer: SignInIssuer, store: CodeStore): void {
  const handle = async (request: FastifyRequest, reply: FastifyReply, fields: Record<string, string>) => {
    if (!issuer.accepts(request)) return reply.code(404).send({ error: 'invalid_tenant', error_description: 'unknown tenant' });
    const clientId = fields['client_id'];
    if (clientId === undefined || !issuer.clients().some((c) => c.clientId === clientId)) return refusePage(reply, `unknown client_id "${clientId ?? ''}"`);
    const redirectUri = fields['redirect_uri'];
    if (redirectUri === undefined || !loopbackRedirect(redirectUri)) return refusePage(reply, 'redirect_uri must be an http(s) address on this machine (127.0.0.1, localhost or [::1])');
    const parsed = AuthorizeRequest.safeParse(fields);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return redirectWith(reply, redirectUri, { error: 'invalid_request', error_description: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`, state: fields['state'] });
    }
    const people = [...context.state.users.values()];
    if (request.method === 'GET') {
      const parameters = Object.fromEntries(Object.entries(fields).filter(([name]) => name !== 'person'));
      const html = renderSignInPage({
        language: language(fields, request.headers['accept-language']),
        tenantName: context.state.tenant.name,
        clientId,
        action: request.url.split('?')[0] ?? path,
        parameters,
        people,
        featured: context.signInFeatured,
        filter: (fields[filterField] ?? '').trim().slice(0, 100),
      });
      return reply.header('cache-control', 'no-store').header('x-frame-options', 'DENY').type('text/html; charset=utf-8').send(html);
    }
    const person = people.find((p) => p.id === fields['person']);
    if (person === undefined) return redirectWith(reply, redirectUri, { error: 'access_denied', error_description: 'no person was picked', state: parsed.data.state });
    const code = store.issue(parsed.data, person.id, Date.now());
    return redirectWith(reply, redirectUri, { code, state: parsed.data.state });
  };
  // The sandbox's HTTPS app reads forms already; its plain-HTTP page app does not until now.
  if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) {
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(typeof body === 'string' ? body : body.toString('utf8'))));
    });
  }
  app.get(path, async (request, reply) => handle(request, reply, stringFields(request.query)));
  app.post(path, async (request, reply) => handle(request, reply, stringFields(request.body)));
}

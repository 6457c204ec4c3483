import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { FixturePerson, TenantFixture } from '../../src/model/fixture.ts';
import type { SandboxContext } from './context.ts';
import { RequestCounters } from './counters.ts';
import { dumpCalendars, type CalendarsDumpEvent } from './dump.ts';
import type { SandboxFacade } from './facade.ts';
import { facadeFor } from './facades.ts';
import { FaultPlan } from './faults.ts';
import { MailboxThrottle } from './microsoft/throttle.ts';
import { loadAppRegistration, loadSigningKey } from './identity/keys.ts';
import { registerIdentityRoutes } from './identity/routes.ts';
import { googleIssuerPath, googleOAuthClient, googleSubject, issueAddOnSystemToken, issueGoogleIdToken, type AddOnSystemTokenOptions, type GoogleIdTokenOptions } from './identity/google.ts';
import { googleTokenContext } from './identity/google-routes.ts';
import { issueUserToken, type UserTokenOptions } from './identity/tokens.ts';
import { registerCalendarPage } from './page/calendar-page.ts';
import { SandboxState, userFromFixture, type SandboxUser, type SentMail } from './state.ts';
import { ensureTls } from './tls.ts';
import { resolveZone, windowsZoneOf } from './zones.ts';

export type { SandboxKnobs, SandboxUrls } from './options.ts';
import type { SandboxKnobs, SandboxUrls } from './options.ts';
import type { FeaturedRole } from './identity/featured.ts';
export type { CalendarsDumpEvent } from './dump.ts';



/** A change to one person of the directory, as a fixture would write it (test and demo use). */
export type PersonChange = Partial<Pick<FixturePerson, 'email' | 'name' | 'jobTitle' | 'department' | 'office' | 'managerId' | 'timeZone' | 'languages'>>;

export interface SandboxHandle {
  urls: SandboxUrls;
  credentials: { tenantId: string; clientId: string; clientSecret: string };
  ca: { certPem: string; certPath: string };
  /**
   * By endpoint label ("POST /$batch", "POST /users/{id}/calendar/getSchedule",
   * "POST /{tenant}/oauth2/v2.0/token"…); items inside a $batch are counted under their
   * own label too. Totals: "total HTTP round trips" and "total Graph operations"
   * (batch items count, the batch envelope does not); faults under "fault: …" and
   * "throttled: mailbox budget".
   */
  requestCounts(): Record<string, number>;
  calendars(): Record<string, CalendarsDumpEvent[]>;
  setKnobs(knobs: SandboxKnobs): void;
  /** Mail accepted by sendMail, oldest first. */
  sentMail(): SentMail[];
  /** The Graph object id of a person, by fixture id or email. */
  userId(fixtureIdOrEmail: string): string | undefined;
  /** A person's id as the tenant's platform names them in tokens and configuration: the Graph object id, or Google's directory id (the ID token's `sub`). */
  directoryId(fixtureIdOrEmail: string): string | undefined;
  /** A token shaped like Office SSO's for a person (audience: the app id by default), signed by the sandbox issuer. */
  issueUserToken(fixtureIdOrEmail: string, options?: UserTokenOptions): Promise<string>;
  /** The sandbox's Google-like OAuth client for sign-in (its issuer is `urls.googleIssuer`). */
  googleOAuthClient: { clientId: string; clientSecret: string };
  /** A Google ID token for a person (`sub` = directory id, `hd` = the tenant domain), signed by the Google-like issuer. */
  issueGoogleIdToken(fixtureIdOrEmail: string, options: GoogleIdTokenOptions): Promise<string>;
  /** The system ID token Google sends a Workspace add-on endpoint (`aud` = the endpoint URL). */
  issueAddOnSystemToken(options: AddOnSystemTokenOptions): Promise<string>;
  /** Names the demo's people (by fixture id or email) so the demo sign-in page shows them first, saying what each is in the demo; replaces any earlier list. */
  featureOnSignIn(featured: readonly { ref: string; role: FeaturedRole }[]): void;
  /** Directory changes, seen by /users/delta (journaled like every change). */
  updatePerson(fixtureIdOrEmail: string, change: PersonChange): void;
  addPerson(person: FixturePerson): void;
  removePerson(fixtureIdOrEmail: string): void;
  close(): Promise<void>;
}

export interface StartSandboxOptions {
  fixture: TenantFixture;
  stateDir: string;
  /** Default: the port of the previous start on this state folder when free, else any free port. */
  port?: number;
  host?: string;
  knobs?: SandboxKnobs;
  /**
   * Also serve the read-only calendar page over plain HTTP on this loopback port,
   * so a person opens it in any browser without trusting the sandbox CA first.
   */
  pagePort?: number;
}

function buildApp(tls: { serverCertPem: string; serverKeyPem: string }, facade: SandboxFacade): FastifyInstance {
  const app = Fastify({
    https: { key: tls.serverKeyPem, cert: tls.serverCertPem },
    logger: false,
    rewriteUrl: (request) => facade.rewriteUrl?.(request.url ?? '/', request.headers.authorization) ?? request.url ?? '/',
    bodyLimit: 4 * 1024 * 1024,
    routerOptions: { maxParamLength: 500 },
  }) as unknown as FastifyInstance;
  app.removeContentTypeParser('application/json');
  // Graph accepts an empty body on actions such as /cancel or /accept.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      const error = new Error('Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.') as FastifyError;
      error.statusCode = 400;
      done(error, undefined);
    }
  });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    done(null, Object.fromEntries(new URLSearchParams(text)));
  });
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  return app;
}

async function choosePort(stateDir: string, requested: number | undefined): Promise<number[]> {
  if (requested !== undefined) return [requested];
  const path = join(stateDir, 'port.json');
  if (!existsSync(path)) return [0];
  const previous = (JSON.parse(await readFile(path, 'utf8')) as { port?: number }).port;
  return typeof previous === 'number' ? [previous, 0] : [0];
}

/**
 * Starts the sandbox on loopback HTTPS: the neutral host (state, journal, faults,
 * identity emulator, calendar page) and the facade of the fixture's platform, seeded
 * from `fixture` on the first start of `stateDir`.
 */
export async function startSandbox(options: StartSandboxOptions): Promise<SandboxHandle> {
  const facade = facadeFor(options.fixture.tenant.platform);
  const host = options.host ?? '127.0.0.1';
  await mkdir(options.stateDir, { recursive: true });
  // A first start's keys are made on the thread pool while this thread seeds the state.
  const [tls, state, key] = await Promise.all([
    ensureTls(options.stateDir),
    SandboxState.open(options.fixture, options.stateDir),
    loadSigningKey(options.stateDir),
  ]);
  const registration = await loadAppRegistration(options.stateDir, state.tenant.id);
  let knobs: SandboxKnobs = options.knobs ?? {};
  const urls: SandboxUrls = { origin: '', graph: '', authority: '', tokenEndpoint: '', issuer: '', jwks: '', googleIssuer: '', calendarPage: '', signInOrigin: '' };
  const tokens = { issuer: '', tenantGuid: state.tenantGuid, key };
  const faults = new FaultPlan(knobs.seed ?? 1);
  const context: SandboxContext = {
    state,
    tokens,
    key,
    app: registration,
    urls,
    knobs: () => knobs,
    counters: new RequestCounters(),
    faults,
    throttle: new MailboxThrottle(),
    batchItemSecret: randomBytes(16).toString('hex'),
    binomeTagOf: (event) => facade.binomeTagOf(event),
    signInFeatured: new Map(),
  };

  const app = buildApp(tls, facade);
  app.setNotFoundHandler(async (request, reply) => {
    if (await facade.notFound(request, reply)) return reply;
    return reply.code(404).send({ error: 'not_found', error_description: `No route ${request.method} ${request.url.split('?')[0]}` });
  });
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (await facade.error(request, reply, status, error.message)) return reply;
    return reply.code(status).send({ error: status === 500 ? 'server_error' : 'invalid_request', error_description: error.message });
  });

  // The plain-HTTP page app serves the pages a person opens (calendar, demo sign-in); routes go in before either app listens.
  const pageApp = options.pagePort === undefined ? null : Fastify({ logger: false });
  registerIdentityRoutes(app, context, pageApp);
  facade.register(app, context);
  registerCalendarPage(app, context);

  let port = 0;
  let lastError: unknown = null;
  for (const candidate of await choosePort(options.stateDir, options.port)) {
    try {
      await app.listen({ host, port: candidate });
      const address = app.server.address();
      port = typeof address === 'object' && address !== null ? address.port : candidate;
      lastError = null;
      break;
    } catch (error) {
      lastError = error;
    }
  }
  if (lastError !== null) {
    state.close();
    throw lastError;
  }
  await writeFile(join(options.stateDir, 'port.json'), JSON.stringify({ port }));

  const origin = `https://${host.includes(':') ? `[${host}]` : host}:${port}`;
  Object.assign(urls, {
    origin,
    graph: '',
    authority: `${origin}/${state.tenantGuid}`,
    tokenEndpoint: `${origin}/${state.tenantGuid}/oauth2/v2.0/token`,
    issuer: `${origin}/${state.tenantGuid}/v2.0`,
    jwks: `${origin}/${state.tenantGuid}/discovery/v2.0/keys`,
    googleIssuer: `${origin}${googleIssuerPath}`,
    calendarPage: `${origin}/calendar`,
    signInOrigin: origin,
  } satisfies SandboxUrls, facade.urls(origin, context));
  tokens.issuer = urls.issuer;

  if (pageApp !== null && options.pagePort !== undefined) {
    registerCalendarPage(pageApp, context);
    pageApp.get('/', async (_request, reply) => reply.redirect('/calendar'));
    await pageApp.listen({ host, port: options.pagePort });
    const address = pageApp.server.address();
    const pagePort = typeof address === 'object' && address !== null ? address.port : options.pagePort;
    const pageOrigin = `http://${host.includes(':') ? `[${host}]` : host}:${pagePort}`;
    urls.calendarPage = `${pageOrigin}/calendar`;
    urls.signInOrigin = pageOrigin;
  }

  const personOrThrow = (fixtureIdOrEmail: string): SandboxUser => {
    const user = [...state.users.values()].find((u) => u.fixtureId === fixtureIdOrEmail) ?? state.findUser(fixtureIdOrEmail);
    if (user === undefined) throw new Error(`no person "${fixtureIdOrEmail}" in the sandbox directory`);
    return user;
  };
  const zoneOrThrow = (name: string): string => {
    const zone = resolveZone(name);
    if (zone === null || windowsZoneOf(zone) === null) throw new Error(`timeZone "${name}" has no Windows name`);
    return zone;
  };
  const managerGraphId = (fixtureId: string | undefined): string | null => (fixtureId === undefined ? null : personOrThrow(fixtureId).id);

  let closed = false;
  return {
    urls,
    credentials: { tenantId: state.tenantGuid, clientId: registration.clientId, clientSecret: registration.clientSecret },
    ca: { certPem: tls.caCertPem, certPath: tls.caCertPath },
    requestCounts: () => context.counters.snapshot(),
    calendars: () => dumpCalendars(state, context.binomeTagOf),
    setKnobs(next) {
      knobs = next;
      if (next.seed !== undefined) faults.reseed(next.seed);
    },
    sentMail: () => [...state.sentMail],
    userId: (ref) => {
      try {
        return personOrThrow(ref).id;
      } catch {
        return undefined;
      }
    },
    directoryId: (ref) => {
      const user = [...state.users.values()].find((u) => u.fixtureId === ref) ?? state.findUser(ref);
      if (user === undefined) return undefined;
      return options.fixture.tenant.platform === 'google' ? googleSubject(user) : user.id;
    },
    issueUserToken: (ref, tokenOptions = {}) => issueUserToken(tokens, registration.clientId, personOrThrow(ref), tokenOptions),
    googleOAuthClient: googleOAuthClient(registration),
    issueGoogleIdToken: (ref, tokenOptions) => issueGoogleIdToken(googleTokenContext(context), personOrThrow(ref), tokenOptions),
    issueAddOnSystemToken: (tokenOptions) => issueAddOnSystemToken(googleTokenContext(context), tokenOptions),
    featureOnSignIn(featured) {
      context.signInFeatured.clear();
      for (const { ref, role } of featured) {
        const user = [...state.users.values()].find((u) => u.fixtureId === ref) ?? state.findUser(ref);
        if (user !== undefined && !context.signInFeatured.has(user.id)) context.signInFeatured.set(user.id, role);
      }
    },
    updatePerson(ref, change) {
      const user = personOrThrow(ref);
      const next: SandboxUser = {
        ...user,
        email: change.email ?? user.email,
        displayName: change.name ?? user.displayName,
        jobTitle: change.jobTitle ?? user.jobTitle,
        department: change.department ?? user.department,
        officeLocation: change.office ?? user.officeLocation,
        managerId: 'managerId' in change ? managerGraphId(change.managerId) : user.managerId,
        timeZone: change.timeZone === undefined ? user.timeZone : zoneOrThrow(change.timeZone),
        languages: change.languages ?? user.languages,
        version: state.directoryVersion + 1,
      };
      state.commit([{ t: 'user.put', user: next }]);
    },
    addPerson(person) {
      const user = userFromFixture(
        person,
        `person ${person.id}`,
        { id: state.userIdForFixture(person.id), managerIdOf: (fixtureId) => managerGraphId(fixtureId) },
        state.directoryVersion + 1,
      );
      state.commit([{ t: 'user.put', user }]);
    },
    removePerson(ref) {
      const user = personOrThrow(ref);
      state.commit([{ t: 'user.remove', id: user.id, version: state.directoryVersion + 1 }]);
    },
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      await pageApp?.close();
      state.close();
    },
  };
}

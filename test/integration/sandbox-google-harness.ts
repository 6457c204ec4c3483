import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { SignJWT, importPKCS8 } from 'jose';
import { Agent, fetch } from 'undici';
import { TenantFixture } from '../../src/model/fixture.ts';
import type { SandboxContext } from '../../server/sandbox/context.ts';
import { RequestCounters } from '../../server/sandbox/counters.ts';
import { FaultPlan } from '../../server/sandbox/faults.ts';
import { openGoogleFacade, type GoogleFacadeDescription } from '../../server/sandbox/google/facade.ts';
import { loadAppRegistration, loadSigningKey } from '../../server/sandbox/identity/keys.ts';
import { MailboxThrottle } from '../../server/sandbox/microsoft/throttle.ts';
import type { SandboxKnobs } from '../../server/sandbox/options.ts';
import { SandboxState } from '../../server/sandbox/state.ts';
import { ensureTls } from '../../server/sandbox/tls.ts';

/** A small Google Workspace tenant: a CEO (the admin), two managers, staff in Paris, New York and Kathmandu, one group. */
export function googleFixture(extraPeople = 0): TenantFixture {
  const week = { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '18:00' };
  const people: unknown[] = [
    { id: 'u1', email: 'ana.martin@fabrikam.example', name: 'Ana Martin', jobTitle: 'Data analyst', department: 'Finance', office: 'Paris', hireDate: '2024-09-02', managerId: 'u2', timeZone: 'Europe/Paris', languages: ['fr', 'en'], workingHours: week, busy: [{ start: '2027-01-04T09:00:00+01:00', end: '2027-01-04T10:00:00+01:00', subject: 'Team sync' }, { start: '2027-01-04T09:30:00+01:00', end: '2027-01-04T11:00:00+01:00', subject: 'Overlap' }] },
    { id: 'u2', email: 'bruno.leroy@fabrikam.example', name: 'Bruno Leroy', jobTitle: 'Head of finance', department: 'Finance', office: 'Paris', managerId: 'u7', timeZone: 'Europe/Paris', languages: ['fr'], workingHours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:30', end: '17:30' }, busy: [] },
    { id: 'u3', email: 'carla.diaz@fabrikam.example', name: 'Carla Díaz', jobTitle: 'Engineer', department: 'IT', office: 'New York', managerId: 'u7', timeZone: 'America/New_York', languages: ['en', 'es'], workingHours: week, busy: [{ start: '2027-01-05T14:00:00Z', end: '2027-01-05T15:30:00Z', subject: 'Board prep' }] },
    { id: 'u4', email: 'dev.thapa@fabrikam.example', name: 'Dev Thapa', jobTitle: 'Developer', department: 'IT', office: 'Kathmandu', managerId: 'u3', timeZone: 'Asia/Kathmandu', languages: ['en', 'ne'], workingHours: { days: ['sun', 'mon', 'tue', 'wed', 'thu'], start: '10:00', end: '18:00' }, busy: [] },
    { id: 'u7', email: 'eve.moreau@fabrikam.example', name: 'Eve Moreau', jobTitle: 'CEO', department: 'Board', office: 'Paris', timeZone: 'Europe/Paris', languages: ['fr', 'en'], workingHours: week, busy: [] },
  ];
  for (let i = 0; i < extraPeople; i += 1) {
    people.push({ id: `x${i}`, email: `person${String(i).padStart(3, '0')}@fabrikam.example`, name: `Person ${i}`, department: 'Ops', managerId: 'u2', timeZone: 'Europe/Paris', languages: ['fr'], workingHours: week });
  }
  return TenantFixture.parse({
    tenant: { id: 'fabrikam', name: 'Fabrikam', domain: 'fabrikam.example', platform: 'google' },
    people,
    groups: [{ id: 'hr', name: 'HR team', members: ['u2', 'u7'] }],
  });
}

export interface GoogleSandbox {
  stateDir: string;
  agent: Agent;
  google: GoogleFacadeDescription;
  caCertPem: string;
  setKnobs(knobs: SandboxKnobs): void;
  counts(): Record<string, number>;
  state: SandboxState;
  /** A signed service-account assertion, claims overridable for negative tests. */
  assertion(claims: Record<string, unknown>, options?: { key?: string; kid?: string }): Promise<string>;
  /** A Google access token for `subject` with `scopes` (all the facade's by default). */
  token(subject: string, scopes?: string[]): Promise<string>;
  call(method: string, path: string, options?: { token?: string; body?: unknown; headers?: Record<string, string>; raw?: string }): Promise<{ status: number; headers: Headers; text: string; json: GoogleBody }>;
  close(): Promise<void>;
}

/** Loose view over a Google JSON answer, for assertions. */
export type GoogleBody = Record<string, unknown> & {
  error?: { code: number; message: string; errors: { domain: string; reason: string; message: string }[] };
  items?: Record<string, unknown>[];
};

export const allScopes = [
  'https://www.googleapis.com/auth/admin.directory.user.readonly',
  'https://www.googleapis.com/auth/admin.directory.group.member.readonly',
  'https://www.googleapis.com/auth/calendar',
  'https://www.googleapis.com/auth/gmail.send',
];

function buildApp(tls: { serverCertPem: string; serverKeyPem: string }): FastifyInstance {
  const app = Fastify({ https: { key: tls.serverKeyPem, cert: tls.serverCertPem }, logger: false, routerOptions: { maxParamLength: 2000 } }) as unknown as FastifyInstance;
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(typeof body === 'string' ? body : body.toString('utf8'))));
  });
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  return app;
}

/** Starts the Google facade alone on a loopback HTTPS app (until the provider-neutral host serves it). */
export async function openGoogleSandbox(options: { fixture?: TenantFixture; knobs?: SandboxKnobs; stateDir?: string } = {}): Promise<GoogleSandbox> {
  const stateDir = options.stateDir ?? (await mkdtemp(join(tmpdir(), 'binome-gsandbox-')));
  const fixture = options.fixture ?? googleFixture();
  const tls = await ensureTls(stateDir);
  const state = await SandboxState.open(fixture, stateDir);
  const key = await loadSigningKey(stateDir);
  let knobs: SandboxKnobs = options.knobs ?? {};
  const faults = new FaultPlan(knobs.seed ?? 1);
  const context: SandboxContext = {
    state,
    tokens: { issuer: '', tenantGuid: state.tenantGuid, key },
    key,
    app: await loadAppRegistration(stateDir, state.tenant.id),
    urls: { origin: '', graph: '', authority: '', tokenEndpoint: '', issuer: '', jwks: '', calendarPage: '' },
    knobs: () => knobs,
    counters: new RequestCounters(),
    faults,
    throttle: new MailboxThrottle(),
    batchItemSecret: randomBytes(16).toString('hex'),
  };
  const facade = await openGoogleFacade(stateDir, state.tenant.id);
  const app = buildApp(tls);
  facade.register(app, context);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const google = await facade.describe(`https://127.0.0.1:${port}`, context);
  const agent = new Agent({ connect: { ca: tls.caCertPem } });

  const call: GoogleSandbox['call'] = async (method, path, callOptions = {}) => {
    const headers: Record<string, string> = { ...(callOptions.token === undefined ? {} : { authorization: `Bearer ${callOptions.token}` }), ...(callOptions.body === undefined ? {} : { 'content-type': 'application/json' }), ...callOptions.headers };
    const body = callOptions.raw ?? (callOptions.body === undefined ? undefined : JSON.stringify(callOptions.body));
    const response = await fetch(`${google.apiRoot}${path.replace(/^\//, '')}`, { dispatcher: agent, method, headers, ...(body === undefined ? {} : { body }) });
    const text = await response.text();
    let json: GoogleBody = {};
    try {
      json = text === '' ? {} : (JSON.parse(text) as GoogleBody);
    } catch {
      json = {};
    }
    return { status: response.status, headers: response.headers as unknown as Headers, text, json };
  };

  const assertion: GoogleSandbox['assertion'] = async (claims, signOptions = {}) => {
    const now = Math.floor(Date.now() / 1000);
    const privateKey = await importPKCS8(signOptions.key ?? facade.account.key.private_key, 'RS256');
    return new SignJWT({ iss: google.serviceAccountEmail, aud: google.tokenUrl, iat: now, exp: now + 3600, scope: allScopes.join(' '), ...claims })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: signOptions.kid ?? facade.account.key.private_key_id })
      .sign(privateKey);
  };

  const token: GoogleSandbox['token'] = async (subject, scopes = allScopes) => {
    const form = new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: await assertion({ sub: subject, scope: scopes.join(' ') }) });
    const response = await call('POST', '/token', { raw: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const accessToken = response.json['access_token'];
    if (typeof accessToken !== 'string') throw new Error(`no token for ${subject}: ${response.text}`);
    return accessToken;
  };

  return {
    stateDir,
    agent,
    google,
    caCertPem: tls.caCertPem,
    state,
    setKnobs(next) {
      knobs = next;
      if (next.seed !== undefined) faults.reseed(next.seed);
    },
    counts: () => context.counters.snapshot(),
    assertion,
    token,
    call,
    async close() {
      await app.close();
      await agent.close();
      state.close();
    },
  };
}

export async function removeGoogleState(stateDir: string): Promise<void> {
  await rm(stateDir, { recursive: true, force: true });
}

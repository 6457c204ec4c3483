import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, importPKCS8 } from 'jose';
import { Agent, fetch } from 'undici';
import { TenantFixture } from '../../src/model/fixture.ts';
import { startSandbox, type SandboxHandle, type SandboxKnobs } from '../../server/sandbox/server.ts';

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

/** What the Google tests use: the facade's addresses as a client sees them. */
export interface GoogleAddresses {
  apiRoot: string;
  tokenUrl: string;
  serviceAccountKeyFile: string;
  serviceAccountEmail: string;
  /** A person at the top of the tree: the sandbox makes them a super admin. */
  adminEmail: string | null;
}

export interface GoogleSandbox {
  stateDir: string;
  agent: Agent;
  handle: SandboxHandle;
  google: GoogleAddresses;
  setKnobs(knobs: SandboxKnobs): void;
  /** A signed service-account assertion, claims overridable for negative tests. */
  assertion(claims: Record<string, unknown>, options?: { key?: string; kid?: string }): Promise<string>;
  /** A Google access token for `subject` with `scopes` (all the facade's by default). */
  token(subject: string, scopes?: string[]): Promise<string>;
  call(method: string, path: string, options?: { token?: string; body?: unknown; headers?: Record<string, string>; raw?: string }): Promise<{ status: number; headers: Headers; text: string; json: GoogleBody }>;
  close(): Promise<void>;
}

/** Loose view over a Google JSON answer, for assertions. */
export type GoogleBody = Record<string, unknown> & {
  error?: { code: number; message: string; errors: { domain: string; reason: string; message: string; location?: string }[] };
  items?: Record<string, unknown>[];
};

export const allScopes = [
  'https://www.googleapis.com/auth/admin.directory.user.readonly',
  'https://www.googleapis.com/auth/admin.directory.group.member.readonly',
  'https://www.googleapis.com/auth/calendar',
  'https://www.googleapis.com/auth/gmail.send',
];

/** Starts the sandbox host with a Google tenant: the fixture's platform picks the Google facade. */
export async function openGoogleSandbox(options: { fixture?: TenantFixture; knobs?: SandboxKnobs; stateDir?: string } = {}): Promise<GoogleSandbox> {
  const stateDir = options.stateDir ?? (await mkdtemp(join(tmpdir(), 'binome-gsandbox-')));
  const fixture = options.fixture ?? googleFixture();
  const handle = await startSandbox({ fixture, stateDir, ...(options.knobs === undefined ? {} : { knobs: options.knobs }) });
  const { googleApiRoot, googleTokenUrl, googleServiceAccountKeyFile } = handle.urls;
  if (googleApiRoot === undefined || googleTokenUrl === undefined || googleServiceAccountKeyFile === undefined) throw new Error('the sandbox did not start its Google facade');
  const key = JSON.parse(await readFile(googleServiceAccountKeyFile, 'utf8')) as { client_email: string; private_key: string; private_key_id: string };
  const google: GoogleAddresses = {
    apiRoot: googleApiRoot,
    tokenUrl: googleTokenUrl,
    serviceAccountKeyFile: googleServiceAccountKeyFile,
    serviceAccountEmail: key.client_email,
    adminEmail: handle.urls.googleAdminEmail ?? null,
  };
  const agent = new Agent({ connect: { ca: handle.ca.certPem } });

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
    const privateKey = await importPKCS8(signOptions.key ?? key.private_key, 'RS256');
    return new SignJWT({ iss: google.serviceAccountEmail, aud: google.tokenUrl, iat: now, exp: now + 3600, scope: allScopes.join(' '), ...claims })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: signOptions.kid ?? key.private_key_id })
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
    handle,
    google,
    setKnobs: (knobs) => handle.setKnobs(knobs),
    assertion,
    token,
    call,
    async close() {
      await handle.close();
      await agent.close();
    },
  };
}

export async function removeGoogleState(stateDir: string): Promise<void> {
  await rm(stateDir, { recursive: true, force: true });
}

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, fetch } from 'undici';
import { TenantFixture } from '../../src/model/fixture.ts';
import { startSandbox, type SandboxHandle, type SandboxKnobs } from '../../server/sandbox/server.ts';

/** A small Contoso: a CEO, two managers, juniors and seniors across Paris, New York and Kathmandu. */
export function sandboxFixture(extraPeople = 0): TenantFixture {
  const people: unknown[] = [
    { id: 'u1', email: 'ana.martin@contoso.example', name: 'Ana Martin', jobTitle: 'Data analyst', department: 'Finance', office: 'Paris', hireDate: '2024-09-02', managerId: 'u7', timeZone: 'Europe/Paris', languages: ['fr', 'en'], workingHours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '18:00' }, busy: [{ start: '2027-01-04T09:00:00+01:00', end: '2027-01-04T10:00:00+01:00', subject: 'Team sync' }] },
    { id: 'u2', email: 'bruno.leroy@contoso.example', name: 'Bruno Leroy', jobTitle: 'Head of sales', department: 'Sales', office: 'Paris', hireDate: '2009-03-16', managerId: 'u7', timeZone: 'Europe/Paris', languages: ['fr'], workingHours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:30', end: '17:30' }, busy: [] },
    { id: 'u3', email: 'carla.diaz@contoso.example', name: 'Carla Díaz <CFO>', jobTitle: 'Chief financial officer', department: 'Finance', office: 'New York', hireDate: '2012-06-01', managerId: 'u7', timeZone: 'America/New_York', languages: ['en', 'es'], workingHours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' }, busy: [{ start: '2027-01-05T14:00:00Z', end: '2027-01-05T15:30:00Z', subject: 'Board prep' }] },
    { id: 'u4', email: 'dev.thapa@contoso.example', name: 'Dev Thapa', jobTitle: 'Developer', department: 'IT', office: 'Kathmandu', hireDate: '2025-01-06', managerId: 'u2', timeZone: 'Asia/Kathmandu', languages: ['en', 'ne'], workingHours: { days: ['sun', 'mon', 'tue', 'wed', 'thu'], start: '10:00', end: '18:00' }, busy: [] },
    { id: 'u7', email: 'eve.moreau@contoso.example', name: 'Eve Moreau', jobTitle: 'CEO', department: 'Board', office: 'Paris', hireDate: '2001-01-15', timeZone: 'Europe/Paris', languages: ['fr', 'en'], workingHours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '19:00' }, busy: [] },
  ];
  for (let i = 0; i < extraPeople; i += 1) {
    people.push({ id: `x${i}`, email: `person${i}@contoso.example`, name: `Person ${i}`, department: 'Ops', managerId: 'u2', timeZone: 'Europe/Paris', languages: ['fr'], workingHours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' } });
  }
  return TenantFixture.parse({ tenant: { id: 'contoso', name: 'Contoso', domain: 'contoso.example', platform: 'microsoft' }, people });
}

export interface SandboxClient {
  sandbox: SandboxHandle;
  stateDir: string;
  agent: Agent;
  token(): Promise<string>;
  /** A Graph call with the app token; `path` is relative to /v1.0 unless absolute. */
  graph(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; headers: Headers; body: GraphBody }>;
  raw(url: string, init?: { method?: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; headers: Headers; text: string }>;
  close(): Promise<void>;
}

/** Loose view over a Graph JSON answer, for assertions. */
export type GraphBody = Record<string, unknown> & {
  value?: Record<string, unknown>[];
  error?: { code: string; message: string };
};

export async function openSandbox(options: { fixture?: TenantFixture; knobs?: SandboxKnobs; stateDir?: string } = {}): Promise<SandboxClient> {
  const stateDir = options.stateDir ?? (await mkdtemp(join(tmpdir(), 'binome-sandbox-')));
  const sandbox = await startSandbox({ fixture: options.fixture ?? sandboxFixture(), stateDir, ...(options.knobs === undefined ? {} : { knobs: options.knobs }) });
  const agent = new Agent({ connect: { ca: sandbox.ca.certPem } });
  let cached: string | null = null;

  const raw: SandboxClient['raw'] = async (url, init = {}) => {
    const response = await fetch(url, { dispatcher: agent, method: init.method ?? 'GET', headers: init.headers ?? {}, ...(init.body === undefined ? {} : { body: init.body }) });
    return { status: response.status, headers: response.headers as unknown as Headers, text: await response.text() };
  };

  const token = async (): Promise<string> => {
    if (cached !== null) return cached;
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: sandbox.credentials.clientId,
      client_secret: sandbox.credentials.clientSecret,
      scope: 'https://graph.microsoft.com/.default',
    });
    const response = await raw(sandbox.urls.tokenEndpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
    cached = (JSON.parse(response.text) as { access_token: string }).access_token;
    return cached;
  };

  const graph: SandboxClient['graph'] = async (method, path, body, headers = {}) => {
    const url = path.startsWith('https://') ? path : `${sandbox.urls.graph}${path}`;
    const response = await raw(url, {
      method,
      headers: { authorization: `Bearer ${await token()}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, headers: response.headers, body: (response.text === '' ? {} : JSON.parse(response.text)) as GraphBody };
  };

  return {
    sandbox,
    stateDir,
    agent,
    token,
    graph,
    raw,
    async close() {
      await sandbox.close();
      await agent.close();
    },
  };
}

export async function removeState(stateDir: string): Promise<void> {
  await rm(stateDir, { recursive: true, force: true });
}

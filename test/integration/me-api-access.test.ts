import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantFixture } from '../../src/model/fixture.ts';
import { sandboxTenantConfig } from '../../server/providers/registry.ts';
import { startService, type Service } from '../../server/runtime/service.ts';
import { startSandbox, type SandboxHandle } from '../../server/sandbox/server.ts';
import { bookings, cohorts } from '../../server/store/schema.ts';
import { charter } from '../../src/training/charter.ts';
import { smallTenant } from '../support/small-tenant.ts';

/**
 * The participant API with real tokens signed by each tenant's identity emulator:
 * two tenants in one service, a cohort volunteered for, matched, published and
 * booked, then every read and change tried by its owner, the partner, another
 * pair, HR and the other tenant.
 */

const otherTenant = (): TenantFixture => {
  const base = smallTenant();
  return {
    tenant: { id: 'globex', name: 'Globex', domain: 'globex.example', platform: 'microsoft' },
    people: base.people.map((p) => ({ ...p, email: p.email.replace('@acme.example', '@globex.example') })),
  };
};

const cohortBody = { name: 'Pilote', format: 'classic', sessions: 3, sessionMinutes: 60, start: '2027-01-11', weeks: 6 };
const hr = 'helene.roux@acme.example';
const chloe = 'chloe.martin@acme.example';
const julie = 'julie.moreau@acme.example';
const lucas = 'lucas.bernard@acme.example';
const marc = 'marc.petit@acme.example';
const volunteering = {
  [chloe]: { role: 'mentor', themes: ['ai', 'data'], languages: ['fr', 'en'], format: 'video' },
  [julie]: { role: 'mentee', themes: ['ai'], languages: ['fr', 'en'], format: 'video' },
  [lucas]: { role: 'mentor', themes: ['social-networks'], languages: ['fr'], format: 'video' },
  [marc]: { role: 'mentee', themes: ['social-networks', 'data'], languages: ['fr'], format: 'video' },
};

let acme: SandboxHandle;
let globex: SandboxHandle;
let dirs: string[];
let service: Service;
let cohortId: string;
let chloePair: string;
let lucasPair: string;

type Answer = { status: number; body: unknown };
const tokens = new Map<string, string>();
async function tokenFor(email: string): Promise<string> {
  const known = tokens.get(email);
  if (known !== undefined) return known;
  const sandbox = email.endsWith('@globex.example') ? globex : acme;
  const token = await sandbox.issueUserToken(email);
  tokens.set(email, token);
  return token;
}

async function call(as: string | null, method: string, path: string, body?: unknown): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (as !== null) headers.authorization = `Bearer ${as.includes('@') ? await tokenFor(as) : as}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${service.apiUrl}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
}

const setStatus = (status: string) =>
  service.store.db
    .update(cohorts)
    .set({ status })
    .where(and(eq(cohorts.tenantId, 'acme'), eq(cohorts.cohortId, cohortId)));

beforeAll(async () => {
  dirs = [await mkdtemp(join(tmpdir(), 'binome-me-a-')), await mkdtemp(join(tmpdir(), 'binome-me-b-'))];
  acme = await startSandbox({ fixture: smallTenant(), stateDir: dirs[0] ?? '' });
  globex = await startSandbox({ fixture: otherTenant(), stateDir: dirs[1] ?? '' });
  const configA = sandboxTenantConfig(acme, smallTenant().tenant);
  const configB = sandboxTenantConfig(globex, otherTenant().tenant);
  service = await startService({
    tenants: [
      { ...configA, hr: { people: [acme.userId(hr) ?? ''] } },
      { ...configB, hr: { people: [globex.userId('u1') ?? ''] } },
    ],
    databaseUrl: null,
    dataDir: null,
    clockStart: '2027-01-04T08:00:00Z',
    workers: 1,
    logLevel: 'silent',
  });
  const created = await call(hr, 'POST', '/api/admin/cohorts', cohortBody);
  cohortId = (created.body as { cohortId: string }).cohortId;
  // Opening a cohort for volunteering is HR's step in the cohort's life (the admin API); here the store is set directly.
  await setStatus('open');
}, 60_000);

afterAll(async () => {
  await service.close();
  await acme.close();
  await globex.close();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('volunteering for an open cohort', () => {
  it('shows the open cohort with its themes to anyone in the tenant, and nothing to another tenant', async () => {
    const mine = await call(chloe, 'GET', '/api/me/cohorts');
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual([expect.objectContaining({ cohortId, status: 'open', canChange: true, volunteering: null, pairId: null })]);
    expect((mine.body as { themes: string[] }[])[0]?.themes).toContain('ai');
    expect(await call('chloe.martin@globex.example', 'GET', '/api/me/cohorts')).toEqual({ status: 200, body: [] });
    expect((await call('chloe.martin@globex.example', 'GET', `/api/me/cohorts/${cohortId}`)).status).toBe(404);
  });

  it('refuses a theme the cohort does not offer, naming it, and stores nothing', async () => {
    const refused = await call(chloe, 'PUT', `/api/me/cohorts/${cohortId}/volunteering`, { ...volunteering[chloe], themes: ['ai', 'blockchain'] });
    expect(refused).toMatchObject({ status: 400, body: { code: 'THEME_NOT_OFFERED', field: 'themes.1' } });
    const badLanguage = await call(chloe, 'PUT', `/api/me/cohorts/${cohortId}/volunteering`, { ...volunteering[chloe], languages: ['french'] });
    expect(badLanguage).toMatchObject({ status: 400, body: { code: 'INVALID_INPUT', field: 'languages.0' } });
    const noRole = await call(chloe, 'PUT', `/api/me/cohorts/${cohortId}/volunteering`, { ...volunteering[chloe], role: 'boss' });
    expect(noRole).toMatchObject({ status: 400, body: { code: 'INVALID_INPUT', field: 'role' } });
    const hours = await call(chloe, 'PUT', `/api/me/cohorts/${cohortId}/volunteering`, { ...volunteering[chloe], workingHours: { days: ['mon'], start: '18:00', end: '09:00' } });
    expect(hours).toMatchObject({ status: 400, body: { code: 'INVALID_INPUT', field: 'workingHours.end' } });
    expect((await call(chloe, 'GET', `/api/me/cohorts/${cohortId}`)).body).toMatchObject({ volunteering: null });
  });

  it('lets a person volunteer, change their mind and withdraw while the cohort is open', async () => {
    const first = await call(lucas, 'PUT', `/api/me/cohorts/${cohortId}/volunteering`, { ...volunteering[lucas], workingHours: { days: ['mon', 'tue'], start: '09:00', end: '17:00' } });
    expect(first).toMatchObject({ status: 200, body: { volunteering: { role: 'mentor', themes: ['social-networks'], source: 'volunteer', workingHours: { days: ['mon', 'tue'] } } } });
    const changed = await call(lucas, 'PUT', `/api/me/cohorts/${cohortId}/volunteering`, { ...volunteering[lucas], role: 'mentee' });
    expect(changed).toMatchObject({ status: 200, body: { volunteering: { role: 'mentee', workingHours: null } } });
    expect(await call(lucas, 'DELETE', `/api/me/cohorts/${cohortId}/volunteering`)).toEqual({ status: 204, body: null });
    expect(await call(lucas, 'DELETE', `/api/me/cohorts/${cohortId}/volunteering`)).toMatchObject({ status: 404, body: { code: 'NOT_VOLUNTEERED' } });
    for (const [email, answer] of Object.entries(volunteering)) {
      expect((await call(email, 'PUT', `/api/me/cohorts/${cohortId}/volunteering`, answer)).status).toBe(200);
    }
  });

  it('refuses changes once volunteering is closed, and a draft cohort stays unseen', async () => {
    await setStatus('draft');
    const enrolled = await call(hr, 'GET', `/api/admin/cohorts/${cohortId}/enrolments`);
    expect((enrolled.body as { email: string }[]).map((e) => e.email).sort()).toEqual([chloe, julie, lucas, marc]);
    expect(await call(chloe, 'PUT', `/api/me/cohorts/${cohortId}/volunteering`, volunteering[chloe])).toMatchObject({ status: 404, body: { code: 'COHORT_NOT_FOUND' } });
    expect((await call(hr, 'POST', `/api/admin/cohorts/${cohortId}/matching`)).status).toBe(200);
    expect(await call(chloe, 'DELETE', `/api/me/cohorts/${cohortId}/volunteering`)).toMatchObject({ status: 409, body: { code: 'COHORT_NOT_OPEN', field: 'cohortId' } });
    expect((await call(chloe, 'GET', `/api/me/cohorts/${cohortId}`)).body).toMatchObject({ status: 'matched', canChange: false, pairId: null });
    // A proposal HR has not published is not shown to the people in it.
    expect(await call(chloe, 'GET', '/api/me/pairs')).toEqual({ status: 200, body: [] });
  });
});

describe('pairs, sessions, notes and feedback, each for its owner only', () => {
  beforeAll(async () => {
    expect((await call(hr, 'POST', `/api/admin/cohorts/${cohortId}/publish`)).status).toBe(200);
    expect((await call(hr, 'POST', `/api/admin/cohorts/${cohortId}/rollout`)).status).toBe(202);
    const [worker] = service.workers;
    while (worker !== undefined && (await worker.tick()) > 0);
    chloePair = ((await call(chloe, 'GET', '/api/me/pairs')).body as { pairId: string }[])[0]?.pairId ?? '';
    lucasPair = ((await call(lucas, 'GET', '/api/me/pairs')).body as { pairId: string }[])[0]?.pairId ?? '';
    // The first session took place: the service's clock is fixed, so the ledger's slot is put in the past.
    await service.store.db
      .update(bookings)
      .set({ startsAt: '2027-01-03T09:00:00Z', endsAt: '2027-01-03T10:00:00Z' })
      .where(and(eq(bookings.tenantId, 'acme'), eq(bookings.pairId, chloePair), eq(bookings.session, 1)));
  }, 60_000);

  // Graph reports Montréal's mailbox zone by its Windows name, which maps back to America/New_York (the same offsets).
  it('shows each person their partner, the reasons and the sessions booked, in their own time zone', async () => {
    const chloes = await call(chloe, 'GET', '/api/me/pairs');
    expect(chloes.body).toEqual([
      expect.objectContaining({
        pairId: chloePair,
        myRole: 'mentor',
        partner: expect.objectContaining({ name: 'Julie Moreau', email: julie, title: 'Sales director', department: 'Sales', office: 'Montréal', themes: ['ai'], role: 'mentee', timeZone: 'America/New_York' }),
        reasons: expect.arrayContaining([expect.objectContaining({ code: 'SHARED_THEMES', message: expect.any(String), params: expect.any(Object) })]),
      }),
    ]);
    const sessions = (await call(julie, 'GET', '/api/me/sessions')).body as { start: string; state: string; timeZone: string; partnerName: string; tag: string; ended: boolean }[];
    expect(sessions).toHaveLength(3);
    expect(sessions.every((s) => s.state === 'booked' && s.timeZone === 'America/New_York' && s.partnerName === 'Chloé Martin' && s.start.endsWith('-05:00'))).toBe(true);
    expect(sessions.map((s) => s.ended)).toEqual([true, false, false]);
    const chloeSessions = (await call(chloe, 'GET', '/api/me/sessions')).body as { start: string }[];
    expect(chloeSessions.every((s) => s.start.endsWith('+01:00'))).toBe(true);
    expect(new Set(chloeSessions.map((s) => Date.parse(s.start)))).toEqual(new Set(sessions.map((s) => Date.parse(s.start))));
  });

  it('finds a session from the tag on its calendar event for both partners, and for nobody else', async () => {
    const [first] = (await call(chloe, 'GET', '/api/me/sessions')).body as { tag: string; session: number }[];
    const tag = first?.tag ?? '';
    expect(await call(julie, 'GET', `/api/me/sessions/lookup?tag=${tag}`)).toMatchObject({ status: 200, body: { pairId: chloePair, session: 1 } });
    const eventId = (first as { eventId: string | null } | undefined)?.eventId ?? '';
    expect(eventId).not.toBe('');
    expect(await call(chloe, 'GET', `/api/me/sessions/lookup?tag=${encodeURIComponent(eventId)}`)).toMatchObject({ status: 200, body: { pairId: chloePair, session: 1, eventId } });
    expect(await call(lucas, 'GET', `/api/me/sessions/lookup?tag=${tag}`)).toMatchObject({ status: 404, body: { code: 'SESSION_NOT_FOUND' } });
    expect(await call('julie.moreau@globex.example', 'GET', `/api/me/sessions/lookup?tag=${tag}`)).toMatchObject({ status: 404 });
    expect(await call(julie, 'GET', '/api/me/sessions/lookup')).toMatchObject({ status: 400, body: { code: 'INVALID_INPUT', field: 'querystring.tag' } });
  });

  it("answers 404 for another pair's pair, sessions, notes and feedback, as for ids that do not exist", async () => {
    for (const path of [`/api/me/pairs/${lucasPair}`, `/api/me/sessions/${lucasPair}/1`, `/api/me/sessions/${lucasPair}/1/notes`, `/api/me/sessions/${lucasPair}/1/feedback`]) {
      const answer = await call(chloe, 'GET', path);
      expect(answer.status, path).toBe(404);
      expect(answer.body).toMatchObject({ code: 'PAIR_NOT_FOUND' });
    }
    expect(await call(chloe, 'POST', `/api/me/sessions/${lucasPair}/1/notes`, { body: 'sneaky' })).toMatchObject({ status: 404, body: { code: 'PAIR_NOT_FOUND' } });
    expect(await call(chloe, 'GET', '/api/me/pairs/p000000000000000')).toMatchObject({ status: 404, body: { code: 'PAIR_NOT_FOUND', field: 'pairId' } });
    expect(await call(chloe, 'GET', `/api/me/sessions/${chloePair}/4`)).toMatchObject({ status: 404, body: { code: 'SESSION_NOT_FOUND', field: 'session' } });
    expect(await call(chloe, 'POST', `/api/me/sessions/${chloePair}/4/notes`, { body: 'too far' })).toMatchObject({ status: 404, body: { code: 'SESSION_NOT_FOUND', field: 'session' } });
    expect(await call('chloe.martin@globex.example', 'POST', `/api/me/sessions/${chloePair}/1/notes`, { body: 'other tenant' })).toMatchObject({ status: 404, body: { code: 'PAIR_NOT_FOUND' } });
    expect(await call(chloe, 'GET', '/api/me/pairs/not-a-pair')).toMatchObject({ status: 400, body: { code: 'INVALID_INPUT', field: 'params.pairId' } });
    expect(await call('chloe.martin@globex.example', 'GET', `/api/me/pairs/${chloePair}`)).toMatchObject({ status: 404 });
    expect(await call('chloe.martin@globex.example', 'GET', '/api/me/sessions')).toEqual({ status: 200, body: [] });
  });

  it('keeps a note private to its author until it is shared; the partner reads a shared note but cannot change it', async () => {
    const notes = `/api/me/sessions/${chloePair}/1/notes`;
    const secret = await call(chloe, 'POST', notes, { body: 'Julie seems to dread the AI tools: start small' });
    expect(secret).toMatchObject({ status: 201, body: { shared: false, mine: true, authorName: 'Chloé Martin' } });
    const shared = await call(chloe, 'POST', notes, { body: 'Next time: try a prompt on your own sales notes', shared: true });
    const secretId = (secret.body as { noteId: string }).noteId;
    const sharedId = (shared.body as { noteId: string }).noteId;
    expect(((await call(chloe, 'GET', notes)).body as { noteId: string }[]).map((n) => n.noteId)).toEqual([secretId, sharedId]);
    expect((await call(julie, 'GET', notes)).body).toEqual([expect.objectContaining({ noteId: sharedId, mine: false, authorName: 'Chloé Martin' })]);
    expect(await call(julie, 'PATCH', `/api/me/notes/${sharedId}`, { body: 'rewritten' })).toMatchObject({ status: 403, body: { code: 'NOTE_NOT_YOURS' } });
    expect(await call(julie, 'DELETE', `/api/me/notes/${sharedId}`)).toMatchObject({ status: 403, body: { code: 'NOTE_NOT_YOURS' } });
    expect(await call(julie, 'PATCH', `/api/me/notes/${secretId}`, { body: 'rewritten' })).toMatchObject({ status: 404, body: { code: 'NOTE_NOT_FOUND' } });
    expect(await call(lucas, 'PATCH', `/api/me/notes/${sharedId}`, { body: 'rewritten' })).toMatchObject({ status: 404, body: { code: 'NOTE_NOT_FOUND' } });
    expect(await call('chloe.martin@globex.example', 'DELETE', `/api/me/notes/${secretId}`)).toMatchObject({ status: 404 });
    // Editing the text keeps the note as shared as it was; unsharing hides it from the partner again.
    expect(await call(chloe, 'PATCH', `/api/me/notes/${sharedId}`, { body: 'Next time: a prompt on your own notes' })).toMatchObject({ status: 200, body: { shared: true } });
    expect(await call(chloe, 'PATCH', `/api/me/notes/${sharedId}`, { shared: false })).toMatchObject({ status: 200, body: { shared: false } });
    expect((await call(julie, 'GET', notes)).body).toEqual([]);
    expect(await call(chloe, 'PATCH', `/api/me/notes/${sharedId}`, {})).toMatchObject({ status: 400, body: { code: 'INVALID_INPUT' } });
    expect(await call(chloe, 'POST', notes, { body: '   ' })).toMatchObject({ status: 400, body: { code: 'INVALID_INPUT', field: 'body' } });
    expect(await call(chloe, 'DELETE', `/api/me/notes/${secretId}`)).toEqual({ status: 204, body: null });
    expect(await call(chloe, 'DELETE', `/api/me/notes/${secretId}`)).toMatchObject({ status: 404, body: { code: 'NOTE_NOT_FOUND' } });
  });

  it("never shows notes to HR: HR's token reads a pair's notes as any other stranger", async () => {
    const notes = `/api/me/sessions/${chloePair}/1/notes`;
    await call(chloe, 'POST', notes, { body: 'shared with Julie only', shared: true });
    expect(await call(hr, 'GET', notes)).toMatchObject({ status: 404, body: { code: 'PAIR_NOT_FOUND' } });
    const app = await (await fetch(`${service.apiUrl}/api/me/session`, { headers: { authorization: `Bearer ${await tokenFor(hr)}` } })).json();
    expect(app).toMatchObject({ roles: ['hr', 'participant'] });
  });

  it("refuses HR's routes to a participant, and the participant API to an application token", async () => {
    expect(await call(chloe, 'GET', '/api/admin/cohorts')).toMatchObject({ status: 403, body: { code: 'ROLE_REQUIRED' } });
    expect(await call(chloe, 'GET', '/api/admin/training/overrides')).toMatchObject({ status: 403, body: { code: 'ROLE_REQUIRED' } });
    expect(await call(chloe, 'POST', '/api/admin/training/overrides', { kind: 'charter', item: { ...charter, version: 9 } })).toMatchObject({ status: 403 });
    expect(await call(null, 'GET', '/api/me/pairs')).toMatchObject({ status: 401, body: { code: 'TOKEN_MISSING' } });
    expect(await call('not-a-token', 'GET', '/api/me/pairs')).toMatchObject({ status: 401, body: { code: 'TOKEN_MALFORMED' } });
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: acme.credentials.clientId, client_secret: acme.credentials.clientSecret, scope: `api://${acme.credentials.clientId}/.default` });
    const { token } = await appToken(form);
    expect(await call(token, 'GET', '/api/me/pairs')).toMatchObject({ status: 403, body: { code: 'PERSON_REQUIRED' } });
  });

  it('takes feedback once a session has ended, one per person, updated when given again', async () => {
    const feedback = (n: number) => `/api/me/sessions/${chloePair}/${n}/feedback`;
    const answer = { satisfaction: 4, wouldRecommend: true, learnt: 'How Julie sells', comment: '' };
    expect(await call(chloe, 'PUT', feedback(2), answer)).toMatchObject({ status: 409, body: { code: 'SESSION_NOT_ENDED', field: 'session' } });
    expect(await call(chloe, 'GET', feedback(1))).toMatchObject({ status: 404, body: { code: 'FEEDBACK_NOT_GIVEN' } });
    expect(await call(chloe, 'PUT', feedback(1), answer)).toMatchObject({ status: 200, body: { satisfaction: 4, session: 1 } });
    expect(await call(chloe, 'PUT', feedback(1), { ...answer, satisfaction: 5 })).toMatchObject({ status: 200, body: { satisfaction: 5 } });
    expect(await call(chloe, 'GET', feedback(1))).toMatchObject({ status: 200, body: { satisfaction: 5, learnt: 'How Julie sells' } });
    expect(await call(julie, 'GET', feedback(1))).toMatchObject({ status: 404, body: { code: 'FEEDBACK_NOT_GIVEN' } });
    expect(await call(chloe, 'PUT', feedback(1), { ...answer, satisfaction: 6 })).toMatchObject({ status: 400, body: { code: 'INVALID_INPUT', field: 'satisfaction' } });
    expect(await call(chloe, 'PUT', feedback(1), { ...answer, extra: 1 })).toMatchObject({ status: 400, body: { code: 'INVALID_INPUT' } });
  });

  it('records both acceptances of the charter in force, and asks again when HR publishes a new version', async () => {
    const path = `/api/me/pairs/${chloePair}/charter`;
    expect(await call(chloe, 'POST', path, { version: charter.version + 1 })).toMatchObject({ status: 409, body: { code: 'CHARTER_VERSION_STALE', field: 'version' } });
    expect(await call(chloe, 'POST', path, { version: charter.version })).toMatchObject({ status: 200, body: { charter: { acceptedByMe: true, acceptedByBoth: false } } });
    const both = await call(julie, 'POST', path, { version: charter.version });
    expect(both).toMatchObject({ status: 200, body: { charter: { acceptedByMe: true, acceptedByBoth: true } } });
    expect((both.body as { charter: { acceptances: { role: string; name: string }[] } }).charter.acceptances.map((a) => [a.role, a.name])).toEqual([
      ['mentor', 'Chloé Martin'],
      ['mentee', 'Julie Moreau'],
    ]);
    expect(await call(lucas, 'POST', path, { version: charter.version })).toMatchObject({ status: 404, body: { code: 'PAIR_NOT_FOUND' } });

    const edited = { kind: 'charter', item: { ...charter, version: charter.version + 1 } };
    expect(await call(hr, 'POST', '/api/admin/training/overrides', { kind: 'charter', item: charter })).toMatchObject({ status: 409, body: { code: 'TRAINING_STALE_VERSION', field: 'item.version' } });
    expect(await call(hr, 'POST', '/api/admin/training/overrides', edited)).toMatchObject({ status: 201, body: { override: { kind: 'charter' } } });
    expect(await call(hr, 'POST', '/api/admin/training/overrides', edited)).toMatchObject({ status: 409, body: { code: 'TRAINING_STALE_VERSION' } });
    expect(((await call(hr, 'GET', '/api/admin/training/overrides')).body as unknown[]).length).toBe(1);
    expect(await call(chloe, 'GET', `/api/me/pairs/${chloePair}`)).toMatchObject({ body: { charter: { content: { version: charter.version + 1 }, acceptedByMe: false, acceptedByBoth: false } } });
    expect(await call(chloe, 'POST', path, { version: charter.version })).toMatchObject({ status: 409, body: { code: 'CHARTER_VERSION_STALE' } });
    // The other tenant still reads the built-in charter.
    expect(await call('chloe.martin@globex.example', 'GET', '/api/me/training')).toMatchObject({ body: { charter: { version: charter.version } } });
  });

  it("gives a mentor the mentor's training and the session guides, in the language asked", async () => {
    const training = await call(chloe, 'GET', '/api/me/training?lang=en');
    expect(training).toMatchObject({ status: 200, body: { language: 'en' } });
    const body = training.body as { documents: { audience: string }[]; guides: { theme: string }[] };
    expect(body.documents.map((d) => d.audience)).not.toContain('mentee');
    expect(body.documents.length).toBeGreaterThan(0);
    expect(body.guides.map((g) => g.theme)).toContain('ai');
    expect((await call(julie, 'GET', '/api/me/training')).body).toMatchObject({ language: 'fr' });
    expect(((await call(julie, 'GET', '/api/me/training')).body as { documents: { audience: string }[] }).documents.map((d) => d.audience)).not.toContain('mentor');
    expect(await call(julie, 'GET', '/api/me/training?lang=de')).toMatchObject({ status: 400, body: { code: 'INVALID_INPUT', field: 'querystring.lang' } });
  });
});

async function appToken(form: URLSearchParams): Promise<{ token: string }> {
  const { Agent, fetch: undiciFetch } = await import('undici');
  const dispatcher = new Agent({ connect: { ca: acme.ca.certPem } });
  try {
    const response = await undiciFetch(acme.urls.tokenEndpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString(), dispatcher });
    const answer = (await response.json()) as { access_token: string };
    return { token: answer.access_token };
  } finally {
    await dispatcher.close();
  }
}

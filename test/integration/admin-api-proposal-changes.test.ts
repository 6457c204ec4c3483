import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantFixture } from '../../src/model/fixture.ts';
import { smallEnrolments, smallTenant } from '../support/small-tenant.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';

const cohort = { name: 'Pilote 2027', format: 'classic', sessions: 4, sessionMinutes: 60, start: '2027-01-11', weeks: 16 };

/**
 * The small tenant, Camille Roux, a mentee whose calendar is full for the whole cohort,
 * and Léa Fontaine, a mentee either mentor could take, so one mentee waits for a place.
 */
function tenantWithAFullCalendar(): TenantFixture {
  const base = smallTenant();
  const julie = base.people.find((p) => p.id === 'u3');
  if (julie === undefined) throw new Error('the small tenant has Julie');
  return {
    ...base,
    people: [
      ...base.people,
      {
        ...julie,
        id: 'u8',
        email: 'camille.roux@acme.example',
        name: 'Camille Roux',
        managerId: 'u3',
        jobTitle: 'Employee',
        busy: [{ start: '2027-01-04T00:00:00Z', end: '2027-06-01T00:00:00Z', subject: 'Secondment' }],
      },
      { ...julie, id: 'u9', email: 'lea.fontaine@acme.example', name: 'Léa Fontaine', managerId: 'u3', jobTitle: 'Employee' },
    ],
  };
}

interface View {
  pairs: { pairId: string; mentorEmail: string; menteeEmail: string; locked: boolean; sessions: unknown[] }[];
  unmatched: { email: string; role: string; code: string; reason: string }[];
}

describe('HR changing a proposal by hand', () => {
  let t: TestApp;
  let base = '';
  const view = async (): Promise<View> => (await t.call('GET', `${base}/matching`)).body as View;
  const pairOf = async (email: string) => {
    const pair = (await view()).pairs.find((p) => p.mentorEmail === email || p.menteeEmail === email);
    if (pair === undefined) throw new Error(`${email} is in no pair`);
    return pair;
  };

  beforeAll(async () => {
    t = await buildTestApp(tenantWithAFullCalendar());
    base = `/api/admin/cohorts/${((await t.call('POST', '/api/admin/cohorts', cohort)).body as { cohortId: string }).cohortId}`;
    const file = `${smallEnrolments}\ncamille.roux@acme.example,mentee,,ai,fr,video\nlea.fontaine@acme.example,mentee,,ai;data,fr,video\n`;
    expect((await t.call('POST', `${base}/enrolments`, file, 'text/csv')).status).toBe(200);
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses every change before there is a proposal', async () => {
    const swap = await t.call('POST', `${base}/swaps`, { first: 'chloe.martin@acme.example', second: 'lucas.bernard@acme.example' });
    expect(swap.status).toBe(409);
    expect(swap.body).toMatchObject({ code: 'NOT_MATCHED', field: 'cohortId' });
    expect((await t.call('POST', `${base}/matching`)).status).toBe(200);
  });

  it('refuses a swap that would put a mentor in their own reporting line, naming the rule and the person moved', async () => {
    const swap = await t.call('POST', `${base}/swaps`, { first: 'chloe.martin@acme.example', second: 'lucas.bernard@acme.example' });
    expect(swap.status).toBe(422);
    expect(swap.body).toMatchObject({ code: 'SAME_REPORTING_LINE', field: 'first' });
    expect((swap.body as { message: string }).message).toMatch(/Chloé Martin.*reporting line/);
  });

  it('refuses to give a place to someone who shares no free hour with the partner, in words that name both', async () => {
    const unmatched = (await view()).unmatched.find((u) => u.email === 'camille.roux@acme.example');
    expect(unmatched?.code).toBe('NO_COMMON_SLOT');
    const chloe = await pairOf('chloe.martin@acme.example');
    const swap = await t.call('POST', `${base}/swaps`, { first: 'camille.roux@acme.example', second: chloe.menteeEmail });
    expect(swap.status).toBe(422);
    expect(swap.body).toEqual({
      code: 'NO_COMMON_SLOT',
      message: "Chloé Martin and Camille Roux share no free 60-minute slot in the cohort's 16 weeks",
      field: 'first',
      params: { mentor: 'Chloé Martin', mentee: 'Camille Roux', found: 0, sessions: 4, weeks: 16, minutes: 60 },
    });
    expect((await pairOf('chloe.martin@acme.example')).menteeEmail).toBe(chloe.menteeEmail);
  });

  it('gives a paired mentee\'s place to one left out, who is then planned, and leaves the other out with the reason', async () => {
    const before = await view();
    const waiting = before.unmatched.find((u) => u.code === 'PARTNERS_TAKEN' && u.role === 'mentee');
    if (waiting === undefined) throw new Error('one mentee waits for a place');
    // Julie can only be Chloé's; Marc only Lucas's; Léa either's.
    const mentor = waiting.email === 'julie.moreau@acme.example' ? 'chloe.martin@acme.example' : 'lucas.bernard@acme.example';
    const taken = await pairOf(mentor);
    const swap = await t.call('POST', `${base}/swaps`, { first: waiting.email, second: taken.menteeEmail });
    expect(swap.status).toBe(200);
    expect(swap.body).toMatchObject({ removedPairIds: [taken.pairId], pairs: [{ mentorEmail: mentor, menteeEmail: waiting.email, locked: false }] });
    const after = await view();
    expect((await pairOf(waiting.email)).sessions).toHaveLength(4);
    expect(after.unmatched.find((u) => u.email === taken.menteeEmail)).toMatchObject({ code: 'REPLACED_BY_HR', reason: expect.stringMatching(/^HR gave the place beside (Chloé Martin|Lucas Bernard) to /) });
    expect(after.unmatched.some((u) => u.email === waiting.email)).toBe(false);
  });

  it('breaks a pair: both people are left out with the reason HR gave', async () => {
    const pair = await pairOf('chloe.martin@acme.example');
    const broken = await t.call('POST', `${base}/pairs/${pair.pairId}/break`, { reason: 'ils se connaissent déjà' });
    expect(broken.status).toBe(200);
    const after = await view();
    expect(after.pairs.some((p) => p.pairId === pair.pairId)).toBe(false);
    const reasons = after.unmatched.filter((u) => u.code === 'BROKEN_BY_HR').map((u) => [u.email, u.reason]);
    expect(reasons).toContainEqual(['chloe.martin@acme.example', expect.stringMatching(/^HR broke the pair with .+: ils se connaissent déjà$/)]);
    expect(reasons).toContainEqual([pair.menteeEmail, 'HR broke the pair with Chloé Martin: ils se connaissent déjà']);
    const again = await t.call('POST', `${base}/pairs/${pair.pairId}/break`, {});
    expect(again.status).toBe(404);
    expect(again.body).toMatchObject({ code: 'PAIR_NOT_FOUND', field: 'pairId' });
  });

  it('keeps a locked pair as it is when matching runs again, and refuses to change it until unlocked', async () => {
    const lucas = await pairOf('lucas.bernard@acme.example');
    const locked = await t.call('PUT', `${base}/pairs/${lucas.pairId}/lock`, { locked: true });
    expect(locked.status).toBe(200);
    expect(locked.body).toMatchObject({ pairs: [{ pairId: lucas.pairId, locked: true }] });
    const broken = await t.call('POST', `${base}/pairs/${lucas.pairId}/break`, {});
    expect(broken.status).toBe(409);
    expect(broken.body).toMatchObject({ code: 'PAIR_LOCKED', field: 'pairId' });
    const waiting = (await view()).unmatched.find((u) => u.role === 'mentee');
    const swap = await t.call('POST', `${base}/swaps`, { first: waiting?.email ?? '', second: lucas.menteeEmail });
    expect(swap.status).toBe(409);
    expect(swap.body).toMatchObject({ code: 'PAIR_LOCKED' });

    const rerun = await t.call('POST', `${base}/matching`);
    expect(rerun.status).toBe(200);
    const after = rerun.body as View;
    expect(after.pairs.find((p) => p.pairId === lucas.pairId)).toEqual({ ...lucas, locked: true });
    expect(after.pairs.find((p) => p.mentorEmail === 'chloe.martin@acme.example')).toBeDefined();
    expect((await t.call('PUT', `${base}/pairs/${lucas.pairId}/lock`, { locked: false })).body).toMatchObject({ pairs: [{ locked: false }] });
  });

  it('refuses malformed changes with the field named, and any change once published', async () => {
    const badId = await t.call('PUT', `${base}/pairs/nope/lock`, { locked: true });
    expect(badId.status).toBe(400);
    expect(badId.body).toMatchObject({ code: 'INVALID_INPUT', field: 'params.pairId' });
    const badEmail = await t.call('POST', `${base}/swaps`, { first: 'not an email', second: 'lucas.bernard@acme.example' });
    expect(badEmail.body).toMatchObject({ code: 'INVALID_INPUT', field: 'first' });
    const stranger = await t.call('POST', `${base}/swaps`, { first: 'noah.dubois@acme.example', second: 'lucas.bernard@acme.example' });
    expect(stranger.status).toBe(404);
    expect(stranger.body).toMatchObject({ code: 'PERSON_NOT_IN_PROPOSAL', field: 'first' });
    const across = await t.call('POST', `${base}/swaps`, { first: 'lucas.bernard@acme.example', second: 'julie.moreau@acme.example' });
    expect(across.status).toBe(422);
    expect(across.body).toMatchObject({ code: 'SWAP_ROLES_DIFFER', field: 'second' });

    expect((await t.call('POST', `${base}/publish`)).status).toBe(200);
    const pair = (await view()).pairs[0];
    const late = await t.call('PUT', `${base}/pairs/${pair?.pairId ?? ''}/lock`, { locked: true });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'COHORT_LOCKED' });
  });
});

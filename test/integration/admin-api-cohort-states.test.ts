import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallEnrolments, smallTenant } from '../support/small-tenant.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';

const cohort = { name: 'Pilote 2027', format: 'classic', sessions: 4, sessionMinutes: 60, start: '2027-01-11', weeks: 16 };

describe("a cohort's life through the admin API", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(smallTenant());
  });
  afterAll(async () => {
    await t.close();
  });

  const create = async (extra: Record<string, unknown> = {}) => {
    const created = await t.call('POST', '/api/admin/cohorts', { ...cohort, ...extra });
    expect(created.status).toBe(201);
    return `/api/admin/cohorts/${(created.body as { cohortId: string }).cohortId}`;
  };
  const statusOf = async (base: string) => ((await t.call('GET', base)).body as { status: string }).status;

  it('offers the themes HR chose from the catalogue, and refuses enrolments in any other', async () => {
    const refused = await t.call('POST', '/api/admin/cohorts', { ...cohort, themes: ['ai', 'astrology'] });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'INVALID_INPUT', field: 'themes.1' });
    expect((await t.call('POST', '/api/admin/cohorts', { ...cohort, themes: [] })).body).toMatchObject({ field: 'themes' });
    const base = await create({ themes: ['ai', 'social-networks'] });
    expect((await t.call('GET', base)).body).toMatchObject({ status: 'draft', themes: ['ai', 'social-networks'], openedAt: null, closedAt: null });
    const report = await t.call('POST', `${base}/enrolments`, smallEnrolments, 'text/csv');
    const themeRefusals = (report.body as { rejected: { field: string | null; reason: string }[] }).rejected.filter((r) => r.field === 'offers' || r.field === 'wants');
    expect(themeRefusals.map((r) => r.reason).join(' ')).toContain('collaboration-tools');
    const all = await create();
    expect(((await t.call('GET', all)).body as { themes: string[] }).themes).toHaveLength(14);
  });

  it('steps from draft to open to matched, and refuses a step out of order with the state it is in', async () => {
    const base = await create();
    const opened = await t.call('POST', `${base}/open`);
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ status: 'open', openedAt: expect.any(String) });
    const again = await t.call('POST', `${base}/open`);
    expect(again.status).toBe(409);
    expect(again.body).toEqual({
      code: 'STATUS_OUT_OF_ORDER',
      message: 'the cohort is open: only a draft can be opened for volunteering',
      field: 'cohortId',
      params: { context: 'step', status: 'open', action: 'open' },
    });
    const early = await t.call('POST', `${base}/publish`);
    expect(early.body).toMatchObject({ code: 'NOT_MATCHED' });
    expect((await t.call('POST', `${base}/enrolments`, smallEnrolments, 'text/csv')).status).toBe(200);
    expect((await t.call('POST', `${base}/matching`)).status).toBe(200);
    expect(await statusOf(base)).toBe('matched');
  });

  it('lets a volunteer withdraw before publishing; a proposal formed with them is dropped and the cohort is open again', async () => {
    const base = await create();
    await t.call('POST', `${base}/open`);
    await t.call('POST', `${base}/enrolments`, smallEnrolments, 'text/csv');
    await t.call('POST', `${base}/matching`);
    const gone = await t.call('DELETE', `${base}/enrolments/Lucas.Bernard@acme.example`);
    expect(gone.status).toBe(200);
    expect(gone.body).toEqual({ email: 'lucas.bernard@acme.example', proposalDiscarded: true });
    expect(await statusOf(base)).toBe('open');
    const enrolled = (await t.call('GET', `${base}/enrolments`)).body as { email: string }[];
    expect(enrolled.some((e) => e.email === 'lucas.bernard@acme.example')).toBe(false);
    const twice = await t.call('DELETE', `${base}/enrolments/lucas.bernard@acme.example`);
    expect(twice.status).toBe(404);
    expect(twice.body).toMatchObject({ code: 'ENROLMENT_NOT_FOUND', field: 'email' });
  });

  it('runs once every session is booked, closes by itself after the last one, and HR may close it before', async () => {
    const base = await create();
    await t.call('POST', `${base}/enrolments`, smallEnrolments, 'text/csv');
    await t.call('POST', `${base}/matching`);
    await t.call('POST', `${base}/publish`);
    expect((await t.call('POST', `${base}/rollout`)).status).toBe(202);
    expect(await statusOf(base)).toBe('rolling_out');
    const cohortId = base.split('/').pop() ?? '';
    // What the rollout worker does, session by session, done at once.
    await t.store.db.execute(sql`update bookings set state = 'booked', event_id = 'e-' || session where cohort_id = ${cohortId}`);
    expect(await statusOf(base)).toBe('running');
    expect(((await t.call('GET', `${base}/rollout`)).body as { status: string }).status).toBe('running');
    const withdraw = await t.call('DELETE', `${base}/enrolments/lucas.bernard@acme.example`);
    expect(withdraw.status).toBe(409);
    expect(withdraw.body).toMatchObject({ code: 'COHORT_LOCKED' });

    await t.store.db.execute(sql`update bookings set starts_at = '2026-12-01T09:00:00Z', ends_at = '2026-12-01T10:00:00Z' where cohort_id = ${cohortId}`);
    const closed = (await t.call('GET', '/api/admin/cohorts')).body as { cohortId: string; status: string; closedAt: string | null }[];
    expect(closed.find((c) => c.cohortId === cohortId)).toMatchObject({ status: 'closed', closedAt: '2026-12-01T10:00:00.000Z' });
    const reopen = await t.call('POST', `${base}/close`);
    expect(reopen.status).toBe(409);
    expect(reopen.body).toMatchObject({ code: 'STATUS_OUT_OF_ORDER' });

    const other = await create();
    const byHr = await t.call('POST', `${other}/close`);
    expect(byHr.body).toMatchObject({ status: 'closed', closedAt: expect.any(String) });
    expect((await t.call('POST', `${other}/matching`)).body).toMatchObject({ code: 'COHORT_LOCKED' });
  });
});

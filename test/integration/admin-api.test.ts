import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallEnrolments, smallTenant } from '../support/small-tenant.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

const cohort = { name: 'Pilote 2027', format: 'classic', sessions: 4, sessionMinutes: 60, start: '2027-01-11', weeks: 16 };

describe('admin API, on the Microsoft sandbox', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack(smallTenant());
  });
  afterAll(async () => {
    await stack.close();
  });

  it('refuses a cohort with a bad field, naming the field, and creates nothing', async () => {
    const bad = await stack.call('POST', '/api/admin/cohorts', { ...cohort, sessionMinutes: 5 });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'INVALID_INPUT', field: 'sessionMinutes' });
    const noSuchDay = await stack.call('POST', '/api/admin/cohorts', { ...cohort, start: '2027-02-31' });
    expect(noSuchDay.status).toBe(400);
    expect(noSuchDay.body).toMatchObject({ code: 'INVALID_INPUT', field: 'start', message: 'start: no such date' });
    const list = await stack.call('GET', '/api/admin/cohorts');
    expect(list.body).toEqual([]);
  });

  it('refuses a body of the wrong type with a stable code', async () => {
    const res = await stack.call('POST', '/api/admin/cohorts', '<cohort/>', 'application/xml');
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('answers 404 with the error shape for an unknown cohort', async () => {
    const res = await stack.call('GET', '/api/admin/cohorts/6f1c1c7e-3a53-4c1c-9a1e-0d1f3f7a9b10');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'COHORT_NOT_FOUND' });
    const badId = await stack.call('GET', '/api/admin/cohorts/not-a-uuid');
    expect(badId.status).toBe(400);
    expect(badId.body).toMatchObject({ field: 'params.cohortId' });
  });

  it('runs a cohort from creation to sessions booked in both Outlook calendars', async () => {
    const created = await stack.call('POST', '/api/admin/cohorts', cohort);
    expect(created.status).toBe(201);
    const id = (created.body as { cohortId: string }).cohortId;
    const base = `/api/admin/cohorts/${id}`;

    const early = await stack.call('POST', `${base}/publish`);
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'NOT_MATCHED' });

    const imported = await stack.call('POST', `${base}/enrolments`, smallEnrolments, 'text/csv');
    expect(imported.status).toBe(200);
    const report = imported.body as { loaded: number; rejected: { line: number; code: string; field: string | null }[] };
    expect(report.loaded).toBe(6);
    expect(report.rejected.map((r) => [r.line, r.code, r.field])).toEqual([
      [8, 'CSV_UNKNOWN_PERSON', 'email'],
      [9, 'CSV_UNKNOWN_THEME', 'offers'],
      [10, 'CSV_BAD_ROLE', 'role'],
    ]);

    const matched = await stack.call('POST', `${base}/matching`);
    expect(matched.status).toBe(200);
    const proposal = matched.body as {
      pairs: { mentorEmail: string; menteeEmail: string; sessions: { start: string }[]; reasons: unknown[] }[];
      unmatched: { email: string; code: string }[];
    };
    expect(proposal.pairs.map((p) => [p.mentorEmail, p.menteeEmail]).sort()).toEqual([
      ['chloe.martin@acme.example', 'julie.moreau@acme.example'],
      ['lucas.bernard@acme.example', 'marc.petit@acme.example'],
    ]);
    expect(proposal.pairs.every((p) => p.sessions.length === 4 && p.reasons.length > 0)).toBe(true);
    expect(Object.fromEntries(proposal.unmatched.map((u) => [u.email, u.code]))).toEqual({
      'helene.roux@acme.example': 'SAME_REPORTING_LINE',
      'ines.garcia@acme.example': expect.any(String),
    });

    const published = await stack.call('POST', `${base}/publish`);
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ total: 8, byState: { planned: 8 } });
    const twice = await stack.call('POST', `${base}/publish`);
    expect(twice.status).toBe(409);

    const rollout = await stack.call('POST', `${base}/rollout`);
    expect(rollout.status).toBe(202);
    for (const w of stack.workers) w.start();
    let progress: { done: boolean; byState: Record<string, number> } = { done: false, byState: {} };
    for (let i = 0; i < 200 && !progress.done; i++) {
      await new Promise((r) => setTimeout(r, 100));
      progress = (await stack.call('GET', `${base}/rollout`)).body as typeof progress;
    }
    expect(progress.byState).toMatchObject({ booked: 8, failed: 0 });

    const calendars = stack.sandbox.calendars();
    for (const email of ['chloe.martin@acme.example', 'julie.moreau@acme.example', 'lucas.bernard@acme.example', 'marc.petit@acme.example']) {
      const ours = (calendars[email] ?? []).filter((e) => e.binome !== null);
      expect(ours).toHaveLength(4);
      expect(new Set(ours.map((e) => e.binome?.session))).toEqual(new Set([1, 2, 3, 4]));
    }
  });
});

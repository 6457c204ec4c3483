import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallEnrolments, smallTenant } from '../support/small-tenant.ts';
import { eq } from 'drizzle-orm';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { pairs } from '../../server/store/schema.ts';
import { renderMessage } from '../../contract/messages.ts';

const cohort = { name: 'Pilote 2027', format: 'classic', sessions: 4, sessionMinutes: 60, start: '2027-01-11', weeks: 16 };

describe('a proposal and the enrolments it was formed from', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(smallTenant());
  });
  afterAll(async () => {
    await t.close();
  });

  it('drops the proposal when an import changes the enrolments after matching, so it cannot be published', async () => {
    const id = ((await t.call('POST', '/api/admin/cohorts', cohort)).body as { cohortId: string }).cohortId;
    const base = `/api/admin/cohorts/${id}`;
    const first = await t.call('POST', `${base}/enrolments`, smallEnrolments, 'text/csv');
    expect(first.body).toMatchObject({ proposalDiscarded: false });
    expect((await t.call('POST', `${base}/matching`)).status).toBe(200);
    expect((await t.call('GET', base)).body).toMatchObject({ status: 'matched' });

    const sameAgain = await t.call('POST', `${base}/enrolments`, smallEnrolments, 'text/csv');
    expect(sameAgain.body).toMatchObject({ loaded: 0, proposalDiscarded: false });
    expect((await t.call('GET', base)).body).toMatchObject({ status: 'matched' });

    const changed = await t.call(
      'POST',
      `${base}/enrolments`,
      'email,role,offers,wants,languages,format\nnoah.dubois@acme.example,mentor,ai,,en,video\n',
      'text/csv',
    );
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ loaded: 1, proposalDiscarded: true });
    expect((await t.call('GET', base)).body).toMatchObject({ status: 'draft', matchedAt: null });
    expect((await t.call('GET', `${base}/matching`)).body).toMatchObject({ pairs: [], unmatched: [] });

    const publish = await t.call('POST', `${base}/publish`);
    expect(publish.status).toBe(409);
    expect(publish.body).toMatchObject({ code: 'NOT_MATCHED' });

    const rematched = await t.call('POST', `${base}/matching`);
    expect(rematched.status).toBe(200);
    expect((rematched.body as { pairs: unknown[] }).pairs.length).toBeGreaterThan(0);
    expect((await t.call('POST', `${base}/publish`)).status).toBe(200);
  });

  it('sends each reason as code, params and English words, and still reads reasons stored as English sentences', async () => {
    const id = ((await t.call('POST', '/api/admin/cohorts', cohort)).body as { cohortId: string }).cohortId;
    const base = `/api/admin/cohorts/${id}`;
    await t.call('POST', `${base}/enrolments`, smallEnrolments, 'text/csv');
    type View = { pairs: { pairId: string; reasons: { code: string; params: Record<string, string | number>; message: string }[] }[]; unmatched: { code: string; params: Record<string, string | number>; reason: string }[] };
    const view = (await t.call('POST', `${base}/matching`)).body as View;
    const reasons = view.pairs.flatMap((p) => p.reasons);
    expect(reasons.length).toBeGreaterThan(0);
    for (const r of reasons) {
      expect(r.message).toBe(renderMessage('pair', r, 'en'));
      expect(renderMessage('pair', r, 'fr', { fallback: '' })).not.toBe('');
    }
    for (const u of view.unmatched) expect(renderMessage('unmatched', u, 'fr', { fallback: '' })).not.toBe('');
    const shared = reasons.find((r) => r.code === 'SHARED_THEMES');
    expect(shared?.message).toMatch(/^\d shared themes?: /);

    const [first] = view.pairs;
    if (first === undefined) throw new Error('no pair formed');
    await t.store.db.update(pairs).set({ reasons: [{ code: 'SHARED_THEMES', message: '1 shared theme: ai' }] }).where(eq(pairs.pairId, first.pairId));
    const again = (await t.call('GET', `${base}/matching`)).body as View;
    expect(again.pairs.find((p) => p.pairId === first.pairId)?.reasons).toEqual([{ code: 'SHARED_THEMES', params: {}, message: '1 shared theme: ai' }]);
  });
});

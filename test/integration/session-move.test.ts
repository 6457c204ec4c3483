import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../server/store/database.ts';
import { beginMove, pairSessionsOf } from '../../server/rollout/moves.ts';
import { expireAllClaims } from '../../server/rollout/ledger.ts';
import { proposeMove, requestMove } from '../../server/rollout/move.ts';
import type { TenantFixture } from '../../src/model/fixture.ts';
import { smallEnrolments, smallTenant } from '../support/small-tenant.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

const cohort = { name: 'Pilote', format: 'classic', sessions: 4, sessionMinutes: 60, start: '2027-01-11', weeks: 16 };

interface Pair {
  pairId: string;
  mentorEmail: string;
  menteeEmail: string;
}
interface Slots {
  slots: { start: string; end: string }[];
}

const platforms: { name: string; fixture: () => TenantFixture }[] = [
  { name: 'Microsoft Graph', fixture: smallTenant },
  { name: 'Google Workspace', fixture: () => ({ ...smallTenant(), tenant: { ...smallTenant().tenant, platform: 'google' } }) },
];

for (const platform of platforms) {
  describe(`a participant moves a session (${platform.name} sandbox)`, () => {
    let stack: TestStack;
    let pair: Pair;
    let cohortId: string;

    /** The API as one person of the tenant calls it, with a token the sandbox signs for them. */
    const as = (email: string) => async (method: string, path: string, body?: unknown) => {
      const token =
        platform.fixture().tenant.platform === 'google'
          ? await stack.sandbox.issueGoogleIdToken(email, { audience: stack.sandbox.googleOAuthClient.clientId })
          : await stack.sandbox.issueUserToken(email);
      const response = await fetch(`${stack.apiUrl}/api/me${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
    };

    /** Every copy of one session's event, in everyone's calendar, as the sandbox holds them. */
    const copiesOf = (session: number) =>
      Object.entries(stack.sandbox.calendars()).flatMap(([email, events]) =>
        events.filter((e) => e.binome?.pairId === pair.pairId && e.binome.session === session).map((e) => ({ email, start: Date.parse(e.start), end: Date.parse(e.end) })),
      );
    const ledgerRow = async (session: number) => {
      const row = (await pairSessionsOf(stack.store.db, platform.fixture().tenant.id, pair.pairId, pair.mentorEmail)).find((s) => s.session === session);
      if (row === undefined) throw new Error(`no ledger row for session ${session}`);
      return row;
    };
    const drainWorker = async () => {
      for (let i = 0; i < 50; i++) if ((await stack.workers[0]?.tick()) === 0) return;
    };

    beforeAll(async () => {
      stack = await startTestStack(platform.fixture(), { now: '2027-01-04T08:00:00Z' });
      cohortId = ((await stack.call('POST', '/api/admin/cohorts', cohort)).body as { cohortId: string }).cohortId;
      const base = `/api/admin/cohorts/${cohortId}`;
      await stack.call('POST', `${base}/enrolments`, smallEnrolments, 'text/csv');
      const proposal = (await stack.call('POST', `${base}/matching`)).body as { pairs: Pair[] };
      const first = proposal.pairs[0];
      if (first === undefined) throw new Error('the small tenant forms pairs');
      pair = first;
      await stack.call('POST', `${base}/publish`);
      await stack.call('POST', `${base}/rollout`);
      await drainWorker();
      expect((await stack.call('GET', `${base}/rollout`)).body).toMatchObject({ done: true, byState: { booked: 8, failed: 0, moving: 0 } });
    }, 120_000);
    afterAll(async () => {
      await stack?.close();
    });

    it('moves session 2 to a proposed slot: the one event moves in both calendars, and no second event appears', async () => {
      const mentee = as(pair.menteeEmail);
      const proposed = await mentee('GET', `/sessions/${pair.pairId}/2/slots`);
      expect(proposed.status).toBe(200);
      const { slots } = proposed.body as Slots;
      expect(slots).toHaveLength(5);
      const chosen = slots[2];
      if (chosen === undefined) throw new Error('five slots expected');
      const moved = await mentee('POST', `/sessions/${pair.pairId}/2/move`, { start: chosen.start });
      expect(moved).toMatchObject({ status: 200, body: { session: 2, state: 'booked', movingTo: null, myRole: 'mentee' } });
      expect(Date.parse((moved.body as { start: string }).start)).toBe(Date.parse(chosen.start));

      const copies = copiesOf(2);
      expect(copies.map((c) => c.email).sort()).toEqual([pair.mentorEmail, pair.menteeEmail].sort());
      for (const copy of copies) expect(copy).toMatchObject({ start: Date.parse(chosen.start), end: Date.parse(chosen.end) });
      // Read back through the connector too, as Binome reads calendars.
      for (const email of [pair.mentorEmail, pair.menteeEmail]) {
        const booked = await stack.runtime.calendar.listBooked(email, { start: '2027-01-01T00:00:00Z', end: '2027-06-01T00:00:00Z' });
        const ours = booked.filter((e) => e.tag?.pairId === pair.pairId && e.tag.session === 2 && !e.cancelled);
        expect(ours.map((e) => Date.parse(e.start))).toEqual([Date.parse(chosen.start)]);
      }
      expect(await ledgerRow(2)).toMatchObject({ state: 'booked', starts_at: new Date(Date.parse(chosen.start)).toISOString(), move_starts_at: null });
      const progress = (await stack.call('GET', `/api/admin/cohorts/${cohortId}/rollout`)).body;
      expect(progress).toMatchObject({ byState: { booked: 8, moving: 0 } });
    });

    it('answers 409 SLOT_TAKEN, naming the slot, when the chosen slot was taken since it was proposed', async () => {
      const mentor = as(pair.mentorEmail);
      const { slots } = (await mentor('GET', `/sessions/${pair.pairId}/3/slots`)).body as Slots;
      const chosen = slots[1];
      if (chosen === undefined) throw new Error('slots expected');
      const before = await ledgerRow(3);
      const [taken] = await stack.runtime.calendar.createEvents([
        {
          key: `taken-${platform.name.length}`,
          organizerEmail: pair.menteeEmail,
          attendeeEmails: [],
          subject: 'Budget review',
          body: 'unrelated',
          start: new Date(Date.parse(chosen.start)).toISOString(),
          end: new Date(Date.parse(chosen.end)).toISOString(),
          online: false,
          tag: { cohortId: 'other-programme', pairId: 'x', session: 1 },
        },
      ]);
      expect(taken?.status).toBe('created');
      const refused = await mentor('POST', `/sessions/${pair.pairId}/3/move`, { start: chosen.start });
      expect(refused).toMatchObject({ status: 409, body: { code: 'SLOT_TAKEN', field: 'start' } });
      expect((refused.body as { message: string }).message).toContain(new Date(Date.parse(chosen.start)).toISOString());
      expect(await ledgerRow(3)).toMatchObject({ state: 'booked', starts_at: before.starts_at });
    });

    it('answers 404 to a person outside the pair, for the slots and the move alike', async () => {
      const enrolled = new Set([pair.mentorEmail, pair.menteeEmail]);
      const stranger = platform.fixture().people.find((p) => !enrolled.has(p.email));
      if (stranger === undefined) throw new Error('someone outside the pair expected');
      const call = as(stranger.email);
      expect(await call('GET', `/sessions/${pair.pairId}/2/slots`)).toMatchObject({ status: 404, body: { code: 'SESSION_NOT_FOUND' } });
      const refused = await call('POST', `/sessions/${pair.pairId}/2/move`, { start: '2027-03-01T10:00:00+01:00' });
      expect(refused).toMatchObject({ status: 404, body: { code: 'SESSION_NOT_FOUND' } });
      expect(await as(pair.mentorEmail)('GET', `/sessions/p0123456789abcde/2/slots`)).toMatchObject({ status: 404, body: { code: 'SESSION_NOT_FOUND' } });
    });

    it('refuses a start that breaks a rule (422), a caller without a token (401), and a session that has started (409)', async () => {
      const mentor = as(pair.mentorEmail);
      const past = await mentor('POST', `/sessions/${pair.pairId}/2/move`, { start: '2027-01-04T09:00:00+01:00' });
      expect(past).toMatchObject({ status: 422, body: { code: 'SLOT_NOT_ALLOWED', field: 'start' } });
      expect((past.body as { message: string }).message).toContain('in the past');
      const anonymous = await fetch(`${stack.apiUrl}/api/me/sessions/${pair.pairId}/2/slots`);
      expect(anonymous.status).toBe(401);
      expect(await anonymous.json()).toMatchObject({ code: 'TOKEN_MISSING' });
      // Months later, every session of the pair has started: none moves any more.
      const later = { db: stack.store.db, runtime: stack.runtime, clock: () => new Date('2027-06-01T00:00:00Z') };
      const me = { email: pair.mentorEmail, timeZone: 'Europe/Paris' };
      expect(await proposeMove(later, me, pair.pairId, 1)).toMatchObject({ ok: false, error: { code: 'SESSION_STARTED' } });
      expect(await requestMove(later, me, pair.pairId, 1, Date.parse('2027-06-08T08:00:00Z'))).toMatchObject({ ok: false, error: { code: 'SESSION_STARTED' } });
    });

    it('finishes a move left half-done by a process that died: another worker applies it once its lease ran out', async () => {
      const { slots } = (await as(pair.menteeEmail)('GET', `/sessions/${pair.pairId}/4/slots`)).body as Slots;
      const chosen = slots[0];
      if (chosen === undefined) throw new Error('slots expected');
      const start = new Date(Date.parse(chosen.start)).toISOString();
      const end = new Date(Date.parse(chosen.end)).toISOString();
      const row = await ledgerRow(4);
      const sessions = await pairSessionsOf(stack.store.db, platform.fixture().tenant.id, pair.pairId, pair.mentorEmail);
      // The dying process wrote 'moving' and even reached the provider, but never recorded the answer.
      expect(await beginMove(stack.store.db, { row, sessions }, { start, end, requestedBy: pair.menteeEmail, holder: 'process-that-died', leaseMs: 60_000 })).toBe(true);
      await stack.runtime.calendar.updateEvent(row.organizer_email, row.event_id ?? '', { start, end });

      // While its lease runs, nobody else touches the move; the old slot is still the truth.
      await drainWorker();
      expect(await ledgerRow(4)).toMatchObject({ state: 'moving', starts_at: row.starts_at, move_starts_at: start });
      const moving = (await stack.call('GET', `/api/admin/cohorts/${cohortId}/rollout`)).body;
      expect(moving).toMatchObject({ byState: { booked: 7, moving: 1 } });
      const twice = await as(pair.menteeEmail)('POST', `/sessions/${pair.pairId}/4/move`, { start: chosen.start });
      expect(twice).toMatchObject({ status: 409, body: { code: 'MOVE_IN_PROGRESS' } });
      // Nor does another session of the pair move meanwhile: the moving one's place decides the spacing.
      const { slots: others } = (await as(pair.mentorEmail)('GET', `/sessions/${pair.pairId}/2/slots`)).body as Slots;
      const sibling = await as(pair.mentorEmail)('POST', `/sessions/${pair.pairId}/2/move`, { start: others[0]?.start });
      expect(sibling).toMatchObject({ status: 409, body: { code: 'MOVE_IN_PROGRESS' } });

      await expireAllClaims(stack.store.db);
      await drainWorker();
      expect(await ledgerRow(4)).toMatchObject({ state: 'booked', starts_at: start, ends_at: end, move_starts_at: null, move_requested_by: null });
      const copies = copiesOf(4);
      expect(copies).toHaveLength(2);
      for (const copy of copies) expect(copy).toMatchObject({ start: Date.parse(start), end: Date.parse(end) });
    });

    it('keeps the old slot and tells the participant when the provider refuses the update', async () => {
      const mentee = as(pair.menteeEmail);
      const { slots } = (await mentee('GET', `/sessions/${pair.pairId}/3/slots`)).body as Slots;
      const chosen = slots[0];
      if (chosen === undefined) throw new Error('slots expected');
      const row = await ledgerRow(3);
      // The organizer deleted the meeting by hand: the provider refuses to update what is gone.
      await stack.runtime.calendar.cancelEvent(row.organizer_email, row.event_id ?? '', 'deleted by hand');
      const refused = await mentee('POST', `/sessions/${pair.pairId}/3/move`, { start: chosen.start });
      expect(refused).toMatchObject({ status: 502, body: { code: 'MOVE_REFUSED' } });
      expect((refused.body as { message: string }).message).toContain(`it stays at ${row.starts_at}`);
      const after = await ledgerRow(3);
      expect(after).toMatchObject({ state: 'booked', starts_at: row.starts_at, ends_at: row.ends_at, move_starts_at: null });
      expect(after.last_error).toMatch(/^MOVE_REFUSED: /);
      const [state] = await rows<{ n: number }>(stack.store.db, sql`select count(*)::int as n from bookings where state = 'moving'`);
      expect(state?.n).toBe(0);
    });
  });
}

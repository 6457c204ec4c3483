import { randomUUID } from 'node:crypto';
import type { Database } from '../store/database.ts';
import type { TenantRuntime } from '../runtime/tenants.ts';
import type { Clock } from '../runtime/clock.ts';
import { findCohort, listEnrolments } from '../programme/repository.ts';
import type { CohortRecord } from '../programme/schema.ts';
import type { DeclaredHours, Interval, WorkingHours } from '../../src/model/schema.ts';
import { chooseWorkingHours } from '../../src/model/working-hours.ts';
import type { Availability, BookedEvent, CalendarPort } from '../../src/ports/calendar.ts';
import { ProviderCallError } from '../../src/ports/provider-error.ts';
import { cohortWindow, freeTime, type FreeTime } from '../../src/planning/free-time.ts';
import { checkSlot, proposeSlots, type MoveRequest, type SlotShortage } from '../../src/planning/slot-proposal.ts';
import { moveFailed, type MoveOutcome } from './errors.ts';
import { beginMove, moveAttempts, pairSessionsOf, settleMove, type LedgerSession, type MoveSettlement } from './moves.ts';

const DAY = 86_400_000;
/** Slots offered at once. */
export const slotsOffered = 5;
/** How long a move's holder may take to hear from the provider before a worker applies the move again. */
export const moveLeaseMs = 60_000;
/** When the provider did not answer and said nothing of when to come back. */
const moveRetryMs = 5_000;

export interface MoveContext {
  db: Database;
  runtime: TenantRuntime;
  clock: Clock;
}

/** The signed-in participant: their address and the zone their calendar or directory gives. */
export interface Participant {
  email: string;
  timeZone: string | null;
}

export interface SessionInMotion {
  row: LedgerSession;
  cohort: CohortRecord;
  /** The zone slots are shown in: the participant's calendar's, else the directory's, else UTC. */
  timeZone: string;
}

export interface ProposedSlots extends SessionInMotion {
  slots: Interval[];
  shortage: SlotShortage | null;
}

/** A move applied (the event is at the new slot) or still in flight (a worker will finish it). */
export interface MoveResult extends SessionInMotion {
  moved: boolean;
}

interface Loaded {
  row: LedgerSession;
  sessions: LedgerSession[];
  cohort: CohortRecord;
}

async function loadSession(ctx: MoveContext, me: Participant, pairId: string, session: number): Promise<MoveOutcome<Loaded>> {
  const sessions = await pairSessionsOf(ctx.db, ctx.runtime.tenant.id, pairId, me.email);
  const row = sessions.find((s) => s.session === session);
  const cohort = row === undefined ? null : await findCohort(ctx.db, row.tenant_id, row.cohort_id);
  if (row === undefined || cohort === null) return moveFailed('SESSION_NOT_FOUND', `you have no session ${session} in pair ${pairId}`, 'pairId');
  return { ok: true, value: { row, sessions, cohort } };
}

function movable(loaded: Loaded, now: number): MoveOutcome<Loaded> {
  const { row } = loaded;
  if (Date.parse(row.starts_at) <= now) return moveFailed('SESSION_STARTED', `session ${row.session} started at ${row.starts_at}: it can no longer move`, 'session');
  if (row.state === 'moving') return moveFailed('MOVE_IN_PROGRESS', `session ${row.session} is already moving to ${row.move_starts_at ?? 'another slot'}`, 'session');
  if (row.state !== 'booked' || row.event_id === null) {
    return moveFailed('SESSION_NOT_BOOKED', `session ${row.session} is ${row.state}, not booked in the calendars yet: only a booked session moves`, 'session');
  }
  return { ok: true, value: loaded };
}

/** The pair's series as the rules see it: a session moving elsewhere counts at the slot it is moving to. */
function moveRequestOf(loaded: Loaded, now: number): MoveRequest {
  const sessions = loaded.sessions.map((s) => {
    const start = s.session !== loaded.row.session && s.move_starts_at !== null ? s.move_starts_at : s.starts_at;
    const end = s.session !== loaded.row.session && s.move_ends_at !== null ? s.move_ends_at : s.ends_at;
    return { start: Date.parse(start), end: Date.parse(end) };
  });
  return { sessions, index: loaded.sessions.indexOf(loaded.row), now };
}

/**
 * Working hours for one person: the provider's, else what they declared when they
 * volunteered, else the tenant's default; declared and default hours are in the
 * person's zone, so without a zone only the provider's count.
 */
function hoursOf(answer: Availability, declared: DeclaredHours | undefined, ctx: MoveContext, zone: string | null): WorkingHours | null {
  return chooseWorkingHours({ provider: answer.workingHours, declared: declared ?? null, tenantDefault: ctx.runtime.config.workingHours, timeZone: zone })?.hours ?? null;
}

/** Both people's free time over what the move may reach, the participant first. */
async function freeTimes(ctx: MoveContext, me: Participant, loaded: Loaded, now: number): Promise<MoveOutcome<{ mine: FreeTime; partner: FreeTime; timeZone: string }>> {
  const { row, cohort } = loaded;
  const partnerEmail = row.organizer_email.toLowerCase() === me.email.toLowerCase() ? row.attendee_email : row.organizer_email;
  const emails = [me.email, partnerEmail];
  const whole = cohortWindow(cohort);
  const window = { start: Math.max(whole.start, now - DAY), end: whole.end };
  if (window.end <= window.start) return moveFailed('SLOT_NOT_ALLOWED', `the cohort ${cohort.name} is over: there is no slot left to move to`, 'session');
  const answers = await ctx.runtime.calendar.availability(emails, { start: new Date(window.start).toISOString(), end: new Date(window.end).toISOString() });
  const declared = new Map((await listEnrolments(ctx.db, row.tenant_id, row.cohort_id)).map((e) => [e.email.toLowerCase(), e.workingHours]));
  const free: FreeTime[] = [];
  let timeZone = me.timeZone ?? 'UTC';
  for (const email of emails) {
    const answer = answers.find((a) => a.email.toLowerCase() === email.toLowerCase());
    if (answer === undefined || answer.error !== null) {
      return moveFailed('CALENDAR_UNREADABLE', `the free/busy of ${email} could not be read (${answer?.error ?? 'no answer'}); nothing was changed, try again`);
    }
    const zone = answer.timeZone ?? (email === me.email ? me.timeZone : null);
    if (email === me.email && zone !== null) timeZone = zone;
    const hours = hoursOf(answer, declared.get(email.toLowerCase()), ctx, zone);
    if (hours === null) return moveFailed('CALENDAR_UNREADABLE', `neither the working hours nor the time zone of ${email} are known; nothing was changed`);
    const busy = answer.busy.map((b) => ({ start: Date.parse(b.start), end: Date.parse(b.end) }));
    free.push(freeTime({ workingHours: hours, busy }, cohort, window));
  }
  const [mine, partner] = free;
  if (mine === undefined || partner === undefined) throw new Error('two people were read, two free times expected');
  return { ok: true, value: { mine, partner, timeZone } };
}

/** The next common free slots the session could move to, from both people's free/busy now. */
export async function proposeMove(ctx: MoveContext, me: Participant, pairId: string, session: number, count = slotsOffered): Promise<MoveOutcome<ProposedSlots>> {
  const now = ctx.clock().getTime();
  const found = await loadSession(ctx, me, pairId, session);
  if (!found.ok) return found;
  const loaded = movable(found.value, now);
  if (!loaded.ok) return loaded;
  const free = await freeTimes(ctx, me, loaded.value, now);
  if (!free.ok) return free;
  const { slots, shortage } = proposeSlots(free.value.mine, free.value.partner, moveRequestOf(loaded.value, now), count);
  return { ok: true, value: { row: loaded.value.row, cohort: loaded.value.cohort, timeZone: free.value.timeZone, slots, shortage } };
}

/**
 * Moves a booked session to `start`, which must still be free for both people: the
 * ledger row goes booked → moving with the new slot (the old one stays the truth),
 * then the same event is updated in the organizer's calendar (the attendee's copy
 * follows), and only the provider's confirmation makes the new slot the session's.
 * A crash or a provider that does not answer leaves the row moving, for a worker to
 * apply the same update again, `moveAttempts` times in all; a refusal puts it back on
 * the old slot.
 */
export async function requestMove(ctx: MoveContext, me: Participant, pairId: string, session: number, start: number): Promise<MoveOutcome<MoveResult>> {
  const now = ctx.clock().getTime();
  const found = await loadSession(ctx, me, pairId, session);
  if (!found.ok) return found;
  const loaded = movable(found.value, now);
  if (!loaded.ok) return loaded;
  const free = await freeTimes(ctx, me, loaded.value, now);
  if (!free.ok) return free;
  const checked = checkSlot(free.value.mine, free.value.partner, moveRequestOf(loaded.value, now), start);
  if (!checked.ok) return moveFailed(checked.code, checked.message, 'start');
  const holder = `move-${randomUUID()}`;
  const { row, cohort } = loaded.value;
  const begun = await beginMove(ctx.db, loaded.value, {
    start: new Date(checked.slot.start).toISOString(),
    end: new Date(checked.slot.end).toISOString(),
    requestedBy: me.email.toLowerCase(),
    holder,
    leaseMs: moveLeaseMs,
  });
  if (!begun) return moveFailed('MOVE_IN_PROGRESS', `session ${session} or another session of the pair changed while it was being moved; read the slots again`, 'session');
  const moving: LedgerSession = {
    ...row,
    state: 'moving',
    move_starts_at: new Date(checked.slot.start).toISOString(),
    move_ends_at: new Date(checked.slot.end).toISOString(),
    move_requested_by: me.email.toLowerCase(),
  };
  const applied = await applyMove(ctx.db, ctx.runtime.calendar, holder, moving);
  if (applied.outcome.kind === 'refused') {
    return moveFailed('MOVE_REFUSED', `the calendar refused to move session ${session} (${applied.outcome.error}); it stays at ${row.starts_at}`, 'start');
  }
  // Settled by someone else (this request outlived its lease): the worker that took over finishes it.
  return { ok: true, value: { row: applied.row ?? moving, cohort, timeZone: free.value.timeZone, moved: applied.row?.state === 'booked' } };
}

/**
 * Updates the session's event to the slot its row is moving to, and records the
 * outcome while `holder` still holds the row. Updating an event to the same times
 * twice is harmless, so a move found half-done is simply applied again, until
 * `moveAttempts` updates went unanswered: then the event is read back instead.
 */
export async function applyMove(db: Database, calendar: CalendarPort, holder: string, row: LedgerSession): Promise<{ outcome: MoveSettlement; row: LedgerSession | null }> {
  let outcome: MoveSettlement;
  const { event_id: eventId, move_starts_at: to, move_ends_at: toEnd } = row;
  if (eventId === null || to === null || toEnd === null) {
    outcome = { kind: 'refused', error: `session ${row.session} has no event or no slot to move to in the ledger` };
  } else if (row.attempts >= moveAttempts) {
    outcome = await readBack(calendar, row, { eventId, start: to, end: toEnd }, row.last_error ?? 'no answer');
  } else {
    try {
      await calendar.updateEvent(row.organizer_email, eventId, { start: to, end: toEnd });
      outcome = { kind: 'confirmed' };
    } catch (error) {
      const message = describe(error);
      if (error instanceof ProviderCallError && !error.transient) outcome = { kind: 'refused', error: message };
      else if (row.attempts + 1 >= moveAttempts) outcome = await readBack(calendar, row, { eventId, start: to, end: toEnd }, message);
      else outcome = { kind: 'retry', retryInMs: error instanceof ProviderCallError && error.retryAfterMs !== null ? error.retryAfterMs : moveRetryMs, error: message };
    }
  }
  return { outcome, row: await settleMove(db, row, holder, outcome) };
}

/**
 * Where the event is, once the updates are spent: at the slot asked for (an update the
 * provider applied without saying so), the move is confirmed; anywhere else, it failed
 * and the ledger keeps the old slot. A calendar that cannot be read keeps the move in
 * flight, to be read again; it is never taken for the event being elsewhere.
 */
async function readBack(calendar: CalendarPort, row: LedgerSession, move: { eventId: string; start: string; end: string }, lastError: string): Promise<MoveSettlement> {
  const window = {
    start: new Date(Math.min(Date.parse(row.starts_at), Date.parse(move.start)) - DAY).toISOString(),
    end: new Date(Math.max(Date.parse(row.ends_at), Date.parse(move.end)) + DAY).toISOString(),
  };
  let events: BookedEvent[];
  try {
    events = await calendar.listBooked(row.organizer_email, window);
  } catch (error) {
    return { kind: 'retry', retryInMs: moveRetryMs, error: `${lastError}; reading the event back failed too: ${describe(error)}` };
  }
  const event = events.find((e) => !e.cancelled && (e.eventId === move.eventId || e.key === row.idempotency_key));
  if (event !== undefined && Date.parse(event.start) === Date.parse(move.start) && Date.parse(event.end) === Date.parse(move.end)) return { kind: 'confirmed' };
  const where = event === undefined ? 'is not in the calendar' : `is still at ${new Date(event.start).toISOString()}`;
  return { kind: 'not-confirmed', attempts: moveAttempts, error: `${moveAttempts} updates went unconfirmed (${lastError}) and the event ${where}` };
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

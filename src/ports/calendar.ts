import type { WorkingHours } from '../model/schema.ts';

/** Busy time and working hours of one person over a window, as the provider reports them. */
export interface Availability {
  email: string;
  /** IANA zone of the mailbox; null when the provider did not say. */
  timeZone: string | null;
  workingHours: WorkingHours | null;
  /** Busy intervals, UTC ISO, sorted, possibly overlapping. */
  busy: { start: string; end: string }[];
  /** Set when the provider could not answer for this person (unknown mailbox…). */
  error: string | null;
}

/** What Binome writes on every event it books, so it can find it again. */
export interface EventTag {
  cohortId: string;
  pairId: string;
  session: number;
}

/** A session to book: one event, organised by one person, in every attendee's calendar. */
export interface SessionEvent {
  /** Deterministic idempotency key: the same (pair, session) always gives the same key. */
  key: string;
  organizerEmail: string;
  attendeeEmails: string[];
  subject: string;
  /** Plain text or simple HTML shown in the invitation. */
  body: string;
  /** UTC ISO instants. */
  start: string;
  end: string;
  /** Ask the provider for an online meeting (Teams / Meet) link. */
  online: boolean;
  tag: EventTag;
}

/** The fate of one event in a create call. */
export type CreateOutcome =
  | { key: string; status: 'created'; eventId: string; onlineMeetingUrl: string | null }
  /** The provider asked us to wait; nothing was created. */
  | { key: string; status: 'throttled'; retryAfterMs: number }
  /** Timeout, dropped connection, 5xx: the event may or may not exist; look it up before retrying. */
  | { key: string; status: 'unknown'; detail: string }
  /** The provider refused it for good (4xx other than 429). */
  | { key: string; status: 'rejected'; code: string; message: string };

/** What a calendar says of one idempotency key. */
export type LookupOutcome =
  | { status: 'found'; eventId: string; onlineMeetingUrl: string | null }
  | { status: 'absent' }
  | { status: 'unknown'; detail: string };

/** An event Binome booked, read back from a calendar. */
export interface BookedEvent {
  eventId: string;
  key: string | null;
  tag: EventTag | null;
  subject: string;
  start: string;
  end: string;
  organizerEmail: string;
  attendees: { email: string; response: 'none' | 'accepted' | 'declined' | 'tentative' | 'organizer' }[];
  onlineMeetingUrl: string | null;
  cancelled: boolean;
}

export interface CalendarPort {
  /** How many events one `createEvents` call may carry (one provider round trip). */
  readonly maxEventsPerCall: number;
  /**
   * Free/busy and working hours for many people over a window, in as few provider
   * calls as the provider allows (the connector splits by its limits).
   */
  availability(emails: string[], window: { start: string; end: string }): Promise<Availability[]>;
  /** Create up to `maxEventsPerCall` events in one round trip; one outcome per event, same order. */
  createEvents(events: SessionEvent[]): Promise<CreateOutcome[]>;
  /**
   * Look up events by idempotency key in each organizer's calendar (after an
   * unknown outcome): one answer per key, and "unknown" when that calendar could
   * not be read, which must never be taken for "absent".
   */
  findEvents(lookups: { organizerEmail: string; key: string }[]): Promise<Map<string, LookupOutcome>>;
  /** Binome's events in one person's calendar over a window. */
  listBooked(email: string, window: { start: string; end: string }): Promise<BookedEvent[]>;
  updateEvent(organizerEmail: string, eventId: string, change: { start: string; end: string }): Promise<void>;
  cancelEvent(organizerEmail: string, eventId: string, comment: string): Promise<void>;
}

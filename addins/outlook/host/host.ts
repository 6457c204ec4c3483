/**
 * What the pane needs from the application it runs in, as plain data. Components receive
 * a `Host` as a prop: `officeHost()` inside Outlook, `demoHost(...)` on the demo page and
 * in tests. Nothing here touches Office.js.
 */

export type HostErrorCode =
  /** The pane has no item: opened without a selected meeting (or the reading pane is off). */
  | 'HOST_NO_ITEM'
  /** The open item is a message, not a meeting. */
  | 'HOST_NOT_A_MEETING'
  /** Office answered a call with an error (the message names the call and Office's code). */
  | 'HOST_CALL_FAILED'
  /** Office answered with something of another shape than documented (the field is named). */
  | 'HOST_ANSWER_UNREADABLE';

export type HostError = { ok: false; code: HostErrorCode; message: string; field?: string };
export type HostResult<T> = { ok: true; value: T } | HostError;

export type ResponseStatus = 'organizer' | 'accepted' | 'tentative' | 'declined' | 'none';

export interface Person {
  email: string;
  name: string;
  /** Only where Outlook reports it (an attendee's view of the meeting). */
  response: ResponseStatus | null;
}

/** Which side of the meeting the user opened: Outlook gives organizers an editable form. */
export type MeetingRole = 'organizer' | 'attendee';

export interface Appointment {
  role: MeetingRole;
  /**
   * Outlook's id for this copy of the meeting (EWS format on desktop and the web). Null for
   * an organizer's meeting not saved yet, or on clients before Mailbox 1.8, which cannot
   * give the organizer's id: the service then matches on subject and times.
   */
  itemId: string | null;
  /** The same id in the REST/Graph format, where the client can convert it. */
  restItemId: string | null;
  /** Office.js does not expose it; other hosts (demo, later Google) may know it. */
  iCalUId: string | null;
  /**
   * Binome's tag for the session, where this client can read it: the demo host knows it, and
   * Outlook gives it on the organizer's copy, where Binome writes the add-in's own custom
   * property `binome` when it books. Null otherwise (an attendee's copy: Outlook does not pass
   * custom properties on): the pane then finds the session by the event's id or its times.
   */
  binomeTag: string | null;
  subject: string;
  /** ISO 8601 instants in UTC. */
  start: string;
  end: string;
  location: string;
  organizer: Person | null;
  requiredAttendees: Person[];
  optionalAttendees: Person[];
}

/**
 * What the pane sends the service to learn which Binome session (if any) this meeting is.
 * The service resolves the id in the user's own mailbox and reads the Binome tag there;
 * subject and times let it answer for a copy whose id it cannot resolve.
 */
export type SessionLookup = Pick<Appointment, 'itemId' | 'restItemId' | 'iCalUId' | 'subject' | 'start' | 'end'>;

/** Outlook.com and Gmail mailboxes cannot use nested app authentication. */
export type AccountType = 'office365' | 'enterprise' | 'outlookCom' | 'gmail' | 'unknown';

export interface MailboxUser {
  email: string;
  displayName: string;
  accountType: AccountType;
}

export interface HostContext {
  user: MailboxUser;
  /** BCP 47 tag of Office's display language ("fr-FR"), or null when Office gives none. */
  locale: string | null;
  /** IANA zone to show times in. */
  timeZone: string;
  /** 'mailbox': the Outlook calendar's zone; 'device': the runtime's, when Outlook's could not be read. */
  timeZoneSource: 'mailbox' | 'device';
  /** Whether the client supports nested app authentication (NestedAppAuth 1.1). */
  nestedAppAuth: boolean;
}

export interface Host {
  /** Who uses Outlook here, in which language and zone, and which sign-in the client offers. */
  context(): Promise<HostResult<HostContext>>;
  /** The meeting the pane was opened on, as the user sees it. */
  appointment(): Promise<HostResult<Appointment>>;
}

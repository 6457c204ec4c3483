import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FixtureGroup, TenantFixture, FixturePerson } from '../../src/model/fixture.ts';
import type { Platform } from '../../src/model/schema.ts';
import { weekOfWritten, type WorkingWeek } from '../../src/model/schema.ts';
import { googleEventId, iCalUid, outlookItemId, stableGuid } from './ids.ts';
import { Journal } from './journal.ts';
import { resolveZone, windowsZoneOf } from './zones.ts';

/** A directory user as the sandbox holds it; `id` is the Graph object id (a GUID). */
export interface SandboxUser {
  id: string;
  fixtureId: string;
  email: string;
  displayName: string;
  jobTitle: string | null;
  department: string | null;
  officeLocation: string | null;
  hireDate: string | null;
  /** Graph id of the manager. */
  managerId: string | null;
  /** IANA zone of the mailbox. */
  timeZone: string;
  languages: string[];
  /** The weekly schedule in the user's zone; null when the fixture gives none. */
  workingHours: WorkingWeek | null;
  /** Directory change counter at the last change, for delta queries. */
  version: number;
}

export const responseKinds = ['none', 'organizer', 'tentativelyAccepted', 'accepted', 'declined', 'notResponded'] as const;
export type ResponseKind = (typeof responseKinds)[number];
export const showAsKinds = ['free', 'tentative', 'busy', 'oof', 'workingElsewhere', 'unknown'] as const;
export type ShowAs = (typeof showAsKinds)[number];

export interface StoredAttendee {
  email: string;
  name: string;
  type: 'required' | 'optional' | 'resource';
  response: ResponseKind;
  responseTime: string;
}

/** One item in one mailbox's calendar: the organizer's event or an attendee's own copy. */
export interface StoredEvent {
  id: string;
  mailboxId: string;
  seq: number;
  iCalUId: string;
  subject: string;
  body: { contentType: 'text' | 'html'; content: string };
  /** Epoch milliseconds, UTC. */
  start: number;
  end: number;
  startTimeZone: string;
  endTimeZone: string;
  location: string;
  organizer: { email: string; name: string };
  attendees: StoredAttendee[];
  isOrganizer: boolean;
  /**
   * An attendee's copy of a meeting its organizer cancelled, or dropped them from:
   * Outlook keeps it (subject prefixed "Canceled: ", shown free) until the attendee
   * removes it. Absent in journals written before it existed, which read as false.
   */
  isCancelled?: boolean;
  /** The organizer's choice, carried by every copy; absent in older journals, which reads as true (Graph's default). */
  allowNewTimeProposals?: boolean;
  response: ResponseKind;
  responseTime: string;
  showAs: ShowAs;
  isOnlineMeeting: boolean;
  onlineMeetingProvider: string;
  joinUrl: string | null;
  transactionId: string | null;
  extendedProperties: { id: string; value: string }[];
  createdAt: string;
  modifiedAt: string;
  changeKey: number;
  /** What only Google Calendar events carry; absent on Graph events and on a Google tenant's seeded busy events. */
  google?: GoogleEventFields;
}

/**
 * A Google Calendar event's own parts. Every copy of one meeting (the organizer's and
 * each attendee's) has the same `id`; a deleted event stays with status `cancelled`,
 * so that its id keeps being refused by events.insert.
 */
export interface GoogleEventFields {
  status: 'confirmed' | 'tentative' | 'cancelled';
  /** Seen on this copy only. */
  private: Record<string, string>;
  /** The same on every copy. */
  shared: Record<string, string>;
  transparency: 'opaque' | 'transparent';
  sequence: number;
  /** A Meet conference asked for with `conferenceData.createRequest`. */
  conference: { requestId: string; meetingCode: string; pendingOnInsert: boolean } | null;
}

export interface SentMail {
  id: string;
  fromId: string;
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  body: { contentType: string; content: string };
  saveToSentItems: boolean;
  sentAt: string;
}

export type StateOp =
  | { t: 'event.put'; event: StoredEvent }
  | { t: 'event.delete'; mailboxId: string; id: string }
  | { t: 'mail.sent'; mail: SentMail }
  | { t: 'user.put'; user: SandboxUser }
  | { t: 'user.remove'; id: string; version: number };

interface JournalEntry {
  at: string;
  ops: StateOp[];
}

export const neverResponded = '0001-01-01T00:00:00Z';
/** Creation stamp of the fixture's events: fixed, so that every first start is identical. */
const seededAt = '2026-01-01T00:00:00Z';

/**
 * The sandbox's whole world: directory, calendars and sent mail. Every change goes
 * through `commit`, which writes the transaction to the journal (flushed) before
 * applying it, so memory never holds what the disk does not.
 */
export class SandboxState {
  readonly users = new Map<string, SandboxUser>();
  readonly removedUsers = new Map<string, number>();
  private readonly byEmail = new Map<string, string>();
  private readonly calendars = new Map<string, Map<string, StoredEvent>>();
  /** `mailboxId/id` of each copy; a lone copy (every seeded event) is kept without a Set, which seeding makes by the hundred thousand. */
  private readonly byICalUid = new Map<string, string | Set<string>>();
  readonly sentMail: SentMail[] = [];
  /** Directory groups (the Google facade serves them), as the fixture lists them. */
  readonly groups: FixtureGroup[] = [];
  private eventSeq = 0;
  directoryVersion = 0;
  private readonly journal: Journal<JournalEntry>;

  private constructor(
    readonly tenant: TenantFixture['tenant'],
    readonly tenantGuid: string,
    /** Where the state lives; facades keep their own files (keys) beside it. */
    readonly stateDir: string,
  ) {
    this.journal = new Journal(join(stateDir, 'journal.jsonl'));
  }

  /**
   * Opens the state kept in `stateDir`. The fixture seeds only the first start (it is
   * copied there); later starts rebuild from that copy and replay the journal.
   */
  static async open(fixture: TenantFixture, stateDir: string): Promise<SandboxState> {
    await mkdir(stateDir, { recursive: true });
    const fixturePath = join(stateDir, 'fixture.json');
    let seed = fixture;
    if (existsSync(fixturePath)) {
      seed = JSON.parse(await readFile(fixturePath, 'utf8')) as TenantFixture;
    } else {
      // Compact: a 3,000-person fixture's busy times are tens of megabytes indented.
      await writeFile(`${fixturePath}.tmp`, JSON.stringify(fixture));
      await rename(`${fixturePath}.tmp`, fixturePath);
    }
    const state = new SandboxState(seed.tenant, stableGuid('tenant', seed.tenant.id), stateDir);
    state.seed(seed);
    for (const entry of state.journal.replay()) for (const op of entry.ops) state.apply(op);
    return state;
  }

  private seed(fixture: TenantFixture): void {
    const google = fixture.tenant.platform === 'google';
    this.groups.push(...(fixture.groups ?? []));
    const idOf = new Map(fixture.people.map((p) => [p.id, this.userIdForFixture(p.id)]));
    fixture.people.forEach((person, index) => {
      const user = userFromFixture(
        person,
        `people[${index}]`,
        { id: idOf.get(person.id) ?? person.id, managerIdOf: (fixtureId) => idOf.get(fixtureId) ?? null },
        0,
        fixture.tenant.platform,
      );
      this.apply({ t: 'user.put', user });
    });
    this.directoryVersion = 0;
    for (const user of this.users.values()) user.version = 0;
    for (const person of fixture.people) {
      const user = this.users.get(idOf.get(person.id) ?? '');
      if (user === undefined) continue;
      for (const busy of person.busy) {
        const start = Date.parse(busy.start);
        const end = Date.parse(busy.end);
        const seq = this.nextSeq();
        this.apply({
          t: 'event.put',
          event: {
            id: google ? googleEventId(user.id, seq) : outlookItemId(user.id, seq),
            mailboxId: user.id,
            seq,
            iCalUId: google ? `${googleEventId(user.id, seq)}@google.com` : iCalUid(user.id, seq),
            subject: busy.subject,
            body: { contentType: 'text', content: '' },
            start,
            end,
            startTimeZone: user.timeZone,
            endTimeZone: user.timeZone,
            location: '',
            organizer: { email: user.email, name: user.displayName },
            attendees: [],
            isOrganizer: true,
            response: 'organizer',
            responseTime: neverResponded,
            showAs: 'busy',
            isOnlineMeeting: false,
            onlineMeetingProvider: 'unknown',
            joinUrl: null,
            transactionId: null,
            extendedProperties: [],
            createdAt: seededAt,
            modifiedAt: seededAt,
            changeKey: 1,
          },
        });
      }
    }
  }

  /** The Graph id a fixture person gets: name-based, so every start of the same fixture agrees. */
  userIdForFixture(fixtureId: string): string {
    return stableGuid('user', this.tenant.id, fixtureId);
  }

  nextSeq(): number {
    this.eventSeq += 1;
    return this.eventSeq;
  }

  /** Journals the transaction (flushed to disk), then applies it. */
  commit(ops: StateOp[]): void {
    if (ops.length === 0) return;
    this.journal.append({ at: new Date().toISOString(), ops });
    for (const op of ops) this.apply(op);
  }

  private apply(op: StateOp): void {
    switch (op.t) {
      case 'user.put': {
        const previous = this.users.get(op.user.id);
        if (previous !== undefined) this.byEmail.delete(previous.email.toLowerCase());
        this.users.set(op.user.id, op.user);
        this.byEmail.set(op.user.email.toLowerCase(), op.user.id);
        this.removedUsers.delete(op.user.id);
        this.directoryVersion = Math.max(this.directoryVersion, op.user.version);
        return;
      }
      case 'user.remove': {
        const user = this.users.get(op.id);
        if (user !== undefined) this.byEmail.delete(user.email.toLowerCase());
        this.users.delete(op.id);
        this.removedUsers.set(op.id, op.version);
        this.directoryVersion = Math.max(this.directoryVersion, op.version);
        return;
      }
      case 'event.put': {
        let calendar = this.calendars.get(op.event.mailboxId);
        if (calendar === undefined) {
          calendar = new Map();
          this.calendars.set(op.event.mailboxId, calendar);
        }
        calendar.set(op.event.id, op.event);
        const key = `${op.event.mailboxId}/${op.event.id}`;
        const linked = this.byICalUid.get(op.event.iCalUId);
        if (linked === undefined) this.byICalUid.set(op.event.iCalUId, key);
        else if (typeof linked !== 'string') linked.add(key);
        else if (linked !== key) this.byICalUid.set(op.event.iCalUId, new Set([linked, key]));
        this.eventSeq = Math.max(this.eventSeq, op.event.seq);
        return;
      }
      case 'event.delete': {
        const event = this.calendars.get(op.mailboxId)?.get(op.id);
        if (event === undefined) return;
        this.calendars.get(op.mailboxId)?.delete(op.id);
        const key = `${op.mailboxId}/${op.id}`;
        const linked = this.byICalUid.get(event.iCalUId);
        if (linked === key) this.byICalUid.delete(event.iCalUId);
        else if (typeof linked === 'object') linked.delete(key);
        return;
      }
      case 'mail.sent':
        this.sentMail.push(op.mail);
        return;
    }
  }

  /** A user by Graph id or user principal name (case-insensitive). */
  findUser(idOrUpn: string): SandboxUser | undefined {
    const direct = this.users.get(idOrUpn) ?? this.users.get(idOrUpn.toLowerCase());
    if (direct !== undefined) return direct;
    const id = this.byEmail.get(idOrUpn.toLowerCase());
    return id === undefined ? undefined : this.users.get(id);
  }

  /** Users in a stable order (by Graph id), as Graph pages them. */
  listUsers(): SandboxUser[] {
    return [...this.users.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  events(mailboxId: string): StoredEvent[] {
    return [...(this.calendars.get(mailboxId)?.values() ?? [])];
  }

  event(mailboxId: string, id: string): StoredEvent | undefined {
    return this.calendars.get(mailboxId)?.get(id);
  }

  /** Every item sharing an iCalUId: the organizer's event and the attendees' copies. */
  linked(iCalUId: string): StoredEvent[] {
    const result: StoredEvent[] = [];
    const linked = this.byICalUid.get(iCalUId);
    for (const key of typeof linked === 'string' ? [linked] : (linked ?? [])) {
      const [mailboxId, id] = key.split('/');
      const event = this.calendars.get(mailboxId ?? '')?.get(id ?? '');
      if (event !== undefined) result.push(event);
    }
    return result;
  }

  close(): void {
    this.journal.close();
  }
}

/** By platform and zone name: a tenant's thousands of people share a few dozen zones, each costly to resolve. */
const presentedZones = new Map<string, string | null>();

/**
 * The IANA zone the sandbox holds for a person, or why its provider could not report
 * it: Graph names zones the Windows way, Google Calendar by their IANA names.
 */
function presentableZone(person: FixturePerson, where: string, platform: Platform): { zone: string } | { problem: string } {
  const key = `${platform}:${person.timeZone}`;
  let zone = presentedZones.get(key);
  if (zone === undefined) {
    const resolved = resolveZone(person.timeZone);
    zone = resolved !== null && (platform === 'google' || windowsZoneOf(resolved) !== null) ? resolved : null;
    presentedZones.set(key, zone);
  }
  if (zone !== null) return { zone };
  if (platform === 'google') return { problem: `${where}.timeZone: "${person.timeZone}" is not a known time zone` };
  return { problem: `${where}.timeZone: "${person.timeZone}" has no Windows time zone that keeps its offsets, so Graph (and this sandbox) cannot report it` };
}

/** The first reason this fixture cannot seed the sandbox, or null: lets a CLI refuse it before starting anything. */
export function seedProblem(fixture: TenantFixture): string | null {
  for (const [index, person] of fixture.people.entries()) {
    const presented = presentableZone(person, `people[${index}]`, fixture.tenant.platform);
    if ('problem' in presented) return presented.problem;
  }
  return null;
}

/**
 * A directory user from a fixture person: at seeding and when a test adds
 * someone. `where` names the person in errors; `managerIdOf` maps a fixture id
 * to its Graph id.
 */
export function userFromFixture(
  person: FixturePerson,
  where: string,
  ids: { id: string; managerIdOf: (fixtureId: string) => string | null },
  version: number,
  platform: Platform = 'microsoft',
): SandboxUser {
  const presented = presentableZone(person, where, platform);
  if ('problem' in presented) throw new Error(presented.problem);
  return {
    id: ids.id,
    fixtureId: person.id,
    email: person.email,
    displayName: person.name,
    jobTitle: person.jobTitle ?? null,
    department: person.department ?? null,
    officeLocation: person.office ?? null,
    hireDate: person.hireDate ?? null,
    managerId: person.managerId === undefined ? null : ids.managerIdOf(person.managerId),
    timeZone: presented.zone,
    languages: person.languages,
    workingHours: person.workingHours === undefined ? null : weekOfWritten(person.workingHours),
    version,
  };
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TenantFixture } from '../../src/model/fixture.ts';
import type { Platform } from '../../src/model/schema.ts';
import type { CalendarPort, SessionEvent } from '../../src/ports/calendar.ts';
import type { DirectoryPort } from '../../src/ports/directory.ts';
import type { MailPort } from '../../src/ports/mail.ts';
import { createGoogleConnector } from '../../server/connectors/google/connector.ts';
import { createMicrosoftConnector } from '../../server/connectors/microsoft/connector.ts';
import type { RequestCounts } from '../../server/connectors/shared/counts.ts';
import { startSandbox, type SandboxHandle } from '../../server/sandbox/server.ts';

/**
 * One behavioural suite, two adapters: each starts the sandbox with a tenant
 * of its platform and builds its connector with the real SDKs; the checks are
 * the same. Faults (throttling, dropped connections) are turned on where the
 * behaviour is about surviving them.
 */

const headcount = 130;
const zones = ['Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'Europe/London'];
const email = (i: number) => `p${i}@contoso.example`;
const managerOf = (i: number) => (i === 0 ? null : i < 10 ? 0 : 1 + (i % 9));
const programme = { start: '2027-01-11T00:00:00Z', end: '2027-07-12T00:00:00Z' };

function fixtureFor(platform: Platform): TenantFixture {
  return TenantFixture.parse({
    tenant: { id: 'contoso', name: 'Contoso', domain: 'contoso.example', platform },
    people: Array.from({ length: headcount }, (_, i) => {
      const manager = managerOf(i);
      return {
        id: `u${i}`,
        email: email(i),
        name: `Person ${i}`,
        jobTitle: manager === 0 || manager === null ? 'Manager' : 'Analyst',
        department: ['Finance', 'IT', 'Sales'][i % 3],
        office: 'Paris',
        hireDate: '2024-09-02',
        ...(manager === null ? {} : { managerId: `u${manager}` }),
        timeZone: zones[i % zones.length],
        languages: ['fr', 'en'],
        workingHours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '18:00' },
        busy: i % 7 === 0 ? [{ start: '2027-01-12T09:00:00Z', end: '2027-01-12T10:00:00Z', subject: 'Team sync' }] : [],
      };
    }),
  });
}

interface Connector {
  directory: DirectoryPort;
  calendar: CalendarPort;
  mail: MailPort;
  requestCounts(): RequestCounts;
  close(): Promise<void>;
}

interface Adapter {
  platform: Platform;
  /** Token grants are not API calls: left out of the round-trip figures. */
  tokenLabel: string;
  /** Whether the directory itself reports zones and working hours (Google: yes; Graph gives them with free/busy). */
  directoryHasSettings: boolean;
  /** Whether creating an event again with the same key is itself harmless (Google's client-chosen ids). */
  idempotentCreate: boolean;
  connect(sandbox: SandboxHandle, stateDir: string): Connector;
}

const GoogleUrls = z.object({ googleApiRoot: z.url(), googleTokenUrl: z.url(), googleServiceAccountKeyFile: z.string().min(1) });

const microsoft: Adapter = {
  platform: 'microsoft',
  tokenLabel: 'POST /{tenant}/oauth2/v2.0/token',
  directoryHasSettings: false,
  idempotentCreate: false,
  connect: (sandbox) =>
    createMicrosoftConnector({
      ...sandbox.credentials,
      authority: sandbox.urls.authority,
      graphBaseUrl: sandbox.urls.graph,
      caCertPem: sandbox.ca.certPem,
      organizerMailbox: email(0),
    }),
};

const google: Adapter = {
  platform: 'google',
  tokenLabel: 'POST /token',
  directoryHasSettings: true,
  idempotentCreate: true,
  connect(sandbox) {
    const urls = GoogleUrls.parse(sandbox.urls);
    return createGoogleConnector({
      serviceAccountKey: urls.googleServiceAccountKeyFile,
      adminEmail: email(0),
      domain: 'contoso.example',
      apiRootUrl: urls.googleApiRoot,
      tokenUrl: urls.googleTokenUrl,
      caCertPem: sandbox.ca.certPem,
    });
  },
};

const adapters = [microsoft, google];

function session(i: number, overrides: Partial<SessionEvent> = {}): SessionEvent {
  const start = Date.parse('2027-02-01T09:00:00Z') + i * 3_600_000;
  return {
    key: `bnm-contract-${i}`,
    organizerEmail: email(20 + i),
    attendeeEmails: [email(20 + i), email(60 + i)],
    subject: `Binome session ${i}`,
    body: '<p>Reverse mentoring</p>',
    start: new Date(start).toISOString(),
    end: new Date(start + 3_600_000).toISOString(),
    online: i % 2 === 0,
    tag: { cohortId: 'cohort-1', pairId: `pair-${i}`, session: 1 },
    ...overrides,
  };
}

/** API round trips between two snapshots, token grants left out (cached, so they come and go). */
function apiRoundTrips(after: RequestCounts, before: RequestCounts, tokenLabel: string): number {
  const tokens = (after.byEndpoint[tokenLabel] ?? 0) - (before.byEndpoint[tokenLabel] ?? 0);
  return after.httpRoundTrips - before.httpRoundTrips - tokens;
}

describe.each(adapters)('the $platform connector keeps the ports’ promises', (adapter) => {
  let stateDir: string;
  let sandbox: SandboxHandle;
  let connector: Connector;

  /** How many of Binome's events carry `key` in the organizer's calendar, read through the connector. */
  async function copies(organizerEmail: string, key: string): Promise<number> {
    return (await connector.calendar.listBooked(organizerEmail, programme)).filter((e) => e.key === key).length;
  }

  /** The rollout's protocol: look up keys whose outcome was unknown, create only the absent ones. */
  async function bookUntilSettled(events: SessionEvent[]): Promise<Map<string, string>> {
    const booked = new Map<string, string>();
    let pending = events;
    for (let round = 0; pending.length > 0 && round < 6; round++) {
      const found = await connector.calendar.findEvents(pending.map((e) => ({ organizerEmail: e.organizerEmail, key: e.key })));
      for (const [key, answer] of found) if (answer.status === 'found') booked.set(key, answer.eventId);
      const absent = pending.filter((e) => found.get(e.key)?.status === 'absent');
      const outcomes = absent.length === 0 ? [] : await connector.calendar.createEvents(absent);
      for (const outcome of outcomes) if (outcome.status === 'created') booked.set(outcome.key, outcome.eventId);
      pending = pending.filter((e) => !booked.has(e.key));
    }
    return booked;
  }

  beforeAll(async () => {
    stateDir = mkdtempSync(join(tmpdir(), `binome-contract-${adapter.platform}-`));
    sandbox = await startSandbox({ fixture: fixtureFor(adapter.platform), stateDir });
    connector = adapter.connect(sandbox, stateDir);
  });

  afterAll(async () => {
    await connector?.close();
    await sandbox?.close();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('lists every person with their manager, through throttling', async () => {
    sandbox.setKnobs({ faults: { rate429: 0.2 }, seed: 7 });
    let people;
    try {
      people = await connector.directory.listPeople();
    } finally {
      sandbox.setKnobs({});
    }
    expect(people).toHaveLength(headcount);
    const byEmail = new Map(people.map((p) => [p.email, p]));
    for (const i of [0, 5, 11, 129]) {
      const manager = managerOf(i);
      expect(byEmail.get(email(i))?.managerId ?? null).toBe(manager === null ? null : (byEmail.get(email(manager))?.id ?? 'missing'));
    }
    expect(byEmail.get(email(11))).toMatchObject({ name: 'Person 11', department: 'Sales', languages: ['fr', 'en'] });
    if (adapter.directoryHasSettings) {
      expect(byEmail.get(email(2))).toMatchObject({
        timeZone: 'Asia/Kolkata',
        workingHours: { timeZone: 'Asia/Kolkata', week: { mon: [[540, 1080]], tue: [[540, 1080]], wed: [[540, 1080]], thu: [[540, 1080]], fri: [[540, 1080]], sat: [], sun: [] } },
      });
    }
  });

  it('reads free/busy, zones and working hours of 120 people over 26 weeks in one round trip, through throttling', async () => {
    const emails = Array.from({ length: 120 }, (_, i) => email(i));
    const before = connector.requestCounts();
    sandbox.setKnobs({ faults: { rate429: 0.1 }, seed: 11 });
    let availability;
    try {
      availability = await connector.calendar.availability(emails, programme);
    } finally {
      sandbox.setKnobs({});
    }
    expect(availability.map((a) => a.email)).toEqual(emails);
    expect(availability.filter((a) => a.error !== null)).toEqual([]);
    expect(availability.slice(0, 4).map((a) => a.timeZone)).toEqual(zones);
    expect(availability[3]?.workingHours).toEqual({ timeZone: 'Europe/London', week: { mon: [[540, 1080]], tue: [[540, 1080]], wed: [[540, 1080]], thu: [[540, 1080]], fri: [[540, 1080]], sat: [], sun: [] } });
    expect(availability[7]?.busy).toContainEqual({ start: '2027-01-12T09:00:00Z', end: '2027-01-12T10:00:00Z' });
    expect(availability[8]?.busy).toEqual([]);
    // One batch, plus the retries of throttled parts.
    expect(apiRoundTrips(connector.requestCounts(), before, adapter.tokenLabel)).toBeLessThanOrEqual(6);
  });

  it('never takes an unreadable calendar for a free one', async () => {
    const [known, unknown] = await connector.calendar.availability([email(7), 'nobody.here@contoso.example'], programme);
    expect(known?.error).toBeNull();
    expect(unknown?.error).not.toBeNull();
    expect(unknown?.busy).toEqual([]);
  });

  const pairs = Array.from({ length: 10 }, (_, i) => session(i));

  it('books sessions for pairs, with a meeting link when online, and reads them back by tag on both sides', async () => {
    const outcomes = await connector.calendar.createEvents(pairs);
    expect(outcomes.map((o) => [o.key, o.status])).toEqual(pairs.map((p) => [p.key, 'created']));
    expect(outcomes[0]).toMatchObject({ onlineMeetingUrl: expect.stringMatching(/^https:\/\//) });
    expect(outcomes[1]).toMatchObject({ onlineMeetingUrl: null });
    const fromOrganizer = await connector.calendar.listBooked(email(23), programme);
    expect(fromOrganizer).toHaveLength(1);
    expect(fromOrganizer[0]).toMatchObject({ key: session(3).key, tag: session(3).tag, organizerEmail: email(23), start: session(3).start.replace('.000Z', 'Z'), cancelled: false });
    const fromAttendee = await connector.calendar.listBooked(email(63), programme);
    expect(fromAttendee.map((e) => [e.key, e.tag])).toEqual([[session(3).key, session(3).tag]]);
    expect(fromAttendee[0]?.attendees).toContainEqual({ email: email(63), response: 'none' });
    const online = await connector.calendar.listBooked(email(60), programme);
    expect(online[0]?.onlineMeetingUrl).toMatch(/^https:\/\//);
  });

  it('books nothing twice when the same keys are booked again', async () => {
    const booked = await bookUntilSettled(pairs);
    expect(booked.size).toBe(pairs.length);
    if (adapter.idempotentCreate) {
      const again = await connector.calendar.createEvents(pairs.slice(0, 3));
      expect(again.map((o) => (o.status === 'created' ? o.eventId : o.status))).toEqual(pairs.slice(0, 3).map((p) => booked.get(p.key)));
    }
    for (const pair of pairs.slice(0, 4)) expect(await copies(pair.organizerEmail, pair.key)).toBe(1);
  });

  it('books each session once when answers are lost and the booking is retried', async () => {
    const lost = Array.from({ length: 6 }, (_, i) => session(30 + i));
    sandbox.setKnobs({ faults: { dropEvery: 1 }, seed: 5 });
    let outcomes;
    try {
      outcomes = await connector.calendar.createEvents(lost);
    } finally {
      sandbox.setKnobs({});
    }
    expect(outcomes.every((o) => o.status === 'unknown')).toBe(true);
    const booked = await bookUntilSettled(lost);
    expect([...booked.keys()].sort()).toEqual(lost.map((e) => e.key).sort());
    for (const event of lost) expect(await copies(event.organizerEmail, event.key)).toBe(1);
  });

  it('moves a session and then cancels it for everyone', async () => {
    const found = await connector.calendar.findEvents([{ organizerEmail: email(24), key: session(4).key }]);
    const answer = found.get(session(4).key);
    if (answer?.status !== 'found') throw new Error(`session 4 not found: ${JSON.stringify(answer)}`);
    await connector.calendar.updateEvent(email(24), answer.eventId, { start: '2027-03-01T14:00:00Z', end: '2027-03-01T15:00:00Z' });
    expect((await connector.calendar.listBooked(email(64), programme))[0]).toMatchObject({ start: '2027-03-01T14:00:00Z', end: '2027-03-01T15:00:00Z' });
    await connector.calendar.cancelEvent(email(24), answer.eventId, 'Pair changed');
    expect(await connector.calendar.listBooked(email(24), programme)).toEqual([]);
    // The attendee's copy is gone or marked cancelled (Graph keeps it until they remove it).
    expect((await connector.calendar.listBooked(email(64), programme)).filter((e) => !e.cancelled)).toEqual([]);
    expect((await connector.calendar.findEvents([{ organizerEmail: email(24), key: session(4).key }])).get(session(4).key)).toEqual({ status: 'absent' });
  });

  it('sends mail from a person of the tenant, with a non-ASCII subject', async () => {
    await connector.mail.send({ fromEmail: email(0), to: [email(1), email(2)], subject: 'Devenez mentor·e', html: '<p>Rejoignez Binôme</p>' });
    expect(sandbox.sentMail().at(-1)).toMatchObject({ subject: 'Devenez mentor·e' });
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TenantFixture } from '../../src/model/fixture.ts';
import type { SessionEvent } from '../../src/ports/calendar.ts';
import { createMicrosoftConnector, type MicrosoftConnector } from '../../server/connectors/microsoft/connector.ts';
import type { RequestCounts } from '../../server/connectors/shared/counts.ts';
import { binomeTagPropertyId } from '../../server/connectors/microsoft/tag.ts';
import { BINOME_PROPERTY_ID } from '../../server/sandbox/microsoft/extended-property.ts';
import { startSandbox, type SandboxHandle } from '../../server/sandbox/server.ts';

/** More than Graph's largest /users page (999), so listing needs a second page. */
const headcount = 1_050;
const zones = ['Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'Europe/London'];
const email = (i: number) => `p${i}@contoso.example`;

const fixture = TenantFixture.parse({
  tenant: { id: 'contoso', name: 'Contoso', domain: 'contoso.example', platform: 'microsoft' },
  people: Array.from({ length: headcount }, (_, i) => ({
    id: `u${i}`,
    email: email(i),
    name: `Person ${i}`,
    jobTitle: i % 10 === 0 ? 'Manager' : 'Analyst',
    department: ['Finance', 'IT', 'Sales'][i % 3],
    office: 'Paris',
    hireDate: '2024-09-02',
    ...(i === 0 ? {} : { managerId: `u${Math.floor((i - 1) / 10)}` }),
    timeZone: zones[i % zones.length],
    languages: ['fr', 'en'],
    // The last ten mailboxes set no working hours: getSchedule leaves them out.
    ...(i >= headcount - 10 ? {} : { workingHours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '18:00' } }),
    busy: i < 45 ? [{ start: '2027-01-12T09:00:00Z', end: '2027-01-12T10:00:00Z', subject: 'Team sync' }] : [],
  })),
});

const programme = { start: '2027-01-11T00:00:00Z', end: '2027-07-12T00:00:00Z' };

function session(i: number, overrides: Partial<SessionEvent> = {}): SessionEvent {
  const start = Date.parse('2027-02-01T09:00:00Z') + i * 3_600_000;
  return {
    key: `cohort-1:pair-${i}:1`,
    organizerEmail: email(100 + i),
    attendeeEmails: [email(100 + i), email(200 + i)],
    subject: `Binome session ${i}`,
    body: '<p>Reverse mentoring</p>',
    start: new Date(start).toISOString(),
    end: new Date(start + 3_600_000).toISOString(),
    online: i % 2 === 0,
    tag: { cohortId: 'cohort-1', pairId: `pair-${i}`, session: 1 },
    ...overrides,
  };
}

const tokenLabel = 'POST /{tenant}/oauth2/v2.0/token';

/** Graph requests made between two snapshots; token calls are left out (msal caches them, so they come and go). */
function difference(after: RequestCounts, before: RequestCounts): Record<string, number> {
  const tokens = (after.byEndpoint[tokenLabel] ?? 0) - (before.byEndpoint[tokenLabel] ?? 0);
  const diff: Record<string, number> = {
    httpRoundTrips: after.httpRoundTrips - before.httpRoundTrips - tokens,
    operations: after.operations - before.operations,
  };
  for (const [label, count] of Object.entries(after.byEndpoint)) {
    const delta = count - (before.byEndpoint[label] ?? 0);
    if (delta !== 0 && label !== tokenLabel) diff[label] = delta;
  }
  return diff;
}

describe('Microsoft connector against the Graph sandbox', () => {
  let stateDir: string;
  let sandbox: SandboxHandle;
  let connector: MicrosoftConnector;
  const created = new Map<string, string>();

  beforeAll(async () => {
    stateDir = mkdtempSync(join(tmpdir(), 'binome-ms-'));
    sandbox = await startSandbox({ fixture, stateDir });
    connector = createMicrosoftConnector({
      ...sandbox.credentials,
      authority: sandbox.urls.authority,
      graphBaseUrl: sandbox.urls.graph,
      caCertPem: sandbox.ca.certPem,
      organizerMailbox: email(0),
    });
  });

  afterAll(async () => {
    await connector?.close();
    await sandbox?.close();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('tags events with the same extended property id the sandbox reads', () => {
    expect(binomeTagPropertyId).toBe(BINOME_PROPERTY_ID);
  });

  it('lists every person with their manager, following nextLink past the first 999', async () => {
    const before = connector.requestCounts();
    const people = await connector.directory.listPeople();
    expect(people).toHaveLength(headcount);
    const p11 = people.find((p) => p.email === email(11));
    expect(p11).toMatchObject({ name: 'Person 11', department: 'Sales', hireDate: '2024-09-02', languages: ['fr', 'en'] });
    expect(p11?.managerId).toBe(sandbox.userId('u1'));
    expect(people.find((p) => p.email === email(0))?.managerId).toBeNull();
    expect(difference(connector.requestCounts(), before)).toMatchObject({ 'GET /users': 2 });
  });

  it('reports directory changes and removals through delta tokens', async () => {
    const first = await connector.directory.delta(null);
    expect(first.changed).toHaveLength(headcount);
    sandbox.updatePerson('u5', { department: 'Human Resources' });
    const removedId = sandbox.userId('u1049');
    sandbox.removePerson('u1049');
    const second = await connector.directory.delta(first.token);
    expect(second.changed.map((p) => [p.email, p.department])).toEqual([[email(5), 'Human Resources']]);
    expect(second.removed).toEqual([removedId]);
  });

  it('reads free/busy of 45 people over 26 weeks in one $batch of 9 getSchedule calls', async () => {
    const emails = Array.from({ length: 45 }, (_, i) => email(i));
    const before = connector.requestCounts();
    const availability = await connector.calendar.availability(emails, programme);
    expect(difference(connector.requestCounts(), before)).toEqual({
      httpRoundTrips: 1,
      operations: 9,
      'POST /$batch': 1,
      'POST /users/{id}/calendar/getSchedule': 9,
    });
    expect(availability.map((a) => a.email)).toEqual(emails);
    expect(availability.every((a) => a.error === null)).toBe(true);
    expect(availability.slice(0, 4).map((a) => a.timeZone)).toEqual(['Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'Europe/London']);
    expect(availability[2]?.workingHours).toEqual({ timeZone: 'Asia/Kolkata', week: { mon: [[540, 1080]], tue: [[540, 1080]], wed: [[540, 1080]], thu: [[540, 1080]], fri: [[540, 1080]], sat: [], sun: [] } });
    expect(availability[44]?.busy).toContainEqual({ start: '2027-01-12T09:00:00Z', end: '2027-01-12T10:00:00Z' });
  });

  it('reads the mailbox settings of those, and only those, whose schedule has no working hours, for their time zone', async () => {
    // The last of them (u1049) leaves the directory in the delta test.
    const emails = [email(0), ...Array.from({ length: 9 }, (_, i) => email(headcount - 10 + i))];
    const before = connector.requestCounts();
    const availability = await connector.calendar.availability(emails, { start: programme.start, end: '2027-02-01T00:00:00Z' });
    expect(difference(connector.requestCounts(), before)).toEqual({
      httpRoundTrips: 2,
      operations: 10,
      'POST /$batch': 2,
      'POST /users/{id}/calendar/getSchedule': 1,
      'GET /users/{id}/mailboxSettings': 9,
    });
    expect(availability[0]?.workingHours).not.toBeNull();
    expect(availability.slice(1).map((a) => [a.timeZone, a.workingHours, a.error])).toEqual(
      Array.from({ length: 9 }, (_, i) => [zones[(headcount - 10 + i) % zones.length], null, null]),
    );
  });

  it('books 25 sessions in two batches, each with a Teams link when online', async () => {
    const events = Array.from({ length: 25 }, (_, i) => session(i));
    const before = connector.requestCounts();
    const max = connector.calendar.maxEventsPerCall;
    const outcomes = [
      ...(await connector.calendar.createEvents(events.slice(0, max))),
      ...(await connector.calendar.createEvents(events.slice(max))),
    ];
    expect(difference(connector.requestCounts(), before)).toEqual({
      httpRoundTrips: 2,
      operations: 25,
      'POST /$batch': 2,
      'POST /users/{id}/events': 25,
    });
    expect(outcomes.map((o) => o.key)).toEqual(events.map((e) => e.key));
    for (const outcome of outcomes) {
      expect(outcome.status).toBe('created');
      if (outcome.status === 'created') created.set(outcome.key, outcome.eventId);
    }
    expect(outcomes[0]).toMatchObject({ onlineMeetingUrl: expect.stringMatching(/^https:\/\//) });
    expect(outcomes[1]).toMatchObject({ onlineMeetingUrl: null });
    const organizerCalendar = sandbox.calendars()[email(100)] ?? [];
    expect(organizerCalendar.find((e) => e.id === created.get(session(0).key))).toMatchObject({
      binome: { cohortId: 'cohort-1', pairId: 'pair-0', session: 1 },
      attendees: [email(200)],
      start: '2027-02-01T09:00:00.000Z',
    });
  });

  it('finds every booked event again by its idempotency key, and nothing for an unknown key', async () => {
    const lookups = [...created.keys()].map((key, i) => ({ organizerEmail: email(100 + i), key }));
    const found = await connector.calendar.findEvents([...lookups, { organizerEmail: email(100), key: 'cohort-1:pair-999:1' }]);
    for (const [key, eventId] of created) expect(found.get(key)).toMatchObject({ status: 'found', eventId });
    expect(found.get('cohort-1:pair-999:1')).toEqual({ status: 'absent' });
  });

  it('answers unknown, never absent, for a calendar it cannot read, and still answers the others', async () => {
    const [key, eventId] = [...created.entries()][0] ?? ['', ''];
    const found = await connector.calendar.findEvents([
      { organizerEmail: 'nobody.here@unknown.example', key: 'cohort-1:pair-ghost:1' },
      { organizerEmail: email(100), key },
    ]);
    expect(found.get('cohort-1:pair-ghost:1')).toMatchObject({ status: 'unknown' });
    expect(found.get(key)).toMatchObject({ status: 'found', eventId });
  });

  it('reads booked sessions back with their tag from the organizer and the attendee calendars', async () => {
    const fromOrganizer = await connector.calendar.listBooked(email(103), programme);
    expect(fromOrganizer).toHaveLength(1);
    expect(fromOrganizer[0]).toMatchObject({
      eventId: created.get(session(3).key),
      key: session(3).key,
      tag: session(3).tag,
      organizerEmail: email(103),
      start: session(3).start.replace('.000Z', 'Z'),
      cancelled: false,
    });
    const fromAttendee = await connector.calendar.listBooked(email(203), programme);
    expect(fromAttendee).toHaveLength(1);
    expect(fromAttendee[0]?.key).toBe(session(3).key);
    expect(fromAttendee[0]?.attendees).toContainEqual({ email: email(203), response: 'none' });
  });

  it('moves a session and then cancels it', async () => {
    const eventId = created.get(session(4).key) ?? '';
    await connector.calendar.updateEvent(email(104), eventId, { start: '2027-03-01T14:00:00Z', end: '2027-03-01T15:00:00Z' });
    expect((await connector.calendar.listBooked(email(104), programme))[0]).toMatchObject({ start: '2027-03-01T14:00:00Z', end: '2027-03-01T15:00:00Z' });
    await connector.calendar.cancelEvent(email(104), eventId, 'Pair changed');
    expect(await connector.calendar.listBooked(email(104), programme)).toEqual([]);
  });

  it('sends mail from a person of the tenant', async () => {
    await connector.mail.send({ fromEmail: email(0), to: [email(1), email(2)], subject: 'Become a mentor', html: '<p>Join Binome</p>' });
    expect(sandbox.sentMail().at(-1)).toMatchObject({ subject: 'Become a mentor' });
  });

  it('returns every create as throttled with a retry-after when Graph throttles all requests, and books nothing', async () => {
    sandbox.setKnobs({ faults: { rate429: 1 }, seed: 3 });
    try {
      const events = [session(40), session(41), session(42)];
      const outcomes = await connector.calendar.createEvents(events);
      expect(outcomes.map((o) => o.status)).toEqual(['throttled', 'throttled', 'throttled']);
      for (const outcome of outcomes) {
        if (outcome.status !== 'throttled') continue;
        expect(outcome.retryAfterMs).toBeGreaterThanOrEqual(200);
        expect(outcome.retryAfterMs).toBeLessThanOrEqual(2_000);
      }
    } finally {
      sandbox.setKnobs({});
    }
    expect(await connector.calendar.findEvents([{ organizerEmail: email(140), key: session(40).key }])).toEqual(
      new Map([[session(40).key, { status: 'absent' }]]),
    );
  });

  it('returns unknown outcomes when the connection drops, and a lookup then tells what exists', async () => {
    sandbox.setKnobs({ faults: { dropEvery: 1 }, seed: 5 });
    let outcomes;
    try {
      outcomes = await connector.calendar.createEvents([session(50), session(51)]);
    } finally {
      sandbox.setKnobs({});
    }
    expect(outcomes.map((o) => o.status)).toEqual(['unknown', 'unknown']);
    const found = await connector.calendar.findEvents([
      { organizerEmail: email(150), key: session(50).key },
      { organizerEmail: email(151), key: session(51).key },
    ]);
    const inCalendar = (sandbox.calendars()[email(150)] ?? []).filter((e) => e.binome?.pairId === 'pair-50').map((e) => e.id);
    expect(found.get(session(50).key)?.status).toBe(inCalendar.length === 1 ? 'found' : 'absent');
  });

  it('retries throttled reads item by item until every schedule is answered', async () => {
    sandbox.setKnobs({ faults: { rate429: 0.4 }, seed: 11 });
    const before = connector.requestCounts();
    try {
      const availability = await connector.calendar.availability(
        Array.from({ length: 45 }, (_, i) => email(i)),
        programme,
      );
      expect(availability.filter((a) => a.error !== null)).toEqual([]);
    } finally {
      sandbox.setKnobs({});
    }
    const diff = difference(connector.requestCounts(), before);
    expect(diff['POST /$batch']).toBeGreaterThan(1);
    expect(diff['POST /users/{id}/calendar/getSchedule']).toBeGreaterThan(9);
  });

  it('refuses the sandbox certificate when its CA is not configured', async () => {
    const untrusting = createMicrosoftConnector({
      ...sandbox.credentials,
      authority: sandbox.urls.authority,
      graphBaseUrl: sandbox.urls.graph,
      caCertPem: null,
      retry: { maxAttempts: 1, budgetMs: 0 },
    });
    try {
      await expect(untrusting.directory.listPeople()).rejects.toThrow();
    } finally {
      await untrusting.close();
    }
  });
});

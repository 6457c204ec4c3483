import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TenantFixture } from '../../src/model/fixture.ts';
import type { SessionEvent } from '../../src/ports/calendar.ts';
import { createGoogleConnector, type GoogleConnector } from '../../server/connectors/google/connector.ts';
import { eventIdFor } from '../../server/connectors/google/event-id.ts';
import { googleScopes } from '../../server/connectors/google/auth.ts';
import type { RequestCounts } from '../../server/connectors/shared/counts.ts';
import { startSandbox, type SandboxHandle } from '../../server/sandbox/server.ts';

/** More than two users.list pages of 500, and a full batch of 1000 calendar reads. */
const headcount = 1_000;
const zones = ['Europe/Paris', 'America/New_York', 'Asia/Kathmandu', 'Europe/London'];
const email = (i: number) => `p${i}@fabrikam.example`;
const tokenLabel = 'POST /token';

const fixture = TenantFixture.parse({
  tenant: { id: 'fabrikam', name: 'Fabrikam', domain: 'fabrikam.example', platform: 'google' },
  people: Array.from({ length: headcount }, (_, i) => ({
    id: `u${i}`,
    email: email(i),
    name: `Person ${i}`,
    jobTitle: 'Analyst',
    department: ['Finance', 'IT', 'Sales'][i % 3],
    office: 'Paris',
    hireDate: '2024-09-02',
    ...(i === 0 ? {} : { managerId: `u${Math.floor((i - 1) / 10)}` }),
    timeZone: zones[i % zones.length],
    languages: ['fr', 'en'],
    workingHours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '18:00' },
    busy: [],
  })),
  groups: [{ id: 'hr', name: 'HR team', members: ['u1', 'u2'] }],
});

const GoogleUrls = z.object({ googleApiRoot: z.url(), googleTokenUrl: z.url(), googleServiceAccountKeyFile: z.string().min(1) });

function session(i: number, overrides: Partial<SessionEvent> = {}): SessionEvent {
  const start = Date.parse('2027-02-01T09:00:00Z') + i * 3_600_000;
  return {
    key: `bnm-google-${i}`,
    organizerEmail: email(100 + i),
    attendeeEmails: [email(100 + i), email(200 + i)],
    subject: `Binome session ${i}`,
    body: '<p>Reverse mentoring</p>',
    start: new Date(start).toISOString(),
    end: new Date(start + 3_600_000).toISOString(),
    online: true,
    tag: { cohortId: 'cohort-g', pairId: `pair-${i}`, session: 1 },
    ...overrides,
  };
}

function difference(after: RequestCounts, before: RequestCounts): Record<string, number> {
  const diff: Record<string, number> = { httpRoundTrips: after.httpRoundTrips - before.httpRoundTrips, operations: after.operations - before.operations };
  for (const [label, count] of Object.entries(after.byEndpoint)) {
    const delta = count - (before.byEndpoint[label] ?? 0);
    if (delta !== 0) diff[label] = delta;
  }
  return diff;
}

describe('Google connector against the Google sandbox', () => {
  let stateDir: string;
  let sandbox: SandboxHandle;
  let connector: GoogleConnector;
  let urls: z.infer<typeof GoogleUrls>;

  const connect = (overrides: Partial<Parameters<typeof createGoogleConnector>[0]> = {}) =>
    createGoogleConnector({
      serviceAccountKey: urls.googleServiceAccountKeyFile,
      adminEmail: email(0),
      domain: 'fabrikam.example',
      apiRootUrl: urls.googleApiRoot,
      tokenUrl: urls.googleTokenUrl,
      caCertPem: sandbox.ca.certPem,
      ...overrides,
    });

  beforeAll(async () => {
    stateDir = mkdtempSync(join(tmpdir(), 'binome-google-'));
    sandbox = await startSandbox({ fixture, stateDir });
    urls = GoogleUrls.parse(sandbox.urls);
    connector = connect();
  });

  afterAll(async () => {
    await connector?.close();
    await sandbox?.close();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('reads 1,000 people with zones and hours in 2 directory pages, 1 batch and one token grant per person (and the admin’s directory token), then none', async () => {
    const before = connector.requestCounts();
    const people = await connector.directory.listPeople();
    expect(people).toHaveLength(headcount);
    expect(people.filter((p) => p.timeZone === null || p.workingHours === null)).toEqual([]);
    const p2 = people.find((p) => p.email === email(2));
    expect(p2).toMatchObject({ timeZone: 'Asia/Kathmandu', hireDate: '2024-09-02', languages: ['fr', 'en'] });
    expect(p2?.managerId).toBe(people.find((p) => p.email === email(0))?.id);
    expect(difference(connector.requestCounts(), before)).toEqual({
      httpRoundTrips: 2 + 1 + headcount + 1,
      operations: 2 + headcount,
      'GET /admin/directory/v1/users': 2,
      'POST /batch/calendar/v3': 1,
      'GET /calendar/v3/calendars/{id}': headcount,
      // The admin reads the directory with a directory token and its own calendar with a calendar-settings one.
      [tokenLabel]: headcount + 1,
    });
    const again = connector.requestCounts();
    await connector.directory.listPeople();
    expect(difference(connector.requestCounts(), again)[tokenLabel]).toBeUndefined();
  });

  it('reports directory changes and removals through its delta token', async () => {
    const first = await connector.directory.delta(null);
    expect(first.changed).toHaveLength(headcount);
    const removedId = first.changed.find((p) => p.email === email(999))?.id;
    sandbox.updatePerson('u5', { department: 'Human Resources' });
    sandbox.removePerson('u999');
    const second = await connector.directory.delta(first.token);
    expect(second.changed.map((p) => [p.email, p.department])).toEqual([[email(5), 'Human Resources']]);
    expect(second.removed).toEqual([removedId]);
  });

  it('tells whether a person belongs to a group', async () => {
    expect(await connector.directory.hasMember('hr@fabrikam.example', email(1))).toBe(true);
    expect(await connector.directory.hasMember('hr@fabrikam.example', email(3))).toBe(false);
  });

  it('books with the id its key gives and a Meet link read back once Google has made it', async () => {
    const events = [session(0), session(1, { online: false })];
    const before = connector.requestCounts();
    const outcomes = await connector.calendar.createEvents(events);
    expect(outcomes).toEqual([
      { key: session(0).key, status: 'created', eventId: eventIdFor(session(0).key), onlineMeetingUrl: expect.stringMatching(/^https:\/\/meet\.google\.com\//) },
      { key: session(1).key, status: 'created', eventId: eventIdFor(session(1).key), onlineMeetingUrl: null },
    ]);
    // The insert answers "pending" for the conference: one more batch reads the link back.
    expect(difference(connector.requestCounts(), before)['POST /batch/calendar/v3']).toBe(2);
  });

  it('takes a repeated booking that Google lets through late for the same event, not a second one', async () => {
    sandbox.setKnobs({ google: { lateDuplicateIds: 5 } });
    try {
      const outcomes = await connector.calendar.createEvents([session(0)]);
      expect(outcomes[0]).toMatchObject({ status: 'created', eventId: eventIdFor(session(0).key) });
    } finally {
      sandbox.setKnobs({});
    }
    const booked = await connector.calendar.listBooked(email(100), { start: '2027-01-01T00:00:00Z', end: '2027-12-31T00:00:00Z' });
    expect(booked.filter((e) => e.key === session(0).key)).toHaveLength(1);
  });

  it('answers throttled, with nothing booked, when Google refuses every call with rate limits', async () => {
    sandbox.setKnobs({ faults: { rate429: 1 }, seed: 3 });
    let outcomes;
    try {
      outcomes = await connector.calendar.createEvents([session(40), session(41)]);
    } finally {
      sandbox.setKnobs({});
    }
    expect(outcomes.map((o) => o.status)).toEqual(['throttled', 'throttled']);
    expect((await connector.calendar.findEvents([{ organizerEmail: email(140), key: session(40).key }])).get(session(40).key)).toEqual({ status: 'absent' });
  });

  it('retries reads through 403 rateLimitExceeded and 429 until every calendar has answered', async () => {
    sandbox.setKnobs({ faults: { rate429: 0.3 }, seed: 13 });
    const before = connector.requestCounts();
    try {
      const availability = await connector.calendar.availability(
        Array.from({ length: 60 }, (_, i) => email(i)),
        { start: '2027-01-11T00:00:00Z', end: '2027-02-08T00:00:00Z' },
      );
      expect(availability.filter((a) => a.error !== null)).toEqual([]);
    } finally {
      sandbox.setKnobs({});
    }
    expect(difference(connector.requestCounts(), before)['POST /batch/calendar/v3']).toBeGreaterThan(1);
  });

  it('reads the directory and calendars through server errors and dropped connections', async () => {
    sandbox.setKnobs({ faults: { rate5xx: 0.1, dropEvery: 9 }, seed: 17 });
    try {
      expect(await connector.directory.listPeople()).toHaveLength(headcount - 1);
      const availability = await connector.calendar.availability(
        Array.from({ length: 60 }, (_, i) => email(i)),
        { start: '2027-01-11T00:00:00Z', end: '2027-02-08T00:00:00Z' },
      );
      expect(availability.filter((a) => a.error !== null || a.timeZone === null)).toEqual([]);
    } finally {
      sandbox.setKnobs({});
    }
  });

  it('sends mail from each person as that person', async () => {
    await connector.mail.send({ fromEmail: email(7), to: [email(8)], subject: 'Séance confirmée', html: '<p>À bientôt</p>' });
    expect(sandbox.sentMail().at(-1)).toMatchObject({ from: email(7), subject: 'Séance confirmée' });
  });

  it('works with a delegation that grants exactly the scopes the connector asks for, each call asking only its own', async () => {
    const exact = connect();
    sandbox.setKnobs({ google: { grantedScopes: [...googleScopes] } });
    try {
      expect(await exact.directory.hasMember('hr@fabrikam.example', email(1))).toBe(true);
      // The same directory as with the connector's usual delegation (the delta test removed one person).
      expect((await exact.directory.listPeople()).length).toBe((await connector.directory.listPeople()).length);
      const [availability] = await exact.calendar.availability([email(3)], { start: '2027-02-01T00:00:00Z', end: '2027-02-08T00:00:00Z' });
      expect(availability).toMatchObject({ timeZone: 'Europe/London', error: null });
      const [booked] = await exact.calendar.createEvents([session(90, { key: 'bnm-google-least-privilege' })]);
      expect(booked?.status).toBe('created');
      await exact.mail.send({ fromEmail: email(7), to: [email(8)], subject: 'Scopes', html: '<p>ok</p>' });
    } finally {
      sandbox.setKnobs({});
      await exact.close();
    }
    expect([...googleScopes].sort()).toEqual([
      'https://www.googleapis.com/auth/admin.directory.group.member.readonly',
      'https://www.googleapis.com/auth/admin.directory.user.readonly',
      'https://www.googleapis.com/auth/calendar.calendars.readonly',
      'https://www.googleapis.com/auth/calendar.events',
      'https://www.googleapis.com/auth/calendar.freebusy',
      'https://www.googleapis.com/auth/gmail.send',
    ]);
  });

  it('refuses the sandbox certificate when its CA is not configured', async () => {
    const untrusting = connect({ caCertPem: null, retry: { maxAttempts: 1, budgetMs: 0 } });
    try {
      await expect(untrusting.directory.listPeople()).rejects.toThrow();
    } finally {
      await untrusting.close();
    }
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { googleFixture, openGoogleSandbox, removeGoogleState, type GoogleBody, type GoogleSandbox } from './sandbox-google-harness.ts';

let sandbox: GoogleSandbox;
const ana = 'ana.martin@fabrikam.example';
const bruno = 'bruno.leroy@fabrikam.example';
const carla = 'carla.diaz@fabrikam.example';
let anaToken: string;
let brunoToken: string;
let carlaToken: string;

beforeAll(async () => {
  sandbox = await openGoogleSandbox({ fixture: googleFixture(5) });
  [anaToken, brunoToken, carlaToken] = await Promise.all([sandbox.token(ana), sandbox.token(bruno), sandbox.token(carla)]);
});

afterEach(() => {
  sandbox.setKnobs({});
});

afterAll(async () => {
  await sandbox.close();
  await removeGoogleState(sandbox.stateDir);
});

let counter = 0;
/** A fresh base32hex id per test. */
function freshId(): string {
  counter += 1;
  return `binome${String(counter).padStart(4, '0')}${Date.now().toString(32)}`;
}

function session(id: string, day = 12, extra: Record<string, unknown> = {}) {
  return {
    id,
    summary: 'Binôme session',
    start: { dateTime: `2027-01-${day}T10:00:00`, timeZone: 'Europe/Paris' },
    end: { dateTime: `2027-01-${day}T11:00:00`, timeZone: 'Europe/Paris' },
    attendees: [{ email: ana }, { email: bruno }],
    extendedProperties: { private: { binomeCohort: 'c1', binomePair: 'p1' }, shared: { binomeSession: '1' } },
    ...extra,
  };
}

const events = (calendar = 'primary') => `/calendar/v3/calendars/${calendar}/events`;

describe('events.insert with a client-chosen id', () => {
  it('creates the event, then answers 409 duplicate for the same id, even once it is deleted', async () => {
    const id = freshId();
    const created = await sandbox.call('POST', events(), { token: anaToken, body: session(id) });
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({ kind: 'calendar#event', id, status: 'confirmed', iCalUID: `${id}@google.com`, organizer: { email: ana, self: true } });
    expect((created.json['start'] as { dateTime: string }).dateTime).toBe('2027-01-12T10:00:00+01:00');
    const again = await sandbox.call('POST', events(), { token: anaToken, body: session(id) });
    expect(again.status).toBe(409);
    expect(again.json.error).toEqual({ errors: [{ domain: 'global', reason: 'duplicate', message: 'The requested identifier already exists.' }], code: 409, message: 'The requested identifier already exists.' });
    expect((await sandbox.call('DELETE', `${events()}/${id}`, { token: anaToken })).status).toBe(204);
    expect((await sandbox.call('POST', events(), { token: anaToken, body: session(id) })).status).toBe(409);
  });

  it('lets one repeated id through when the late-duplicate knob says so (Google may catch duplicates late)', async () => {
    const id = freshId();
    await sandbox.call('POST', events(), { token: anaToken, body: session(id) });
    sandbox.setKnobs({ google: { lateDuplicateIds: 1 } });
    const through = await sandbox.call('POST', events(), { token: anaToken, body: session(id, 13) });
    expect(through.status).toBe(200);
    expect((await sandbox.call('POST', events(), { token: anaToken, body: session(id, 14) })).status).toBe(409);
    const stored = await sandbox.call('GET', `${events()}/${id}`, { token: anaToken });
    expect((stored.json['start'] as { dateTime: string }).dateTime).toBe('2027-01-13T10:00:00+01:00');
  });

  it('refuses an id outside base32hex or shorter than 5 characters, and an empty time range', async () => {
    for (const id of ['ABCDEF', 'abcd', 'wxyz12', 'abc-def']) {
      const answer = await sandbox.call('POST', events(), { token: anaToken, body: session(id) });
      expect(answer.status).toBe(400);
      expect(answer.json.error?.message).toBe('Invalid resource id value.');
    }
    const backwards = session(freshId(), 12, { end: { dateTime: '2027-01-12T09:00:00+01:00' } });
    const empty = await sandbox.call('POST', events(), { token: anaToken, body: backwards });
    expect(empty.json.error?.errors[0]?.reason).toBe('timeRangeEmpty');
  });

  it("refuses another person's calendar: the organizer is the impersonated user", async () => {
    const answer = await sandbox.call('POST', events(carla), { token: anaToken, body: session(freshId()) });
    expect(answer.status).toBe(404);
    expect(answer.json.error?.errors[0]?.reason).toBe('notFound');
  });
});

describe('Meet conferences', () => {
  it('answers pending on every other insert and success with a Meet link on a later read', async () => {
    const statuses: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      const id = freshId();
      const body = session(id, 15, { conferenceData: { createRequest: { requestId: `req-${id}`, conferenceSolutionKey: { type: 'hangoutsMeet' } } } });
      const created = await sandbox.call('POST', `${events()}?conferenceDataVersion=1`, { token: anaToken, body });
      const conference = created.json['conferenceData'] as { createRequest: { status: { statusCode: string } }; entryPoints?: unknown[] };
      statuses.push(conference.createRequest.status.statusCode);
      if (conference.createRequest.status.statusCode === 'pending') {
        expect(created.json['hangoutLink']).toBeUndefined();
        expect(conference.entryPoints).toBeUndefined();
      }
      const later = await sandbox.call('GET', `${events()}/${id}`, { token: anaToken });
      const done = later.json['conferenceData'] as { createRequest: { status: { statusCode: string } }; entryPoints: { entryPointType: string; uri: string }[] };
      expect(done.createRequest.status.statusCode).toBe('success');
      expect(later.json['hangoutLink']).toMatch(/^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
      expect(done.entryPoints[0]).toMatchObject({ entryPointType: 'video', uri: later.json['hangoutLink'] });
    }
    expect(statuses).toContain('pending');
    expect(statuses).toContain('success');
  });

  it('ignores conference data without conferenceDataVersion=1, and refuses another conference type', async () => {
    const id = freshId();
    const body = session(id, 16, { conferenceData: { createRequest: { requestId: `r-${id}`, conferenceSolutionKey: { type: 'hangoutsMeet' } } } });
    const ignored = await sandbox.call('POST', events(), { token: anaToken, body });
    expect(ignored.json['conferenceData']).toBeUndefined();
    const wrong = session(freshId(), 16, { conferenceData: { createRequest: { requestId: 'x', conferenceSolutionKey: { type: 'eventHangout' } } } });
    expect((await sandbox.call('POST', `${events()}?conferenceDataVersion=1`, { token: anaToken, body: wrong })).status).toBe(400);
  });
});

describe('attendee copies and extended properties', () => {
  it("puts the event in each attendee's calendar; private properties only on the organizer's copy, shared on every copy", async () => {
    const id = freshId();
    await sandbox.call('POST', events(), { token: anaToken, body: session(id) });
    const organizerCopy = await sandbox.call('GET', `${events()}/${id}`, { token: anaToken });
    expect(organizerCopy.json['extendedProperties']).toEqual({ private: { binomeCohort: 'c1', binomePair: 'p1' }, shared: { binomeSession: '1' } });
    const guestCopy = await sandbox.call('GET', `${events()}/${id}`, { token: brunoToken });
    expect(guestCopy.status).toBe(200);
    expect(guestCopy.json['extendedProperties']).toEqual({ shared: { binomeSession: '1' } });
    expect(guestCopy.json['organizer']).toEqual({ email: ana, displayName: 'Ana Martin' });
    const attendees = guestCopy.json['attendees'] as { email: string; self?: boolean; responseStatus: string }[];
    expect(attendees.find((a) => a.email === bruno)).toMatchObject({ self: true, responseStatus: 'needsAction' });
    expect(attendees.find((a) => a.email === ana)).toMatchObject({ organizer: true, responseStatus: 'accepted' });
    const busy = await sandbox.call('POST', '/calendar/v3/freeBusy', { token: brunoToken, body: { timeMin: '2027-01-12T00:00:00Z', timeMax: '2027-01-13T00:00:00Z', items: [{ id: bruno }] } });
    expect((busy.json['calendars'] as Record<string, { busy: unknown[] }>)[bruno]?.busy).toContainEqual({ start: '2027-01-12T09:00:00Z', end: '2027-01-12T10:00:00Z' });
  });

  it('filters events.list by private and shared properties (all must match) and by time window', async () => {
    const id = freshId();
    await sandbox.call('POST', events(), { token: anaToken, body: session(id, 20, { extendedProperties: { private: { binomeCohort: 'filter-c', binomePair: 'filter-p' }, shared: { binomeSession: '3' } } }) });
    const list = (query: string, token = anaToken) => sandbox.call('GET', `${events()}?${query}`, { token });
    const ids = (answer: { json: GoogleBody }) => (answer.json.items ?? []).map((e) => e['id']);
    expect(ids(await list('privateExtendedProperty=binomeCohort%3Dfilter-c&privateExtendedProperty=binomePair%3Dfilter-p'))).toEqual([id]);
    expect(ids(await list('privateExtendedProperty=binomeCohort%3Dfilter-c&privateExtendedProperty=binomePair%3Dother'))).toEqual([]);
    expect(ids(await list('sharedExtendedProperty=binomeSession%3D3'))).toEqual([id]);
    // The guest's copy has no private properties: a private filter finds nothing there.
    expect(ids(await list('privateExtendedProperty=binomeCohort%3Dfilter-c', brunoToken))).toEqual([]);
    expect(ids(await list('sharedExtendedProperty=binomeSession%3D3', brunoToken))).toEqual([id]);
    expect(ids(await list('sharedExtendedProperty=binomeSession%3D3&timeMin=2027-01-21T00:00:00Z'))).toEqual([]);
    expect((await list('orderBy=startTime')).status).toBe(400);
  });

  it('pages events.list with maxResults and nextPageToken', async () => {
    for (let day = 1; day <= 5; day += 1) await sandbox.call('POST', events(), { token: carlaToken, body: { ...session(freshId(), 20 + day), attendees: [] } });
    const first = await sandbox.call('GET', `${events()}?maxResults=2&timeMin=2027-01-21T00:00:00Z`, { token: carlaToken });
    expect(first.json.items).toHaveLength(2);
    let pageToken = first.json['nextPageToken'] as string | undefined;
    let total = 2;
    while (pageToken !== undefined) {
      const page = await sandbox.call('GET', `${events()}?maxResults=2&timeMin=2027-01-21T00:00:00Z&pageToken=${encodeURIComponent(pageToken)}`, { token: carlaToken });
      total += page.json.items?.length ?? 0;
      pageToken = page.json['nextPageToken'] as string | undefined;
    }
    expect(total).toBe(5);
  });
});

describe('events.patch and events.delete', () => {
  it('moves a meeting for every copy, resets answers, and removes a dropped guest', async () => {
    const id = freshId();
    await sandbox.call('POST', events(), { token: anaToken, body: session(id, 18, { attendees: [{ email: ana }, { email: bruno }, { email: carla }] }) });
    const accepted = await sandbox.call('PATCH', `${events()}/${id}`, { token: brunoToken, body: { attendees: [{ email: bruno, responseStatus: 'accepted' }] } });
    expect(accepted.status).toBe(200);
    const seenByOrganizer = await sandbox.call('GET', `${events()}/${id}`, { token: anaToken });
    expect((seenByOrganizer.json['attendees'] as { email: string; responseStatus: string }[]).find((a) => a.email === bruno)?.responseStatus).toBe('accepted');

    const moved = await sandbox.call('PATCH', `${events()}/${id}?sendUpdates=all`, {
      token: anaToken,
      body: { start: { dateTime: '2027-01-19T14:00:00+01:00' }, end: { dateTime: '2027-01-19T15:00:00+01:00' }, attendees: [{ email: ana }, { email: bruno }] },
    });
    expect(moved.status).toBe(200);
    expect(moved.json['sequence']).toBe(1);
    const brunoCopy = await sandbox.call('GET', `${events()}/${id}`, { token: brunoToken });
    expect((brunoCopy.json['start'] as { dateTime: string }).dateTime).toBe('2027-01-19T14:00:00+01:00');
    expect((brunoCopy.json['attendees'] as { email: string; responseStatus: string }[]).find((a) => a.email === bruno)?.responseStatus).toBe('needsAction');
    const carlaCopy = await sandbox.call('GET', `${events()}/${id}`, { token: carlaToken });
    expect(carlaCopy.json['status']).toBe('cancelled');
  });

  it("refuses a guest's change to shared fields with forbiddenForNonOrganizer", async () => {
    const id = freshId();
    await sandbox.call('POST', events(), { token: anaToken, body: session(id) });
    const answer = await sandbox.call('PATCH', `${events()}/${id}`, { token: brunoToken, body: { summary: 'Mine now' } });
    expect(answer.status).toBe(403);
    expect(answer.json.error?.errors[0]?.reason).toBe('forbiddenForNonOrganizer');
  });

  it('cancels every copy when the organizer deletes; a second delete is 410 and the list hides it', async () => {
    const id = freshId();
    await sandbox.call('POST', events(), { token: anaToken, body: session(id, 22) });
    expect((await sandbox.call('DELETE', `${events()}/${id}?sendUpdates=none`, { token: anaToken })).status).toBe(204);
    expect((await sandbox.call('DELETE', `${events()}/${id}`, { token: anaToken })).status).toBe(410);
    expect((await sandbox.call('GET', `${events()}/${id}`, { token: brunoToken })).json['status']).toBe('cancelled');
    const listed = await sandbox.call('GET', `${events()}?iCalUID=${id}%40google.com`, { token: brunoToken });
    expect(listed.json.items).toEqual([]);
    const withDeleted = await sandbox.call('GET', `${events()}?iCalUID=${id}%40google.com&showDeleted=true`, { token: brunoToken });
    expect(withDeleted.json.items).toHaveLength(1);
    expect((await sandbox.call('PATCH', `${events()}/${id}`, { token: anaToken, body: { summary: 'x' } })).status).toBe(410);
    expect((await sandbox.call('GET', `${events()}/nosuchevent1`, { token: anaToken })).status).toBe(404);
  });
});

describe('POST /batch/calendar/v3', () => {
  function batchBody(boundary: string, parts: { id: string; method: string; path: string; body?: unknown }[]): string {
    return `${parts
      .map((p) => {
        const inner = [`${p.method} ${p.path} HTTP/1.1`, ...(p.body === undefined ? [] : ['Content-Type: application/json']), '', p.body === undefined ? '' : JSON.stringify(p.body)].join('\r\n');
        return `--${boundary}\r\nContent-Type: application/http\r\nContent-ID: <${p.id}>\r\n\r\n${inner}\r\n`;
      })
      .join('')}--${boundary}--`;
  }

  function parseAnswer(contentType: string, text: string): { contentId: string; status: number; body: string }[] {
    const boundary = /boundary=(\S+)/.exec(contentType)?.[1] ?? '';
    return text
      .split(`--${boundary}`)
      .slice(1)
      .filter((chunk) => !chunk.startsWith('--'))
      .map((chunk) => ({
        contentId: /Content-ID: <([^>]+)>/.exec(chunk)?.[1] ?? '',
        status: Number(/HTTP\/1\.1 (\d{3})/.exec(chunk)?.[1]),
        body: chunk.split(/\r\n\r\n/).slice(2).join('\r\n\r\n').trim(),
      }));
  }

  it('answers each part in order with its own status: created, duplicate, not found', async () => {
    const id = freshId();
    const boundary = 'batch_binome';
    const raw = batchBody(boundary, [
      { id: 'item1', method: 'POST', path: '/calendar/v3/calendars/primary/events', body: session(id, 25) },
      { id: 'item2', method: 'POST', path: '/calendar/v3/calendars/primary/events', body: session(id, 25) },
      { id: 'item3', method: 'GET', path: '/calendar/v3/calendars/primary/events/doesnotexist1' },
      { id: 'item4', method: 'GET', path: '/calendar/v3/calendars/primary' },
    ]);
    const answer = await sandbox.call('POST', '/batch/calendar/v3', { token: anaToken, raw, headers: { 'content-type': `multipart/mixed; boundary=${boundary}` } });
    expect(answer.status).toBe(200);
    const parts = parseAnswer(answer.headers.get('content-type') ?? '', answer.text);
    expect(parts.map((p) => p.contentId)).toEqual(['response-item1', 'response-item2', 'response-item3', 'response-item4']);
    // Parts run in any order, so either insert may be the one that wins the id.
    expect([parts[0]?.status, parts[1]?.status].sort()).toEqual([200, 409]);
    expect([parts[2]?.status, parts[3]?.status]).toEqual([404, 200]);
    expect(JSON.parse(parts[3]?.body ?? '{}')).toMatchObject({ id: ana });
    const stored = await sandbox.call('GET', `${events()}/${id}`, { token: anaToken });
    expect(stored.status).toBe(200);
  });

  it('refuses more than 1000 calls and full URLs', async () => {
    const boundary = 'b';
    const many = batchBody(boundary, Array.from({ length: 1001 }, (_, i) => ({ id: `i${i}`, method: 'GET', path: '/calendar/v3/calendars/primary' })));
    const tooMany = await sandbox.call('POST', '/batch/calendar/v3', { token: anaToken, raw: many, headers: { 'content-type': `multipart/mixed; boundary=${boundary}` } });
    expect(tooMany.status).toBe(400);
    const full = batchBody(boundary, [{ id: 'x', method: 'GET', path: 'https://www.googleapis.com/calendar/v3/calendars/primary' }]);
    expect((await sandbox.call('POST', '/batch/calendar/v3', { token: anaToken, raw: full, headers: { 'content-type': `multipart/mixed; boundary=${boundary}` } })).status).toBe(400);
  });

  it('throttles parts one by one while the batch itself succeeds', async () => {
    sandbox.setKnobs({ faults: { rate429: 0.5 }, seed: 7 });
    const boundary = 'b';
    const raw = batchBody(boundary, Array.from({ length: 20 }, (_, i) => ({ id: `i${i}`, method: 'GET', path: '/calendar/v3/calendars/primary' })));
    const answer = await sandbox.call('POST', '/batch/calendar/v3', { token: anaToken, raw, headers: { 'content-type': `multipart/mixed; boundary=${boundary}` } });
    expect(answer.status).toBe(200);
    const statuses = new Set(parseAnswer(answer.headers.get('content-type') ?? '', answer.text).map((p) => p.status));
    expect(statuses.has(200)).toBe(true);
    expect([...statuses].some((s) => s === 403 || s === 429)).toBe(true);
  });
});

describe('Gmail users.messages.send', () => {
  it('keeps the sent message and refuses a missing raw', async () => {
    const mime = ['From: ana.martin@fabrikam.example', `To: Bruno <${bruno}>`, 'Subject: =?UTF-8?B?SW52aXRhdGlvbiBCaW7DtG1l?=', 'Content-Type: text/plain; charset=UTF-8', '', 'Bonjour !'].join('\r\n');
    const sent = await sandbox.call('POST', '/gmail/v1/users/me/messages/send', { token: anaToken, body: { raw: Buffer.from(mime).toString('base64url') } });
    expect(sent.status).toBe(200);
    expect(sent.json['labelIds']).toEqual(['SENT']);
    const kept = sandbox.handle.sentMail().at(-1);
    expect(kept).toMatchObject({ from: ana, to: [bruno], subject: 'Invitation Binôme', body: { content: 'Bonjour !' } });
    expect((await sandbox.call('POST', '/gmail/v1/users/me/messages/send', { token: anaToken, body: {} })).status).toBe(400);
    expect((await sandbox.call('POST', `/gmail/v1/users/${bruno}/messages/send`, { token: anaToken, body: { raw: 'eA' } })).status).toBe(403);
  });
});

describe('throttling and faults', () => {
  it('answers 403 and 429 rateLimitExceeded (usageLimits) and 503 backendError as the knobs ask', async () => {
    sandbox.setKnobs({ faults: { rate429: 0.5, rate5xx: 0.3 }, seed: 3 });
    const seen = new Map<number, string>();
    for (let i = 0; i < 40; i += 1) {
      const answer = await sandbox.call('GET', '/calendar/v3/users/me/settings/timezone', { token: anaToken });
      if (answer.status !== 200) seen.set(answer.status, `${answer.json.error?.errors[0]?.domain}/${answer.json.error?.errors[0]?.reason}`);
    }
    expect(seen.get(403)).toBe('usageLimits/rateLimitExceeded');
    expect(seen.get(429)).toBe('usageLimits/rateLimitExceeded');
    expect(seen.get(503) ?? seen.get(500)).toBe('global/backendError');
  });

  it('answers 403 rateLimitExceeded past the per-user budget', async () => {
    sandbox.setKnobs({ throttle: { perMailboxPer10Min: 2 } });
    const token = await sandbox.token('dev.thapa@fabrikam.example');
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await sandbox.call('GET', '/calendar/v3/calendars/primary', { token })).status);
    expect(statuses).toEqual([200, 200, 403]);
  });
});

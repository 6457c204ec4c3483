import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TenantFixture } from '../../src/model/fixture.ts';
import { openSandbox, removeState, sandboxFixture, type SandboxClient } from './sandbox-harness.ts';

/** What a plain HTTP client notices when it compares the sandbox with Graph v1.0: headers, refusals, advanced queries. */
let client: SandboxClient;

beforeAll(async () => {
  client = await openSandbox({ fixture: TenantFixture.parse({ ...sandboxFixture(25), groups: [{ id: 'mentors', name: 'Mentors', members: ['u1', 'u4'] }] }) });
});

afterAll(async () => {
  await client.close();
  await removeState(client.stateDir);
});

const ana = 'ana.martin@contoso.example';
const bruno = 'bruno.leroy@contoso.example';
const eventual = { ConsistencyLevel: 'eventual' };
const odataJson = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

describe('response headers and error bodies', () => {
  it('sends request-id, echoes client-request-id and answers OData JSON', async () => {
    const response = await client.graph('GET', '/users?$top=1&$select=id', undefined, { 'client-request-id': 'probe-1' });
    expect(response.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get('client-request-id')).toBe('probe-1');
    expect(response.headers.get('content-type')).toBe(odataJson);
    expect(response.headers.get('odata-version')).toBe('4.0');
  });

  it('puts the same ids in the error body as in the headers, for a refused token too', async () => {
    const response = await client.raw(`${client.sandbox.urls.graph}/users`, { headers: { 'client-request-id': 'probe-2' } });
    expect(response.status).toBe(401);
    const body = JSON.parse(response.text) as { error: { code: string; innerError: Record<string, string> } };
    expect(body.error.code).toBe('InvalidAuthenticationToken');
    expect(body.error.innerError).toMatchObject({ 'request-id': response.headers.get('request-id'), 'client-request-id': 'probe-2', date: expect.any(String) });
  });

  it('answers 405 to a method the resource does not take, and names the segment it cannot resolve', async () => {
    const wrongMethod = await client.graph('PUT', '/users');
    expect(wrongMethod).toMatchObject({ status: 405, body: { error: { code: 'Request_BadRequest', message: 'Specified HTTP method is not allowed for the request target.' } } });
    const unknown = await client.graph('GET', `/users/${ana}/shoeSizes`);
    expect(unknown).toMatchObject({ status: 400, body: { error: { code: 'BadRequest', message: "Resource not found for the segment 'shoeSizes'." } } });
    const me = await client.graph('GET', '/me');
    expect(me).toMatchObject({ status: 400, body: { error: { message: '/me request is only valid with delegated authentication flow.' } } });
  });
});

describe('GET /users advanced queries', () => {
  it('ignores $count=true without ConsistencyLevel: eventual and counts with it', async () => {
    const silent = await client.graph('GET', '/users?$count=true&$top=1&$select=id');
    expect(silent.status).toBe(200);
    expect(silent.body['@odata.count']).toBeUndefined();
    const counted = await client.graph('GET', '/users?$count=true&$top=1&$select=id', undefined, eventual);
    expect(counted.body['@odata.count']).toBe(30);
    const raw = await client.raw(`${client.sandbox.urls.graph}/users/$count`, { headers: { authorization: `Bearer ${await client.token()}` } });
    expect(raw.status).toBe(400);
    expect(JSON.parse(raw.text)).toMatchObject({ error: { code: 'Request_UnsupportedQuery' } });
    const rawCounted = await client.raw(`${client.sandbox.urls.graph}/users/$count`, { headers: { authorization: `Bearer ${await client.token()}`, ...eventual } });
    expect(rawCounted).toMatchObject({ status: 200, text: '30' });
  });

  it('refuses $search without ConsistencyLevel: eventual and searches with it', async () => {
    const refused = await client.graph('GET', '/users?$search="displayName:ana"');
    expect(refused).toMatchObject({ status: 400, body: { error: { code: 'Request_UnsupportedQuery' } } });
    expect(refused.body.error?.message).toContain("'ConsistencyLevel: eventual'");
    const found = await client.graph('GET', '/users?$search="displayName:mar"&$select=displayName', undefined, eventual);
    expect(found.body.value).toEqual([{ displayName: 'Ana Martin' }]);
  });

  it('orders by displayName by default, but needs the advanced parameters to combine $orderby with $filter', async () => {
    const ordered = await client.graph('GET', '/users?$orderby=displayName desc&$top=2&$select=displayName');
    expect(ordered.body.value).toEqual([{ displayName: 'Person 9' }, { displayName: 'Person 8' }]);
    const notSortable = await client.graph('GET', '/users?$orderby=jobTitle');
    expect(notSortable).toMatchObject({ status: 400, body: { error: { code: 'Request_UnsupportedQuery', message: 'Sorting not supported for current query.' } } });
    const combined = "/users?$filter=startswith(displayName,'Person 1')&$orderby=displayName&$select=displayName&$top=2";
    expect((await client.graph('GET', combined)).status).toBe(400);
    const advanced = await client.graph('GET', `${combined}&$count=true`, undefined, eventual);
    expect(advanced.body.value).toEqual([{ displayName: 'Person 1' }, { displayName: 'Person 10' }]);
  });

  it('needs the advanced parameters for endsWith and ne, and refuses officeLocation eq without them', async () => {
    const endsWith = await client.graph('GET', "/users?$filter=endswith(mail,'@contoso.example')");
    expect(endsWith).toMatchObject({ status: 400, body: { error: { code: 'Request_UnsupportedQuery' } } });
    expect(endsWith.body.error?.message).toContain("Operator 'endsWith'");
    const advanced = await client.graph('GET', "/users?$filter=endswith(mail,'@contoso.example')&$count=true&$top=1", undefined, eventual);
    expect(advanced.body['@odata.count']).toBe(30);
    expect((await client.graph('GET', "/users?$filter=department ne 'Ops'")).status).toBe(400);
    expect((await client.graph('GET', "/users?$filter=officeLocation eq 'Paris'")).status).toBe(400);
    const inList = await client.graph('GET', "/users?$filter=department in ('Finance','Board')&$select=displayName");
    expect(inList.body.value?.map((u) => u['displayName']).sort()).toEqual(['Ana Martin', 'Carla Díaz <CFO>', 'Eve Moreau']);
  });
});

describe('GET /users/delta', () => {
  it("tracks only the ids of $filter=id eq '…' across rounds", async () => {
    const id = client.sandbox.userId('u1') ?? '';
    const first = await client.graph('GET', `/users/delta?$select=displayName&$filter=${encodeURIComponent(`id eq '${id}'`)}`);
    expect(first.body.value).toEqual([{ id, displayName: 'Ana Martin' }]);
    client.sandbox.updatePerson('u2', { jobTitle: 'Sales director' });
    client.sandbox.updatePerson('u1', { jobTitle: 'Senior data analyst' });
    const next = await client.graph('GET', String(first.body['@odata.deltaLink']));
    expect(next.body.value?.map((u) => u['id'])).toEqual([id]);
  });
});

describe('POST /$batch URLs and bodies', () => {
  it('refuses an absolute URL for the whole batch, reads "/v1.0/…" as an unknown segment, and takes a URL without its leading slash', async () => {
    const absolute = await client.graph('POST', '/$batch', { requests: [{ id: '1', method: 'GET', url: `${client.sandbox.urls.graph}/users` }] });
    expect(absolute).toMatchObject({ status: 400, body: { error: { code: 'BadRequest', message: 'Invalid batch payload format.' } } });
    const response = await client.graph('POST', '/$batch', {
      requests: [
        { id: 'versioned', method: 'GET', url: '/v1.0/users?$top=1' },
        { id: 'bare', method: 'GET', url: 'users?$top=1&$select=id' },
      ],
    });
    expect(response.status).toBe(200);
    const items = response.body['responses'] as { id: string; status: number; headers: Record<string, string>; body: { error?: { message: string } } }[];
    expect(items.find((i) => i.id === 'versioned')).toMatchObject({ status: 400, body: { error: { message: "Resource not found for the segment 'v1.0'." } } });
    expect(items.find((i) => i.id === 'bare')).toMatchObject({ status: 200, headers: { 'Content-Type': odataJson, 'OData-Version': '4.0' } });
  });

  it('reads a non-JSON item body as base64 (a MIME sendMail)', async () => {
    const mime = Buffer.from(`To: Bruno <${bruno}>\r\nSubject: Batched MIME\r\n\r\nBonjour`).toString('base64');
    const response = await client.graph('POST', '/$batch', {
      requests: [{ id: '1', method: 'POST', url: `/users/${ana}/sendMail`, headers: { 'Content-Type': 'text/plain' }, body: Buffer.from(mime).toString('base64') }],
    });
    expect((response.body['responses'] as { status: number }[])[0]?.status).toBe(202);
    expect(client.sandbox.sentMail().at(-1)).toMatchObject({ subject: 'Batched MIME', to: [bruno] });
  });
});

describe('POST /users/{id}/sendMail, getSchedule and event actions', () => {
  it('refuses an unknown message property or action parameter, as the OData reader does', async () => {
    const unknownProperty = await client.graph('POST', `/users/${ana}/sendMail`, { message: { subject: 'x', toRecipients: [{ emailAddress: { address: bruno } }], priority: 'high' } });
    expect(unknownProperty).toMatchObject({ status: 400, body: { error: { code: 'RequestBodyRead' } } });
    expect(unknownProperty.body.error?.message).toContain("'priority'");
    const unknownParameter = await client.graph('POST', `/users/${ana}/sendMail`, { message: { subject: 'x', toRecipients: [{ emailAddress: { address: bruno } }] }, urgent: true });
    expect(unknownParameter.body.error?.message).toBe("The parameter 'urgent' in the request payload is not a valid parameter for the operation 'sendMail'.");
    const created = await client.graph('POST', `/users/${ana}/events`, {
      subject: 'Answer me',
      start: { dateTime: '2027-05-03T09:00:00', timeZone: 'UTC' },
      end: { dateTime: '2027-05-03T10:00:00', timeZone: 'UTC' },
      attendees: [{ emailAddress: { address: bruno } }],
    });
    const copy = (await client.graph('GET', `/users/${bruno}/events?$select=iCalUId&$top=100`)).body.value?.find((e) => e['iCalUId'] === created.body['iCalUId']);
    const badAnswer = await client.graph('POST', `/users/${bruno}/events/${String(copy?.['id'])}/accept`, { sendResponse: true, mood: 'happy' });
    expect(badAnswer).toMatchObject({ status: 400, body: { error: { code: 'RequestBodyRead' } } });
    const badSchedule = await client.graph('POST', `/users/${ana}/calendar/getSchedule`, {
      schedules: [ana],
      startTime: { dateTime: '2027-05-03T00:00:00', timeZone: 'UTC' },
      endTime: { dateTime: '2027-05-04T00:00:00', timeZone: 'UTC' },
      interval: 30,
    });
    expect(badSchedule.body.error?.message).toBe("The parameter 'interval' in the request payload is not a valid parameter for the operation 'getSchedule'.");
  });

  it('sends MIME (text/plain, base64) and refuses content that is not base64', async () => {
    const mime = Buffer.from(`To: ${bruno}\r\nCc: Eve <eve.moreau@contoso.example>\r\nSubject: MIME hello\r\n\r\nBonjour`).toString('base64');
    const empty = await client.graph('POST', `/users/${ana}/sendMail`, undefined, { 'content-type': 'text/plain' });
    expect(empty).toMatchObject({ status: 400, body: { error: { code: 'ErrorMimeContentInvalidBase64String' } } });
    const ok = await client.raw(`${client.sandbox.urls.graph}/users/${ana}/sendMail`, { method: 'POST', headers: { authorization: `Bearer ${await client.token()}`, 'content-type': 'text/plain' }, body: mime });
    expect(ok.status).toBe(202);
    expect(client.sandbox.sentMail().at(-1)).toMatchObject({ subject: 'MIME hello', to: [bruno], cc: ['eve.moreau@contoso.example'] });
    const bad = await client.raw(`${client.sandbox.urls.graph}/users/${ana}/sendMail`, { method: 'POST', headers: { authorization: `Bearer ${await client.token()}`, 'content-type': 'text/plain' }, body: 'not base64!' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text)).toMatchObject({ error: { code: 'ErrorMimeContentInvalidBase64String', message: 'Invalid base64 string for MIME content.' } });
  });
});

describe('what Graph reads without regard to case', () => {
  it('takes getSchedule parameters in PascalCase, as Graph’s free/busy guide writes them, and an interval written as a string', async () => {
    const answer = await client.graph('POST', `/users/${ana}/calendar/getSchedule`, {
      Schedules: [ana],
      StartTime: { dateTime: '2027-01-04T08:00:00', timeZone: 'UTC' },
      EndTime: { dateTime: '2027-01-04T10:00:00', timeZone: 'UTC' },
      AvailabilityViewInterval: '60',
    });
    expect(answer.status).toBe(200);
    expect(answer.body.value?.[0]).toMatchObject({ scheduleId: ana, availabilityView: '20' });
    const twice = await client.graph('POST', `/users/${ana}/calendar/getSchedule`, { schedules: [ana], Schedules: [bruno], startTime: {}, endTime: {} });
    expect(twice).toMatchObject({ status: 400, body: { error: { code: 'RequestBodyRead' } } });
    const notANumber = await client.graph('POST', `/users/${ana}/calendar/getSchedule`, {
      schedules: [ana], startTime: { dateTime: '2027-01-04T08:00:00', timeZone: 'UTC' }, endTime: { dateTime: '2027-01-04T10:00:00', timeZone: 'UTC' }, availabilityViewInterval: 'half an hour',
    });
    expect(notANumber.status).toBe(400);
  });

  it('resolves path segments in any case, and still names an unknown one', async () => {
    const schedule = await client.graph('POST', `/users/${ana}/calendar/getschedule`, {
      schedules: [ana], startTime: { dateTime: '2027-01-04T08:00:00', timeZone: 'UTC' }, endTime: { dateTime: '2027-01-04T10:00:00', timeZone: 'UTC' },
    });
    expect(schedule.status).toBe(200);
    const view = await client.graph('GET', `/Users/${ana}/calendarview?startDateTime=2027-01-04T00:00:00Z&endDateTime=2027-01-05T00:00:00Z&$select=subject`);
    expect(view.body.value).toEqual([expect.objectContaining({ subject: 'Team sync' })]);
    const unknown = await client.graph('GET', `/users/${ana}/CalendarViews`);
    expect(unknown).toMatchObject({ status: 400, body: { error: { message: "Resource not found for the segment 'CalendarViews'." } } });
  });

  it('serves delta under its qualified name too, with or without parentheses', async () => {
    for (const name of ['delta()', 'microsoft.graph.delta', 'microsoft.graph.delta()']) {
      const round = await client.graph('GET', `/users/${name}?$select=displayName`);
      expect(round.status).toBe(200);
      expect(String(round.body['@odata.nextLink'] ?? round.body['@odata.deltaLink'])).toContain('/users/delta?');
    }
  });
});

describe('GET /users/{id}/mailboxSettings', () => {
  it('returns only the $select-ed settings, and refuses a setting mailboxSettings does not have', async () => {
    const selected = await client.graph('GET', `/users/${ana}/mailboxSettings?$select=timeZone,workingHours`);
    expect(Object.keys(selected.body).sort()).toEqual(['@odata.context', 'timeZone', 'workingHours']);
    expect(selected.body['@odata.context']).toMatch(/\/mailboxSettings\(timeZone,workingHours\)$/);
    expect(selected.body['timeZone']).toBe('Romance Standard Time');
    const unknown = await client.graph('GET', `/users/${ana}/mailboxSettings?$select=shoeSize`);
    expect(unknown).toMatchObject({ status: 400, body: { error: { code: 'RequestBroker--ParseUri' } } });
  });

  it('serves each setting on its own path: a string in `value`, an object as itself', async () => {
    const zone = await client.graph('GET', `/users/${bruno}/mailboxSettings/timeZone`);
    expect(zone.body).toMatchObject({ value: 'Romance Standard Time' });
    expect(zone.body['@odata.context']).toMatch(/\/mailboxSettings\/timeZone$/);
    const hours = await client.graph('GET', `/users/${bruno}/mailboxSettings/workingHours`);
    expect(hours.body).toMatchObject({ daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'], startTime: '08:30:00.0000000', endTime: '17:30:00.0000000', timeZone: { name: 'Romance Standard Time' } });
    const language = await client.graph('GET', `/users/${bruno}/mailboxsettings/language`);
    expect(language.body).toMatchObject({ locale: 'fr-FR' });
    const unknown = await client.graph('GET', `/users/${bruno}/mailboxSettings/shoeSize`);
    expect(unknown).toMatchObject({ status: 400, body: { error: { message: "Resource not found for the segment 'shoeSize'." } } });
  });

  it("includes the mailbox settings in a user read with $select=mailboxSettings, refuses it on the user list, and keeps refusing unknown properties", async () => {
    const user = await client.graph('GET', `/users/${ana}?$select=displayName,mailboxSettings`);
    expect(user.body).toMatchObject({ displayName: 'Ana Martin', mailboxSettings: { timeZone: 'Romance Standard Time', language: { locale: 'fr-FR' } } });
    expect((await client.graph('GET', `/users/${ana}?$select=shoeSize`)).status).toBe(400);
    const list = await client.graph('GET', '/users?$select=id,mailboxSettings');
    expect(list).toMatchObject({ status: 400, body: { error: { code: 'ExplicitTargetMailboxIdShouldNotBeNullOrWhiteSpace', message: 'The Id is invalid.' } } });
  });
});

describe('throttling', () => {
  it('says Retry-After in whole seconds, for the mailbox budget and for injected 429s alike', async () => {
    client.sandbox.setKnobs({ throttle: { perMailboxPer10Min: 1 } });
    const path = '/users/person3@contoso.example/mailboxSettings/timeZone';
    expect((await client.graph('GET', path)).status).toBe(200);
    const budget = await client.graph('GET', path);
    expect(budget.status).toBe(429);
    expect(budget.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    client.sandbox.setKnobs({ faults: { rate429: 1 }, seed: 5 });
    const injected = await client.graph('GET', '/users/person4@contoso.example/mailboxSettings/timeZone');
    expect(injected.status).toBe(429);
    expect(injected.headers.get('retry-after')).toMatch(/^[12]$/);
    client.sandbox.setKnobs({});
  });
});

describe('GET /users/{id}/events $filter', () => {
  it('filters by start and end times read as UTC, by subject without case, joined by and/or, and refuses what it cannot read', async () => {
    const base = (day: string, subject: string) => ({ subject, start: { dateTime: `2027-06-${day}T09:00:00`, timeZone: 'UTC' }, end: { dateTime: `2027-06-${day}T10:00:00`, timeZone: 'UTC' } });
    for (const [day, subject] of [['07', 'Sprint review'], ['08', 'Coffee'], ['09', 'Sprint planning']] as const) {
      expect((await client.graph('POST', '/users/person5@contoso.example/events', base(day, subject))).status).toBe(201);
    }
    const list = async (filter: string) => {
      const response = await client.graph('GET', `/users/person5@contoso.example/events?$select=subject&$filter=${encodeURIComponent(filter)}`);
      return response.status === 200 ? response.body.value?.map((e) => e['subject']) : response;
    };
    expect(await list("start/dateTime gt '2027-06-07T09:00:00' and start/dateTime lt '2027-06-09T09:00'")).toEqual(['Coffee']);
    expect(await list("end/dateTime eq '2027-06-09T10:00:00Z'")).toEqual(['Sprint planning']);
    expect(await list("startswith(subject,'sprint') and start/dateTime ge '2027-06-08T00:00:00'")).toEqual(['Sprint planning']);
    expect(await list("subject eq 'COFFEE' or contains(subject,'review')")).toEqual(['Sprint review', 'Coffee']);
    expect(await list("isAllDay eq false")).toMatchObject({ status: 400, body: { error: { code: 'ErrorInvalidUrlQueryFilter' } } });
    expect(await list("start/dateTime ge 'next monday'")).toMatchObject({ status: 400, body: { error: { code: 'ErrorInvalidUrlQueryFilter' } } });
  });

  it('returns allowNewTimeProposals true unless the organizer turned it off', async () => {
    const created = await client.graph('POST', '/users/person5@contoso.example/events', { subject: 'Default', start: { dateTime: '2027-06-10T09:00:00', timeZone: 'UTC' }, end: { dateTime: '2027-06-10T10:00:00', timeZone: 'UTC' } });
    expect(created.body['allowNewTimeProposals']).toBe(true);
    const patched = await client.graph('PATCH', `/users/person5@contoso.example/events/${String(created.body['id'])}`, { allowNewTimeProposals: false });
    expect(patched.body['allowNewTimeProposals']).toBe(false);
    const read = await client.graph('GET', `/users/person5@contoso.example/events/${String(created.body['id'])}?$select=allowNewTimeProposals`);
    expect(read.body['allowNewTimeProposals']).toBe(false);
  });
});

describe('GET /users/{id}/memberOf and POST /users/{id}/checkMemberGroups', () => {
  it('answers /me/memberOf for a delegated token, keeps @odata.type under $select, and refuses what it does not serve', async () => {
    const token = await client.sandbox.issueUserToken('u4', { audience: 'https://graph.microsoft.com', claims: { idtyp: 'user' } });
    const mine = await client.raw(`${client.sandbox.urls.graph}/Me/memberof?$select=displayName`, { headers: { authorization: `Bearer ${token}` } });
    expect(mine.status).toBe(200);
    expect(JSON.parse(mine.text)).toMatchObject({ value: [{ '@odata.type': '#microsoft.graph.group', displayName: 'Mentors' }] });
    expect((await client.graph('GET', `/users/${bruno}/memberOf`)).body.value).toEqual([]);
    expect(await client.graph('GET', `/users/${ana}/memberOf?$filter=${encodeURIComponent("displayName eq 'Mentors'")}`)).toMatchObject({ status: 400, body: { error: { code: 'Request_BadRequest' } } });
    expect(await client.graph('GET', '/users/nobody@contoso.example/memberOf')).toMatchObject({ status: 404, body: { error: { code: 'Request_ResourceNotFound' } } });
  });

  it('reads GroupIds in any case and refuses an unknown parameter', async () => {
    const mentors = String((await client.graph('GET', `/users/${ana}/memberOf?$select=id`)).body.value?.[0]?.['id']);
    const checked = await client.graph('POST', `/users/${ana}/checkMemberGroups`, { GroupIds: [mentors.toUpperCase()] });
    expect(checked.body).toMatchObject({ value: [mentors] });
    expect(checked.body['@odata.context']).toMatch(/#Collection\(Edm\.String\)$/);
    const unknown = await client.graph('POST', `/users/${ana}/checkMemberGroups`, { groupIds: [mentors], transitive: true });
    expect(unknown).toMatchObject({ status: 400, body: { error: { code: 'RequestBodyRead' } } });
  });
});

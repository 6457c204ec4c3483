import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BINOME_PROPERTY_ID } from '../../server/sandbox/microsoft/extended-property.ts';
import { openSandbox, removeState, sandboxFixture, type GraphBody, type SandboxClient } from './sandbox-harness.ts';

let client: SandboxClient;

beforeAll(async () => {
  client = await openSandbox({ fixture: sandboxFixture(25) });
});

afterAll(async () => {
  await client.close();
  await removeState(client.stateDir);
});

const ana = 'ana.martin@contoso.example';
const bruno = 'bruno.leroy@contoso.example';
const carla = 'carla.diaz@contoso.example';

function session(tag: { cohortId: string; pairId: string; session: number }, start: string, end: string, attendees: string[] = [bruno]) {
  return {
    subject: `Binome session ${tag.session}`,
    body: { contentType: 'text', content: 'Reverse mentoring' },
    start: { dateTime: start, timeZone: 'Romance Standard Time' },
    end: { dateTime: end, timeZone: 'Romance Standard Time' },
    attendees: attendees.map((address) => ({ emailAddress: { address }, type: 'required' })),
    isOnlineMeeting: true,
    onlineMeetingProvider: 'teamsForBusiness',
    singleValueExtendedProperties: [{ id: BINOME_PROPERTY_ID, value: JSON.stringify(tag) }],
  };
}

function schedule(schedules: string[], start: string, end: string, interval = 60) {
  return { schedules, startTime: { dateTime: start, timeZone: 'UTC' }, endTime: { dateTime: end, timeZone: 'UTC' }, availabilityViewInterval: interval };
}

describe('POST /users/{id}/calendar/getSchedule', () => {
  it('reports busy items in UTC, the availability view, the Windows working-hours zone, and an error item for an unknown address', async () => {
    const response = await client.graph('POST', `/users/${ana}/calendar/getSchedule`, schedule([ana, 'nobody@elsewhere.example'], '2027-01-04T07:00:00', '2027-01-04T11:00:00'));
    expect(response.status).toBe(200);
    const [mine, unknown] = response.body.value ?? [];
    expect(mine).toMatchObject({
      scheduleId: ana,
      availabilityView: '0200',
      scheduleItems: [{ status: 'busy', start: { dateTime: '2027-01-04T08:00:00.0000000', timeZone: 'UTC' }, end: { dateTime: '2027-01-04T09:00:00.0000000', timeZone: 'UTC' } }],
      workingHours: { timeZone: { name: 'Romance Standard Time' }, startTime: '09:00:00.0000000' },
    });
    expect(unknown).toMatchObject({ scheduleId: 'nobody@elsewhere.example', error: { responseCode: expect.any(String), message: expect.any(String) } });
  });

  it('writes times in the zone asked by Prefer: outlook.timezone', async () => {
    const response = await client.graph('POST', `/users/${ana}/calendar/getSchedule`, schedule([ana], '2027-01-04T07:00:00', '2027-01-04T11:00:00'), { prefer: 'outlook.timezone="Europe/Paris"' });
    expect(response.body.value?.[0]?.['scheduleItems']).toEqual([
      expect.objectContaining({ start: { dateTime: '2027-01-04T09:00:00.0000000', timeZone: 'Europe/Paris' } }),
    ]);
  });

  it('refuses 21 schedules, a window of 62 days or more, and an interval outside 5-1440', async () => {
    const people = Array.from({ length: 21 }, (_, i) => `person${i}@contoso.example`);
    const tooMany = await client.graph('POST', `/users/${ana}/calendar/getSchedule`, schedule(people, '2027-01-04T00:00:00', '2027-01-05T00:00:00'));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error?.message).toContain('20');
    const twenty = await client.graph('POST', `/users/${ana}/calendar/getSchedule`, schedule(people.slice(0, 20), '2027-01-04T00:00:00', '2027-01-05T00:00:00'));
    expect(twenty.status).toBe(200);
    const tooLong = await client.graph('POST', `/users/${ana}/calendar/getSchedule`, schedule([ana], '2027-01-01T00:00:00', '2027-03-04T00:00:00'));
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error?.message).toContain('62 days');
    const justUnder = await client.graph('POST', `/users/${ana}/calendar/getSchedule`, schedule([ana], '2027-01-01T00:00:00', '2027-03-03T23:00:00'));
    expect(justUnder.status).toBe(200);
    const badInterval = await client.graph('POST', `/users/${ana}/calendar/getSchedule`, schedule([ana], '2027-01-04T00:00:00', '2027-01-05T00:00:00', 2));
    expect(badInterval.status).toBe(400);
  });
});

describe('events', () => {
  it('lands a created event in the organizer calendar and an own copy in each attendee calendar', async () => {
    const tag = { cohortId: 'c1', pairId: 'p1', session: 1 };
    const created = await client.graph('POST', `/users/${ana}/events`, session(tag, '2027-01-11T10:00:00', '2027-01-11T11:00:00'));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      isOrganizer: true,
      responseStatus: { response: 'organizer' },
      start: { dateTime: '2027-01-11T10:00:00.0000000', timeZone: 'Romance Standard Time' },
      attendees: [{ emailAddress: { address: bruno }, status: { response: 'none' } }],
      onlineMeeting: { joinUrl: expect.stringMatching(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//) },
    });
    const dump = client.sandbox.calendars();
    const organizerCopy = dump[ana]?.find((e) => e.id === created.body['id']);
    const attendeeCopy = dump[bruno]?.find((e) => e.binome?.pairId === 'p1');
    expect(organizerCopy).toMatchObject({ start: '2027-01-11T09:00:00.000Z', end: '2027-01-11T10:00:00.000Z', organizer: ana, attendees: [bruno], binome: tag });
    expect(attendeeCopy).toMatchObject({ start: '2027-01-11T09:00:00.000Z', organizer: ana, onlineMeetingUrl: organizerCopy?.onlineMeetingUrl });
    expect(attendeeCopy?.id).not.toBe(organizerCopy?.id);

    const brunoView = await client.graph('GET', `/users/${bruno}/events/${attendeeCopy?.id}`);
    expect(brunoView.body).toMatchObject({ isOrganizer: false, responseStatus: { response: 'none' }, showAs: 'tentative' });
  });

  it('finds events by extended property value and returns the property only when expanded', async () => {
    const tag = { cohortId: 'c1', pairId: 'p2', session: 1 };
    await client.graph('POST', `/users/${ana}/events`, session(tag, '2027-01-12T10:00:00', '2027-01-12T11:00:00', [carla]));
    const value = JSON.stringify(tag).replace(/'/g, "''");
    const filter = encodeURIComponent(`singleValueExtendedProperties/Any(ep: ep/id eq '${BINOME_PROPERTY_ID}' and ep/value eq '${value}')`);
    const plain = await client.graph('GET', `/users/${ana}/events?$filter=${filter}`);
    expect(plain.body.value).toHaveLength(1);
    expect(plain.body.value?.[0]?.['singleValueExtendedProperties']).toBeUndefined();
    const expand = encodeURIComponent(`singleValueExtendedProperties($filter=id eq '${BINOME_PROPERTY_ID}')`);
    const expanded = await client.graph('GET', `/users/${ana}/events?$filter=${filter}&$expand=${expand}`);
    expect(expanded.body.value?.[0]?.['singleValueExtendedProperties']).toEqual([{ id: BINOME_PROPERTY_ID, value: JSON.stringify(tag) }]);
    const prefix = encodeURIComponent(`singleValueExtendedProperties/Any(ep: ep/id eq '${BINOME_PROPERTY_ID}' and startswith(ep/value, '{"cohortId":"c1"'))`);
    const byCohort = await client.graph('GET', `/users/${ana}/events?$filter=${prefix}&$top=50`);
    expect(byCohort.body.value?.length).toBeGreaterThanOrEqual(2);
  });

  it('creates a second event for a repeated transactionId: clients must look up by tag before retrying', async () => {
    const body = { ...session({ cohortId: 'c9', pairId: 'p9', session: 1 }, '2027-02-01T10:00:00', '2027-02-01T11:00:00', []), transactionId: 'tx-1' };
    const first = await client.graph('POST', `/users/${ana}/events`, body);
    const second = await client.graph('POST', `/users/${ana}/events`, body);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body['id']).not.toBe(first.body['id']);
    expect(second.body['transactionId']).toBe('tx-1');
  });

  it("refuses a cancel from an attendee; the organizer's cancel removes their event and leaves the attendee a cancelled, free copy", async () => {
    const created = await client.graph('POST', `/users/${ana}/events`, session({ cohortId: 'c1', pairId: 'p3', session: 1 }, '2027-01-13T10:00:00', '2027-01-13T11:00:00'));
    const copy = client.sandbox.calendars()[bruno]?.find((e) => e.binome?.pairId === 'p3');
    const refused = await client.graph('POST', `/users/${bruno}/events/${copy?.id}/cancel`, { Comment: 'no' });
    expect(refused.status).toBe(400);
    expect(refused.body.error?.message).toContain('You need to be an organizer to cancel a meeting.');
    const unknownParameter = await client.graph('POST', `/users/${ana}/events/${created.body['id']}/cancel`, { Comment: 'sorry', reason: 'x' });
    expect(unknownParameter).toMatchObject({ status: 400, body: { error: { code: 'RequestBodyRead' } } });
    const cancelled = await client.graph('POST', `/users/${ana}/events/${created.body['id']}/cancel`, { Comment: 'sorry' });
    expect(cancelled.status).toBe(202);
    expect((await client.graph('GET', `/users/${ana}/events/${created.body['id']}`)).status).toBe(404);
    const attendeeCopy = await client.graph('GET', `/users/${bruno}/events/${copy?.id}`);
    expect(attendeeCopy.status).toBe(200);
    expect(attendeeCopy.body).toMatchObject({ isCancelled: true, subject: 'Canceled: Binome session 1', showAs: 'free' });
    const inView = await client.graph('GET', `/users/${bruno}/calendarView?startDateTime=2027-01-13T00:00:00Z&endDateTime=2027-01-14T00:00:00Z&$select=subject,isCancelled`);
    expect(inView.body.value).toEqual([expect.objectContaining({ id: copy?.id, isCancelled: true })]);
    const busy = await client.graph('POST', `/users/${bruno}/calendar/getSchedule`, schedule([bruno], '2027-01-13T08:00:00', '2027-01-13T11:00:00'));
    expect(busy.body.value?.[0]).toMatchObject({ availabilityView: '000', scheduleItems: [] });
    // calendars.json keeps only what people attend: neither side holds the cancelled session.
    const dump = client.sandbox.calendars();
    expect(dump[ana]?.some((e) => e.binome?.pairId === 'p3')).toBe(false);
    expect(dump[bruno]?.some((e) => e.binome?.pairId === 'p3')).toBe(false);
    expect((await client.graph('DELETE', `/users/${bruno}/events/${copy?.id}`)).status).toBe(204);
    expect((await client.graph('GET', `/users/${bruno}/events/${copy?.id}`)).status).toBe(404);
  });

  it("leaves a cancelled copy to an attendee when the organizer deletes the event or drops them, and revives it on a new invitation", async () => {
    const created = await client.graph('POST', `/users/${ana}/events`, session({ cohortId: 'c1', pairId: 'p6', session: 1 }, '2027-01-20T10:00:00', '2027-01-20T11:00:00', [bruno, carla]));
    const copyOf = async (who: string) => {
      const list = await client.graph('GET', `/users/${who}/events?$select=subject,iCalUId,isCancelled,showAs&$top=100`);
      return list.body.value?.find((e) => e['iCalUId'] === created.body['iCalUId']);
    };
    const dropped = await client.graph('PATCH', `/users/${ana}/events/${created.body['id']}`, { attendees: [{ emailAddress: { address: bruno } }] });
    expect(dropped.status).toBe(200);
    expect(await copyOf(carla)).toMatchObject({ isCancelled: true, subject: 'Canceled: Binome session 1' });
    await client.graph('PATCH', `/users/${ana}/events/${created.body['id']}`, { attendees: [{ emailAddress: { address: bruno } }, { emailAddress: { address: carla } }] });
    expect(await copyOf(carla)).toMatchObject({ isCancelled: false, subject: 'Binome session 1', showAs: 'tentative' });
    expect((await client.graph('DELETE', `/users/${ana}/events/${created.body['id']}`)).status).toBe(204);
    expect(await copyOf(bruno)).toMatchObject({ isCancelled: true, showAs: 'free' });
    expect(await copyOf(carla)).toMatchObject({ isCancelled: true, showAs: 'free' });
  });

  it("records an attendee's answer on the organizer's event and resets answers when the organizer moves it", async () => {
    const created = await client.graph('POST', `/users/${ana}/events`, session({ cohortId: 'c1', pairId: 'p4', session: 1 }, '2027-01-14T10:00:00', '2027-01-14T11:00:00'));
    const copyId = client.sandbox.calendars()[bruno]?.find((e) => e.binome?.pairId === 'p4')?.id;
    expect((await client.graph('POST', `/users/${bruno}/events/${copyId}/accept`, { sendResponse: true })).status).toBe(202);
    const accepted = await client.graph('GET', `/users/${ana}/events/${created.body['id']}`);
    expect(accepted.body['attendees']).toEqual([expect.objectContaining({ status: expect.objectContaining({ response: 'accepted' }) })]);

    const moved = await client.graph('PATCH', `/users/${ana}/events/${created.body['id']}`, { start: { dateTime: '2027-01-15T14:00:00Z', timeZone: 'UTC' }, end: { dateTime: '2027-01-15T15:00:00Z', timeZone: 'UTC' } });
    expect(moved.status).toBe(200);
    expect(moved.body['attendees']).toEqual([expect.objectContaining({ status: expect.objectContaining({ response: 'none' }) })]);
    const copy = client.sandbox.calendars()[bruno]?.find((e) => e.id === copyId);
    expect(copy).toMatchObject({ start: '2027-01-15T14:00:00.000Z', end: '2027-01-15T15:00:00.000Z' });

    expect((await client.graph('POST', `/users/${bruno}/events/${copyId}/decline`, {})).status).toBe(202);
    expect(client.sandbox.calendars()[bruno]?.some((e) => e.id === copyId)).toBe(false);
    const declined = await client.graph('GET', `/users/${ana}/events/${created.body['id']}`);
    expect(declined.body['attendees']).toEqual([expect.objectContaining({ status: expect.objectContaining({ response: 'declined' }) })]);
  });

  it('validates bodies like Graph: missing start, end before start, unknown zone, unknown property', async () => {
    const base = session({ cohortId: 'c1', pairId: 'p5', session: 1 }, '2027-01-14T10:00:00', '2027-01-14T11:00:00');
    const noStart = await client.graph('POST', `/users/${ana}/events`, { ...base, start: undefined });
    expect(noStart).toMatchObject({ status: 400, body: { error: { code: 'ErrorInvalidRequest' } } });
    const backwards = await client.graph('POST', `/users/${ana}/events`, { ...base, end: { dateTime: '2027-01-14T08:00:00', timeZone: 'UTC' } });
    expect(backwards).toMatchObject({ status: 400, body: { error: { code: 'ErrorPropertyValidationFailure' } } });
    const badZone = await client.graph('POST', `/users/${ana}/events`, { ...base, start: { dateTime: '2027-01-14T10:00:00', timeZone: 'Mars/Olympus' } });
    expect(badZone).toMatchObject({ status: 400, body: { error: { code: 'TimeZoneNotSupportedException' } } });
    const unknown = await client.graph('POST', `/users/${ana}/events`, { ...base, colour: 'blue' });
    expect(unknown).toMatchObject({ status: 400, body: { error: { code: 'RequestBodyRead' } } });
  });

  it('pages calendarView with nextLink over the window', async () => {
    for (let i = 0; i < 12; i += 1) {
      const day = String(1 + i).padStart(2, '0');
      await client.graph('POST', `/users/${carla}/calendar/events`, { subject: `Focus ${i}`, start: { dateTime: `2027-03-${day}T15:00:00`, timeZone: 'Eastern Standard Time' }, end: { dateTime: `2027-03-${day}T16:00:00`, timeZone: 'America/New_York' } });
    }
    const subjects: string[] = [];
    let url: string | undefined = `/users/${carla}/calendarView?startDateTime=2027-03-01T00:00:00Z&endDateTime=2027-03-31T00:00:00Z&$top=5`;
    while (url !== undefined) {
      const page: { body: GraphBody } = await client.graph('GET', url);
      subjects.push(...(page.body.value ?? []).map((e) => String(e['subject'])));
      url = page.body['@odata.nextLink'] as string | undefined;
    }
    expect(subjects).toEqual(Array.from({ length: 12 }, (_, i) => `Focus ${i}`));
    const missing = await client.graph('GET', `/users/${carla}/calendarView`);
    expect(missing.status).toBe(400);
  });
});

describe('POST /users/{id}/sendMail', () => {
  it('answers 202 and keeps the message', async () => {
    const response = await client.graph('POST', `/users/${ana}/sendMail`, {
      message: { subject: 'Rejoignez Binome', body: { contentType: 'HTML', content: '<p>Bonjour</p>' }, toRecipients: [{ emailAddress: { address: bruno } }] },
      saveToSentItems: false,
    });
    expect(response.status).toBe(202);
    expect(client.sandbox.sentMail()).toEqual([expect.objectContaining({ from: ana, to: [bruno], subject: 'Rejoignez Binome' })]);
  });
});

import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../src/ports/calendar.ts';
import { endpointLabel, RequestCounter, tokenEndpointLabel } from '../../server/connectors/shared/counts.ts';
import { fromGraphDateTime, toGraphDateTime } from '../../server/connectors/microsoft/datetime.ts';
import { bookedFromEvent, createEventOperation } from '../../server/connectors/microsoft/events.ts';
import { collectPages, type Page } from '../../server/connectors/microsoft/paging.ts';
import { languagesProperty, personFromUser } from '../../server/connectors/microsoft/people.ts';
import { GraphEvent, GraphUser } from '../../server/connectors/microsoft/schema.ts';
import { addinPropertiesId, addinPropertiesValue, binomeKeyPropertyId, binomeTagPropertyId, keyFilter, parseTagValue, tagValue } from '../../server/connectors/microsoft/tag.ts';
import { transactionIdFor } from '../../server/connectors/microsoft/transaction-id.ts';

const session: SessionEvent = {
  key: 'cohort1:pair7:3',
  organizerEmail: 'ana.martin@contoso.example',
  attendeeEmails: ['ana.martin@contoso.example', 'paul.roy@contoso.example'],
  subject: 'Binome session 3',
  body: '<p>Hello</p>',
  start: '2027-01-11T09:00:00Z',
  end: '2027-01-11T10:00:00Z',
  online: true,
  tag: { cohortId: 'cohort1', pairId: 'pair7', session: 3 },
};

describe('transactionId derivation', () => {
  it('gives the same GUID-shaped id for the same key and different ids for different keys', () => {
    const id = transactionIdFor('cohort1:pair7:3');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(transactionIdFor('cohort1:pair7:3')).toBe(id);
    expect(transactionIdFor('cohort1:pair7:4')).not.toBe(id);
  });
});

describe('event payloads', () => {
  it('books in UTC with required attendees other than the organizer, a Teams meeting, the transactionId, both Binome properties and the add-in custom properties of both manifests', () => {
    const op = createEventOperation(session);
    expect(op.method).toBe('POST');
    expect(op.url).toBe('/users/ana.martin%40contoso.example/events');
    expect(op.body).toMatchObject({
      start: { dateTime: '2027-01-11T09:00:00', timeZone: 'UTC' },
      end: { dateTime: '2027-01-11T10:00:00', timeZone: 'UTC' },
      attendees: [{ type: 'required', emailAddress: { address: 'paul.roy@contoso.example' } }],
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
      transactionId: transactionIdFor(session.key),
      singleValueExtendedProperties: [
        { id: binomeTagPropertyId, value: '{"cohortId":"cohort1","pairId":"pair7","session":3,"key":"cohort1:pair7:3"}' },
        { id: binomeKeyPropertyId, value: 'cohort1:pair7:3' },
        { id: 'String {00020329-0000-0000-C000-000000000046} Name cecp-8ce9d03a-fb61-4c09-83f1-38a2688ebdf4', value: '{"binome":"cohort1:pair7:3"}' },
        { id: 'String {00020329-0000-0000-C000-000000000046} Name cecp-63a0a04b-7b58-4b17-8838-e12dfc289f22', value: '{"binome":"cohort1:pair7:3"}' },
      ],
    });
  });

  it('names the add-in custom properties as Outlook does: lower case, without braces or urn:uuid', () => {
    expect(addinPropertiesId('{8CE9D03A-FB61-4C09-83F1-38A2688EBDF4}')).toBe('String {00020329-0000-0000-C000-000000000046} Name cecp-8ce9d03a-fb61-4c09-83f1-38a2688ebdf4');
    expect(addinPropertiesId('urn:uuid:63A0A04B-7B58-4B17-8838-E12DFC289F22')).toBe('String {00020329-0000-0000-C000-000000000046} Name cecp-63a0a04b-7b58-4b17-8838-e12dfc289f22');
  });

  it('refuses a key that would overflow the 2,500 characters Outlook keeps for an add-in', () => {
    expect(() => addinPropertiesValue('k'.repeat(2_490))).toThrow(/2500 characters/);
  });

  it('asks for no online meeting for an in-person session', () => {
    expect(createEventOperation({ ...session, online: false }).body).not.toHaveProperty('isOnlineMeeting');
  });

  it('reads a tagged event back with attendee responses mapped', () => {
    const event = GraphEvent.parse({
      id: 'AAMk1',
      subject: 'Binome session 3',
      start: { dateTime: '2027-01-11T09:00:00.0000000', timeZone: 'UTC' },
      end: { dateTime: '2027-01-11T10:00:00.0000000', timeZone: 'UTC' },
      organizer: { emailAddress: { address: 'Ana.Martin@contoso.example', name: 'Ana' } },
      attendees: [
        { emailAddress: { address: 'paul.roy@contoso.example' }, status: { response: 'tentativelyAccepted' } },
        { emailAddress: { address: 'lea.dupont@contoso.example' }, status: { response: 'notResponded' } },
      ],
      onlineMeeting: { joinUrl: 'https://teams.example/j/1' },
      singleValueExtendedProperties: [{ id: binomeTagPropertyId, value: tagValue(session.tag, session.key) }],
    });
    expect(bookedFromEvent(event)).toEqual({
      eventId: 'AAMk1',
      key: 'cohort1:pair7:3',
      tag: session.tag,
      subject: 'Binome session 3',
      start: '2027-01-11T09:00:00Z',
      end: '2027-01-11T10:00:00Z',
      organizerEmail: 'ana.martin@contoso.example',
      attendees: [
        { email: 'paul.roy@contoso.example', response: 'tentative' },
        { email: 'lea.dupont@contoso.example', response: 'none' },
      ],
      onlineMeetingUrl: 'https://teams.example/j/1',
      cancelled: false,
    });
  });

  it('ignores events without a Binome property', () => {
    const event = GraphEvent.parse({ id: 'x', start: { dateTime: '2027-01-11T09:00:00', timeZone: 'UTC' }, end: { dateTime: '2027-01-11T10:00:00', timeZone: 'UTC' } });
    expect(bookedFromEvent(event)).toBeNull();
  });
});

describe('tags and filters', () => {
  it('round-trips the tag JSON and refuses other values', () => {
    expect(parseTagValue(tagValue(session.tag, 'k'))).toEqual({ tag: session.tag, key: 'k' });
    expect(parseTagValue('{"cohortId":1}')).toBeNull();
    expect(parseTagValue('not json')).toBeNull();
  });

  it('doubles single quotes in the key filter', () => {
    expect(keyFilter("o'brien:1")).toBe(
      `singleValueExtendedProperties/Any(ep: ep/id eq '${binomeKeyPropertyId}' and ep/value eq 'o''brien:1')`,
    );
  });
});

describe('Graph date-times', () => {
  it('writes UTC date-times without an offset, as Graph wants them', () => {
    expect(toGraphDateTime('2027-03-28T01:30:00+01:00')).toEqual({ dateTime: '2027-03-28T00:30:00', timeZone: 'UTC' });
  });

  it('reads seven-digit fractions in UTC and in a Windows zone', () => {
    expect(fromGraphDateTime({ dateTime: '2027-01-04T09:00:00.0000000', timeZone: 'UTC' })).toBe('2027-01-04T09:00:00Z');
    expect(fromGraphDateTime({ dateTime: '2027-07-05T09:00:00.0000000', timeZone: 'Romance Standard Time' })).toBe('2027-07-05T07:00:00Z');
  });
});

describe('people from Graph users', () => {
  it('maps a user with a manager; zone and hours stay null for availability to fill', () => {
    const user = GraphUser.parse({
      id: 'u1',
      displayName: 'Ana Martin',
      mail: 'Ana.Martin@contoso.example',
      jobTitle: 'Data analyst',
      department: 'Finance',
      officeLocation: 'Paris',
      employeeHireDate: '2024-09-02T00:00:00Z',
      preferredLanguage: 'fr-FR',
      manager: { '@odata.type': '#microsoft.graph.user', id: 'u7' },
    });
    expect(personFromUser(user, 'extension_app_languages')).toEqual({
      id: 'u1',
      email: 'ana.martin@contoso.example',
      name: 'Ana Martin',
      jobTitle: 'Data analyst',
      department: 'Finance',
      office: 'Paris',
      hireDate: '2024-09-02',
      managerId: 'u7',
      timeZone: null,
      languages: ['fr'],
      workingHours: null,
    });
  });

  it('skips directory objects without a mailbox', () => {
    expect(personFromUser(GraphUser.parse({ id: 'r1', displayName: 'Room 1', userPrincipalName: 'room1' }), 'x')).toBeNull();
  });

  it('reads languages from the app directory extension named after the client id', () => {
    const key = languagesProperty('1b2c-3d');
    expect(key).toBe('extension_1b2c3d_languages');
    const user = GraphUser.parse({ id: 'u2', displayName: 'Paul', mail: 'paul@contoso.example', preferredLanguage: 'fr-FR', [key]: ['EN', 'de'] });
    expect(personFromUser(user, key)?.languages).toEqual(['en', 'de']);
  });
});

describe('paging', () => {
  it('follows nextLink to the last page and keeps the deltaLink', async () => {
    const pages: Record<string, Page<number>> = {
      first: { value: [1, 2], '@odata.nextLink': 'second' },
      second: { value: [3], '@odata.nextLink': 'third' },
      third: { value: [4], '@odata.deltaLink': 'delta' },
    };
    const result = await collectPages('first', async (link) => pages[link] ?? { value: [] });
    expect(result).toEqual({ items: [1, 2, 3, 4], deltaLink: 'delta', pages: 3 });
  });

  it('stops on a link that loops and at the page cap', async () => {
    await expect(collectPages('a', async () => ({ value: [], '@odata.nextLink': 'a' }))).rejects.toThrow('paging loops');
    let n = 0;
    await expect(collectPages('p0', async () => ({ value: [], '@odata.nextLink': `p${++n}` }), 5)).rejects.toThrow('after 5 pages');
  });
});

describe('request counting', () => {
  it('labels endpoints with ids replaced, the version prefix and the query dropped', () => {
    expect(endpointLabel('post', 'https://127.0.0.1:4000/v1.0/users/a%40b.example/calendar/getSchedule', '/v1.0')).toBe(
      'POST /users/{id}/calendar/getSchedule',
    );
    expect(endpointLabel('GET', '/users?$top=999')).toBe('GET /users');
    expect(endpointLabel('GET', '/users/delta?$deltatoken=x')).toBe('GET /users/delta');
    expect(endpointLabel('POST', '/users/x/events/AAMk1/cancel')).toBe('POST /users/{id}/events/{id}/cancel');
    expect(endpointLabel('POST', 'https://127.0.0.1:4000/v1.0/$batch', '/v1.0')).toBe('POST /$batch');
    expect(tokenEndpointLabel('post', 'https://127.0.0.1:4000/69ef418f-f604/oauth2/v2.0/token')).toBe('POST /{tenant}/oauth2/v2.0/token');
  });

  it('counts a batch as one round trip and its items as operations', () => {
    const counter = new RequestCounter();
    counter.roundTrip('POST /$batch', 2);
    counter.batchItem('POST /users/{id}/events');
    counter.batchItem('POST /users/{id}/events');
    counter.roundTrip('POST /contoso/oauth2/v2.0/token', 0);
    expect(counter.snapshot()).toEqual({
      httpRoundTrips: 2,
      operations: 2,
      byEndpoint: { 'POST /$batch': 1, 'POST /contoso/oauth2/v2.0/token': 1, 'POST /users/{id}/events': 2 },
    });
  });
});

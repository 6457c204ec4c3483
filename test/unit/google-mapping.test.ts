import { describe, expect, it } from 'vitest';
import { eventIdFor } from '../../server/connectors/google/event-id.ts';
import { bookedFromEvent, conferencePending, insertPart, meetLinkOf } from '../../server/connectors/google/events.ts';
import { managerEmailOf, personFromUser, settingsFrom } from '../../server/connectors/google/people.ts';
import { DirectoryUser, GoogleEvent, PrimaryCalendar } from '../../server/connectors/google/schema.ts';
import { settingsOf } from '../../server/connectors/google/settings.ts';

const user = DirectoryUser.parse({
  id: '1042',
  creationTime: '2024-09-02T00:00:00.000Z',
  primaryEmail: 'Ana.Martin@contoso.example',
  name: { fullName: 'Ana Martin', givenName: 'Ana', familyName: 'Martin' },
  relations: [
    { type: 'assistant', value: 'bo@contoso.example' },
    { type: 'manager', value: 'Chef@Contoso.example' },
  ],
  organizations: [
    { title: 'Intern', department: 'Old', primary: false },
    { title: 'Data analyst', department: 'Finance', location: 'Lyon', primary: true },
  ],
  locations: [{ type: 'desk', area: 'desk', buildingId: 'Paris' }],
  languages: [{ languageCode: 'de', preference: 'not_preferred' }, { languageCode: 'fr-FR', preference: 'preferred' }, { languageCode: 'en' }, { customLanguage: 'Klingon' }],
});

describe('Directory users as people', () => {
  it('takes title and department from the primary organization, the office from the location, the hire date from the account, every language spoken, preferred first', () => {
    expect(personFromUser(user)).toEqual({
      id: '1042',
      email: 'ana.martin@contoso.example',
      name: 'Ana Martin',
      jobTitle: 'Data analyst',
      department: 'Finance',
      office: 'Paris',
      hireDate: '2024-09-02',
      managerId: null,
      timeZone: null,
      languages: ['fr', 'en', 'de'],
      workingHours: null,
    });
  });

  it('names the manager by the address in relations[type=manager], and falls back to the organization location for the office', () => {
    expect(managerEmailOf(user)).toBe('chef@contoso.example');
    const plain = DirectoryUser.parse({ id: '7', primaryEmail: 'top@contoso.example', organizations: [{ title: 'CEO', location: 'Lyon' }] });
    expect(managerEmailOf(plain)).toBeNull();
    expect(personFromUser(plain)).toMatchObject({ office: 'Lyon', name: 'top@contoso.example', jobTitle: 'CEO' });
  });

  it('leaves out suspended and archived accounts, who cannot take part', () => {
    expect(personFromUser({ ...user, suspended: true })).toBeNull();
    expect(personFromUser({ ...user, archived: true })).toBeNull();
  });
});

describe('Zone and working hours from the primary calendar', () => {
  const week = (start: number, end: number) =>
    ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((dayOfWeek) => ({ dayOfWeek, periodStart: start, periodEnd: end }));

  it('reads minutes from midnight as local times in the calendar zone', () => {
    const calendar = PrimaryCalendar.parse({ timeZone: 'Asia/Kolkata', workingHours: { workingHoursEnabled: true, availableTimes: week(540, 1080) } });
    expect(settingsFrom(calendar)).toEqual({
      timeZone: 'Asia/Kolkata',
      workingHours: { timeZone: 'Asia/Kolkata', week: { mon: [[540, 1080]], tue: [[540, 1080]], wed: [[540, 1080]], thu: [[540, 1080]], fri: [[540, 1080]], sat: [], sun: [] } },
    });
  });

  it('keeps each day its own blocks: a day split around lunch stays split, and days may differ', () => {
    const calendar = PrimaryCalendar.parse({
      timeZone: 'Europe/Paris',
      workingHours: {
        workingHoursEnabled: true,
        availableTimes: [
          { dayOfWeek: 'monday', periodStart: 480, periodEnd: 720 },
          { dayOfWeek: 'monday', periodStart: 780, periodEnd: 1020 },
          { dayOfWeek: 'wednesday', periodStart: 600, periodEnd: 1440 },
        ],
      },
    });
    expect(settingsFrom(calendar).workingHours).toEqual({
      timeZone: 'Europe/Paris',
      week: { mon: [[480, 720], [780, 1020]], tue: [], wed: [[600, 1440]], thu: [], fri: [], sat: [], sun: [] },
    });
  });

  it('joins blocks that touch or overlap, in any order, and reads day names in any case', () => {
    const calendar = PrimaryCalendar.parse({
      timeZone: 'Europe/Paris',
      workingHours: {
        availableTimes: [
          { dayOfWeek: 'TUESDAY', periodStart: 720, periodEnd: 1080 },
          { dayOfWeek: 'tuesday', periodStart: 540, periodEnd: 720 },
          { dayOfWeek: 'Tuesday', periodStart: 1000, periodEnd: 1100 },
        ],
      },
    });
    expect(settingsFrom(calendar).workingHours?.week.tue).toEqual([[540, 1100]]);
  });

  it('gives no hours when they are disabled or absent, but still the zone', () => {
    expect(settingsFrom(PrimaryCalendar.parse({ timeZone: 'Europe/Paris' }))).toEqual({ timeZone: 'Europe/Paris', workingHours: null });
    expect(settingsFrom(PrimaryCalendar.parse({ timeZone: 'Europe/Paris', workingHours: { workingHoursEnabled: false, availableTimes: week(540, 1080) } })).workingHours).toBeNull();
    expect(settingsFrom(PrimaryCalendar.parse({ timeZone: 'Europe/Paris', workingHours: { workingHoursEnabled: false, availableTimes: [] } })).workingHours).toBeNull();
  });

  it('refuses an available time Google would not write: an unknown day, an end before the start, a minute past the day', () => {
    for (const block of [
      { dayOfWeek: 'funday', periodStart: 540, periodEnd: 600 },
      { dayOfWeek: 'monday', periodStart: 600, periodEnd: 540 },
      { dayOfWeek: 'monday', periodStart: 540, periodEnd: 1441 },
      { dayOfWeek: 'monday', periodStart: 540 },
    ]) {
      expect(PrimaryCalendar.safeParse({ timeZone: 'Europe/Paris', workingHours: { availableTimes: [block] } }).success).toBe(false);
    }
  });

  it('reports a refused calendars.get as an error, not as a person without hours', () => {
    const refused = { status: 403, body: { error: { code: 403, message: 'Forbidden', errors: [{ reason: 'forbidden' }] } } };
    expect(settingsOf(refused)).toEqual({ timeZone: null, workingHours: null, error: 'calendars.get(primary): HTTP 403 forbidden: Forbidden' });
  });
});

describe('Events Binome books on Google', () => {
  const session = {
    key: 'bnm-0123abcd',
    organizerEmail: 'Ana@contoso.example',
    attendeeEmails: ['ana@contoso.example', 'Bo@contoso.example'],
    subject: 'Binome',
    body: '<p>Hi</p>',
    start: '2027-02-01T09:00:00.000Z',
    end: '2027-02-01T10:00:00.000Z',
    online: true,
    tag: { cohortId: 'c1', pairId: 'p1', session: 2 },
  };

  it('inserts as the organizer with the id from the key, a Meet request, and the tag on private and shared properties', () => {
    const part = insertPart(session);
    expect(part).toMatchObject({ subject: 'ana@contoso.example', method: 'POST', path: '/calendar/v3/calendars/primary/events?conferenceDataVersion=1&sendUpdates=all' });
    const tag = { binome: '1', binomeKey: 'bnm-0123abcd', binomeCohort: 'c1', binomePair: 'p1', binomeSession: '2' };
    expect(part.body).toMatchObject({
      id: eventIdFor(session.key),
      attendees: [{ email: 'bo@contoso.example', responseStatus: 'needsAction' }],
      extendedProperties: { private: tag, shared: tag },
      conferenceData: { createRequest: { requestId: eventIdFor(session.key), conferenceSolutionKey: { type: 'hangoutsMeet' } } },
    });
    expect(insertPart({ ...session, online: false }).body).not.toHaveProperty('conferenceData');
  });

  it('reads an attendee copy back with its tag, responses and Meet link, and ignores untagged events', () => {
    const event = GoogleEvent.parse({
      id: 'abc123',
      status: 'confirmed',
      summary: 'Binome',
      start: { dateTime: '2027-02-01T10:00:00+01:00' },
      end: { dateTime: '2027-02-01T11:00:00+01:00' },
      organizer: { email: 'Ana@contoso.example' },
      attendees: [{ email: 'ana@contoso.example', organizer: true, responseStatus: 'accepted' }, { email: 'bo@contoso.example', responseStatus: 'needsAction' }],
      conferenceData: { entryPoints: [{ entryPointType: 'video', uri: 'https://meet.google.com/aaa-bbbb-ccc' }], createRequest: { status: { statusCode: 'success' } } },
      extendedProperties: { shared: { binome: '1', binomeKey: 'k', binomeCohort: 'c1', binomePair: 'p1', binomeSession: '2' } },
    });
    expect(bookedFromEvent(event)).toEqual({
      eventId: 'abc123',
      key: 'k',
      tag: { cohortId: 'c1', pairId: 'p1', session: 2 },
      subject: 'Binome',
      start: '2027-02-01T09:00:00Z',
      end: '2027-02-01T10:00:00Z',
      organizerEmail: 'ana@contoso.example',
      attendees: [
        { email: 'ana@contoso.example', response: 'organizer' },
        { email: 'bo@contoso.example', response: 'none' },
      ],
      onlineMeetingUrl: 'https://meet.google.com/aaa-bbbb-ccc',
      cancelled: false,
    });
    expect(bookedFromEvent(GoogleEvent.parse({ id: 'x', summary: 'Lunch' }))).toBeNull();
  });

  it('sees a Meet link that is still pending as no link yet', () => {
    const pending = GoogleEvent.parse({ id: 'x', conferenceData: { createRequest: { status: { statusCode: 'pending' } } } });
    expect(meetLinkOf(pending)).toBeNull();
    expect(conferencePending(pending)).toBe(true);
  });
});

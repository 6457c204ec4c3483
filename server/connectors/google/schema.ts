import { z } from 'zod';

/**
 * What we read back from Google, validated before use. Objects stay loose
 * (Google adds properties freely); only the fields we rely on are checked.
 */

const nullableString = z.string().nullish().transform((v) => v ?? null);

/** Admin SDK Directory user: relations, organizations, locations and languages are untyped arrays in the discovery document. */
export const DirectoryUser = z
  .object({
    id: z.string().min(1),
    primaryEmail: nullableString,
    etag: nullableString,
    suspended: z.boolean().nullish(),
    archived: z.boolean().nullish(),
    creationTime: nullableString,
    name: z.object({ fullName: nullableString, givenName: nullableString, familyName: nullableString }).loose().nullish(),
    relations: z.array(z.object({ type: nullableString, customType: nullableString, value: nullableString }).loose()).nullish(),
    organizations: z
      .array(
        z
          .object({
            title: nullableString,
            department: nullableString,
            location: nullableString,
            primary: z.boolean().nullish(),
          })
          .loose(),
      )
      .nullish(),
    locations: z
      .array(z.object({ type: nullableString, area: nullableString, buildingId: nullableString, floorName: nullableString, deskCode: nullableString }).loose())
      .nullish(),
    languages: z.array(z.object({ languageCode: nullableString, customLanguage: nullableString, preference: nullableString }).loose()).nullish(),
  })
  .loose();
export type DirectoryUser = z.infer<typeof DirectoryUser>;

export const UserPage = z.object({ users: z.array(DirectoryUser).nullish(), nextPageToken: nullableString }).loose();

export const HasMember = z.object({ isMember: z.boolean() }).loose();

const weekdayOfName = { monday: 'mon', tuesday: 'tue', wednesday: 'wed', thursday: 'thu', friday: 'fri', saturday: 'sat', sunday: 'sun' } as const;
/** Google writes days in lower case ("monday"); read any case. */
const DayOfWeek = z
  .string()
  .transform((day) => day.toLowerCase())
  .pipe(z.enum(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']))
  .transform((day) => weekdayOfName[day]);

/**
 * One `availableTimes` entry: a block of one day, in minutes from the start of the
 * day, start inclusive and end exclusive (all three fields required by Google).
 */
export const AvailableTime = z
  .object({ dayOfWeek: DayOfWeek, periodStart: z.number().int().min(0).max(1440), periodEnd: z.number().int().min(0).max(1440) })
  .loose()
  .refine((block) => block.periodStart < block.periodEnd, { message: 'periodEnd must come after periodStart', path: ['periodEnd'] });

/**
 * calendars.get('primary'): the zone, and the owner's working hours (Workspace
 * only, newer than the npm typings).
 */
export const PrimaryCalendar = z
  .object({
    timeZone: nullableString,
    workingHours: z
      .object({
        workingHoursEnabled: z.boolean().nullish(),
        availableTimes: z.array(AvailableTime).nullish(),
      })
      .loose()
      .nullish(),
  })
  .loose();
export type PrimaryCalendar = z.infer<typeof PrimaryCalendar>;

const BusyInterval = z.object({ start: z.string(), end: z.string() });
const CalendarError = z.object({ domain: nullableString, reason: nullableString }).loose();

export const FreeBusyAnswer = z
  .object({
    calendars: z.record(z.string(), z.object({ busy: z.array(BusyInterval).nullish(), errors: z.array(CalendarError).nullish() }).loose()).nullish(),
  })
  .loose();
export type FreeBusyAnswer = z.infer<typeof FreeBusyAnswer>;

const EventDateTime = z.object({ dateTime: nullableString, date: nullableString, timeZone: nullableString }).loose();

export const ConferenceData = z
  .object({
    entryPoints: z.array(z.object({ entryPointType: nullableString, uri: nullableString }).loose()).nullish(),
    createRequest: z.object({ status: z.object({ statusCode: nullableString }).loose().nullish() }).loose().nullish(),
  })
  .loose();

export const GoogleEvent = z
  .object({
    id: z.string().min(1),
    status: nullableString,
    summary: nullableString,
    start: EventDateTime.nullish(),
    end: EventDateTime.nullish(),
    organizer: z.object({ email: nullableString }).loose().nullish(),
    attendees: z.array(z.object({ email: nullableString, responseStatus: nullableString, organizer: z.boolean().nullish(), self: z.boolean().nullish() }).loose()).nullish(),
    hangoutLink: nullableString,
    conferenceData: ConferenceData.nullish(),
    extendedProperties: z
      .object({ private: z.record(z.string(), z.string()).nullish(), shared: z.record(z.string(), z.string()).nullish() })
      .loose()
      .nullish(),
  })
  .loose();
export type GoogleEvent = z.infer<typeof GoogleEvent>;

export const EventPage = z.object({ items: z.array(GoogleEvent).nullish(), nextPageToken: nullableString }).loose();

export const SentMessage = z.object({ id: z.string() }).loose();

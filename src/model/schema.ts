import { z } from 'zod';

/**
 * The domain model. Instants are UTC ISO strings at the edges and epoch
 * milliseconds inside the planning code; local times are "HH:MM" in a named
 * IANA zone.
 */

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const Weekday = z.enum(weekdays);
export type Weekday = z.infer<typeof Weekday>;

export const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a local time HH:MM');
/** A calendar date that exists: 2027-02-31 is refused, not rolled over. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .refine((text) => {
    const [year, month, day] = text.split('-').map(Number) as [number, number, number];
    const date = new Date(Date.UTC(year, month - 1, day));
    return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  }, 'no such date');
export const Instant = z.iso.datetime({ offset: true });

export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'not a valid email address' }));

export const WorkingHours = z
  .object({
    days: z.array(Weekday).min(1),
    start: LocalTime,
    end: LocalTime,
    /** IANA zone the hours are expressed in. */
    timeZone: z.string().min(1),
  })
  .refine((w) => w.start < w.end, { message: 'working hours must end after they start', path: ['end'] });
export type WorkingHours = z.infer<typeof WorkingHours>;

export const platforms = ['microsoft', 'google'] as const;
export const Platform = z.enum(platforms);
export type Platform = z.infer<typeof Platform>;

export const Tenant = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes'),
  name: z.string().min(1),
  domain: z.string().min(3),
  platform: Platform,
});
export type Tenant = z.infer<typeof Tenant>;

/** A person as the directory knows them (org chart, mailbox settings). */
export const Person = z.object({
  id: z.string().min(1),
  email: Email,
  name: z.string().min(1),
  jobTitle: z.string().nullable(),
  department: z.string().nullable(),
  office: z.string().nullable(),
  hireDate: IsoDate.nullable(),
  managerId: z.string().nullable(),
  /** IANA zone; null when the provider did not say (read later from free/busy). */
  timeZone: z.string().nullable(),
  languages: z.array(z.string()),
  workingHours: WorkingHours.nullable(),
});
export type Person = z.infer<typeof Person>;

export const defaultThemes = [
  'ai',
  'automation',
  'collaboration-tools',
  'social-networks',
  'personal-branding',
  'data',
  'video',
  'digital-culture',
  'e-commerce',
  'csr',
  'diversity-inclusion',
  'new-ways-of-working',
  'cybersecurity',
  'mobile-apps',
] as const;
export const ThemeKey = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'theme keys are lower-case words joined by dashes');

export const roles = ['mentor', 'mentee'] as const;
export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;

export const meetingFormats = ['in-person', 'video', 'either'] as const;
export const MeetingFormat = z.enum(meetingFormats);
export type MeetingFormat = z.infer<typeof MeetingFormat>;

/**
 * Working hours a volunteer declared, in their own time zone (the one their
 * calendar or directory gives): used only where the provider reports none.
 */
export const DeclaredHours = z
  .object({ days: z.array(Weekday).min(1), start: LocalTime, end: LocalTime })
  .refine((w) => w.start < w.end, { message: 'working hours must end after they start', path: ['end'] });
export type DeclaredHours = z.infer<typeof DeclaredHours>;

/** What a volunteer answered: one per person and role within a cohort. */
export const Enrolment = z.object({
  email: Email,
  role: Role,
  offers: z.array(ThemeKey),
  wants: z.array(ThemeKey),
  languages: z.array(z.string().regex(/^[a-z]{2,3}$/, 'ISO 639 language code')),
  format: MeetingFormat,
  workingHours: DeclaredHours.optional(),
});
export type Enrolment = z.infer<typeof Enrolment>;

export const cohortFormats = ['classic', 'flash', 'agile', 'keynote'] as const;
export const CohortFormat = z.enum(cohortFormats);

/** The calendar shape of a cohort. */
export const CohortPlan = z.object({
  sessions: z.number().int().min(1).max(12),
  sessionMinutes: z.number().int().min(15).max(240),
  start: IsoDate,
  weeks: z.number().int().min(1).max(104),
});
export type CohortPlan = z.infer<typeof CohortPlan>;

export const CohortSettings = CohortPlan.extend({
  name: z.string().trim().min(1).max(200),
  format: CohortFormat,
});
export type CohortSettings = z.infer<typeof CohortSettings>;

/** A half-open interval [start, end) in epoch milliseconds. */
export interface Interval {
  start: number;
  end: number;
}

/**
 * What a message says, without its words: the core names the case with a stable code
 * and the facts it quotes (names, counts, ISO instants); each edge words it in its
 * viewer's language from the catalogue in `contract/messages/`.
 */
export const MessageParams = z.record(z.string(), z.union([z.string(), z.number()]));
export type MessageParams = z.infer<typeof MessageParams>;

/** Why something did not happen (or why a pair was formed), in a form each edge can translate. */
export interface Reason {
  code: string;
  params: MessageParams;
}

/**
 * A session's place in the booking ledger. `moving`: booked, and a participant asked
 * for another slot; the event exists at the old slot until the provider confirms the
 * update, so it counts as booked at its old time until then.
 */
export const bookingStates = ['planned', 'booking', 'booked', 'failed', 'moving'] as const;
export type BookingState = (typeof bookingStates)[number];

/**
 * Why a session was given up, so HR knows what to do next:
 * OUTCOME_UNKNOWN: the provider never confirmed the create, the event may exist;
 * CALENDAR_UNREADABLE: free/busy kept failing, the slot could not be re-checked;
 * NO_FREE_SLOT: the slot was taken since matching and no other slot fits;
 * PROVIDER_REFUSED: the provider refused the event (mailbox, permission, body);
 * RETRIES_EXHAUSTED: every attempt failed and the calendar holds no such event.
 */
export const bookingFailureCodes = ['OUTCOME_UNKNOWN', 'CALENDAR_UNREADABLE', 'NO_FREE_SLOT', 'PROVIDER_REFUSED', 'RETRIES_EXHAUSTED', 'EVENT_MISSING'] as const;
export type BookingFailureCode = (typeof bookingFailureCodes)[number];

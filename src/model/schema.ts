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

/** Minutes after local midnight: 0 (00:00) to 1440 (the next midnight). */
const DayMinute = z.number().int().min(0).max(1440);

/** One block of working time in a day: [start, end) in minutes after local midnight. */
export type HoursBlock = [start: number, end: number];

/** A week of working time: per weekday, its blocks, sorted, neither overlapping nor touching. */
export type WorkingWeek = Record<Weekday, HoursBlock[]>;

/**
 * Blocks in order, overlapping or touching ones joined: two blocks that touch leave no
 * gap a session must respect, so they are one block.
 */
export function joinBlocks(blocks: readonly (readonly [number, number])[]): HoursBlock[] {
  const sorted = blocks.filter(([start, end]) => start < end).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const joined: HoursBlock[] = [];
  for (const [start, end] of sorted) {
    const last = joined.at(-1);
    if (last !== undefined && start <= last[1]) last[1] = Math.max(last[1], end);
    else joined.push([start, end]);
  }
  return joined;
}

/** An empty week, to fill day by day. */
export function emptyWeek(): WorkingWeek {
  return { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
}

export const hasBlocks = (week: WorkingWeek): boolean => weekdays.some((day) => week[day].length > 0);

/** "HH:MM" as minutes after midnight; "24:00" is the next midnight (1440). */
export function minutesOfTime(time: string): number {
  const [hours = '0', minutes = '0'] = time.split(':');
  return Number(hours) * 60 + Number(minutes);
}

const DayBlocks = z
  .array(z.tuple([DayMinute, DayMinute]).refine(([start, end]) => start < end, { message: 'a block must end after it starts' }))
  .default([])
  .transform(joinBlocks);

/** The weekly schedule in minutes, as the core keeps it (see docs/design.md §8). */
export const WorkingWeek = z
  .object({ mon: DayBlocks, tue: DayBlocks, wed: DayBlocks, thu: DayBlocks, fri: DayBlocks, sat: DayBlocks, sun: DayBlocks })
  .refine(hasBlocks, { message: 'working hours need at least one block in the week' });

/** Hours written as one span on some days: `{ days, start, end }` (enrolment files, Graph, the tenant default). */
export const SpanHours = z
  .object({ days: z.array(Weekday).min(1), start: LocalTime, end: LocalTime })
  .refine((w) => w.start < w.end, { message: 'working hours must end after they start', path: ['end'] });
export type SpanHours = z.infer<typeof SpanHours>;

/** The same start and end on each of `days`. */
export function weekOfSpan(span: SpanHours): WorkingWeek {
  const week = emptyWeek();
  for (const day of span.days) week[day] = [[minutesOfTime(span.start), minutesOfTime(span.end)]];
  return week;
}

const BlockText = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d-(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'expected a block HH:MM-HH:MM')
  .refine((text) => text.slice(0, 5) < text.slice(6), { message: 'a block must end after it starts' });
const DayBlockTexts = z.array(BlockText).optional();

/**
 * Working hours as a person writes them in a file: one span (`{ days, start, end }`),
 * or a week of blocks per day (`{ week: { mon: ["09:00-12:00", "14:00-18:00"], fri: ["13:00-17:00"] } }`),
 * in the person's own zone.
 */
export const WrittenHours = z.union([
  SpanHours,
  z.object({
    week: z
      .object({ mon: DayBlockTexts, tue: DayBlockTexts, wed: DayBlockTexts, thu: DayBlockTexts, fri: DayBlockTexts, sat: DayBlockTexts, sun: DayBlockTexts })
      .strict()
      .refine((week) => Object.values(week).some((blocks) => (blocks ?? []).length > 0), { message: 'working hours need at least one block in the week' }),
  }),
]);
export type WrittenHours = z.infer<typeof WrittenHours>;

export function weekOfWritten(written: WrittenHours): WorkingWeek {
  if ('days' in written) return weekOfSpan(written);
  const week = emptyWeek();
  for (const day of weekdays) {
    week[day] = joinBlocks((written.week[day] ?? []).map((text) => [minutesOfTime(text.slice(0, 5)), minutesOfTime(text.slice(6))] as const));
  }
  return week;
}

const WeeklyHours = z.object({
  /** IANA zone the blocks are expressed in. */
  timeZone: z.string().min(1),
  week: WorkingWeek,
});

/**
 * A person's working hours: a weekly schedule of blocks in their IANA zone. Google can
 * give each day its own blocks (a lunch gap splits a day); Graph gives one span on some
 * days; both map into this. The one-span form `{ days, start, end, timeZone }` of
 * directory rows stored before the weekly schedule is still read.
 */
export const WorkingHours = z.union([
  WeeklyHours,
  z
    .object({ days: z.array(Weekday).min(1), start: LocalTime, end: LocalTime, timeZone: z.string().min(1) })
    .refine((w) => w.start < w.end, { message: 'working hours must end after they start', path: ['end'] })
    .transform((span) => ({ timeZone: span.timeZone, week: weekOfSpan(span) })),
]);
export type WorkingHours = z.output<typeof WeeklyHours>;

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
export const DeclaredHours = SpanHours;
export type DeclaredHours = SpanHours;

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
 * RETRIES_EXHAUSTED: every attempt failed and the calendar holds no such event;
 * MOVE_NOT_CONFIRMED: a participant's move was never confirmed by the provider (params
 * `{ attempts }`); the event was read back at the old slot, which stays the session's.
 */
export const bookingFailureCodes = ['OUTCOME_UNKNOWN', 'CALENDAR_UNREADABLE', 'NO_FREE_SLOT', 'PROVIDER_REFUSED', 'RETRIES_EXHAUSTED', 'EVENT_MISSING', 'MOVE_NOT_CONFIRMED'] as const;
export type BookingFailureCode = (typeof bookingFailureCodes)[number];

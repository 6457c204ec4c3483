import { IsoDate, Person, type Weekday, type WorkingHours } from '../../../src/model/schema.ts';
import type { DirectoryUser, PrimaryCalendar } from './schema.ts';

/**
 * A Person from a Directory user. The Directory has no hire date: the
 * account's creation date stands for it (accounts are opened on arrival). Without the manager id (which needs every
 * user's address first: Google names the manager by email in
 * `relations[type=manager].value`) and without zone and hours (which only the
 * person's own calendar gives). Null for suspended or archived accounts and
 * for users without an address, who cannot take part.
 */
export function personFromUser(user: DirectoryUser): Person | null {
  if (user.suspended === true || user.archived === true || user.primaryEmail === null) return null;
  const organizations = user.organizations ?? [];
  const organization = organizations.find((o) => o.primary === true) ?? organizations[0];
  const location = (user.locations ?? [])[0];
  const office = location?.buildingId ?? location?.area ?? organization?.location ?? null;
  // "not_preferred" still means spoken, only not the first choice: keep it, after the preferred ones.
  const languages = [...(user.languages ?? [])]
    .sort((a, b) => Number(a.preference === 'not_preferred') - Number(b.preference === 'not_preferred'))
    .map((l) => l.languageCode?.split(/[-_]/)[0]?.toLowerCase() ?? '')
    .filter((code, i, all) => code !== '' && all.indexOf(code) === i);
  const created = user.creationTime?.slice(0, 10) ?? null;
  const parsed = Person.safeParse({
    id: user.id,
    email: user.primaryEmail,
    name: user.name?.fullName?.trim() || [user.name?.givenName, user.name?.familyName].filter(Boolean).join(' ').trim() || user.primaryEmail,
    jobTitle: organization?.title ?? null,
    department: organization?.department ?? null,
    office,
    hireDate: created !== null && IsoDate.safeParse(created).success ? created : null,
    managerId: null,
    timeZone: null,
    languages,
    workingHours: null,
  });
  return parsed.success ? parsed.data : null;
}

/** The manager's address from `relations[type=manager]`, lower-cased; null when none. */
export function managerEmailOf(user: DirectoryUser): string | null {
  const relation = (user.relations ?? []).find((r) => r.type?.toLowerCase() === 'manager' && r.value !== null);
  return relation?.value?.trim().toLowerCase() || null;
}

const weekdayOf: Record<string, Weekday> = {
  monday: 'mon',
  tuesday: 'tue',
  wednesday: 'wed',
  thursday: 'thu',
  friday: 'fri',
  saturday: 'sat',
  sunday: 'sun',
};

const weekOrder: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** "HH:MM" from minutes; the end of the day (1440) is the last minute, as LocalTime stops at 23:59. */
function localTime(minutes: number): string {
  const clamped = Math.min(minutes, 1439);
  return `${String(Math.floor(clamped / 60)).padStart(2, '0')}:${String(clamped % 60).padStart(2, '0')}`;
}

/**
 * Zone and working hours from the primary calendar. Google may give several
 * blocks a day and different hours per day; our model holds one span for all
 * working days, so it is the span every working day covers (latest first
 * start, earliest last end): a session booked inside it is inside each day's
 * hours. A lunch gap inside a day is not kept (the model has no blocks yet).
 * Null hours when disabled, empty, or with no common span.
 */
export function settingsFrom(calendar: PrimaryCalendar): { timeZone: string | null; workingHours: WorkingHours | null } {
  const timeZone = calendar.timeZone ?? null;
  const hours = calendar.workingHours;
  if (timeZone === null || !hours || hours.workingHoursEnabled === false) return { timeZone, workingHours: null };
  const spans = new Map<Weekday, { start: number; end: number }>();
  for (const block of hours.availableTimes ?? []) {
    const day = weekdayOf[block.dayOfWeek.toLowerCase()];
    if (day === undefined || !(block.periodStart < block.periodEnd)) continue;
    const span = spans.get(day);
    spans.set(day, span ? { start: Math.min(span.start, block.periodStart), end: Math.max(span.end, block.periodEnd) } : { start: block.periodStart, end: block.periodEnd });
  }
  if (spans.size === 0) return { timeZone, workingHours: null };
  const start = Math.max(...[...spans.values()].map((s) => s.start));
  const end = Math.min(...[...spans.values()].map((s) => s.end));
  if (!(start < end)) return { timeZone, workingHours: null };
  const days = weekOrder.filter((d) => spans.has(d));
  const startText = localTime(start);
  const endText = localTime(end);
  if (!(startText < endText)) return { timeZone, workingHours: null };
  return { timeZone, workingHours: { days, start: startText, end: endText, timeZone } };
}

import { emptyWeek, hasBlocks, IsoDate, joinBlocks, Person, weekdays, type WorkingHours } from '../../../src/model/schema.ts';
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

/**
 * Zone and working hours from the primary calendar, block for block: each
 * `availableTimes` entry is one block [periodStart, periodEnd) of its day, so a
 * day split by a lunch gap stays split and each day keeps its own hours. Null
 * hours when working hours are off or no block is left.
 */
export function settingsFrom(calendar: PrimaryCalendar): { timeZone: string | null; workingHours: WorkingHours | null } {
  const timeZone = calendar.timeZone ?? null;
  const hours = calendar.workingHours;
  if (timeZone === null || !hours || hours.workingHoursEnabled === false) return { timeZone, workingHours: null };
  const week = emptyWeek();
  for (const block of hours.availableTimes ?? []) week[block.dayOfWeek].push([block.periodStart, block.periodEnd]);
  for (const day of weekdays) week[day] = joinBlocks(week[day]);
  return { timeZone, workingHours: hasBlocks(week) ? { timeZone, week } : null };
}

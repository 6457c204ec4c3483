import { z } from 'zod';
import { Person } from '../../../src/model/schema.ts';
import type { GraphUser } from './schema.ts';

/**
 * Languages are no standard user property: Binome keeps them in a multi-valued
 * directory extension of its app registration, named after the client id as Graph
 * names extension attributes. Graph returns it only when selected.
 */
export function languagesProperty(clientId: string): string {
  return `extension_${clientId.replace(/-/g, '')}_languages`;
}

const Languages = z.array(z.string().min(1));

/** What we ask of /users (and /users/delta): only the fields a Person needs. */
export function userSelect(languagesKey: string): string {
  return [...userFields, languagesKey].join(',');
}

const userFields = [
  'id',
  'displayName',
  'mail',
  'userPrincipalName',
  'jobTitle',
  'department',
  'officeLocation',
  'employeeHireDate',
  'preferredLanguage',
];

/**
 * A Person from a Graph user; null for directory objects without a mailbox
 * (rooms, guests without mail), which cannot take part. Time zone and working
 * hours are left null: getSchedule returns them for free with the free/busy that
 * planning needs anyway, where mailboxSettings would cost one operation per person.
 */
export function personFromUser(user: GraphUser, languagesKey: string): Person | null {
  const email = user.mail ?? (user.userPrincipalName?.includes('@') ? user.userPrincipalName : null);
  if (email === null) return null;
  const managerId = user.manager?.id ?? user['manager@delta']?.[0]?.id ?? null;
  const extension = Languages.safeParse(user[languagesKey]);
  const preferred = user.preferredLanguage?.split(/[-_]/)[0]?.toLowerCase();
  const languages = extension.success ? extension.data.map((l) => l.toLowerCase()) : preferred ? [preferred] : [];
  const parsed = Person.safeParse({
    id: user.id,
    email,
    name: user.displayName?.trim() || email,
    jobTitle: user.jobTitle,
    department: user.department,
    office: user.officeLocation,
    hireDate: user.employeeHireDate?.slice(0, 10) ?? null,
    managerId,
    timeZone: null,
    languages,
    workingHours: null,
  });
  return parsed.success ? parsed.data : null;
}

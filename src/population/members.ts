import { canonicalLanguage } from '../model/language.ts';
import type { Person } from '../model/schema.ts';
import type { InvitationLanguage, PopulationMember, SeniorityBand } from '../model/population.ts';

/** Lower bounds of the seniority bands, in whole years since the hire date. */
const bandFloors: readonly [years: number, band: SeniorityBand][] = [
  [10, '10-plus'],
  [5, '5-10'],
  [2, '2-5'],
];

/**
 * Whole years from the hire date to `today` (both YYYY-MM-DD), counted on anniversaries:
 * hired 2020-03-15, someone has 2 years on 2022-03-15 and still 1 the day before.
 * Someone hired after `today` (a newcomer not there yet) is in the first band.
 */
export function seniorityBand(hireDate: string | null, today: string): SeniorityBand {
  if (hireDate === null) return 'unknown';
  const [hy, hm, hd] = hireDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  const years = ty - hy - (tm < hm || (tm === hm && td < hd) ? 1 : 0);
  return bandFloors.find(([floor]) => years >= floor)?.[1] ?? 'under-2';
}

/**
 * The language a person's invitation is written in: the first of French and English
 * their directory languages name, in their order ("en", "fr" reads English; "de", "en"
 * too); French when they name neither or none, French being the programme's first language.
 */
export function invitationLanguage(languages: readonly string[]): InvitationLanguage {
  for (const raw of languages) {
    const language = canonicalLanguage(raw);
    if (language === 'fr' || language === 'en') return language;
  }
  return 'fr';
}

/** Everyone of the directory as the filter sees them on `today`, sorted by name then email. */
export function populationMembers(people: readonly Person[], today: string): PopulationMember[] {
  const managers = new Set<string>();
  for (const person of people) if (person.managerId !== null && person.managerId !== person.id) managers.add(person.managerId);
  return people
    .map(
      (person): PopulationMember => ({
        email: person.email,
        name: person.name,
        jobTitle: person.jobTitle,
        department: person.department,
        office: person.office,
        seniority: seniorityBand(person.hireDate, today),
        management: managers.has(person.id) ? 'manager' : 'individual',
        language: invitationLanguage(person.languages),
      }),
    )
    .sort((a, b) => a.name.localeCompare(b.name, 'fr') || a.email.localeCompare(b.email));
}

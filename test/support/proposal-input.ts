import type { PersonAvailability, ProposalInput } from '../../src/matching/propose.ts';
import type { Enrolment, Interval, Person } from '../../src/model/schema.ts';
import type { GeneratedTenant } from './tenant-generator.ts';
import { hoursIn } from '../../src/model/working-hours.ts';

/**
 * A generated tenant as `proposePairs` reads it, without the CSV import or the sandbox:
 * the directory from the fixture, the enrolments the generator knows load, and every
 * volunteer's calendar read without error. Formats are not in the generator's facts:
 * everyone answers "either".
 */
export function proposalInputOf(tenant: GeneratedTenant): ProposalInput {
  const people: Person[] = tenant.fixture.people.map((p) => ({
    id: p.id,
    email: p.email.toLowerCase(),
    name: p.name,
    jobTitle: p.jobTitle ?? null,
    department: p.department ?? null,
    office: p.office ?? null,
    hireDate: p.hireDate ?? null,
    managerId: p.managerId ?? null,
    timeZone: p.timeZone,
    languages: p.languages,
    workingHours: p.workingHours === undefined ? null : hoursIn(p.workingHours, p.timeZone),
  }));
  const enrolments: Enrolment[] = [...tenant.loaded].map(([email, facts]) => ({
    email,
    role: facts.role,
    offers: facts.offers,
    wants: facts.wants,
    languages: facts.languages,
    format: 'either',
  }));
  const byEmail = new Map(tenant.fixture.people.map((p) => [p.email.toLowerCase(), p]));
  const availability = new Map<string, PersonAvailability>();
  for (const { email } of enrolments) {
    const p = byEmail.get(email);
    if (p === undefined) continue;
    availability.set(email, {
      timeZone: p.timeZone,
      workingHours: p.workingHours === undefined ? null : hoursIn(p.workingHours, p.timeZone),
      busy: p.busy.map((b): Interval => ({ start: Date.parse(b.start), end: Date.parse(b.end) })),
      error: null,
    });
  }
  const { sessions, sessionMinutes, start, weeks } = tenant.scenario.cohort;
  return { plan: { sessions, sessionMinutes, start, weeks }, now: Date.parse(tenant.scenario.now), people, enrolments, availability };
}

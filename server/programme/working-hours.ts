import type { Enrolment, Person, WorkingHours, WrittenHours } from '../../src/model/schema.ts';
import { chooseWorkingHours } from '../../src/model/working-hours.ts';
import type { Availability } from '../../src/ports/calendar.ts';

/**
 * Each volunteer's working hours, in the order docs/design.md §8 gives: the
 * provider's (the calendar's answer, else the directory's copy), else what they
 * declared in the enrolment file, else the tenant default; declared and default
 * hours are read in the person's zone (the calendar's, else the directory's).
 */
export function workingHoursFor(enrolments: readonly Pick<Enrolment, 'email' | 'workingHours'>[], people: readonly Person[], tenantDefault: WrittenHours): (answer: Availability) => WorkingHours | null {
  const declared = new Map(enrolments.map((e) => [e.email, e.workingHours ?? null]));
  const directory = new Map(people.map((p) => [p.email, p]));
  return (answer) => {
    const email = answer.email.toLowerCase();
    const person = directory.get(email);
    const chosen = chooseWorkingHours({
      provider: answer.workingHours ?? person?.workingHours ?? null,
      declared: declared.get(email) ?? null,
      tenantDefault,
      timeZone: answer.timeZone ?? person?.timeZone ?? null,
    });
    return chosen?.hours ?? null;
  };
}

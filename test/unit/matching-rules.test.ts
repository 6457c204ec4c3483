import { describe, expect, it } from 'vitest';
import { buildOrgChart } from '../../src/matching/org-chart.ts';
import { pairBlocker } from '../../src/matching/rules.ts';
import type { Candidate } from '../../src/matching/rules.ts';
import type { Enrolment, Person } from '../../src/model/schema.ts';
import { worded } from '../support/words.ts';

function person(id: string, name: string, over: Partial<Person> = {}): Person {
  return {
    id,
    email: `${id}@lumen.example`,
    name,
    jobTitle: null,
    department: 'Finance',
    office: 'Paris',
    hireDate: '2020-01-01',
    managerId: null,
    timeZone: 'Europe/Paris',
    languages: ['fr'],
    workingHours: null,
    ...over,
  };
}

function candidate(p: Person, role: Enrolment['role'], over: Partial<Enrolment> = {}): Candidate {
  return {
    person: p,
    enrolment: {
      email: p.email,
      role,
      offers: role === 'mentor' ? ['ai', 'data'] : [],
      wants: role === 'mentee' ? ['data'] : [],
      languages: [],
      format: 'either',
      ...over,
    },
  };
}

const paul = person('paul', 'Paul Durand');
const claire = person('claire', 'Claire Petit', { managerId: 'paul' });
const ana = person('ana', 'Ana Martin', { managerId: 'claire' });
const hugo = person('hugo', 'Hugo Leroy', { department: 'Ventes' });
const people = [paul, claire, ana, hugo];
const chart = buildOrgChart(people);

describe('pair rules', () => {
  it('lets two volunteers from different reporting lines with a common theme and language pair up', () => {
    expect(pairBlocker(candidate(ana, 'mentor'), candidate(hugo, 'mentee'), chart)).toBeNull();
  });

  it('refuses to pair a person with themselves', () => {
    expect(pairBlocker(candidate(ana, 'mentor'), candidate(ana, 'mentee'), chart)?.code).toBe('SAME_PERSON');
  });

  it('refuses anyone who did not volunteer in the role they would take', () => {
    const blocker = pairBlocker(candidate(ana, 'mentee', { wants: ['ai'] }), candidate(hugo, 'mentee'), chart);
    expect(worded('blocker', blocker)).toEqual({ code: 'WRONG_ROLE', message: 'Ana Martin volunteered as a mentee, not as a mentor' });
    expect(pairBlocker(candidate(ana, 'mentor'), candidate(hugo, 'mentor'), chart)?.code).toBe('WRONG_ROLE');
  });

  it('refuses a pair inside one reporting line and names who manages whom', () => {
    expect(worded('blocker', pairBlocker(candidate(ana, 'mentor'), candidate(claire, 'mentee'), chart))).toEqual({
      code: 'SAME_REPORTING_LINE',
      message: "Claire Petit is Ana Martin's manager: a pair must not sit inside one reporting line",
    });
    expect(worded('blocker', pairBlocker(candidate(ana, 'mentor'), candidate(paul, 'mentee'), chart))).toEqual({
      code: 'SAME_REPORTING_LINE',
      message: "Ana Martin is in Paul Durand's reporting line (2 levels below): a pair must not sit inside one reporting line",
    });
    expect(pairBlocker(candidate(paul, 'mentor'), candidate(ana, 'mentee'), chart)?.code).toBe('SAME_REPORTING_LINE');
  });

  it('refuses a pair with no language in common, reading the enrolment before the directory', () => {
    const english = person('sam', 'Sam Taylor', { languages: ['en-GB'], department: 'IT' });
    const lone = buildOrgChart([...people, english]);
    expect(worded('blocker', pairBlocker(candidate(ana, 'mentor'), candidate(english, 'mentee'), lone))).toEqual({
      code: 'NO_COMMON_LANGUAGE',
      message: 'Ana Martin speaks fr and Sam Taylor speaks en: no language in common',
    });
    expect(pairBlocker(candidate(ana, 'mentor', { languages: ['fr', 'en'] }), candidate(english, 'mentee'), lone)).toBeNull();
    expect(pairBlocker(candidate(ana, 'mentor'), candidate(english, 'mentee', { languages: ['fr'] }), lone)).toBeNull();
  });

  it('reads directory languages as the enrolment form does: retired and three-letter codes meet their current ones', () => {
    const hebrew = person('h', 'Noa Levi', { languages: ['iw-IL'], department: 'IT' });
    const tagalog = person('t', 'Rosa Cruz', { languages: ['TL'], department: 'IT' });
    const chart = buildOrgChart([...people, hebrew, tagalog]);
    expect(pairBlocker(candidate(ana, 'mentor', { languages: ['he'] }), candidate(hebrew, 'mentee'), chart)).toBeNull();
    expect(pairBlocker(candidate(ana, 'mentor', { languages: ['fil'] }), candidate(tagalog, 'mentee'), chart)).toBeNull();
    expect(pairBlocker(candidate(hebrew, 'mentor', { languages: [] }), candidate(tagalog, 'mentee'), chart)?.code).toBe('NO_COMMON_LANGUAGE');
  });

  it('does not refuse a pair when one side has no known language at all', () => {
    const silent = person('x', 'Xavier Roy', { languages: [], department: 'IT' });
    expect(pairBlocker(candidate(ana, 'mentor'), candidate(silent, 'mentee'), buildOrgChart([...people, silent]))).toBeNull();
  });

  it('refuses a pair when nothing the mentor offers is something the mentee wants', () => {
    expect(worded('blocker', pairBlocker(candidate(ana, 'mentor', { offers: ['video'] }), candidate(hugo, 'mentee', { wants: ['ai', 'csr'] }), chart))).toEqual({
      code: 'NO_THEME_MATCH',
      message: 'Ana Martin offers video, none of which Hugo Leroy wants to learn (ai, csr)',
    });
  });

  it('decides 250,000 pairs along a 500-deep reporting line', () => {
    const mentors = Array.from({ length: 500 }, (_, i) =>
      candidate(person(`m${i}`, `Mentor ${i}`, { managerId: i > 0 ? `m${i - 1}` : null }), 'mentor', { offers: ['ai', 'video'] }),
    );
    const mentees = Array.from({ length: 500 }, (_, i) =>
      candidate(person(`e${i}`, `Mentee ${i}`, { languages: i % 2 ? ['fr'] : ['de'] }), 'mentee', { wants: i % 3 ? ['ai'] : ['csr'] }),
    );
    const big = buildOrgChart([...mentors, ...mentees].map((c) => c.person));
    let allowed = 0;
    for (const m of mentors) for (const e of mentees) if (pairBlocker(m, e, big) === null) allowed++;
    expect(allowed).toBe(500 * 167);
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Person } from '../../src/model/schema.ts';
import { facetKeys, everyone, PopulationFilter, type FacetKey } from '../../src/model/population.ts';
import { invitationLanguage, populationMembers, seniorityBand } from '../../src/population/members.ts';
import { populationCounts, selectPopulation } from '../../src/population/facets.ts';

const today = '2027-01-04';

function person(id: string, fields: Partial<Person>): Person {
  return {
    id,
    email: `${id}@contoso.example`,
    name: `Person ${id}`,
    jobTitle: null,
    department: null,
    office: null,
    hireDate: null,
    managerId: null,
    timeZone: 'Europe/Paris',
    languages: [],
    workingHours: null,
    ...fields,
  };
}

/** Eight people: a CEO, two managers, five reports, with gaps in what the directory says. */
const directory: Person[] = [
  person('ceo', { name: 'Claire Ceo', department: 'Board', office: 'Paris', hireDate: '2010-05-01', languages: ['fr', 'en'] }),
  person('m1', { name: 'Marc Finance', department: 'Finance', office: 'Paris', hireDate: '2019-01-04', managerId: 'ceo', languages: ['en', 'fr'] }),
  person('m2', { name: 'Maya Sales', department: 'Sales', office: 'Lyon', hireDate: '2022-01-05', managerId: 'ceo', languages: ['de', 'en'] }),
  person('a', { name: 'Ana Martin', department: 'Finance', office: 'Paris', hireDate: '2025-09-02', managerId: 'm1', languages: ['fr'] }),
  person('b', { name: 'Bob Stone', department: 'Finance', office: 'Lyon', hireDate: '2024-01-04', managerId: 'm1', languages: ['EN-gb'] }),
  person('c', { name: 'Chloé Roy', department: 'Sales', office: 'Lyon', hireDate: null, managerId: 'm2', languages: [] }),
  person('d', { name: 'Dan Ode', department: null, office: 'Lyon', hireDate: '2016-03-01', managerId: 'm2', languages: ['es'] }),
  person('e', { name: 'Eve Blanc', department: 'Sales', office: null, hireDate: '2026-12-31', managerId: 'm2', languages: ['fr'] }),
];
const members = populationMembers(directory, today);
const filter = (f: Partial<PopulationFilter>): PopulationFilter => ({ ...everyone, ...f });
const countOf = (facet: FacetKey, value: string | null, f: PopulationFilter) =>
  populationCounts(members, f).facets[facet].find((c) => c.value === value)?.count;

describe('seniority bands', () => {
  it('counts whole years on the anniversary of the hire date', () => {
    expect(seniorityBand('2025-01-05', today)).toBe('under-2');
    expect(seniorityBand('2025-01-04', today)).toBe('2-5');
    expect(seniorityBand('2022-01-05', today)).toBe('2-5');
    expect(seniorityBand('2022-01-04', today)).toBe('5-10');
    expect(seniorityBand('2017-01-04', today)).toBe('10-plus');
  });

  it('puts someone not yet arrived in the first band and someone without a hire date apart', () => {
    expect(seniorityBand('2027-03-01', today)).toBe('under-2');
    expect(seniorityBand(null, today)).toBe('unknown');
  });

  it('reads a leap-day hire date on the right day of a common year', () => {
    expect(seniorityBand('2024-02-29', '2026-02-28')).toBe('under-2');
    expect(seniorityBand('2024-02-29', '2026-03-01')).toBe('2-5');
  });
});

describe('the language of an invitation', () => {
  it('is the first of French and English the person names, else French', () => {
    expect(invitationLanguage(['fr', 'en'])).toBe('fr');
    expect(invitationLanguage(['en', 'fr'])).toBe('en');
    expect(invitationLanguage(['de', 'EN-GB'])).toBe('en');
    expect(invitationLanguage(['es'])).toBe('fr');
    expect(invitationLanguage([])).toBe('fr');
  });
});

describe('the population screen’s counts', () => {
  it('tells managers from individual contributors by who reports to whom', () => {
    const managers = members.filter((m) => m.management === 'manager').map((m) => m.email);
    expect(managers.sort()).toEqual(['ceo@contoso.example', 'm1@contoso.example', 'm2@contoso.example']);
  });

  it('chooses everyone when nothing is ticked, and lists every value with its head count', () => {
    const counts = populationCounts(members, everyone);
    expect(counts.total).toBe(8);
    expect(counts.facets.department).toEqual([
      { value: 'Board', count: 1 },
      { value: 'Finance', count: 3 },
      { value: 'Sales', count: 3 },
      { value: null, count: 1 },
    ]);
    expect(counts.facets.office).toEqual([
      { value: 'Lyon', count: 4 },
      { value: 'Paris', count: 3 },
      { value: null, count: 1 },
    ]);
    expect(counts.facets.seniority).toEqual([
      { value: 'under-2', count: 2 },
      { value: '2-5', count: 2 },
      { value: '5-10', count: 1 },
      { value: '10-plus', count: 2 },
      { value: 'unknown', count: 1 },
    ]);
    expect(counts.facets.management).toEqual([
      { value: 'manager', count: 3 },
      { value: 'individual', count: 5 },
    ]);
  });

  it('ticks within a facet as alternatives and across facets as conditions that all hold', () => {
    const chosen = selectPopulation(members, filter({ department: ['Finance', 'Sales'], office: ['Lyon'] }));
    expect(chosen.map((m) => m.name)).toEqual(['Bob Stone', 'Chloé Roy', 'Maya Sales']);
  });

  it('counts a value as what ticking it would give, the other facets kept', () => {
    const f = filter({ department: ['Finance'], office: ['Lyon'] });
    expect(populationCounts(members, f).total).toBe(1);
    // Ticking Sales too would add Maya and Chloé (both in Lyon); Paris would add Ana and Marc.
    expect(countOf('department', 'Sales', f)).toBe(2);
    expect(countOf('department', 'Finance', f)).toBe(1);
    expect(countOf('office', 'Paris', f)).toBe(2);
    expect(countOf('seniority', '2-5', f)).toBe(1);
    expect(countOf('seniority', 'under-2', f)).toBe(0);
  });

  it('keeps a ticked value the directory no longer has, at zero', () => {
    const counts = populationCounts(members, filter({ department: ['Legal'] }));
    expect(counts.total).toBe(0);
    expect(counts.facets.department).toContainEqual({ value: 'Legal', count: 0 });
  });

  it('chooses people with no department or office through the "not given" value', () => {
    expect(selectPopulation(members, filter({ department: [null] })).map((m) => m.name)).toEqual(['Dan Ode']);
    expect(selectPopulation(members, filter({ office: [null], seniority: ['under-2'] })).map((m) => m.name)).toEqual(['Eve Blanc']);
  });

  it('gives every value the count a filter with that value alone in its facet chooses (any filter, 500 tries)', () => {
    const values = {
      department: ['Board', 'Finance', 'Sales', 'Legal', null],
      office: ['Lyon', 'Paris', null],
      seniority: ['under-2', '2-5', '5-10', '10-plus', 'unknown'],
      management: ['manager', 'individual'],
    } as const;
    const pick = <T>(xs: readonly T[]) => fc.subarray([...xs]);
    fc.assert(
      fc.property(
        fc.record({ department: pick(values.department), office: pick(values.office), seniority: pick(values.seniority), management: pick(values.management) }),
        (raw) => {
          const f = PopulationFilter.parse(raw);
          const counts = populationCounts(members, f);
          expect(counts.total).toBe(selectPopulation(members, f).length);
          for (const facet of facetKeys) {
            for (const { value, count } of counts.facets[facet]) {
              expect(count).toBe(selectPopulation(members, { ...f, [facet]: [value] }).length);
            }
          }
        },
      ),
      { seed: 20270104, numRuns: 500 },
    );
  });
});

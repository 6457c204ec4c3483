import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDemoTenant, generatedFixtures } from '../../scripts/demo-tenant.ts';
import { parseEnrolmentCsv } from '../../src/enrolment/csv.ts';
import { buildOrgChart } from '../../src/matching/org-chart.ts';
import { pairBlocker } from '../../src/matching/rules.ts';
import type { Candidate } from '../../src/matching/rules.ts';
import { TenantFixture } from '../../src/model/fixture.ts';
import { defaultThemes } from '../../src/model/schema.ts';
import type { Person } from '../../src/model/schema.ts';
import { hoursIn } from '../../src/model/working-hours.ts';

const root = join(import.meta.dirname, '..', '..');

function directory(fixture: TenantFixture): Person[] {
  return fixture.people.map((p) => ({
    id: p.id,
    email: p.email,
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
}

describe('demo tenant', () => {
  it('is generated identically twice and matches the checked-in files byte for byte', () => {
    const first = generatedFixtures();
    const second = generatedFixtures();
    expect(second).toEqual(first);
    for (const file of first) expect(readFileSync(join(root, file.path), 'utf8'), file.path).toBe(file.content);
  });

  it('is a valid tenant fixture of about 150 people across the French and foreign offices', () => {
    const { fixture } = buildDemoTenant();
    const parsed = TenantFixture.parse(fixture);
    expect(parsed.people.length).toBeGreaterThanOrEqual(130);
    expect(parsed.people.length).toBeLessThanOrEqual(170);
    expect(new Set(parsed.people.map((p) => p.office))).toEqual(
      new Set(['Paris', 'Lyon', 'Nantes', 'Montréal', 'Singapour', 'Londres', 'New York']),
    );
    expect(parsed.people.filter((p) => p.managerId === undefined)).toHaveLength(1);
    const busy = parsed.people.flatMap((p) => p.busy);
    expect(busy.every((b) => Date.parse(b.start) < Date.parse(b.end))).toBe(true);
    expect(busy.some((b) => b.start.endsWith('+02:00'))).toBe(true);
  });

  it('holds about 40 mentors and 40 mentees, the deliberately bad rows, and the traps', () => {
    const { fixture, enrolmentsCsv } = buildDemoTenant();
    const people = directory(fixture);
    const result = parseEnrolmentCsv(enrolmentsCsv, {
      knownEmails: new Set(people.map((p) => p.email)),
      themes: new Set(defaultThemes),
    });
    expect(result.fileError).toBeNull();
    expect(result.rejected.map((r) => r.code).sort()).toEqual(['CSV_BAD_ROLE', 'CSV_DUPLICATE', 'CSV_UNKNOWN_PERSON', 'CSV_UNKNOWN_THEME']);
    const mentors = result.enrolments.filter((e) => e.role === 'mentor');
    const mentees = result.enrolments.filter((e) => e.role === 'mentee');
    expect(mentors).toHaveLength(41);
    expect(mentees).toHaveLength(41);

    const chart = buildOrgChart(people);
    const byEmail = new Map(people.map((p) => [p.email, p]));
    const candidates = (list: typeof mentors): Candidate[] => list.map((enrolment) => ({ person: byEmail.get(enrolment.email) as Person, enrolment }));
    const codes = new Set<string>();
    for (const m of candidates(mentors)) for (const e of candidates(mentees)) codes.add(pairBlocker(m, e, chart)?.code ?? 'OK');
    expect(codes).toEqual(new Set(['OK', 'SAME_REPORTING_LINE', 'NO_COMMON_LANGUAGE', 'NO_THEME_MATCH']));
  });

  it('ships trap tenants whose pairs break the rules exactly where intended', () => {
    const files = new Map(generatedFixtures().map((f) => [f.path, f.content]));
    for (const folder of ['fixtures/test/dst-small', 'fixtures/test/reporting-line']) {
      const fixture = TenantFixture.parse(JSON.parse(files.get(`${folder}/tenant.json`) ?? ''));
      const people = directory(fixture);
      const result = parseEnrolmentCsv(files.get(`${folder}/enrolments.csv`) ?? '', {
        knownEmails: new Set(people.map((p) => p.email)),
        themes: new Set(defaultThemes),
      });
      expect(result.rejected, folder).toEqual([]);
      const scenario = JSON.parse(files.get(`${folder}/scenario.json`) ?? '') as { cohort: { start: string } };
      expect(scenario.cohort.start < '2027-03-01').toBe(true);
      if (folder.endsWith('reporting-line')) {
        const chart = buildOrgChart(people);
        const byEmail = new Map(people.map((p) => [p.email, p]));
        const c = (i: number): Candidate => {
          const enrolment = result.enrolments[i];
          if (enrolment === undefined) throw new Error(`no enrolment ${i}`);
          return { person: byEmail.get(enrolment.email) as Person, enrolment };
        };
        const allowed = [0, 1].map((m) => [2, 3, 4].map((e) => pairBlocker(c(m), c(e), chart)?.code ?? 'OK'));
        expect(allowed).toEqual([
          ['SAME_REPORTING_LINE', 'SAME_REPORTING_LINE', 'OK'],
          ['SAME_REPORTING_LINE', 'OK', 'SAME_REPORTING_LINE'],
        ]);
      }
    }
  });
});

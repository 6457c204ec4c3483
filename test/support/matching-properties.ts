import fc from 'fast-check';
import { expect } from 'vitest';
import { parseMatchInstance, readMatchInstance } from '../../server/cli/match.ts';
import { buildOrgChart } from '../../src/matching/org-chart.ts';
import type { Candidate } from '../../src/matching/rules.ts';
import { pairScore } from '../../src/matching/score.ts';
import { everyRowCanBeMatched } from '../../src/matching/solver-cardinality.ts';
import { defaultThemes, meetingFormats } from '../../src/model/schema.ts';
import type { Enrolment, MeetingFormat, Person } from '../../src/model/schema.ts';
import { propertyCase } from './property-case.ts';

export function person(id: string, over: Partial<Person> = {}): Person {
  return {
    id,
    email: `${id}@lumen.example`,
    name: id,
    jobTitle: null,
    department: 'Finance',
    office: 'Paris',
    hireDate: '2025-01-01',
    managerId: null,
    timeZone: 'Europe/Paris',
    languages: ['fr'],
    workingHours: null,
    ...over,
  };
}

export function candidate(p: Person, role: Enrolment['role'], over: Partial<Enrolment> = {}): Candidate {
  return { person: p, enrolment: { email: p.email, role, offers: [], wants: [], languages: [], format: 'either', ...over } };
}

const chart = buildOrgChart([]);

/** Plain arrays instead of typed ones, so instances and errors compare with toMatchObject. */
export const edgesOf = (parsed: ReturnType<typeof readMatchInstance>): unknown =>
  'code' in parsed ? parsed : { ...parsed, edgeMentor: [...parsed.edgeMentor], edgeMentee: [...parsed.edgeMentee], edgeScore: [...parsed.edgeScore] };

export function adjacency(rows: number, columns: number, edges: readonly [number, number][]) {
  const byRow: number[][] = Array.from({ length: rows }, () => []);
  for (const [r, c] of edges) byRow[r]?.push(c);
  const start = new Int32Array(rows + 1);
  const adj = new Int32Array(2 * edges.length);
  let at = 0;
  byRow.forEach((cs, r) => {
    start[r] = at;
    for (const c of cs) {
      adj[2 * at] = c;
      at += 1;
    }
  });
  start[rows] = at;
  return { rows, columns, start, adj };
}

function kuhn(rows: number, columns: number, edges: readonly [number, number][]): number {
  const byRow: number[][] = Array.from({ length: rows }, () => []);
  for (const [r, c] of edges) byRow[r]?.push(c);
  const owner = new Array<number>(columns).fill(-1);
  const visit = (r: number, seen: Set<number>): boolean =>
    (byRow[r] ?? []).some((c) => {
      if (seen.has(c)) return false;
      seen.add(c);
      if ((owner[c] ?? -1) === -1 || visit(owner[c] ?? -1, seen)) {
        owner[c] = r;
        return true;
      }
      return false;
    });
  let matched = 0;
  for (let r = 0; r < rows; r++) if (visit(r, new Set())) matched += 1;
  return matched;
}

export const sharedThemesRankFirst = propertyCase(
  'pairScore always ranks a pair with more shared themes above one with fewer, whatever the lower levels',
  { seed: 20270105, numRuns: 2_000 },
  () => {
    const themes = fc.subarray([...defaultThemes], { minLength: 0, maxLength: 6 });
    const format = fc.constantFrom<MeetingFormat>(...meetingFormats);
    const side = fc.record({
      themes,
      format,
      department: fc.constantFrom('Finance', 'Ventes', null),
      office: fc.constantFrom('Paris', 'Lyon', null),
      hireDate: fc.constantFrom('1995-01-01', '2010-06-30', '2024-09-02', '2026-12-31', null),
    });
    const pair = fc.record({ mentor: side, mentee: side });
    type Side = typeof side extends fc.Arbitrary<infer T> ? T : never;
    const build = (p: { mentor: Side; mentee: Side }, id: string) => {
      const mentor = candidate(person(`${id}-m`, { department: p.mentor.department, office: p.mentor.office, hireDate: p.mentor.hireDate }), 'mentor', {
        offers: p.mentor.themes,
        format: p.mentor.format,
      });
      const mentee = candidate(person(`${id}-e`, { department: p.mentee.department, office: p.mentee.office, hireDate: p.mentee.hireDate }), 'mentee', {
        wants: p.mentee.themes,
        format: p.mentee.format,
      });
      const shared = p.mentor.themes.filter((t) => p.mentee.themes.includes(t)).length;
      return { shared, score: pairScore(mentor, mentee, chart) };
    };
    return fc.property(pair, pair, (a, b) => {
        const x = build(a, 'a');
        const y = build(b, 'b');
        expect(x.score).toBeGreaterThanOrEqual(1);
        expect(Number.isInteger(x.score)).toBe(true);
        if (x.shared > y.shared) expect(x.score).toBeGreaterThan(y.score);
        if (x.shared < y.shared) expect(x.score).toBeLessThan(y.score);
      });
  },
);

export const cardinalityVerdictIsExact = propertyCase(
  'everyRowCanBeMatched answers yes exactly when a matching covers every row',
  { seed: 7, numRuns: 500 },
  () => {
    const graphs = fc
      .record({ rows: fc.integer({ min: 0, max: 12 }), columns: fc.integer({ min: 1, max: 12 }) })
      .chain(({ rows, columns }) =>
        fc.record({
          rows: fc.constant(rows),
          columns: fc.constant(columns),
          edges: rows === 0 ? fc.constant<[number, number][]>([]) : fc.array(fc.tuple(fc.nat(rows - 1), fc.nat(columns - 1)), { maxLength: 40 }),
        }),
      );
    return fc.property(graphs, ({ rows, columns, edges }) => {
        const expected = kuhn(rows, columns, edges) === rows ? 'yes' : 'no';
        expect(everyRowCanBeMatched(adjacency(rows, columns, edges), 1000)).toBe(expected);
      });
  },
);

export const readerAgreesWithJsonParse = propertyCase(
  'readMatchInstance gives the same instance or the same error as JSON.parse then parseMatchInstance',
  { seed: 7, numRuns: 1500 },
  () => {
    const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
    const value = fc.oneof(
      fc.integer({ min: -3, max: 6 }),
      fc.constantFrom(0.5, 2 ** 31 - 1, 2 ** 31, 1e21, -0, '1', null, true, 10_000_001),
    );
    const edge = fc.oneof({ weight: 8, arbitrary: fc.tuple(value, value, value) }, { weight: 1, arbitrary: fc.array(value, { maxLength: 4 }) });
    const instance = fc.record(
      { mentors: value, mentees: value, edges: fc.array(edge, { maxLength: 8 }), extra: fc.constant(1) },
      { requiredKeys: ['edges'] },
    );
    const spacing = fc.constantFrom(0, 1, '\t', ' \n ');
    return fc.property(instance, spacing, fc.boolean(), (object, space, corrupt) => {
        const text = JSON.stringify(object, null, space) + (corrupt ? ']' : '');
        let expected: unknown;
        try {
          expected = edgesOf(parseMatchInstance(JSON.parse(text)));
        } catch {
          expected = { code: 'INSTANCE_JSON' };
        }
        expect(edgesOf(readMatchInstance(encode(text)))).toMatchObject(expected as object);
      });
  },
);

export const matchingProperties = [sharedThemesRankFirst, cardinalityVerdictIsExact, readerAgreesWithJsonParse];

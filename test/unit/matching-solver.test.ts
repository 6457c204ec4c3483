import type { Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/model/seeded-random.ts';
import type { Edge } from '../support/solver-properties.ts';
import { greedyByScore, highsOptimum, loadHighs, randomEdges, solve, solverProperties } from '../support/solver-properties.ts';

let highs: Highs;

beforeAll(async () => {
  highs = await loadHighs();
});

describe('solveAssignment on small cases worked by hand', () => {
  it('returns no pair for an instance without edges', () => {
    const result = solve(3, 4, []);
    expect(result).toMatchObject({ pairs: 0, score: 0 });
    expect([...result.menteeOfMentor]).toEqual([-1, -1, -1]);
  });

  it('returns no pair when one side is empty', () => {
    expect(solve(0, 5, [])).toMatchObject({ pairs: 0, score: 0 });
    expect(solve(5, 0, []).menteeOfMentor).toHaveLength(5);
  });

  it('pairs everyone when every edge has the same score', () => {
    const edges: Edge[] = [];
    for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) if ((i + j) % 3 !== 0) edges.push([i, j, 7]);
    expect(solve(6, 6, edges)).toMatchObject({ pairs: 6, score: 42 });
  });

  it('gives up the best single pair when that is the only way to pair one more person', () => {
    // Greedy by score takes 0-0 (10) and strands mentor 1; two pairs beat any higher single score.
    const edges: Edge[] = [
      [0, 0, 10],
      [0, 1, 1],
      [1, 0, 1],
    ];
    expect(greedyByScore(2, 2, edges)).toEqual({ pairs: 1, score: 10 });
    expect(solve(2, 2, edges)).toMatchObject({ pairs: 2, score: 2 });
  });

  it('leaves out the mentor with the weaker claim when two want the only mentee, whatever their order', () => {
    const first = solve(2, 1, [
      [0, 0, 1],
      [1, 0, 10],
    ]);
    expect(first).toMatchObject({ pairs: 1, score: 10 });
    expect([...first.menteeOfMentor]).toEqual([-1, 0]);
    const second = solve(1, 2, [
      [0, 0, 10],
      [0, 1, 1],
    ]);
    expect([...second.menteeOfMentor]).toEqual([0]);
  });

  it('reads a duplicated pair at its best score', () => {
    const result = solve(2, 2, [
      [0, 0, 3],
      [0, 0, 9],
      [1, 1, 2],
      [0, 0, 5],
    ]);
    expect(result).toMatchObject({ pairs: 2, score: 11 });
  });

  it('ignores people without any edge and still pairs the others optimally', () => {
    const edges: Edge[] = [
      [1, 3, 5],
      [1, 2, 4],
      [3, 2, 6],
    ];
    const result = solve(5, 5, edges);
    expect(result).toMatchObject({ pairs: 2, score: 11 });
    expect([...result.menteeOfMentor]).toEqual([-1, 3, -1, 2, -1]);
  });

  it('handles a single edge with a very large score', () => {
    expect(solve(1, 1, [[0, 0, 2 ** 31 - 1]])).toMatchObject({ pairs: 1, score: 2 ** 31 - 1 });
  });
});

describe('solveAssignment against the HiGHS linear programme', () => {
  const shapes: { mentors: number; mentees: number; density: number; maxScore: number }[] = [
    { mentors: 40, mentees: 40, density: 0.5, maxScore: 100 },
    { mentors: 60, mentees: 60, density: 0.03, maxScore: 100 },
    { mentors: 80, mentees: 50, density: 0.08, maxScore: 5 },
    { mentors: 50, mentees: 80, density: 0.08, maxScore: 5 },
    { mentors: 120, mentees: 120, density: 0.02, maxScore: 3 },
    { mentors: 150, mentees: 100, density: 0.2, maxScore: 1000 },
    { mentors: 100, mentees: 150, density: 0.2, maxScore: 1 },
    { mentors: 200, mentees: 200, density: 0.05, maxScore: 60 },
    { mentors: 300, mentees: 300, density: 0.015, maxScore: 20 },
    // Rows with many more edges than the solver keeps sorted up front.
    { mentors: 80, mentees: 80, density: 0.9, maxScore: 1000 },
    { mentors: 70, mentees: 120, density: 0.7, maxScore: 3 },
    { mentors: 120, mentees: 90, density: 0.6, maxScore: 1 },
  ];
  for (const [index, shape] of shapes.entries()) {
    it(`finds the optimum of a random ${shape.mentors} x ${shape.mentees} instance at ${shape.density * 100}% density, scores up to ${shape.maxScore}`, () => {
      for (let round = 0; round < 3; round++) {
        const edges = randomEdges(shape.mentors, shape.mentees, shape.density, shape.maxScore, 97 * index + round);
        const result = solve(shape.mentors, shape.mentees, edges);
        expect({ pairs: result.pairs, score: result.score }).toEqual(highsOptimum(highs, shape.mentors, shape.mentees, edges));
      }
    });
  }

  it('finds the optimum when a few people are wanted by many (no perfect matching, many ties)', () => {
    const random = seededRandom(7);
    const edges: Edge[] = [];
    for (let i = 0; i < 150; i++) {
      // Most mentors only know the first 20 mentees; scores are few distinct values.
      for (let j = 0; j < 150; j++) if (random() < (j < 20 ? 0.5 : i < 30 ? 0.05 : 0)) edges.push([i, j, 1 + Math.floor(random() * 3) * 10]);
    }
    const result = solve(150, 150, edges);
    expect(result.pairs).toBeLessThan(150);
    expect({ pairs: result.pairs, score: result.score }).toEqual(highsOptimum(highs, 150, 150, edges));
  });

  it('pairs everyone when every mentor ranks the same few mentees first and most must settle for a weaker one', () => {
    // Each row's cheapest edges are all the popular mentees, so the pairs most people
    // end up in lie among the edges a row reaches only after those.
    const random = seededRandom(11);
    const people = 90;
    const popular = 40;
    const edges: Edge[] = [];
    for (let i = 0; i < people; i++) for (let j = 0; j < people; j++) edges.push([i, j, j < popular ? 2000 : 1000 - Math.floor(random() * 50)]);
    const result = solve(people, people, edges);
    expect(result.pairs).toBe(people);
    expect({ pairs: result.pairs, score: result.score }).toEqual(highsOptimum(highs, people, people, edges));
  });

  it('stays optimal when a square instance hides its missing perfect matching from the quick cardinality check', () => {
    // Chains of 1..40 rows, each needing an augmenting path as long as itself after a
    // greedy start, outlast the check's phase budget; one extra row competes for the
    // first chain's column, so one person stays unpaired and the first start must be undone.
    const edges: Edge[] = [];
    let first = 0;
    for (let length = 1; length <= 40; length++) {
      for (let i = 0; i < length; i++) {
        const a = first + i;
        if (i < length - 1) edges.push([a, a + 1, 1 + ((a * 7) % 13)]);
        edges.push([a, a, 1 + ((a * 11) % 17)]);
      }
      first += length;
    }
    edges.push([first, 0, 50]);
    const result = solve(first + 1, first + 1, edges);
    expect(result.pairs).toBe(first);
    expect({ pairs: result.pairs, score: result.score }).toEqual(highsOptimum(highs, first + 1, first + 1, edges));
  });
});

describe('solveAssignment properties', () => {
  for (const property of solverProperties) it(property.name.replace(/^solveAssignment /, ''), () => property.assert(property));
});

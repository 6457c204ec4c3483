import fc from 'fast-check';
import type { Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AssignmentInstance, AssignmentResult } from '../../src/matching/solver.ts';
import { solveAssignment } from '../../src/matching/solver.ts';
import { seededRandom } from '../../src/model/seeded-random.ts';

type Edge = [mentor: number, mentee: number, score: number];

let highs: Highs;

beforeAll(async () => {
  // The package's typings are read as CommonJS while Node loads its ES module, whose default export is the loader itself.
  const loader = (await import('highs')).default as unknown as () => Promise<Highs>;
  highs = await loader();
});

function instanceOf(mentors: number, mentees: number, edges: readonly Edge[]): AssignmentInstance {
  return {
    mentors,
    mentees,
    edgeMentor: Int32Array.from(edges, (e) => e[0]),
    edgeMentee: Int32Array.from(edges, (e) => e[1]),
    edgeScore: Int32Array.from(edges, (e) => e[2]),
  };
}

/** Best score per existing pair, as the solver must read duplicates. */
function bestScores(edges: readonly Edge[]): Map<string, number> {
  const best = new Map<string, number>();
  for (const [i, j, s] of edges) best.set(`${i},${j}`, Math.max(s, best.get(`${i},${j}`) ?? 0));
  return best;
}

/** Asserts that the result is a matching over existing edges whose counts agree with its own pairs and score. */
function expectValidMatching(mentors: number, mentees: number, edges: readonly Edge[], result: AssignmentResult): void {
  const best = bestScores(edges);
  expect(result.menteeOfMentor).toHaveLength(mentors);
  const menteeTaken = new Set<number>();
  let pairs = 0;
  let score = 0;
  result.menteeOfMentor.forEach((j, i) => {
    if (j === -1) return;
    expect(j).toBeGreaterThanOrEqual(0);
    expect(j).toBeLessThan(mentees);
    expect(menteeTaken.has(j), `mentee ${j} paired twice`).toBe(false);
    menteeTaken.add(j);
    const s = best.get(`${i},${j}`);
    expect(s, `pair ${i}-${j} is not an edge`).toBeDefined();
    pairs += 1;
    score += s ?? 0;
  });
  expect(result.pairs).toBe(pairs);
  expect(result.score).toBe(score);
}

/** Independent oracle: the assignment LP (integral on bipartite graphs) with weight score + K, K above any total score. */
function highsOptimum(mentors: number, mentees: number, edges: readonly Edge[]): { pairs: number; score: number } {
  if (edges.length === 0) return { pairs: 0, score: 0 };
  const maxScore = Math.max(...edges.map((e) => e[2]));
  const k = maxScore * Math.min(mentors, mentees) + 1;
  const byMentor = new Map<number, string[]>();
  const byMentee = new Map<number, string[]>();
  const terms = edges.map(([i, j, s], e) => {
    byMentor.set(i, [...(byMentor.get(i) ?? []), `x${e}`]);
    byMentee.set(j, [...(byMentee.get(j) ?? []), `x${e}`]);
    return `${s + k} x${e}`;
  });
  const rows = [...byMentor].map(([i, xs]) => ` m${i}: ${xs.join(' + ')} <= 1`);
  const cols = [...byMentee].map(([j, xs]) => ` n${j}: ${xs.join(' + ')} <= 1`);
  const bounds = edges.map((_, e) => ` 0 <= x${e} <= 1`);
  const lp = ['Maximize', ` obj: ${terms.join(' + ')}`, 'Subject To', ...rows, ...cols, 'Bounds', ...bounds, 'End'].join('\n');
  const solution = highs.solve(lp);
  expect(solution.Status).toBe('Optimal');
  const objective = Math.round(solution.ObjectiveValue);
  const pairs = Math.floor(objective / k);
  return { pairs, score: objective - pairs * k };
}

/** Independent maximum cardinality: Kuhn's augmenting paths from each mentor. */
function maximumCardinality(mentors: number, mentees: number, edges: readonly Edge[]): number {
  const adjacency: number[][] = Array.from({ length: mentors }, () => []);
  for (const [i, j] of edges) adjacency[i]?.push(j);
  const mentorOf = new Array<number>(mentees).fill(-1);
  const tryMentor = (i: number, seen: boolean[]): boolean => {
    for (const j of adjacency[i] ?? []) {
      if (seen[j]) continue;
      seen[j] = true;
      const holder = mentorOf[j] ?? -1;
      if (holder === -1 || tryMentor(holder, seen)) {
        mentorOf[j] = i;
        return true;
      }
    }
    return false;
  };
  let pairs = 0;
  for (let i = 0; i < mentors; i++) if (tryMentor(i, new Array<boolean>(mentees).fill(false))) pairs += 1;
  return pairs;
}

function greedyByScore(mentors: number, mentees: number, edges: readonly Edge[]): { pairs: number; score: number } {
  const mentorTaken = new Array<boolean>(mentors).fill(false);
  const menteeTaken = new Array<boolean>(mentees).fill(false);
  let pairs = 0;
  let score = 0;
  for (const [i, j, s] of [...edges].sort((a, b) => b[2] - a[2])) {
    if (mentorTaken[i] || menteeTaken[j]) continue;
    mentorTaken[i] = true;
    menteeTaken[j] = true;
    pairs += 1;
    score += s;
  }
  return { pairs, score };
}

function randomEdges(mentors: number, mentees: number, density: number, maxScore: number, seed: number): Edge[] {
  const random = seededRandom(seed);
  const edges: Edge[] = [];
  for (let i = 0; i < mentors; i++) {
    for (let j = 0; j < mentees; j++) if (random() < density) edges.push([i, j, 1 + Math.floor(random() * maxScore)]);
  }
  return edges;
}

function solve(mentors: number, mentees: number, edges: readonly Edge[]): AssignmentResult {
  const result = solveAssignment(instanceOf(mentors, mentees, edges));
  expectValidMatching(mentors, mentees, edges, result);
  return result;
}

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
  ];
  for (const [index, shape] of shapes.entries()) {
    it(`finds the optimum of a random ${shape.mentors} x ${shape.mentees} instance at ${shape.density * 100}% density, scores up to ${shape.maxScore}`, () => {
      for (let round = 0; round < 3; round++) {
        const edges = randomEdges(shape.mentors, shape.mentees, shape.density, shape.maxScore, 97 * index + round);
        const result = solve(shape.mentors, shape.mentees, edges);
        expect({ pairs: result.pairs, score: result.score }).toEqual(highsOptimum(shape.mentors, shape.mentees, edges));
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
    expect({ pairs: result.pairs, score: result.score }).toEqual(highsOptimum(150, 150, edges));
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
    expect({ pairs: result.pairs, score: result.score }).toEqual(highsOptimum(first + 1, first + 1, edges));
  });
});

describe('solveAssignment properties', () => {
  const arbitraryInstance = fc
    .record({ mentors: fc.integer({ min: 0, max: 14 }), mentees: fc.integer({ min: 0, max: 14 }), maxScore: fc.integer({ min: 1, max: 30 }) })
    .chain(({ mentors, mentees, maxScore }) =>
      fc.record({
        mentors: fc.constant(mentors),
        mentees: fc.constant(mentees),
        edges:
          mentors === 0 || mentees === 0
            ? fc.constant<Edge[]>([])
            : fc.array(fc.tuple(fc.nat(mentors - 1), fc.nat(mentees - 1), fc.integer({ min: 1, max: maxScore })), { maxLength: 60 }),
      }),
    );

  it('returns a matching of maximum cardinality, at least as good as greedy, scoring the LP optimum', () => {
    fc.assert(
      fc.property(arbitraryInstance, ({ mentors, mentees, edges }) => {
        const result = solve(mentors, mentees, edges);
        expect(result.pairs).toBe(maximumCardinality(mentors, mentees, edges));
        const greedy = greedyByScore(mentors, mentees, edges);
        if (greedy.pairs === result.pairs) expect(result.score).toBeGreaterThanOrEqual(greedy.score);
        expect({ pairs: result.pairs, score: result.score }).toEqual(highsOptimum(mentors, mentees, edges));
      }),
      { numRuns: 400, seed: 20270104 },
    );
  });

  it('gives the same pairs count and score when the two sides swap roles', () => {
    fc.assert(
      fc.property(arbitraryInstance, ({ mentors, mentees, edges }) => {
        const straight = solve(mentors, mentees, edges);
        const swapped = solve(
          mentees,
          mentors,
          edges.map(([i, j, s]): Edge => [j, i, s]),
        );
        expect({ pairs: swapped.pairs, score: swapped.score }).toEqual({ pairs: straight.pairs, score: straight.score });
      }),
      { numRuns: 300, seed: 42 },
    );
  });
});

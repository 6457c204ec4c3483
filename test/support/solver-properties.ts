import fc from 'fast-check';
import type { Highs } from 'highs';
import { expect } from 'vitest';
import type { AssignmentInstance, AssignmentResult } from '../../src/matching/solver.ts';
import { solveAssignment } from '../../src/matching/solver.ts';
import { seededRandom } from '../../src/model/seeded-random.ts';
import { propertyCase } from './property-case.ts';

export type Edge = [mentor: number, mentee: number, score: number];

let loaded: Promise<Highs> | undefined;

/** The HiGHS solver, loaded once per process. */
export function loadHighs(): Promise<Highs> {
  // The package's typings are read as CommonJS while Node loads its ES module, whose default export is the loader itself.
  loaded ??= import('highs').then((module) => (module.default as unknown as () => Promise<Highs>)());
  return loaded;
}

export function instanceOf(mentors: number, mentees: number, edges: readonly Edge[]): AssignmentInstance {
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
export function expectValidMatching(mentors: number, mentees: number, edges: readonly Edge[], result: AssignmentResult): void {
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
export function highsOptimum(highs: Highs, mentors: number, mentees: number, edges: readonly Edge[]): { pairs: number; score: number } {
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
export function maximumCardinality(mentors: number, mentees: number, edges: readonly Edge[]): number {
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

export function greedyByScore(mentors: number, mentees: number, edges: readonly Edge[]): { pairs: number; score: number } {
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

export function randomEdges(mentors: number, mentees: number, density: number, maxScore: number, seed: number): Edge[] {
  const random = seededRandom(seed);
  const edges: Edge[] = [];
  for (let i = 0; i < mentors; i++) {
    for (let j = 0; j < mentees; j++) if (random() < density) edges.push([i, j, 1 + Math.floor(random() * maxScore)]);
  }
  return edges;
}

export function solve(mentors: number, mentees: number, edges: readonly Edge[]): AssignmentResult {
  const result = solveAssignment(instanceOf(mentors, mentees, edges));
  expectValidMatching(mentors, mentees, edges, result);
  return result;
}

export const arbitraryInstance = fc
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

export const solverFindsTheOptimum = propertyCase(
  'solveAssignment returns a matching of maximum cardinality, at least as good as greedy, scoring the LP optimum',
  { seed: 20270104, numRuns: 400 },
  async () => {
    const highs = await loadHighs();
    return fc.property(arbitraryInstance, ({ mentors, mentees, edges }) => {
      const result = solve(mentors, mentees, edges);
      expect(result.pairs).toBe(maximumCardinality(mentors, mentees, edges));
      const greedy = greedyByScore(mentors, mentees, edges);
      if (greedy.pairs === result.pairs) expect(result.score).toBeGreaterThanOrEqual(greedy.score);
      expect({ pairs: result.pairs, score: result.score }).toEqual(highsOptimum(highs, mentors, mentees, edges));
    });
  },
);

export const solverIsSymmetric = propertyCase(
  'solveAssignment gives the same pairs count and score when the two sides swap roles',
  { seed: 42, numRuns: 300 },
  () =>
    fc.property(arbitraryInstance, ({ mentors, mentees, edges }) => {
      const straight = solve(mentors, mentees, edges);
      const swapped = solve(
        mentees,
        mentors,
        edges.map(([i, j, s]): Edge => [j, i, s]),
      );
      expect({ pairs: swapped.pairs, score: swapped.score }).toEqual({ pairs: straight.pairs, score: straight.score });
    }),
);

export const solverProperties = [solverFindsTheOptimum, solverIsSymmetric];

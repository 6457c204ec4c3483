/**
 * Matching benchmark: our exact solver against scipy's sparse assignment
 * (`scipy.sparse.csgraph.min_weight_full_bipartite_matching`, via bench/scipy_match.py)
 * on the same instances in the same run: four families of 10,000 x 10,000 instances
 * (random scores, scores 1..100 at 2% and 10%, cohort-shaped), five seeds each,
 * reported as medians with the median of the per-seed ratios. Every timing is the
 * fastest of two runs of the solve alone (ours: building the adjacency from the edge
 * arrays and solving; scipy's: the one call on a CSR matrix built beforehand). The baseline's mode says how scipy was given the instance: "full"
 * when a full matching of the smaller side exists, else "dummy columns" (see
 * bench/scipy_match.py); both optimise our objective, so pairs and score must agree.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AssignmentInstance } from '../src/matching/solver.ts';
import { solveAssignment } from '../src/matching/solver.ts';
import type { BenchRow } from './report.ts';
import { seededRandom } from '../src/model/seeded-random.ts';

type Kind = 'random' | 'cohort';

/** A family of instances, measured on `SEEDS` seeds and reported as medians. */
interface Family {
  name: string;
  kind: Kind;
  mentors: number;
  mentees: number;
  /** Share of mentor x mentee pairs that are feasible edges. */
  density: number;
  /** Random families: scores uniform in 1..topScore (1..100 ties heavily, like our own score). */
  topScore: number;
}

const FAMILIES: Family[] = [
  { name: 'random scores 10000x10000 2%', kind: 'random', mentors: 10000, mentees: 10000, density: 0.02, topScore: 1_000_000 },
  { name: 'scores 1..100 10000x10000 2%', kind: 'random', mentors: 10000, mentees: 10000, density: 0.02, topScore: 100 },
  { name: 'scores 1..100 10000x10000 10%', kind: 'random', mentors: 10000, mentees: 10000, density: 0.1, topScore: 100 },
  { name: 'cohort 10000x10000 2%', kind: 'cohort', mentors: 10000, mentees: 10000, density: 0.02, topScore: 0 },
];
const SEEDS = 5;

const SCIPY_SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'scipy_match.py');

class EdgeList {
  mentor: Int32Array;
  mentee: Int32Array;
  score: Int32Array;
  length = 0;

  constructor(capacity: number) {
    this.mentor = new Int32Array(capacity);
    this.mentee = new Int32Array(capacity);
    this.score = new Int32Array(capacity);
  }

  add(mentor: number, mentee: number, score: number): void {
    if (this.length === this.score.length) {
      const grow = (a: Int32Array): Int32Array => {
        const b = new Int32Array(a.length * 2 + 16);
        b.set(a);
        return b;
      };
      this.mentor = grow(this.mentor);
      this.mentee = grow(this.mentee);
      this.score = grow(this.score);
    }
    this.mentor[this.length] = mentor;
    this.mentee[this.length] = mentee;
    this.score[this.length] = score;
    this.length++;
  }

  instance(mentors: number, mentees: number): AssignmentInstance {
    return {
      mentors,
      mentees,
      edgeMentor: this.mentor.slice(0, this.length),
      edgeMentee: this.mentee.slice(0, this.length),
      edgeScore: this.score.slice(0, this.length),
    };
  }
}

/** Each mentor gets `density * mentees` distinct mentees uniformly at random, scores uniform in 1..topScore. */
export function randomInstance(mentors: number, mentees: number, density: number, seed: number, topScore = 100): AssignmentInstance {
  const random = seededRandom(seed);
  const degree = Math.min(mentees, Math.round(density * mentees));
  const edges = new EdgeList(mentors * degree);
  const takenBy = new Int32Array(mentees).fill(-1);
  for (let i = 0; i < mentors; i++) {
    for (let placed = 0; placed < degree; ) {
      const j = Math.floor(random() * mentees);
      if (takenBy[j] === i) continue;
      takenBy[j] = i;
      edges.add(i, j, 1 + Math.floor(random() * topScore));
      placed++;
    }
  }
  return edges.instance(mentors, mentees);
}

const THEMES = 24;
const DEPARTMENTS = 12;
const SITES = 6;

interface Person {
  department: number;
  site: number;
  /** Bit set: bit 0 is the common language, bit 1 + s the local language of site s. */
  languages: number;
  /** Bit set of themes: what a mentor offers, or what a mentee wants. */
  themes: number;
  level: number;
}

/** Sites from this one on have a local language; some of their people speak only it. */
const FIRST_LOCAL_SITE = 3;

function people(count: number, random: () => number, siteWeights: number[], localOnlyShare: number): Person[] {
  const total = siteWeights.reduce((a, b) => a + b, 0);
  const pickSite = (): number => {
    let x = random() * total;
    for (let s = 0; s < siteWeights.length; s++) {
      x -= siteWeights[s] ?? 0;
      if (x < 0) return s;
    }
    return siteWeights.length - 1;
  };
  return Array.from({ length: count }, () => {
    let themes = 0;
    // A few themes each, skewed towards the first ones so that popular themes crowd.
    for (let t = 0; t < 3; t++) themes |= 1 << Math.floor(THEMES * random() * random());
    const site = pickSite();
    const local = site >= FIRST_LOCAL_SITE ? 1 << (1 + site) : 0;
    const languages = local !== 0 && random() < localOnlyShare ? local : 1 | local;
    return { department: Math.floor(random() * DEPARTMENTS), site, languages, themes, level: Math.floor(random() * 4) };
  });
}

function popcount(x: number): number {
  let n = 0;
  for (let y = x; y !== 0; y &= y - 1) n++;
  return n;
}

/**
 * Cohort-shaped: mentors and mentees spread unevenly over sites, departments and a
 * few themes each. A mentor's candidates come mostly from their own site, never from
 * their own department, and must share a language; the score rewards shared themes,
 * then same site, then the level gap, so scores are few distinct values with many
 * ties. The last site has many mentees who speak only its language and few mentors,
 * so some mentees cannot be paired: there is no full matching of the smaller side.
 * `density` is the share of pairs sampled as candidates before those filters.
 */
export function cohortInstance(mentors: number, mentees: number, density: number, seed: number): AssignmentInstance {
  const random = seededRandom(seed);
  const mentorList = people(mentors, random, [8, 4, 2, 2, 1, 0.2], 0.1);
  const menteeList = people(mentees, random, [3, 3, 3, 2, 2, 2], 0.3);
  const bySite: number[][] = Array.from({ length: SITES }, () => []);
  menteeList.forEach((p, j) => bySite[p.site]?.push(j));
  const degree = Math.min(mentees, Math.round(density * mentees));
  const edges = new EdgeList(mentors * degree);
  const takenBy = new Int32Array(mentees).fill(-1);
  for (let i = 0; i < mentors; i++) {
    const mentor = mentorList[i];
    if (mentor === undefined) continue;
    const local = bySite[mentor.site] ?? [];
    for (let tries = 0; tries < degree; tries++) {
      const j = random() < 0.75 && local.length > 0 ? (local[Math.floor(random() * local.length)] ?? 0) : Math.floor(random() * mentees);
      const mentee = menteeList[j];
      if (mentee === undefined || takenBy[j] === i || mentee.department === mentor.department) continue;
      if ((mentee.languages & mentor.languages) === 0) continue;
      takenBy[j] = i;
      const shared = popcount(mentor.themes & mentee.themes);
      const score = 1 + 20 * shared + (mentor.site === mentee.site ? 5 : 0) + Math.abs(mentor.level - mentee.level);
      edges.add(i, j, score);
    }
  }
  return edges.instance(mentors, mentees);
}

/** Highest score first, take an edge when both people are still free. */
export function greedyByScore(instance: AssignmentInstance): { pairs: number; score: number } {
  const { edgeMentor, edgeMentee, edgeScore } = instance;
  let top = 0;
  for (const s of edgeScore) if (s > top) top = s;
  // Counting sort by score: the bench's scores are small integers.
  const bucketStart = new Int32Array(top + 2);
  for (const s of edgeScore) bucketStart[top - s + 1] = (bucketStart[top - s + 1] ?? 0) + 1;
  for (let b = 1; b < bucketStart.length; b++) bucketStart[b] = (bucketStart[b] ?? 0) + (bucketStart[b - 1] ?? 0);
  const order = new Int32Array(edgeScore.length);
  edgeScore.forEach((s, e) => {
    const at = bucketStart[top - s] ?? 0;
    bucketStart[top - s] = at + 1;
    order[at] = e;
  });
  const mentorTaken = new Uint8Array(instance.mentors);
  const menteeTaken = new Uint8Array(instance.mentees);
  let pairs = 0;
  let score = 0;
  for (const e of order) {
    const i = edgeMentor[e] ?? 0;
    const j = edgeMentee[e] ?? 0;
    if (mentorTaken[i] || menteeTaken[j]) continue;
    mentorTaken[i] = 1;
    menteeTaken[j] = 1;
    pairs++;
    score += edgeScore[e] ?? 0;
  }
  return { pairs, score };
}

function fastest<T>(repetitions: number, work: () => T): { result: T; ms: number } {
  let ms = Infinity;
  let result = work();
  for (let r = 0; r < repetitions; r++) {
    const started = performance.now();
    result = work();
    ms = Math.min(ms, performance.now() - started);
  }
  return { result, ms };
}

interface ScipyResult {
  pairs: number;
  score: number;
  solveMs: number;
  mode: string;
}

function writeBinary(instance: AssignmentInstance, path: string): void {
  const edges = instance.edgeScore.length;
  const data = new Int32Array(3 + 3 * edges);
  data[0] = instance.mentors;
  data[1] = instance.mentees;
  data[2] = edges;
  data.set(instance.edgeMentor, 3);
  data.set(instance.edgeMentee, 3 + edges);
  data.set(instance.edgeScore, 3 + 2 * edges);
  writeFileSync(path, new Uint8Array(data.buffer));
}

function scipyBaseline(instance: AssignmentInstance, repetitions: number, dir: string): ScipyResult | string {
  const path = join(dir, 'instance.bin');
  writeBinary(instance, path);
  const run = spawnSync('python3', [SCIPY_SCRIPT, path, String(repetitions)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  rmSync(path, { force: true });
  if (run.status !== 0) return `scipy failed: ${(run.stderr || run.error?.message || '').trim().split('\n').pop() ?? ''}`;
  return JSON.parse(run.stdout) as ScipyResult;
}

const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
};

/**
 * Each family on `SEEDS` seeds: our solve and scipy's, each the fastest of two runs,
 * the ratio per seed, and the medians. Both must find the same pairs count and score.
 */
export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'binome-bench-'));
  try {
    for (const [index, family] of FAMILIES.entries()) {
      const ours: number[] = [];
      const theirs: number[] = [];
      const ratios: number[] = [];
      const problems: string[] = [];
      let edges = 0;
      let greedyShare = 0;
      for (let k = 0; k < SEEDS; k++) {
        const seed = 1000 * (index + 1) + k;
        const instance =
          family.kind === 'random'
            ? randomInstance(family.mentors, family.mentees, family.density, seed, family.topScore)
            : cohortInstance(family.mentors, family.mentees, family.density, seed);
        edges = instance.edgeScore.length;
        const solved = fastest(1, () => solveAssignment(instance));
        const greedy = greedyByScore(instance);
        greedyShare += greedy.score / Math.max(1, solved.result.score) / SEEDS;
        const scipy = scipyBaseline(instance, 2, dir);
        process.stderr.write(`  ${family.name} seed ${seed}: ${edges} edges, ours ${solved.ms.toFixed(0)} ms, scipy ${typeof scipy === 'string' ? scipy : `${scipy.solveMs.toFixed(0)} ms`}\n`);
        if (typeof scipy === 'string') {
          problems.push(`seed ${seed}: ${scipy}`);
          continue;
        }
        if (scipy.pairs !== solved.result.pairs || scipy.score !== solved.result.score) {
          problems.push(`MISMATCH seed ${seed}: ours ${solved.result.pairs}/${solved.result.score}, scipy ${scipy.pairs}/${scipy.score}`);
        }
        ours.push(solved.ms);
        theirs.push(scipy.solveMs);
        ratios.push(solved.ms / scipy.solveMs);
      }
      const note = `${SEEDS} seeds, ~${edges} edges; ratios ${ratios.map((r) => r.toFixed(2)).join(' ')}; greedy reaches ${(100 * greedyShare).toFixed(1)}% of the optimum; ${problems.length === 0 ? 'same optimum as scipy on every seed' : problems.join('; ')}`;
      rows.push({
        group: 'matching',
        name: `${family.name} (median)`,
        value: median(ours),
        unit: 'ms',
        baseline: theirs.length === 0 ? null : { name: 'scipy min_weight_full_bipartite_matching (median)', value: median(theirs) },
        ratio: ratios.length === 0 ? null : median(ratios),
        note,
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

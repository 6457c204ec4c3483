/**
 * Matching benchmark: our exact solver against scipy's sparse assignment
 * (`scipy.sparse.csgraph.min_weight_full_bipartite_matching`, via bench/scipy_match.py)
 * on the same instances in the same run, plus a greedy-by-score baseline for context.
 * Every timing is the fastest of a few repetitions of the solve alone (ours: building
 * the adjacency from the edge arrays and solving; scipy's: the one call on a CSR matrix
 * built beforehand). The baseline's mode says how scipy was given the instance: "full"
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
import { ratioOf } from './report.ts';
import { seededRandom } from '../src/model/seeded-random.ts';

type Kind = 'random' | 'cohort';

interface Case {
  kind: Kind;
  mentors: number;
  mentees: number;
  /** Share of mentor x mentee pairs that are feasible edges. */
  density: number;
  repetitions: number;
}

/** 10% at 10,000 x 10,000 is 10M edges: measured once, not three times, to keep the run short. */
const CASES: Case[] = [
  { kind: 'random', mentors: 1000, mentees: 1000, density: 0.02, repetitions: 15 },
  { kind: 'random', mentors: 1000, mentees: 1000, density: 0.1, repetitions: 15 },
  { kind: 'cohort', mentors: 1000, mentees: 1000, density: 0.1, repetitions: 15 },
  { kind: 'random', mentors: 5000, mentees: 5000, density: 0.02, repetitions: 3 },
  { kind: 'random', mentors: 5000, mentees: 5000, density: 0.1, repetitions: 3 },
  { kind: 'cohort', mentors: 5000, mentees: 5000, density: 0.02, repetitions: 3 },
  { kind: 'cohort', mentors: 5000, mentees: 5000, density: 0.1, repetitions: 3 },
  { kind: 'random', mentors: 10000, mentees: 10000, density: 0.02, repetitions: 3 },
  { kind: 'random', mentors: 10000, mentees: 10000, density: 0.1, repetitions: 1 },
  { kind: 'random', mentors: 10000, mentees: 7000, density: 0.02, repetitions: 3 },
  { kind: 'cohort', mentors: 10000, mentees: 10000, density: 0.02, repetitions: 3 },
  { kind: 'cohort', mentors: 7000, mentees: 10000, density: 0.02, repetitions: 3 },
  { kind: 'cohort', mentors: 10000, mentees: 7000, density: 0.02, repetitions: 3 },
];

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

/** Each mentor gets `density * mentees` distinct mentees uniformly at random, scores uniform in 1..100. */
export function randomInstance(mentors: number, mentees: number, density: number, seed: number): AssignmentInstance {
  const random = seededRandom(seed);
  const degree = Math.min(mentees, Math.round(density * mentees));
  const edges = new EdgeList(mentors * degree);
  const takenBy = new Int32Array(mentees).fill(-1);
  for (let i = 0; i < mentors; i++) {
    for (let placed = 0; placed < degree; ) {
      const j = Math.floor(random() * mentees);
      if (takenBy[j] === i) continue;
      takenBy[j] = i;
      edges.add(i, j, 1 + Math.floor(random() * 100));
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

function caseName(c: Case): string {
  return `${c.kind} ${c.mentors}x${c.mentees} ${Math.round(c.density * 100)}%`;
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'binome-bench-'));
  try {
    for (const [index, c] of CASES.entries()) {
      const seed = 1000 + index;
      const instance =
        c.kind === 'random' ? randomInstance(c.mentors, c.mentees, c.density, seed) : cohortInstance(c.mentors, c.mentees, c.density, seed);
      const edges = instance.edgeScore.length;
      const name = caseName(c);
      process.stderr.write(`  ${name}: ${edges} edges\n`);
      const ours = fastest(c.repetitions, () => solveAssignment(instance));
      const greedy = fastest(c.repetitions, () => greedyByScore(instance));
      const scipy = scipyBaseline(instance, c.repetitions, dir);
      const found = `pairs=${ours.result.pairs} score=${ours.result.score} edges=${edges}`;
      if (typeof scipy === 'string') {
        rows.push({ group: 'matching', name, value: ours.ms, unit: 'ms', baseline: null, ratio: null, note: `${found}; baseline not comparable: ${scipy}` });
      } else {
        const same = scipy.pairs === ours.result.pairs && scipy.score === ours.result.score;
        if (!same) {
          process.stderr.write(
            `\n!!! MISMATCH on ${name}: ours pairs=${ours.result.pairs} score=${ours.result.score}, scipy pairs=${scipy.pairs} score=${scipy.score}\n\n`,
          );
        }
        rows.push({
          group: 'matching',
          name,
          value: ours.ms,
          unit: 'ms',
          baseline: { name: `scipy (${scipy.mode})`, value: scipy.solveMs },
          ratio: ratioOf(ours.ms, scipy.solveMs),
          note: `${found}; ${same ? 'same optimum as scipy' : `MISMATCH: scipy pairs=${scipy.pairs} score=${scipy.score}`}`,
        });
      }
      const share = ours.result.score > 0 ? ((100 * greedy.result.score) / ours.result.score).toFixed(1) : '-';
      rows.push({
        group: 'matching',
        name: `${name} (vs greedy)`,
        value: ours.ms,
        unit: 'ms',
        baseline: { name: 'greedy by score', value: greedy.ms },
        ratio: ratioOf(ours.ms, greedy.ms),
        note: `greedy pairs=${greedy.result.pairs} score=${greedy.result.score} (${share}% of optimum)`,
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

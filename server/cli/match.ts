/**
 * `binome match <instance.json>`: solves a bare assignment instance with the product's
 * solver and prints `{"pairs", "score", "solveMs"}` on one line; `solveMs` times the
 * solve alone, after the file is read, checked and turned into typed arrays.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { AssignmentInstance } from '../../src/matching/solver.ts';
import { solveAssignment } from '../../src/matching/solver.ts';

const usage = 'usage: binome match <instance.json>';

/** Scores go into an Int32Array. */
const MAX_SCORE = 2 ** 31 - 1;
/** The solver's duals stay exact integers while maxScore x (smaller side + 1) is below this. */
const MAX_SCORE_TIMES_SIDE = 2 ** 50;

export interface InstanceError {
  code: 'INSTANCE_SHAPE' | 'INSTANCE_EDGE' | 'INSTANCE_TOO_LARGE';
  message: string;
  field?: string;
}

const InstanceShape = z.object({
  mentors: z.number().int().min(0).max(2 ** 31 - 1),
  mentees: z.number().int().min(0).max(2 ** 31 - 1),
  edges: z.array(z.unknown()),
});

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value === null || typeof value !== 'object') return String(value);
  return 'an object';
}

function edgeError(index: number, position: 0 | 1 | 2 | null, expected: string, got: unknown): InstanceError {
  const names = ['mentor', 'mentee', 'score'] as const;
  const field = position === null ? `edges[${index}]` : `edges[${index}][${position}]`;
  const label = position === null ? field : `${field} (${names[position]})`;
  return { code: 'INSTANCE_EDGE', field, message: `${label}: expected ${expected}, got ${describe(got)}` };
}

/** Checks a parsed instance file and builds the solver's typed arrays; the first problem found is reported. */
export function parseMatchInstance(json: unknown): AssignmentInstance | InstanceError {
  const shape = InstanceShape.safeParse(json);
  if (!shape.success) {
    const issue = shape.error.issues[0];
    const field = issue === undefined || issue.path.length === 0 ? '(root)' : issue.path.join('.');
    return { code: 'INSTANCE_SHAPE', field, message: `${field}: ${issue?.message ?? 'invalid instance'}` };
  }
  const { mentors, mentees, edges } = shape.data;
  const count = edges.length;
  const edgeMentor = new Int32Array(count);
  const edgeMentee = new Int32Array(count);
  const edgeScore = new Int32Array(count);
  let maxScore = 0;
  for (let e = 0; e < count; e++) {
    const edge = edges[e];
    if (!Array.isArray(edge) || edge.length !== 3) return edgeError(e, null, '[mentor, mentee, score]', edge);
    const [i, j, s] = edge as [unknown, unknown, unknown];
    if (typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i >= mentors) {
      return edgeError(e, 0, `an integer from 0 to ${mentors - 1}`, i);
    }
    if (typeof j !== 'number' || !Number.isInteger(j) || j < 0 || j >= mentees) {
      return edgeError(e, 1, `an integer from 0 to ${mentees - 1}`, j);
    }
    if (typeof s !== 'number' || !Number.isInteger(s) || s < 1 || s > MAX_SCORE) {
      return edgeError(e, 2, `an integer from 1 to ${MAX_SCORE}`, s);
    }
    edgeMentor[e] = i;
    edgeMentee[e] = j;
    edgeScore[e] = s;
    if (s > maxScore) maxScore = s;
  }
  if (maxScore * (Math.min(mentors, mentees) + 1) > MAX_SCORE_TIMES_SIDE) {
    return {
      code: 'INSTANCE_TOO_LARGE',
      message: `the largest score (${maxScore}) times the smaller side plus one (${Math.min(mentors, mentees) + 1}) exceeds 2^50, beyond which the solver's arithmetic would not stay exact`,
    };
  }
  return { mentors, mentees, edgeMentor, edgeMentee, edgeScore };
}

export async function runMatchCommand(args: string[]): Promise<number> {
  const [path, ...rest] = args;
  if (path === undefined || rest.length > 0 || path.startsWith('--')) {
    process.stderr.write(`${path === undefined ? 'no instance file given' : `unexpected argument ${rest[0] ?? path}`}\n${usage}\n`);
    return 2;
  }
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    process.stderr.write(`cannot load ${path}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const instance = parseMatchInstance(json);
  if ('code' in instance) {
    process.stderr.write(`${path}: ${instance.message} [${instance.code}]\n`);
    return 2;
  }
  const started = performance.now();
  const result = solveAssignment(instance);
  const solveMs = performance.now() - started;
  process.stdout.write(`${JSON.stringify({ pairs: result.pairs, score: result.score, solveMs: Math.round(solveMs * 10) / 10 })}\n`);
  return 0;
}

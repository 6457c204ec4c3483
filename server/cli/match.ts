/* eslint-disable @typescript-eslint/no-non-null-assertion -- the typed-array reads in the scan and the repeat check are in bounds by construction, and `??` would add a branch per byte */
/**
 * `binome match <instance.json>`: solves a bare assignment instance with the product's
 * solver and prints `{"pairs", "score", "solveMs"}` on one line; `solveMs` times the
 * solve alone, after the file is read, checked and turned into typed arrays.
 *
 * A file in the plain shape the contract shows (integer literals, no other keys) is
 * scanned straight from its bytes: JSON.parse would build one small array per edge,
 * seconds of allocation on millions of edges. Anything the scanner does not accept,
 * invalid or merely unusual (`1.0`, extra keys), goes through JSON.parse and the
 * checks that name the offending field, so every message comes from one place.
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
/**
 * The solver allocates arrays per person on both sides whatever the edges; past this a
 * declared side would cost gigabytes (2e9 mentors exhausted 22 GB) before any check fails.
 */
const MAX_SIDE = 10_000_000;

export interface InstanceError {
  code: 'INSTANCE_JSON' | 'INSTANCE_SHAPE' | 'INSTANCE_EDGE' | 'INSTANCE_TOO_LARGE';
  message: string;
  field?: string;
}

const side = z
  .number()
  .int()
  .min(0)
  .max(MAX_SIDE, `at most ${MAX_SIDE} people per side: the solver allocates memory for each declared person`);

const InstanceShape = z.object({ mentors: side, mentees: side, edges: z.array(z.unknown()) });

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
  }
  return checkWhole({ mentors, mentees, edgeMentor, edgeMentee, edgeScore });
}

/** Reads an instance file's bytes: the fast scan when it applies, else JSON.parse and parseMatchInstance. */
export function readMatchInstance(bytes: Uint8Array): AssignmentInstance | InstanceError {
  const scanned = scanPlainInstance(bytes);
  if (scanned !== null) return checkWhole(scanned);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    return { code: 'INSTANCE_JSON', message: `cannot parse as JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  return parseMatchInstance(json);
}

/** The checks that need every edge: repeated pairs, then the arithmetic limit. */
function checkWhole(instance: AssignmentInstance): AssignmentInstance | InstanceError {
  const repeat = firstRepeatedPair(instance);
  if (repeat !== null) {
    const [earlier, later] = repeat;
    return {
      code: 'INSTANCE_EDGE',
      field: `edges[${later}]`,
      // Readers disagree on a repeated pair (best, last or sum of its scores), so it is refused rather than guessed.
      message: `edges[${later}]: repeats the pair of edges[${earlier}] (mentor ${instance.edgeMentor[later]}, mentee ${instance.edgeMentee[later]}); each pair may appear once`,
    };
  }
  let maxScore = 0;
  for (const s of instance.edgeScore) if (s > maxScore) maxScore = s;
  const smallerSide = Math.min(instance.mentors, instance.mentees);
  if (maxScore * (smallerSide + 1) > MAX_SCORE_TIMES_SIDE) {
    return {
      code: 'INSTANCE_TOO_LARGE',
      message: `the largest score (${maxScore}) times the smaller side plus one (${smallerSide + 1}) exceeds 2^50, beyond which the solver's arithmetic would not stay exact`,
    };
  }
  return instance;
}

/** The lowest edge index that repeats an earlier edge's pair, with that earlier index; null when none does. */
function firstRepeatedPair(instance: AssignmentInstance): [number, number] | null {
  const { mentors, mentees, edgeMentor, edgeMentee } = instance;
  const count = edgeMentor.length;
  // Edges grouped by mentor, in index order within each group.
  const start = new Int32Array(mentors + 1);
  for (let e = 0; e < count; e++) start[edgeMentor[e]! + 1]!++;
  for (let i = 0; i < mentors; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, mentors);
  const byMentor = new Int32Array(count);
  for (let e = 0; e < count; e++) byMentor[fill[edgeMentor[e]!]!++] = e;
  const seenBy = new Int32Array(mentees).fill(-1);
  const seenAt = new Int32Array(mentees);
  let found: [number, number] | null = null;
  for (let i = 0; i < mentors; i++) {
    for (let k = start[i]!; k < start[i + 1]!; k++) {
      const e = byMentor[k]!;
      const j = edgeMentee[e]!;
      if (seenBy[j] !== i) {
        seenBy[j] = i;
        seenAt[j] = e;
      } else if (found === null || e < found[1]) {
        found = [seenAt[j]!, e];
      }
    }
  }
  return found;
}

const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const COMMA = 0x2c;
const COLON = 0x3a;
const DOT = 0x2e;
const LOWER_E = 0x65;
const UPPER_E = 0x45;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;

const KEY_BYTES = ['mentors', 'mentees', 'edges'].map((key) => Buffer.from(`"${key}"`, 'latin1'));
const EDGES_KEY = 2;

/* The scanner's helpers take and return a position: a position captured by a closure
   would live in a heap context, and the per-byte loop ran four times slower on it. */

function skipSpace(bytes: Uint8Array, at: number): number {
  let p = at;
  for (; p < bytes.length; p++) {
    const b = bytes[p];
    if (b !== SPACE && b !== LF && b !== CR && b !== TAB) break;
  }
  return p;
}

/** The end of a plain integer literal of at most 10 digits at `at`, or -1 (none, leading zero, fraction, exponent). */
function integerEnd(bytes: Uint8Array, at: number): number {
  let p = at;
  while (p < bytes.length && p - at <= 10 && bytes[p]! >= DIGIT_0 && bytes[p]! <= DIGIT_9) p++;
  const digits = p - at;
  if (digits === 0 || digits > 10 || (digits > 1 && bytes[at] === DIGIT_0)) return -1;
  const next = bytes[p];
  return next === DOT || next === LOWER_E || next === UPPER_E ? -1 : p;
}

function keyAt(bytes: Uint8Array, at: number): number {
  return KEY_BYTES.findIndex((key) => key.every((b, o) => bytes[at + o] === b));
}

function digitsValue(bytes: Uint8Array, from: number, to: number): number {
  let value = 0;
  for (let p = from; p < to; p++) value = value * 10 + (bytes[p]! - DIGIT_0);
  return value;
}

/**
 * The instance when `bytes` are exactly `{"mentors": int, "mentees": int, "edges":
 * [[int, int, int], ...]}` (keys in any order, JSON whitespace anywhere) with every value
 * in range; null for anything else, which the JSON.parse path then reads or explains.
 */
function scanPlainInstance(bytes: Uint8Array): AssignmentInstance | null {
  const length = bytes.length;
  // An edge is at least 7 bytes and the next one's comma, so this many always suffice.
  const capacity = Math.floor(length / 8) + 1;
  let edgeMentor: Int32Array | null = null;
  let edgeMentee = new Int32Array(0);
  let edgeScore = new Int32Array(0);
  let count = 0;
  const sides = [-1, -1];

  let at = skipSpace(bytes, 0);
  if (bytes[at++] !== OPEN_BRACE) return null;
  for (let member = 0; member < KEY_BYTES.length; member++) {
    if (member > 0) {
      at = skipSpace(bytes, at);
      if (bytes[at++] !== COMMA) return null;
    }
    at = skipSpace(bytes, at);
    const key = keyAt(bytes, at);
    if (key < 0) return null;
    at = skipSpace(bytes, at + KEY_BYTES[key]!.length);
    if (bytes[at++] !== COLON) return null;
    at = skipSpace(bytes, at);
    if (key !== EDGES_KEY) {
      const end = integerEnd(bytes, at);
      if (end < 0 || sides[key] !== -1) return null;
      sides[key] = digitsValue(bytes, at, end);
      if (sides[key]! > MAX_SIDE) return null;
      at = end;
      continue;
    }
    if (edgeMentor !== null || bytes[at++] !== OPEN_BRACKET) return null;
    edgeMentor = new Int32Array(capacity);
    edgeMentee = new Int32Array(capacity);
    edgeScore = new Int32Array(capacity);
    at = skipSpace(bytes, at);
    if (bytes[at] === CLOSE_BRACKET) {
      at++;
      continue;
    }
    for (;;) {
      at = skipSpace(bytes, at);
      if (bytes[at++] !== OPEN_BRACKET) return null;
      at = skipSpace(bytes, at);
      let end = integerEnd(bytes, at);
      if (end < 0) return null;
      const i = digitsValue(bytes, at, end);
      at = skipSpace(bytes, end);
      if (bytes[at++] !== COMMA) return null;
      at = skipSpace(bytes, at);
      end = integerEnd(bytes, at);
      if (end < 0) return null;
      const j = digitsValue(bytes, at, end);
      at = skipSpace(bytes, end);
      if (bytes[at++] !== COMMA) return null;
      at = skipSpace(bytes, at);
      end = integerEnd(bytes, at);
      if (end < 0) return null;
      const s = digitsValue(bytes, at, end);
      at = skipSpace(bytes, end);
      if (bytes[at++] !== CLOSE_BRACKET || s < 1 || s > MAX_SCORE || i > MAX_SCORE || j > MAX_SCORE) return null;
      edgeMentor[count] = i;
      edgeMentee[count] = j;
      edgeScore[count] = s;
      count++;
      at = skipSpace(bytes, at);
      const b = bytes[at++];
      if (b === CLOSE_BRACKET) break;
      if (b !== COMMA) return null;
    }
  }
  at = skipSpace(bytes, at);
  if (bytes[at++] !== CLOSE_BRACE || skipSpace(bytes, at) !== length || edgeMentor === null) return null;
  const [mentors, mentees] = sides as [number, number];
  for (let e = 0; e < count; e++) if (edgeMentor[e]! >= mentors || edgeMentee[e]! >= mentees) return null;
  return {
    mentors,
    mentees,
    edgeMentor: edgeMentor.subarray(0, count),
    edgeMentee: edgeMentee.subarray(0, count),
    edgeScore: edgeScore.subarray(0, count),
  };
}

export async function runMatchCommand(args: string[]): Promise<number> {
  const [path, ...rest] = args;
  if (path === undefined || rest.length > 0 || path.startsWith('--')) {
    process.stderr.write(`${path === undefined ? 'no instance file given' : `unexpected argument ${rest[0] ?? path}`}\n${usage}\n`);
    return 2;
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    process.stderr.write(`cannot load ${path}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const instance = readMatchInstance(bytes);
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

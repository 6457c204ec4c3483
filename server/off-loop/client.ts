/**
 * Long CPU work off the event loop. The API, the rollout worker and the sandbox share
 * one process; a large cohort's proposal, or reading a 25 MB enrolment file, takes
 * seconds of CPU. Such work runs on one worker thread instead (thread.ts), started on
 * first use and kept, unreferenced while idle, for the next requests. The thread runs
 * the same code; what crosses between threads is structured-cloned plain data. A long
 * answer comes in parts, each sent once the previous one was taken in and the loop had
 * a turn: messages already queued are all received in one go, so sending every part
 * at once would hold the loop as long as one big message.
 */
import { Worker } from 'node:worker_threads';
import type { Feasibility, Proposal, ProposalInput, ProposalProgress, ProposalStep } from '../../src/matching/propose.ts';
import type { AssignmentInstance, AssignmentResult } from '../../src/matching/solver.ts';
import type { EnrolmentCsvContext } from '../../src/enrolment/rows.ts';
import type { ImportRead } from '../enrolment/summary.ts';

export type OffLoopRequest =
  | { id: number; kind: 'propose'; args: [ProposalInput, Feasibility?] }
  | { id: number; kind: 'solve'; instance: AssignmentInstance }
  | { id: number; kind: 'read-enrolments'; bytes: Uint8Array; context: EnrolmentCsvContext; firstShown: number };

/** A slice of a long answer's rows, sent before the answer itself. */
export interface OffLoopPart {
  id: number;
  kind: 'part';
  enrolments: ImportRead['enrolments'];
}

/** The main thread took a part in and had a turn: the next part may come. */
export interface OffLoopMore {
  id: number;
  kind: 'more';
}

/** A proposal's step, sent as the thread reaches it. */
export interface OffLoopStep {
  id: number;
  kind: 'step';
  step: ProposalStep;
}

export type OffLoopAnswer =
  | { id: number; ok: true; kind: 'propose'; proposal: Proposal }
  | { id: number; ok: true; kind: 'solve'; result: AssignmentResult }
  /** Its enrolments are only those the parts did not hold. */
  | { id: number; ok: true; kind: 'read-enrolments'; read: ImportRead }
  | { id: number; ok: false; kind: 'failed'; message: string };

interface Pending {
  parts: OffLoopPart[];
  onStep: ProposalProgress | undefined;
  resolve: (answer: OffLoopAnswer) => void;
  reject: (error: Error) => void;
}

let thread: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

/**
 * The thread runs TypeScript, so it registers tsx's loader before loading its body,
 * whether this process runs under tsx or under vitest's own transform.
 */
function startThread(): Worker {
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const body = new URL('./thread.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((api) => { api.register(); return import(${JSON.stringify(body)}); });`;
  const worker = new Worker(boot, { eval: true });
  const fail = (error: Error): void => {
    if (thread === worker) thread = null;
    for (const [id, waiting] of pending) {
      pending.delete(id);
      waiting.reject(error);
    }
  };
  worker.on('message', (message: OffLoopPart | OffLoopStep | OffLoopAnswer) => {
    const waiting = pending.get(message.id);
    if (waiting === undefined) return;
    if (message.kind === 'step') {
      waiting.onStep?.(message.step);
      return;
    }
    if (message.kind === 'part') {
      waiting.parts.push(message);
      setImmediate(() => worker.postMessage({ id: message.id, kind: 'more' } satisfies OffLoopMore));
      return;
    }
    pending.delete(message.id);
    if (pending.size === 0) worker.unref();
    if (message.ok && message.kind === 'read-enrolments') {
      waiting.resolve({ ...message, read: joined(waiting.parts, message.read) });
    } else waiting.resolve(message);
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the off-loop thread stopped (exit code ${code})`)));
  return worker;
}

function joined(parts: readonly OffLoopPart[], rest: ImportRead): ImportRead {
  if (parts.length === 0) return rest;
  const enrolments: ImportRead['enrolments'] = [];
  for (const part of parts) for (const e of part.enrolments) enrolments.push(e);
  for (const e of rest.enrolments) enrolments.push(e);
  return { ...rest, enrolments };
}

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/**
 * A file's bytes move to the thread rather than being copied (25 MB copied on the loop
 * is a pause of its own) when they fill their own memory, as a request body does once
 * read whole; the caller must not read them afterwards.
 */
function transferable(request: WithoutId<OffLoopRequest>): ArrayBuffer[] {
  if (request.kind !== 'read-enrolments') return [];
  const { bytes } = request;
  const own = bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return own ? [bytes.buffer] : [];
}

/** Sends a request to the thread; a read-enrolments request's bytes may be moved there (see `transferable`). */
export function askOffLoop(request: WithoutId<OffLoopRequest>, onStep?: ProposalProgress): Promise<OffLoopAnswer> {
  thread ??= startThread();
  const worker = thread;
  const id = nextId++;
  return new Promise<OffLoopAnswer>((resolve, reject) => {
    pending.set(id, { parts: [], onStep, resolve, reject });
    // Held while a request waits, so that a process with nothing else to do stays for the answer.
    worker.ref();
    worker.postMessage({ ...request, id }, transferable(request));
  });
}

export function unexpected(answer: OffLoopAnswer): never {
  throw new Error(answer.ok ? `the off-loop thread answered a ${answer.kind} request out of turn` : `the off-loop thread failed: ${answer.message}`);
}

/**
 * Long CPU work off the event loop. The API, the rollout worker and the sandbox share
 * one process; a large cohort's proposal, or reading a 25 MB enrolment file, takes
 * seconds of CPU. Such work runs on one worker thread instead (thread.ts), started on
 * first use and kept, unreferenced while idle, for the next requests. The thread runs
 * the same code; what crosses between threads is structured-cloned plain data. A long
 * answer comes in parts, so that no single message takes the loop long to receive.
 */
import { Worker } from 'node:worker_threads';
import type { proposePairs, Proposal } from '../../src/matching/propose.ts';
import type { AssignmentInstance, AssignmentResult } from '../../src/matching/solver.ts';
import type { EnrolmentCsvContext, EnrolmentImport } from '../../src/enrolment/rows.ts';

export type OffLoopRequest =
  | { id: number; kind: 'propose'; args: Parameters<typeof proposePairs> }
  | { id: number; kind: 'solve'; instance: AssignmentInstance }
  | { id: number; kind: 'read-enrolments'; bytes: Uint8Array; context: EnrolmentCsvContext };

/** A slice of a long answer's arrays, sent before the answer itself. */
export interface OffLoopPart {
  id: number;
  kind: 'part';
  enrolments: EnrolmentImport['enrolments'];
  rejected: EnrolmentImport['rejected'];
}

export type OffLoopAnswer =
  | { id: number; ok: true; kind: 'propose'; proposal: Proposal }
  | { id: number; ok: true; kind: 'solve'; result: AssignmentResult }
  /** Its arrays hold only what the parts did not. */
  | { id: number; ok: true; kind: 'read-enrolments'; read: EnrolmentImport }
  | { id: number; ok: false; kind: 'failed'; message: string };

interface Pending {
  parts: OffLoopPart[];
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
  worker.on('message', (message: OffLoopPart | OffLoopAnswer) => {
    const waiting = pending.get(message.id);
    if (waiting === undefined) return;
    if (message.kind === 'part') {
      waiting.parts.push(message);
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

function joined(parts: readonly OffLoopPart[], rest: EnrolmentImport): EnrolmentImport {
  if (parts.length === 0) return rest;
  const enrolments: EnrolmentImport['enrolments'] = [];
  const rejected: EnrolmentImport['rejected'] = [];
  for (const part of [...parts, rest]) {
    for (const e of part.enrolments) enrolments.push(e);
    for (const r of part.rejected) rejected.push(r);
  }
  return { ...rest, enrolments, rejected };
}

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

export function askOffLoop(request: WithoutId<OffLoopRequest>): Promise<OffLoopAnswer> {
  thread ??= startThread();
  const worker = thread;
  const id = nextId++;
  return new Promise<OffLoopAnswer>((resolve, reject) => {
    pending.set(id, { parts: [], resolve, reject });
    // Held while a request waits, so that a process with nothing else to do stays for the answer.
    worker.ref();
    worker.postMessage({ ...request, id });
  });
}

export function unexpected(answer: OffLoopAnswer): never {
  throw new Error(answer.ok ? `the off-loop thread answered a ${answer.kind} request out of turn` : `the off-loop thread failed: ${answer.message}`);
}

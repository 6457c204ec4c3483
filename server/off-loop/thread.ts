/**
 * The body of the off-loop thread (see client.ts): answers each request with what the
 * same code gives on the main thread, or with the message of what it threw.
 */
import { parentPort } from 'node:worker_threads';
import { proposePairs } from '../../src/matching/propose.ts';
import { solveAssignment } from '../../src/matching/solver.ts';
import { readEnrolmentFileHere } from '../enrolment/read.ts';
import { summariseRead } from '../enrolment/summary.ts';
import type { OffLoopAnswer, OffLoopMore, OffLoopPart, OffLoopRequest, OffLoopStep } from './client.ts';

/** Rows per part of a long answer: each part is received in a few milliseconds. */
const rowsPerPart = 2_000;

/** Answers waiting for the main thread to take their last part in, by request id. */
const waitingForMore = new Map<number, () => void>();

const port = parentPort;
if (port === null) throw new Error('server/off-loop/thread.ts runs only as a worker thread (see client.ts)');

type Message = OffLoopPart | OffLoopStep | OffLoopAnswer;

async function answer(request: OffLoopRequest, send: (message: Message) => void): Promise<OffLoopAnswer> {
  const { id } = request;
  switch (request.kind) {
    case 'propose': {
      const [input, feasibility] = request.args;
      return { id, ok: true, kind: 'propose', proposal: proposePairs(input, feasibility, (step) => send({ id, kind: 'step', step })) };
    }
    case 'solve':
      return { id, ok: true, kind: 'solve', result: solveAssignment(request.instance) };
    case 'read-enrolments': {
      const bytes = Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength);
      const read = summariseRead(await readEnrolmentFileHere(bytes, request.context), request.firstShown);
      let sent = 0;
      while (read.enrolments.length - sent > rowsPerPart) {
        const taken = new Promise<void>((resolve) => waitingForMore.set(id, resolve));
        send({ id, kind: 'part', enrolments: read.enrolments.slice(sent, sent + rowsPerPart) });
        sent += rowsPerPart;
        await taken;
      }
      return { id, ok: true, kind: 'read-enrolments', read: { ...read, enrolments: read.enrolments.slice(sent) } };
    }
  }
}

port.on('message', (request: OffLoopRequest | OffLoopMore) => {
  if (request.kind === 'more') {
    waitingForMore.get(request.id)?.();
    waitingForMore.delete(request.id);
    return;
  }
  const send = (message: Message): void => port.postMessage(message);
  answer(request, send).then(send, (error: unknown) => {
    send({ id: request.id, ok: false, kind: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  });
});

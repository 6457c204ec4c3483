/**
 * The body of the off-loop thread (see client.ts): answers each request with what the
 * same code gives on the main thread, or with the message of what it threw.
 */
import { parentPort } from 'node:worker_threads';
import { proposePairs } from '../../src/matching/propose.ts';
import { solveAssignment } from '../../src/matching/solver.ts';
import { readEnrolmentFileHere } from '../enrolment/read.ts';
import type { OffLoopAnswer, OffLoopPart, OffLoopRequest } from './client.ts';

/** Rows per part of a long answer: each part is received in a few milliseconds. */
const rowsPerPart = 5_000;

const port = parentPort;
if (port === null) throw new Error('server/off-loop/thread.ts runs only as a worker thread (see client.ts)');

async function answer(request: OffLoopRequest, send: (message: OffLoopPart | OffLoopAnswer) => void): Promise<OffLoopAnswer> {
  const { id } = request;
  switch (request.kind) {
    case 'propose':
      return { id, ok: true, kind: 'propose', proposal: proposePairs(...request.args) };
    case 'solve':
      return { id, ok: true, kind: 'solve', result: solveAssignment(request.instance) };
    case 'read-enrolments': {
      const read = await readEnrolmentFileHere(Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength), request.context);
      let enrolmentsSent = 0;
      let rejectedSent = 0;
      while (read.enrolments.length - enrolmentsSent > rowsPerPart || read.rejected.length - rejectedSent > rowsPerPart) {
        const enrolments = read.enrolments.slice(enrolmentsSent, enrolmentsSent + rowsPerPart);
        const rejected = read.rejected.slice(rejectedSent, rejectedSent + rowsPerPart);
        enrolmentsSent += enrolments.length;
        rejectedSent += rejected.length;
        send({ id, kind: 'part', enrolments, rejected });
      }
      return { id, ok: true, kind: 'read-enrolments', read: { ...read, enrolments: read.enrolments.slice(enrolmentsSent), rejected: read.rejected.slice(rejectedSent) } };
    }
  }
}

port.on('message', (request: OffLoopRequest) => {
  const send = (message: OffLoopPart | OffLoopAnswer): void => port.postMessage(message);
  answer(request, send).then(send, (error: unknown) => {
    send({ id: request.id, ok: false, kind: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  });
});

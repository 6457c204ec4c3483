import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { SandboxContext } from '../context.ts';
import { googleErrorBody, invalid, sendGoogleError } from './errors.ts';
import { boundaryOf, parseBatch, responsePart, type BatchPart } from './multipart.ts';
import { batchItemHeader } from './pipeline.ts';

/** Calendar's limit of calls per batch request. */
export const maxBatchCalls = 1000;
/** How many parts of one batch the sandbox runs at a time (latency applies per part). */
const batchParallelism = 8;
/** Headers of the outer request that every part inherits unless it sets its own (not the Content-* ones). */
const inheritedHeaders = ['authorization', 'accept', 'accept-language', 'user-agent', 'x-goog-api-client'];
const answeredHeaders = ['content-type', 'etag', 'www-authenticate'];

/**
 * POST /batch/calendar/v3: each part is replayed through the Calendar routes (counted,
 * throttled and faulted on its own) with the outer headers it does not override; the
 * answer holds the parts in request order, `Content-ID: <response-…>`.
 */
export function registerBatchRoute(app: FastifyInstance, context: SandboxContext): void {
  app.post('/batch/calendar/v3', { config: { googleRoute: 'batch' } }, async (request, reply) => {
    const boundary = boundaryOf(request.headers['content-type']);
    if (boundary === null) return sendGoogleError(reply, 400, invalid('Batch requests must be multipart/mixed with a boundary.'));
    const text = typeof request.body === 'string' ? request.body : '';
    const parts = parseBatch(text, boundary);
    if ('problem' in parts) return sendGoogleError(reply, 400, invalid(parts.problem));
    if (parts.length === 0) return sendGoogleError(reply, 400, invalid('A batch request needs at least one part.'));
    if (parts.length > maxBatchCalls) return sendGoogleError(reply, 400, invalid(`Too many calls in one batch request: ${parts.length}, at most ${maxBatchCalls}.`));
    // "These HTTP requests must only contain the path portion of the URL; full URLs are not allowed in batch requests."
    if (parts.some((part) => !part.path.startsWith('/'))) return sendGoogleError(reply, 400, invalid('Full URLs are not allowed in batch requests: use the path only.'));

    const run = async (part: BatchPart): Promise<string> => {
      if (!part.path.startsWith('/calendar/v3/')) {
        // All the inner requests must go to the same Google API.
        return responsePart(part.contentId, 404, { 'Content-Type': 'application/json; charset=UTF-8' }, JSON.stringify(googleErrorBody(404, { domain: 'global', reason: 'notFound', message: 'Not Found' })));
      }
      const headers: Record<string, string> = {};
      for (const name of inheritedHeaders) {
        const value = request.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      Object.assign(headers, part.headers, { [batchItemHeader]: context.batchItemSecret });
      const response = await app.inject({
        method: part.method as 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
        url: part.path,
        headers,
        ...(part.body === '' ? {} : { payload: part.body }),
      });
      const out: Record<string, string> = {};
      for (const name of answeredHeaders) {
        const value = response.headers[name];
        if (typeof value === 'string') out[name === 'etag' ? 'ETag' : name === 'content-type' ? 'Content-Type' : 'WWW-Authenticate'] = value;
      }
      return responsePart(part.contentId, response.statusCode, out, response.payload);
    };

    const answers: string[] = new Array<string>(parts.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < parts.length) {
        const index = next;
        next += 1;
        const part = parts[index];
        if (part !== undefined) answers[index] = await run(part);
      }
    };
    await Promise.all(Array.from({ length: Math.min(batchParallelism, parts.length) }, worker));
    const answerBoundary = `batch_${randomBytes(9).toString('base64url')}`;
    const payload = `${answers.map((answer) => `--${answerBoundary}\r\n${answer}\r\n`).join('')}--${answerBoundary}--\r\n`;
    return reply.code(200).header('content-type', `multipart/mixed; boundary=${answerBoundary}`).send(payload);
  });
}

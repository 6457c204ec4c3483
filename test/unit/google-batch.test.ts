import { describe, expect, it } from 'vitest';
import { answersFor, boundaryOf, buildBatch, maxBatchParts, parseBatch, type BatchPart } from '../../server/connectors/google/batch.ts';
import { chunk } from '../../server/connectors/shared/slices.ts';

const parts: BatchPart[] = [
  { id: '1', method: 'GET', path: '/calendar/v3/calendars/primary', headers: { Authorization: 'Bearer a' } },
  {
    id: '2',
    method: 'POST',
    path: '/calendar/v3/calendars/primary/events?conferenceDataVersion=1',
    headers: { Authorization: 'Bearer b' },
    body: { summary: 'Séance', id: 'abc12' },
  },
];

/** A response as Google writes it (from the Calendar batch guide), parts out of order. */
const googleAnswer = [
  '--batch_xyz',
  'Content-Type: application/http',
  'Content-ID: <response-2>',
  '',
  'HTTP/1.1 409 Conflict',
  'Content-Type: application/json; charset=UTF-8',
  '',
  '{"error":{"errors":[{"domain":"global","reason":"duplicate","message":"The requested identifier already exists."}],"code":409,"message":"The requested identifier already exists."}}',
  '--batch_xyz',
  'Content-Type: application/http',
  'Content-ID: <response-1>',
  '',
  'HTTP/1.1 200 OK',
  'Content-Type: application/json; charset=UTF-8',
  'ETag: "3"',
  '',
  '{"id":"ana@example.com","timeZone":"Europe/Paris"}',
  '--batch_xyz--',
  '',
].join('\r\n');

describe('Google batch bodies', () => {
  it('writes one application/http part per call, with its Content-ID, its own headers and a JSON body', () => {
    const { contentType, body } = buildBatch(parts, 'batch_abc');
    expect(contentType).toBe('multipart/mixed; boundary=batch_abc');
    const payload = JSON.stringify({ summary: 'Séance', id: 'abc12' });
    expect(body).toBe(
      [
        '--batch_abc',
        'Content-Type: application/http',
        'Content-ID: <1>',
        '',
        'GET /calendar/v3/calendars/primary HTTP/1.1',
        'Authorization: Bearer a',
        '',
        '',
        '--batch_abc',
        'Content-Type: application/http',
        'Content-ID: <2>',
        '',
        'POST /calendar/v3/calendars/primary/events?conferenceDataVersion=1 HTTP/1.1',
        'Authorization: Bearer b',
        'Content-Type: application/json; charset=UTF-8',
        `Content-Length: ${Buffer.byteLength(payload)}`,
        '',
        payload,
        '--batch_abc--',
        '',
      ].join('\r\n'),
    );
  });

  it('refuses more than 1000 calls, duplicate ids, absolute URLs and an empty batch', () => {
    const many = Array.from({ length: maxBatchParts + 1 }, (_, i): BatchPart => ({ id: String(i), method: 'GET', path: '/x' }));
    expect(() => buildBatch(many, 'b')).toThrow(/at most 1000/);
    expect(() => buildBatch(many.slice(0, maxBatchParts), 'b')).not.toThrow();
    expect(() => buildBatch([parts[0] as BatchPart, parts[0] as BatchPart], 'b')).toThrow(/"1" comes twice/);
    expect(() => buildBatch([{ id: '1', method: 'GET', path: 'https://www.googleapis.com/x' }], 'b')).toThrow(/path must start/);
    expect(() => buildBatch([], 'b')).toThrow(/at least one/);
  });

  it('reads the boundary of a multipart/mixed answer, quoted or not', () => {
    expect(boundaryOf('multipart/mixed; boundary=batch_xyz')).toBe('batch_xyz');
    expect(boundaryOf('multipart/mixed; charset=UTF-8; boundary="batch x"')).toBe('batch x');
    expect(boundaryOf('application/json')).toBeNull();
    expect(boundaryOf(null)).toBeNull();
  });

  it('reads each part status, headers and JSON body and gives them back in request order by Content-ID', () => {
    const answers = parseBatch(googleAnswer, 'batch_xyz');
    expect(answers.map((a) => [a.id, a.status])).toEqual([
      ['2', 409],
      ['1', 200],
    ]);
    const [first, second] = answersFor(parts, answers);
    expect(first).toMatchObject({ status: 200, headers: { etag: '"3"' }, body: { timeZone: 'Europe/Paris' } });
    expect(second?.body).toMatchObject({ error: { errors: [{ reason: 'duplicate' }] } });
  });

  it('reads bare-LF answers, empty 204 bodies, and a part without a status line as unanswered', () => {
    const text = [
      '--b',
      'Content-Type: application/http',
      'Content-ID: <response-1>',
      '',
      'HTTP/1.1 204 No Content',
      '',
      '',
      '--b',
      'Content-Type: application/http',
      'Content-ID: <response-2>',
      '',
      'garbage',
      '--b--',
    ].join('\n');
    const answers = answersFor(parts, parseBatch(text, 'b'));
    expect(answers.map((a) => a?.status)).toEqual([204, 0]);
    expect(answers[0]?.body).toBeNull();
  });

  it('leaves a call Google did not answer undefined, and matches by position when no Content-ID came back', () => {
    const one = parseBatch(googleAnswer.replace(/--batch_xyz\r\nContent-Type: application\/http\r\nContent-ID: <response-1>[\s\S]*?(?=--batch_xyz--)/, ''), 'batch_xyz');
    expect(answersFor(parts, one).map((a) => a?.status)).toEqual([undefined, 409]);
    const anonymous = parseBatch(googleAnswer.replace(/Content-ID: <response-\d>\r\n/g, ''), 'batch_xyz');
    expect(answersFor(parts, anonymous).map((a) => a?.status)).toEqual([409, 200]);
  });

  it('splits 2500 calls into batches of 1000, 1000 and 500', () => {
    expect(chunk(Array.from({ length: 2500 }, (_, i) => i), maxBatchParts).map((c) => c.length)).toEqual([1000, 1000, 500]);
  });
});

/**
 * Google's batch endpoint (`POST /batch/calendar/v3`): googleapis has no helper,
 * so this builds and reads the `multipart/mixed` bodies. Each part is
 * `Content-Type: application/http` holding one HTTP request with a path-only
 * URL and its own headers (its own Authorization: one batch may act for many
 * impersonated people); the answer holds one HTTP response per part, which
 * Google names `Content-ID: <response-ID>` for the request's `<ID>`.
 * At most 1000 calls per batch, each counted against quota.
 */

export const maxBatchParts = 1000;

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface BatchPart {
  /** Unique in the batch: sent as the part's Content-ID. */
  id: string;
  method: Method;
  /** Path and query, no origin: "/calendar/v3/calendars/primary". */
  path: string;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
}

export interface BatchAnswer {
  /** The request part's id, from `Content-ID: <response-ID>`; null when the part named none. */
  id: string | null;
  status: number;
  /** Lower-cased names. */
  headers: Record<string, string>;
  /** Parsed JSON when the part said so, the text otherwise, null when empty. */
  body: unknown;
}

const crlf = '\r\n';

/** The request body and its Content-Type. `boundary` must not occur in any part (callers pass a random one). */
export function buildBatch(parts: readonly BatchPart[], boundary: string): { contentType: string; body: string } {
  if (parts.length === 0) throw new RangeError('a batch needs at least one part');
  if (parts.length > maxBatchParts) throw new RangeError(`a batch carries at most ${maxBatchParts} calls, got ${parts.length}`);
  if (!/^[A-Za-z0-9'()+_,./:=?-]{1,70}$/.test(boundary)) throw new RangeError(`not a usable multipart boundary: ${boundary}`);
  const ids = new Set<string>();
  const sections = parts.map((part) => {
    if (ids.has(part.id)) throw new RangeError(`batch part ids must be unique, "${part.id}" comes twice`);
    ids.add(part.id);
    if (!part.path.startsWith('/')) throw new RangeError(`batch part ${part.id}: path must start with "/", got ${part.path}`);
    const lines = [`${part.method} ${part.path} HTTP/1.1`];
    for (const [name, value] of Object.entries(part.headers ?? {})) lines.push(`${name}: ${value}`);
    let payload = '';
    if (part.body !== undefined) {
      payload = JSON.stringify(part.body);
      if (!Object.keys(part.headers ?? {}).some((h) => h.toLowerCase() === 'content-type')) {
        lines.push('Content-Type: application/json; charset=UTF-8');
      }
      lines.push(`Content-Length: ${Buffer.byteLength(payload, 'utf8')}`);
    }
    const request = `${lines.join(crlf)}${crlf}${crlf}${payload}`;
    if (request.includes(`--${boundary}`)) throw new RangeError(`batch part ${part.id} contains the boundary`);
    return `--${boundary}${crlf}Content-Type: application/http${crlf}Content-ID: <${part.id}>${crlf}${crlf}${request}${crlf}`;
  });
  return { contentType: `multipart/mixed; boundary=${boundary}`, body: `${sections.join('')}--${boundary}--${crlf}` };
}

/** The boundary parameter of a multipart Content-Type; null when there is none. */
export function boundaryOf(contentType: string | null): string | null {
  if (contentType === null || !/^\s*multipart\/mixed\s*;/i.test(contentType)) return null;
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2] ?? null;
}

/** Splits a header block ("Name: value" lines, folded lines joined) into lower-cased names. */
function readHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  let last: string | null = null;
  for (const line of block.split(/\r?\n/)) {
    if (line === '') continue;
    if (/^[ \t]/.test(line) && last !== null) {
      headers[last] = `${headers[last] ?? ''} ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    last = line.slice(0, colon).trim().toLowerCase();
    headers[last] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** Head and rest at the first empty line (CRLF or bare LF). */
function splitHead(text: string): [string, string] {
  const match = /\r?\n\r?\n/.exec(text);
  if (match === null) return [text, ''];
  return [text.slice(0, match.index), text.slice(match.index + match[0].length)];
}

function contentIdOf(value: string | undefined): string | null {
  if (value === undefined) return null;
  const bare = value.trim().replace(/^<|>$/g, '');
  return bare.startsWith('response-') ? bare.slice('response-'.length) : bare;
}

/**
 * The answers in a batch response body, in the order they came. A part that is
 * not an HTTP response (no status line) gets status 0, so its call counts as
 * unanswered rather than as a success.
 */
export function parseBatch(text: string, boundary: string): BatchAnswer[] {
  const delimiter = `--${boundary}`;
  const sections = text.split(delimiter).slice(1);
  const answers: BatchAnswer[] = [];
  for (const raw of sections) {
    if (raw.startsWith('--')) break;
    const section = raw.replace(/^[ \t]*\r?\n/, '').replace(/\r?\n$/, '');
    const [mimeHead, http] = splitHead(section);
    const mime = readHeaders(mimeHead);
    const id = contentIdOf(mime['content-id']);
    const [head, payload] = splitHead(http);
    const [statusLine = '', ...headerLines] = head.split(/\r?\n/);
    const status = /^HTTP\/\d(?:\.\d)?\s+(\d{3})\b/.exec(statusLine.trim());
    if (status?.[1] === undefined) {
      answers.push({ id, status: 0, headers: {}, body: null });
      continue;
    }
    const headers = readHeaders(headerLines.join('\n'));
    answers.push({ id, status: Number(status[1]), headers, body: readBody(payload, headers['content-type'] ?? '') });
  }
  return answers;
}

function readBody(payload: string, contentType: string): unknown {
  const trimmed = payload.trim();
  if (trimmed === '') return null;
  if (!/json/i.test(contentType)) return trimmed;
  try {
    return JSON.parse(trimmed);
  } catch {
    return trimmed;
  }
}

/**
 * One answer per part, in the parts' order: matched by Content-ID, else by
 * position when the response named none; undefined when Google left a part out.
 */
export function answersFor(parts: readonly BatchPart[], answers: readonly BatchAnswer[]): (BatchAnswer | undefined)[] {
  const named = answers.some((a) => a.id !== null);
  if (!named) return parts.map((_, i) => answers[i]);
  const byId = new Map(answers.filter((a) => a.id !== null).map((a) => [a.id, a]));
  return parts.map((part) => byId.get(part.id));
}

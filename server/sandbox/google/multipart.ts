/** One part of a batch request: its own headers and the HTTP request it carries. */
export interface BatchPart {
  contentId: string | null;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** The boundary of a `multipart/mixed` Content-Type, or null. */
export function boundaryOf(contentType: string | undefined): string | null {
  if (contentType === undefined || !/^multipart\/mixed\b/i.test(contentType.trim())) return null;
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2] ?? null;
}

function splitHead(text: string): { head: string[]; rest: string } {
  const at = text.search(/\r?\n\r?\n/);
  if (at < 0) return { head: text.split(/\r?\n/).filter((l) => l !== ''), rest: '' };
  const separator = /\r?\n\r?\n/.exec(text.slice(at))?.[0] ?? '\n\n';
  return { head: text.slice(0, at).split(/\r?\n/), rest: text.slice(at + separator.length) };
}

function headerMap(lines: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** The parts of a batch body, or the reason it cannot be read. */
export function parseBatch(body: string, boundary: string): BatchPart[] | { problem: string } {
  const delimiter = `--${boundary}`;
  const chunks = body.split(delimiter);
  if (chunks.length < 2) return { problem: 'No parts found for the given boundary.' };
  const parts: BatchPart[] = [];
  for (const chunk of chunks.slice(1)) {
    if (chunk.startsWith('--')) break;
    const trimmed = chunk.replace(/^\r?\n/, '').replace(/\r?\n$/, '');
    if (trimmed.trim() === '') continue;
    const outer = splitHead(trimmed);
    const outerHeaders = headerMap(outer.head);
    if (!/^application\/http\b/i.test(outerHeaders['content-type'] ?? '')) return { problem: 'Each part must have Content-Type: application/http.' };
    const inner = splitHead(outer.rest.replace(/^\s*\r?\n/, ''));
    const requestLine = inner.head[0] ?? '';
    const match = /^([A-Z]+)\s+(\S+)(?:\s+HTTP\/\d(?:\.\d)?)?$/.exec(requestLine.trim());
    if (match === null) return { problem: `A part does not hold an HTTP request: '${requestLine.slice(0, 80)}'.` };
    const rawId = outerHeaders['content-id'];
    parts.push({
      contentId: rawId === undefined ? null : rawId.replace(/^<|>$/g, ''),
      method: match[1] ?? 'GET',
      path: match[2] ?? '/',
      headers: headerMap(inner.head.slice(1)),
      body: inner.rest.replace(/\r?\n$/, ''),
    });
  }
  return parts;
}

const reasons: Record<number, string> = {
  200: 'OK', 204: 'No Content', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict',
  410: 'Gone', 412: 'Precondition Failed', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable',
};

/** One part of the batch answer, CRLF-delimited like Google's. */
export function responsePart(contentId: string | null, status: number, headers: Record<string, string>, body: string): string {
  const lines = ['Content-Type: application/http', ...(contentId === null ? [] : [`Content-ID: <response-${contentId}>`]), '', `HTTP/1.1 ${status} ${reasons[status] ?? ''}`.trimEnd()];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  lines.push(`Content-Length: ${Buffer.byteLength(body)}`, '', body);
  return lines.join('\r\n');
}

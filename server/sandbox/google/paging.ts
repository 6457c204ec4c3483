import { createHash } from 'node:crypto';

/**
 * Opaque page tokens: the offset of the next page and a digest of the query that
 * produced it, so that a token replayed with another query is refused.
 */
export function pageToken(offset: number, query: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify({ o: offset, q: queryDigest(query) })).toString('base64url');
}

/** The offset a page token stands for, 0 when absent, null when it is not one of ours or belongs to another query. */
export function pageOffset(token: string | undefined, query: Record<string, unknown>): number | null {
  if (token === undefined || token === '') return 0;
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown; q?: unknown };
    if (typeof parsed.o !== 'number' || !Number.isInteger(parsed.o) || parsed.o < 0 || parsed.q !== queryDigest(query)) return null;
    return parsed.o;
  } catch {
    return null;
  }
}

function queryDigest(query: Record<string, unknown>): string {
  const stable = Object.entries(query)
    .filter(([key]) => key !== 'pageToken' && key !== 'maxResults')
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return createHash('sha1').update(JSON.stringify(stable)).digest('base64url').slice(0, 12);
}

/** A whole-number parameter within [min, max]; `fallback` when absent; an error message otherwise. */
export function boundedInteger(raw: unknown, min: number, max: number, fallback: number): number | { bad: string } {
  if (raw === undefined) return fallback;
  const text = String(raw);
  const value = Number(text);
  if (!/^-?\d+$/.test(text) || value < min || value > max) return { bad: text };
  return value;
}

/** Cutting work into the pieces a provider accepts per call. */

export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`chunk size must be a positive integer, got ${size}`);
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

export interface Window {
  start: string;
  end: string;
}

/**
 * Consecutive windows of at most `maxWindowMs` covering `window`; `maxChunks` stops a
 * runaway split (far beyond any programme).
 */
export function splitWindow(window: Window, maxWindowMs: number, maxChunks: number): Window[] {
  const start = Date.parse(window.start);
  const end = Date.parse(window.end);
  if (!(start < end)) throw new RangeError(`availability window must end after it starts: ${window.start} .. ${window.end}`);
  const days = Math.round(maxWindowMs / 86_400_000);
  const chunks: Window[] = [];
  for (let from = start; from < end; from += maxWindowMs) {
    if (chunks.length >= maxChunks) throw new RangeError(`availability window longer than ${maxChunks} x ${days} days`);
    chunks.push({ start: new Date(from).toISOString(), end: new Date(Math.min(end, from + maxWindowMs)).toISOString() });
  }
  return chunks;
}

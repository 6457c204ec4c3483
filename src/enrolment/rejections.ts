import type { MessageParams } from '../model/schema.ts';
import type { RejectedRow } from './errors.ts';

/**
 * Rows refused for the same cause (same field, code and params), kept once
 * with the lines they sit on as inclusive ranges: a file of 100,000 copies of
 * one row is one group, not 100,000 rows.
 */
export interface RejectionGroup {
  field: string | null;
  code: string;
  params: MessageParams;
  /** Inclusive [first, last] line ranges, in line order. */
  lines: [number, number][];
  count: number;
}

/** Groups rows (sorted by line); groups come in the order of their first line. */
export function groupRejections(rows: readonly RejectedRow[]): RejectionGroup[] {
  const groups = new Map<string, RejectionGroup>();
  for (const row of rows) {
    // Field names and codes never hold NUL, and params are JSON: the key cannot be read two ways.
    const key = `${row.field ?? ''}\u0000${row.code}\u0000${JSON.stringify(row.params)}`;
    const group = groups.get(key);
    if (group === undefined) {
      groups.set(key, { field: row.field, code: row.code, params: row.params, lines: [[row.line, row.line]], count: 1 });
      continue;
    }
    const last = group.lines.at(-1);
    if (last !== undefined && row.line <= last[1] + 1) last[1] = Math.max(last[1], row.line);
    else group.lines.push([row.line, row.line]);
    group.count++;
  }
  return [...groups.values()];
}

/** The first `limit` rows of some groups, one per line, in line order, each beside its group. */
export function firstRows<G extends { lines: [number, number][] }>(groups: readonly G[], limit: number): { line: number; group: G }[] {
  const rows: { line: number; group: G }[] = [];
  for (const group of groups) {
    let taken = 0;
    for (const [first, last] of group.lines) {
      for (let line = first; line <= last && taken < limit; line++, taken++) rows.push({ line, group });
      if (taken >= limit) break;
    }
  }
  rows.sort((a, b) => a.line - b.line);
  return rows.slice(0, limit);
}

/** Groups as the store keeps them: JSON Lines, one group a line, so a page parses only its own groups. */
export function encodeRejectionGroups(groups: readonly RejectionGroup[]): string {
  return groups.map((g) => JSON.stringify(g)).join('\n');
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { everyRowCanBeMatched } from '../../src/matching/solver-cardinality.ts';

function adjacency(rows: number, columns: number, edges: readonly [number, number][]) {
  const byRow: number[][] = Array.from({ length: rows }, () => []);
  for (const [r, c] of edges) byRow[r]?.push(c);
  const start = new Int32Array(rows + 1);
  const adj = new Int32Array(2 * edges.length);
  let at = 0;
  byRow.forEach((cs, r) => {
    start[r] = at;
    for (const c of cs) {
      adj[2 * at] = c;
      at += 1;
    }
  });
  start[rows] = at;
  return { rows, columns, start, adj };
}

function kuhn(rows: number, columns: number, edges: readonly [number, number][]): number {
  const byRow: number[][] = Array.from({ length: rows }, () => []);
  for (const [r, c] of edges) byRow[r]?.push(c);
  const owner = new Array<number>(columns).fill(-1);
  const visit = (r: number, seen: Set<number>): boolean =>
    (byRow[r] ?? []).some((c) => {
      if (seen.has(c)) return false;
      seen.add(c);
      if ((owner[c] ?? -1) === -1 || visit(owner[c] ?? -1, seen)) {
        owner[c] = r;
        return true;
      }
      return false;
    });
  let matched = 0;
  for (let r = 0; r < rows; r++) if (visit(r, new Set())) matched += 1;
  return matched;
}

describe('everyRowCanBeMatched', () => {
  it('answers yes exactly when a matching covers every row', () => {
    const graphs = fc
      .record({ rows: fc.integer({ min: 0, max: 12 }), columns: fc.integer({ min: 1, max: 12 }) })
      .chain(({ rows, columns }) =>
        fc.record({
          rows: fc.constant(rows),
          columns: fc.constant(columns),
          edges: rows === 0 ? fc.constant<[number, number][]>([]) : fc.array(fc.tuple(fc.nat(rows - 1), fc.nat(columns - 1)), { maxLength: 40 }),
        }),
      );
    fc.assert(
      fc.property(graphs, ({ rows, columns, edges }) => {
        const expected = kuhn(rows, columns, edges) === rows ? 'yes' : 'no';
        expect(everyRowCanBeMatched(adjacency(rows, columns, edges), 1000)).toBe(expected);
      }),
      { numRuns: 500, seed: 7 },
    );
  });

  it('gives up with unknown when the verdict needs more phases than allowed', () => {
    // Row i prefers column i + 1, so the greedy start leaves the last row one long augmenting path away.
    const edges: [number, number][] = [];
    for (let i = 0; i < 6; i++) {
      if (i < 5) edges.push([i, i + 1]);
      edges.push([i, i]);
    }
    const graph = adjacency(6, 6, edges);
    expect(everyRowCanBeMatched(graph, 1000)).toBe('yes');
    expect(everyRowCanBeMatched(graph, 0)).toBe('unknown');
  });
});

import { describe, expect, it } from 'vitest';
import { everyRowCanBeMatched } from '../../src/matching/solver-cardinality.ts';
import { adjacency, cardinalityVerdictIsExact } from '../support/matching-properties.ts';

describe('everyRowCanBeMatched', () => {
  it('answers yes exactly when a matching covers every row', () => cardinalityVerdictIsExact.assert(cardinalityVerdictIsExact));

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

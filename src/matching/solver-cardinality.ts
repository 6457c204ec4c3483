/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed-array reads in these loops are in bounds by construction, and `??` would add a branch to every read */
/**
 * Can every row of a bipartite graph be matched? Hopcroft and Karp's phases on CSR
 * adjacency, after a greedy start. Used only to choose the assignment solver's start,
 * so it may give up: after `phaseCap` phases without a verdict it answers 'unknown'.
 */

/** Row r's neighbours are `adj[2k]` for start[r] <= k < start[r + 1] (odd slots hold costs, unused here). */
export interface RowAdjacency {
  rows: number;
  columns: number;
  start: Int32Array;
  adj: Int32Array;
}

export function everyRowCanBeMatched(graph: RowAdjacency, phaseCap: number): 'yes' | 'no' | 'unknown' {
  const { rows, columns, start, adj } = graph;
  const columnOfRow = new Int32Array(rows).fill(-1);
  const rowOfColumn = new Int32Array(columns).fill(-1);
  let freeCount = 0;
  for (let r = 0; r < rows; r++) {
    for (let k = 2 * start[r]!; k < 2 * start[r + 1]!; k += 2) {
      const c = adj[k]!;
      if (rowOfColumn[c]! < 0) {
        rowOfColumn[c] = r;
        columnOfRow[r] = c;
        break;
      }
    }
    if (columnOfRow[r]! < 0) freeCount++;
  }
  const layer = new Int32Array(rows);
  const queue = new Int32Array(rows);
  const cursor = new Int32Array(rows);
  const stack = new Int32Array(rows + 1);
  for (let phase = 0; freeCount > 0; phase++) {
    if (phase === phaseCap) return 'unknown';
    // Breadth-first layers of rows from all free rows along alternating paths.
    let head = 0;
    let tail = 0;
    layer.fill(-1);
    for (let r = 0; r < rows; r++) {
      if (columnOfRow[r]! < 0) {
        layer[r] = 0;
        queue[tail++] = r;
      }
    }
    let freeColumnLayer = -1;
    while (head < tail) {
      const r = queue[head++]!;
      if (freeColumnLayer >= 0 && layer[r]! >= freeColumnLayer) break;
      for (let k = 2 * start[r]!; k < 2 * start[r + 1]!; k += 2) {
        const owner = rowOfColumn[adj[k]!]!;
        if (owner < 0) {
          if (freeColumnLayer < 0) freeColumnLayer = layer[r]! + 1;
        } else if (layer[owner]! < 0) {
          layer[owner] = layer[r]! + 1;
          queue[tail++] = owner;
        }
      }
    }
    if (freeColumnLayer < 0) return 'no';
    // Depth-first along the layers from each free row; a dead row leaves its layer.
    for (let r = 0; r < rows; r++) cursor[r] = 2 * start[r]!;
    let augmented = 0;
    for (let f = 0; f < rows; f++) {
      if (columnOfRow[f]! >= 0 || layer[f] !== 0) continue;
      let depth = 0;
      stack[0] = f;
      while (depth >= 0) {
        const r = stack[depth]!;
        const to = 2 * start[r + 1]!;
        let moved = false;
        while (cursor[r]! < to) {
          const c = adj[cursor[r]!]!;
          cursor[r] = cursor[r]! + 2;
          const owner = rowOfColumn[c]!;
          if (owner < 0) {
            if (layer[r]! + 1 !== freeColumnLayer) continue;
            // Augment along the stack: each row takes the column its cursor last passed.
            for (let t = depth; t >= 0; t--) {
              const row = stack[t]!;
              const column = t === depth ? c : adj[cursor[row]! - 2]!;
              columnOfRow[row] = column;
              rowOfColumn[column] = row;
            }
            for (let t = 0; t <= depth; t++) layer[stack[t]!] = -1;
            augmented++;
            depth = -1;
            moved = true;
            break;
          }
          if (layer[owner] === layer[r]! + 1) {
            stack[++depth] = owner;
            moved = true;
            break;
          }
        }
        if (!moved) {
          layer[r] = -1;
          depth--;
        }
      }
    }
    freeCount -= augmented;
  }
  return 'yes';
}

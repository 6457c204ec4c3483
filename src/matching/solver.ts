/* eslint-disable @typescript-eslint/no-non-null-assertion -- the typed-array reads in these loops are in bounds by construction, and `??` would add a branch to every read of the hot path */
/**
 * Exact sparse assignment: the most pairs, then the highest total score.
 *
 * The smaller side becomes the "rows", the other the "columns". Each row also gets a
 * private dummy column at cost K, larger than any total real cost, so that every row
 * can always be assigned: a minimum-cost full-row assignment then uses as few dummies
 * as possible (most real pairs) and, among those, the cheapest real pairs. Costs are
 * `maxScore - score`, so minimising cost maximises score among equal cardinalities.
 *
 * With all rows assigned and only columns left free, shortest augmenting paths over
 * reduced costs (Jonker and Volgenant) are exact provided that, at the end, every free
 * column can sit at one common dual value at least as large as every assigned
 * column's (complementary slackness for "each column at most once"). Two starts:
 * - square (as many rows as real columns) and not proven short of a perfect matching
 *   by a quick Hopcroft-Karp check: JV's column reduction with reduction transfer, the
 *   strongest start; the end condition is checked, and should it fail (no perfect
 *   matching after all) the solve restarts with the other start;
 * - otherwise: all duals 0 and a greedy on tight edges, which keeps free columns at
 *   the largest dual throughout because assigned columns' duals only ever decrease.
 * Both then order each row's cheapest edges by reduced cost (duals only decrease from
 * there, so these values stay lower bounds that end every later scan of a row early),
 * go on with augmenting row reduction, then phases: one Dijkstra from all free rows at
 * once (CSR adjacency, lazy binary heap, stopping at the nearest free column) makes
 * every shortest augmenting path tight, then depth-first searches augment along as
 * many disjoint tight paths as they find. Costs and duals are integers, a small
 * multiple of K at most, so Float64 arithmetic stays exact while maxScore x (smaller
 * side + 1) is at most 2^50 (the caller's to check, as all validation).
 */

import { everyRowCanBeMatched } from './solver-cardinality.ts';

export interface AssignmentInstance {
  mentors: number;
  mentees: number;
  /** One entry per edge; scores are integers >= 1. Duplicate edges keep their best score. */
  edgeMentor: Int32Array;
  edgeMentee: Int32Array;
  edgeScore: Int32Array;
}

export interface AssignmentResult {
  pairs: number;
  score: number;
  /** The mentee paired with each mentor, -1 when the mentor is unmatched. */
  menteeOfMentor: Int32Array;
}

interface RowGraph {
  rows: number;
  /** Real columns are 0..columns-1; row r's dummy column is columns + r, at `dummyCost`. */
  columns: number;
  /** Row r's edges are `adj[2k]` (column) and `adj[2k + 1]` (cost) for start[r] <= k < start[r + 1]. */
  start: Int32Array;
  adj: Int32Array;
  dummyCost: number;
}

interface Assignment {
  columnOfRow: Int32Array;
  /** Cost of each row's assigned edge, so its dual is `assignedCost - v[column]` without a search. */
  assignedCost: Float64Array;
}

/** Hopcroft-Karp phases spent deciding the start before giving up on a verdict. */
const CARDINALITY_PHASE_CAP = 16;

/** Upper bound on augmenting-row-reduction steps per row: the step is a heuristic start, not needed for exactness. */
const ROW_REDUCTION_STEPS_PER_ROW = 8;

/** How many of each row's cheapest edges the searches get in order; random instances read about a dozen. */
const SORTED_PREFIX = 32;

/** Above this many free rows every phase runs from all of them and searches for many disjoint tight paths. */
const MANY_FREE_ROWS = 128;
/** Single-row phases between two probes from all free rows, doubled after each probe that finds one path. */
const FIRST_PROBE_AFTER = 4;

export function solveAssignment(instance: AssignmentInstance): AssignmentResult {
  const menteeOfMentor = new Int32Array(instance.mentors).fill(-1);
  const edges = instance.edgeScore.length;
  if (edges === 0 || instance.mentors === 0 || instance.mentees === 0) {
    return { pairs: 0, score: 0, menteeOfMentor };
  }
  let maxScore = 0;
  for (let e = 0; e < edges; e++) if (instance.edgeScore[e]! > maxScore) maxScore = instance.edgeScore[e]!;

  const transposed = instance.mentees < instance.mentors;
  const graph = buildRowGraph(instance, transposed, maxScore);
  // Column reduction only pays where every row will hold a real column; a quick
  // cardinality check keeps it from a square instance that is sure to fail it.
  const columnReductionFits = graph.rows === graph.columns && everyRowCanBeMatched(graph, CARDINALITY_PHASE_CAP) !== 'no';
  let result = assign(graph, columnReductionFits ? 'column-reduction' : 'zero-duals');
  if (result === null) result = assign(graph, 'zero-duals');
  if (result === null) throw new Error('the zero-duals start ended without an optimality certificate');
  const { columnOfRow, assignedCost } = result;

  let pairs = 0;
  let costSum = 0;
  for (let r = 0; r < graph.rows; r++) {
    const c = columnOfRow[r]!;
    if (c >= graph.columns) continue;
    pairs++;
    costSum += assignedCost[r]!;
    if (transposed) menteeOfMentor[c] = r;
    else menteeOfMentor[r] = c;
  }
  return { pairs, score: pairs * maxScore - costSum, menteeOfMentor };
}

function buildRowGraph(instance: AssignmentInstance, transposed: boolean, maxScore: number): RowGraph {
  const rows = transposed ? instance.mentees : instance.mentors;
  const columns = transposed ? instance.mentors : instance.mentees;
  const rowOf = transposed ? instance.edgeMentee : instance.edgeMentor;
  const columnOf = transposed ? instance.edgeMentor : instance.edgeMentee;
  const scores = instance.edgeScore;
  const edges = scores.length;

  const start = new Int32Array(rows + 1);
  for (let e = 0; e < edges; e++) start[rowOf[e]! + 1]!++;
  for (let r = 0; r < rows; r++) start[r + 1]! += start[r]!;
  const fill = start.slice(0, rows);
  const adj = new Int32Array(2 * edges);
  for (let e = 0; e < edges; e++) {
    const at = 2 * fill[rowOf[e]!]!++;
    adj[at] = columnOf[e]!;
    adj[at + 1] = maxScore - scores[e]!;
  }

  // Drop duplicate columns in place, keeping the cheapest; the write cursor never passes the read cursor.
  const seenBy = new Int32Array(columns).fill(-1);
  const seenAt = new Int32Array(columns);
  let write = 0;
  for (let r = 0; r < rows; r++) {
    const from = start[r]!;
    const to = start[r + 1]!;
    start[r] = write;
    for (let k = from; k < to; k++) {
      const c = adj[2 * k]!;
      const cost = adj[2 * k + 1]!;
      if (seenBy[c] === r) {
        const at = 2 * seenAt[c]! + 1;
        if (cost < adj[at]!) adj[at] = cost;
        continue;
      }
      seenBy[c] = r;
      seenAt[c] = write;
      adj[2 * write] = c;
      adj[2 * write + 1] = cost;
      write++;
    }
  }
  start[rows] = write;
  // Above any total of real costs (each below maxScore), so one more real pair always pays.
  const dummyCost = (maxScore - 1) * rows + 1;
  return { rows, columns, start, adj, dummyCost };
}

/**
 * A minimum-cost full-row assignment, or null when the column-reduction start ends
 * without the free-column condition that proves optimality.
 */
function assign(graph: RowGraph, startWith: 'column-reduction' | 'zero-duals'): Assignment | null {
  const { rows, columns } = graph;
  const allColumns = columns + rows;
  const columnOfRow = new Int32Array(rows).fill(-1);
  const rowOfColumn = new Int32Array(allColumns).fill(-1);
  const assignedCost = new Float64Array(rows);
  const v = new Float64Array(allColumns);
  const state: Assignment & { rowOfColumn: Int32Array; v: Float64Array } = { columnOfRow, assignedCost, rowOfColumn, v };

  const free = startWith === 'column-reduction' ? reduceColumns(graph, state) : greedyStart(graph, state);
  const bound = sortEdgesByReducedCost(graph, v);
  const stillFree = reduceRows(graph, bound, free, state);

  const search = new Search(graph, bound, state);
  let freeRows = stillFree;
  // A phase from all free rows pays while its depth-first searches augment several
  // paths; when they find one, a Dijkstra from all of them explores around every free
  // row to augment one. Then each phase runs from one free row alone, as Jonker and
  // Volgenant do, and augments along the Dijkstra's own path; a phase from all rows
  // still probes for more now and then, less often each time it finds one path.
  let lastFound = Number.POSITIVE_INFINITY;
  let sinceProbe = 0;
  let probeEvery = FIRST_PROBE_AFTER;
  while (freeRows.length > 0) {
    let left: Int32Array;
    if (freeRows.length > MANY_FREE_ROWS || lastFound >= 2 || sinceProbe >= probeEvery) {
      search.lowerDualsToShortestDistance(freeRows);
      left = search.augmentAlongTightPaths(freeRows);
      lastFound = freeRows.length - left.length;
      probeEvery = lastFound >= 2 ? FIRST_PROBE_AFTER : 2 * probeEvery;
      sinceProbe = 0;
    } else {
      search.lowerDualsToShortestDistance(freeRows.subarray(0, 1));
      left = search.augmentAlongShortestPath() === freeRows[0] ? freeRows.subarray(1) : freeRows;
      sinceProbe++;
    }
    if (left.length === freeRows.length) throw new Error('a phase of tight augmenting paths found none');
    freeRows = left;
  }
  return freeColumnsCanShareTheTopDual(graph, state) ? { columnOfRow, assignedCost } : null;
}

/**
 * Complementary slackness for "each column at most once": some common value t must be
 * the dual of every free column and at least every assigned column's. Free real columns
 * are fixed where they are; a free dummy can be raised up to its row's slack. When no
 * row holds a dummy, the dummies are not part of the answer and only real columns count.
 */
function freeColumnsCanShareTheTopDual(
  graph: RowGraph,
  state: Assignment & { rowOfColumn: Int32Array; v: Float64Array },
): boolean {
  const { rows, columns, dummyCost } = graph;
  const { columnOfRow, assignedCost, rowOfColumn, v } = state;
  let dummiesUsed = false;
  for (let r = 0; r < rows; r++) if (columnOfRow[r]! >= columns) dummiesUsed = true;
  const last = dummiesUsed ? columns + rows : columns;
  let topAssigned = -Infinity;
  let freeLow = Infinity;
  let freeHigh = -Infinity;
  for (let j = 0; j < last; j++) {
    if (rowOfColumn[j]! >= 0) {
      if (v[j]! > topAssigned) topAssigned = v[j]!;
    } else if (j < columns) {
      if (v[j]! < freeLow) freeLow = v[j]!;
      if (v[j]! > freeHigh) freeHigh = v[j]!;
    }
  }
  let t = topAssigned;
  if (freeHigh > -Infinity) {
    if (freeLow !== freeHigh || freeHigh < topAssigned) return false;
    t = freeHigh;
  }
  if (!dummiesUsed) return true;
  for (let r = 0; r < rows; r++) {
    const dummy = columns + r;
    if (rowOfColumn[dummy]! >= 0) continue;
    const u = assignedCost[r]! - v[columnOfRow[r]!]!;
    if (u + t > dummyCost) return false;
  }
  return true;
}

/** Assigns each row to a cheapest edge whose column is still free; with all duals 0 these edges are tight. */
function greedyStart(graph: RowGraph, state: Assignment & { rowOfColumn: Int32Array }): Int32Array {
  const { rows, columns, start, adj, dummyCost } = graph;
  const { columnOfRow, assignedCost, rowOfColumn } = state;
  const free = new Int32Array(rows);
  let freeCount = 0;
  for (let r = 0; r < rows; r++) {
    const from = 2 * start[r]!;
    const to = 2 * start[r + 1]!;
    let best = dummyCost;
    for (let k = from; k < to; k += 2) if (adj[k + 1]! < best) best = adj[k + 1]!;
    let chosen = best === dummyCost ? columns + r : -1;
    for (let k = from; k < to && chosen < 0; k += 2) {
      if (adj[k + 1] === best && rowOfColumn[adj[k]!]! < 0) chosen = adj[k]!;
    }
    if (chosen < 0) {
      free[freeCount++] = r;
      continue;
    }
    columnOfRow[r] = chosen;
    rowOfColumn[chosen] = r;
    assignedCost[r] = best;
  }
  return free.subarray(0, freeCount);
}

/**
 * Jonker and Volgenant's column reduction and reduction transfer: each real column's
 * dual is its cheapest cost and it goes to that row if the row has nothing cheaper;
 * a row chosen by exactly one column then passes its slack to that column's dual.
 */
function reduceColumns(graph: RowGraph, state: Assignment & { rowOfColumn: Int32Array; v: Float64Array }): Int32Array {
  const { rows, columns, start, adj, dummyCost } = graph;
  const { columnOfRow, assignedCost, rowOfColumn, v } = state;
  const cheapestRow = new Int32Array(columns).fill(-1);
  v.fill(Infinity, 0, columns);
  for (let r = 0; r < rows; r++) {
    for (let k = 2 * start[r]!; k < 2 * start[r + 1]!; k += 2) {
      const c = adj[k]!;
      if (adj[k + 1]! < v[c]!) {
        v[c] = adj[k + 1]!;
        cheapestRow[c] = r;
      }
    }
  }
  const chosenBy = new Int32Array(rows);
  for (let c = columns - 1; c >= 0; c--) {
    const r = cheapestRow[c]!;
    if (r < 0) {
      v[c] = 0;
      continue;
    }
    if (chosenBy[r]!++ === 0) {
      columnOfRow[r] = c;
      rowOfColumn[c] = r;
    } else if (v[c]! < v[columnOfRow[r]!]!) {
      rowOfColumn[columnOfRow[r]!] = -1;
      columnOfRow[r] = c;
      rowOfColumn[c] = r;
    }
  }
  const free = new Int32Array(rows);
  let freeCount = 0;
  for (let r = 0; r < rows; r++) {
    const own = columnOfRow[r]!;
    if (own < 0) {
      free[freeCount++] = r;
      continue;
    }
    assignedCost[r] = v[own]!;
    if (chosenBy[r] !== 1) continue;
    let slack = dummyCost - v[columns + r]!;
    for (let k = 2 * start[r]!; k < 2 * start[r + 1]!; k += 2) {
      const c = adj[k]!;
      if (c !== own && adj[k + 1]! - v[c]! < slack) slack = adj[k + 1]! - v[c]!;
    }
    v[own] = v[own]! - slack;
  }
  return free.subarray(0, freeCount);
}

/**
 * Augmenting row reduction (Jonker and Volgenant): a free row takes its best column,
 * lowering that column's dual by the gap to its second best so that the edge stays
 * tight, and evicts the previous holder. Only assigned columns' duals move, and only
 * down, so free columns keep whatever dual the start gave them.
 */
function reduceRows(
  graph: RowGraph,
  bound: Float64Array,
  free: Int32Array,
  state: Assignment & { rowOfColumn: Int32Array; v: Float64Array },
): Int32Array {
  const { rows, columns, start, adj, dummyCost } = graph;
  const { columnOfRow, assignedCost, rowOfColumn, v } = state;
  const queue = new Int32Array(rows * (ROW_REDUCTION_STEPS_PER_ROW + 1) + free.length);
  queue.set(free);
  let head = 0;
  let tail = free.length;
  let budget = rows * ROW_REDUCTION_STEPS_PER_ROW;
  const left: number[] = [];
  while (head < tail) {
    const i = queue[head++]!;
    if (budget-- <= 0) {
      left.push(i);
      continue;
    }
    const dummy = columns + i;
    let u1 = dummyCost - v[dummy]!;
    let j1 = dummy;
    let c1 = dummyCost;
    let u2 = Infinity;
    let j2 = -1;
    let c2 = 0;
    const to = start[i + 1]!;
    for (let e = start[i]!; e < to && bound[e]! < u2; e++) {
      const j = adj[2 * e]!;
      const h = adj[2 * e + 1]! - v[j]!;
      if (h >= u2) continue;
      if (h < u1) {
        u2 = u1;
        j2 = j1;
        c2 = c1;
        u1 = h;
        j1 = j;
        c1 = adj[2 * e + 1]!;
      } else {
        u2 = h;
        j2 = j;
        c2 = adj[2 * e + 1]!;
      }
    }
    let target = j1;
    let targetCost = c1;
    let evicted = rowOfColumn[j1]!;
    if (u1 < u2) {
      // A row whose only edge is its dummy has no second best, and no rival either.
      if (j2 >= 0) v[j1] = v[j1]! - (u2 - u1);
    } else if (evicted >= 0) {
      target = j2;
      targetCost = c2;
      evicted = rowOfColumn[j2]!;
    }
    columnOfRow[i] = target;
    rowOfColumn[target] = i;
    assignedCost[i] = targetCost;
    if (evicted >= 0) {
      columnOfRow[evicted] = -1;
      queue[tail++] = evicted;
    }
  }
  return Int32Array.from(left);
}

/**
 * The phases after the start, in the manner of Hopcroft and Karp on reduced costs:
 * one Dijkstra from all free rows at once finds the length D of the shortest
 * augmenting path and lowers the duals of the columns it settled so that every
 * shortest path becomes tight; then a depth-first search from each free row augments
 * along vertex-disjoint tight paths, as many as it finds. A free row's dual is left
 * implicit (its cheapest reduced cost): the Dijkstra starts each free row at 0 from its
 * cheapest edge, which keeps every dual constraint when only tight paths are augmented.
 *
 * Column duals only ever decrease, so an edge's `cost - v[column]` when the search
 * starts stays a lower bound on it for the rest of the solve. Each row's edges are
 * sorted by that bound once, and a row's edges are relaxed only while their bound
 * can still beat the next heap entry: the rest wait behind one heap entry for the row,
 * at the bound of its next edge, and most are never read when the search stops at the
 * nearest free column. The same bound ends the scans for a free row's dual and for
 * tight edges early.
 */
class Search {
  private readonly graph: RowGraph;
  private readonly state: Assignment & { rowOfColumn: Int32Array; v: Float64Array };
  /** Per edge, in adjacency order: a lower bound on `cost - v[column]`, non-decreasing within each row. */
  private readonly bound: Float64Array;
  /** Tentative distance plus dual per column, so that a failed relaxation reads one column-indexed array. */
  private readonly dv: Float64Array;
  private readonly touched: Int32Array;
  private readonly scanned: Int32Array;
  private readonly scannedDistance: Float64Array;
  /** Holds columns (their index) and rows waiting to relax their next edges (columns + rows + row). */
  private readonly heap: LazyHeap;
  /** Per row reached by the current Dijkstra: its distance minus its dual, and its next edge to relax. */
  private readonly rowBase: Float64Array;
  private readonly rowNext: Int32Array;
  /** Shortest-path tree of the last Dijkstra: the row whose edge gave each column its distance, and that edge's cost. */
  private readonly predRow: Int32Array;
  private readonly predCost: Float64Array;
  /** The free column the last Dijkstra found nearest, -1 if none. */
  private nearestFree = -1;
  /** Phase stamp per column for the depth-first searches. */
  private readonly visited: Int32Array;
  private readonly stackRow: Int32Array;
  private readonly stackCursor: Int32Array;
  private readonly stackDual: Float64Array;
  private readonly stackColumn: Int32Array;
  private readonly stackCost: Float64Array;
  private phase = 0;

  constructor(graph: RowGraph, bound: Float64Array, state: Assignment & { rowOfColumn: Int32Array; v: Float64Array }) {
    this.graph = graph;
    this.state = state;
    const allColumns = graph.columns + graph.rows;
    const edges = graph.start[graph.rows]!;
    this.bound = bound;
    this.dv = new Float64Array(allColumns).fill(Infinity);
    this.touched = new Int32Array(allColumns);
    this.scanned = new Int32Array(allColumns);
    this.scannedDistance = new Float64Array(allColumns);
    this.heap = new LazyHeap(edges + 2 * graph.rows + 1);
    this.rowBase = new Float64Array(graph.rows);
    this.rowNext = new Int32Array(graph.rows);
    this.visited = new Int32Array(allColumns).fill(-1);
    this.predRow = new Int32Array(allColumns);
    this.predCost = new Float64Array(allColumns);
    this.stackRow = new Int32Array(graph.rows + 1);
    this.stackCursor = new Int32Array(graph.rows + 1);
    this.stackDual = new Float64Array(graph.rows + 1);
    this.stackColumn = new Int32Array(graph.rows + 1);
    this.stackCost = new Float64Array(graph.rows + 1);
  }

  /** The implicit dual of a free row: its cheapest reduced cost, its dummy included. */
  private freeRowDual(r: number): number {
    const { columns, start, adj, dummyCost } = this.graph;
    const { v } = this.state;
    const bound = this.bound;
    let u = dummyCost - v[columns + r]!;
    const to = start[r + 1]!;
    for (let e = start[r]!; e < to && bound[e]! < u; e++) {
      const h = adj[2 * e + 1]! - v[adj[2 * e]!]!;
      if (h < u) u = h;
    }
    return u;
  }

  lowerDualsToShortestDistance(freeRows: Int32Array): void {
    const { rows, columns, start, adj, dummyCost } = this.graph;
    const { assignedCost, rowOfColumn, v } = this.state;
    const { bound, dv, touched, scanned, scannedDistance, heap, rowBase, rowNext, predRow, predCost } = this;
    const waiting = columns + rows;
    heap.clear();
    let nearest = -1;
    let touchedCount = 0;
    let scannedCount = 0;
    let shortest = Infinity;

    const relaxDummy = (i: number, base: number): void => {
      const dummy = columns + i;
      const through = base + dummyCost;
      if (through >= dv[dummy]!) return;
      if (dv[dummy] === Infinity) touched[touchedCount++] = dummy;
      dv[dummy] = through;
      predRow[dummy] = i;
      predCost[dummy] = dummyCost;
      const dc = through - v[dummy]!;
      if (rowOfColumn[dummy]! >= 0) heap.push(dc, dummy);
      else if (dc < shortest) {
        shortest = dc;
        nearest = dummy;
      }
    };

    for (const i of freeRows) {
      const base = -this.freeRowDual(i);
      relaxDummy(i, base);
      if (start[i]! < start[i + 1]!) {
        rowBase[i] = base;
        rowNext[i] = start[i]!;
        heap.push(base + bound[start[i]!]!, waiting + i);
      }
    }
    while (heap.size > 0 && heap.topKey() < shortest) {
      const key = heap.topKey();
      const entry = heap.pop();
      let i: number;
      let e: number;
      let base: number;
      if (entry >= waiting) {
        i = entry - waiting;
        e = rowNext[i]!;
        base = rowBase[i]!;
      } else {
        if (key !== dv[entry]! - v[entry]!) continue;
        scanned[scannedCount] = entry;
        scannedDistance[scannedCount++] = key;
        i = rowOfColumn[entry]!;
        e = start[i]!;
        base = key - (assignedCost[i]! - v[entry]!);
        relaxDummy(i, base);
      }
      const to = start[i + 1]!;
      for (; e < to; e++) {
        const least = base + bound[e]!;
        if (least >= shortest) break;
        if (least > key && heap.size > 0 && least >= heap.topKey()) {
          rowBase[i] = base;
          rowNext[i] = e;
          heap.push(least, waiting + i);
          break;
        }
        const c = adj[2 * e]!;
        const cost = adj[2 * e + 1]!;
        const through = base + cost;
        if (through >= dv[c]!) continue;
        if (dv[c] === Infinity) touched[touchedCount++] = c;
        dv[c] = through;
        predRow[c] = i;
        predCost[c] = cost;
        const dc = through - v[c]!;
        if (rowOfColumn[c]! >= 0) heap.push(dc, c);
        else if (dc < shortest) {
          shortest = dc;
          nearest = c;
        }
      }
    }
    for (let t = 0; t < scannedCount; t++) {
      const j = scanned[t]!;
      v[j] = v[j]! + scannedDistance[t]! - shortest;
    }
    for (let t = 0; t < touchedCount; t++) dv[touched[t]!] = Infinity;
    this.nearestFree = nearest;
  }

  /**
   * Augments along the last Dijkstra's own path to the nearest free column, which the
   * lowered duals make tight, without a depth-first search. Returns the free row the
   * path starts from.
   */
  augmentAlongShortestPath(): number {
    const { columnOfRow, assignedCost, rowOfColumn } = this.state;
    let c = this.nearestFree;
    if (c < 0) return -1;
    for (;;) {
      const r = this.predRow[c]!;
      const previous = columnOfRow[r]!;
      columnOfRow[r] = c;
      rowOfColumn[c] = r;
      assignedCost[r] = this.predCost[c]!;
      if (previous < 0) return r;
      c = previous;
    }
  }

  /** Returns the rows still free after this phase's augmentations. */
  augmentAlongTightPaths(freeRows: Int32Array): Int32Array {
    const left = new Int32Array(freeRows.length);
    let leftCount = 0;
    this.phase++;
    for (const f of freeRows) if (!this.augmentFrom(f)) left[leftCount++] = f;
    return left.subarray(0, leftCount);
  }

  private augmentFrom(f: number): boolean {
    const { columns, start, adj, dummyCost } = this.graph;
    const { columnOfRow, assignedCost, rowOfColumn, v } = this.state;
    const { bound, visited, stackRow, stackCursor, stackDual, stackColumn, stackCost, phase } = this;
    let depth = 0;
    stackRow[0] = f;
    stackCursor[0] = start[f]!;
    stackDual[0] = this.freeRowDual(f);
    while (depth >= 0) {
      const r = stackRow[depth]!;
      const u = stackDual[depth]!;
      const to = start[r + 1]!;
      let e = stackCursor[depth]!;
      let descended = false;
      // e === to stands for the row's dummy column; an edge whose bound exceeds u, and every later one, cannot be tight.
      for (; e <= to; e++) {
        if (e < to && bound[e]! > u) e = to;
        const c = e < to ? adj[2 * e]! : columns + r;
        const cost = e < to ? adj[2 * e + 1]! : dummyCost;
        if (visited[c] === phase || cost - v[c]! !== u) continue;
        visited[c] = phase;
        stackColumn[depth] = c;
        stackCost[depth] = cost;
        const owner = rowOfColumn[c]!;
        if (owner < 0) {
          for (let t = 0; t <= depth; t++) {
            const row = stackRow[t]!;
            const column = stackColumn[t]!;
            columnOfRow[row] = column;
            rowOfColumn[column] = row;
            assignedCost[row] = stackCost[t]!;
          }
          return true;
        }
        stackCursor[depth] = e + 1;
        depth++;
        stackRow[depth] = owner;
        stackCursor[depth] = start[owner]!;
        stackDual[depth] = assignedCost[owner]! - v[c]!;
        descended = true;
        break;
      }
      if (!descended) depth--;
    }
    return false;
  }
}

/**
 * Orders each row's edges by `cost - v[column]` as far as the searches are likely to
 * read them, and returns a lower bound per edge, non-decreasing within each row: the
 * row's `SORTED_PREFIX` cheapest edges come first, sorted, each with its own value;
 * the others follow in any order, all bounded by the cheapest of them.
 */
function sortEdgesByReducedCost(graph: RowGraph, v: Float64Array): Float64Array {
  const { rows, start, adj } = graph;
  const bound = new Float64Array(start[rows]!);
  for (let e = 0; e < bound.length; e++) bound[e] = adj[2 * e + 1]! - v[adj[2 * e]!]!;
  for (let r = 0; r < rows; r++) {
    const from = start[r]!;
    const to = start[r + 1]!;
    const prefixEnd = Math.min(to, from + SORTED_PREFIX);
    if (prefixEnd < to) {
      selectSmallest(adj, bound, from, to - 1, prefixEnd);
      const rest = bound[prefixEnd]!;
      for (let e = prefixEnd + 1; e < to; e++) bound[e] = rest;
    }
    sortPrefix(adj, bound, from, prefixEnd);
  }
  return bound;
}

/** Swaps edge a and edge b of the adjacency, with their values. */
function swapEdges(adj: Int32Array, value: Float64Array, a: number, b: number): void {
  const h = value[a]!;
  value[a] = value[b]!;
  value[b] = h;
  const c = adj[2 * a]!;
  adj[2 * a] = adj[2 * b]!;
  adj[2 * b] = c;
  const cost = adj[2 * a + 1]!;
  adj[2 * a + 1] = adj[2 * b + 1]!;
  adj[2 * b + 1] = cost;
}

/** Rearranges edges left..right (inclusive) so that edge k holds the smallest value but k - left, smaller values before it and larger after. */
function selectSmallest(adj: Int32Array, value: Float64Array, left: number, right: number, k: number): void {
  let low = left;
  let high = right;
  while (high > low) {
    const pivot = value[(low + high) >> 1]!;
    let i = low;
    let j = high;
    while (i <= j) {
      while (value[i]! < pivot) i++;
      while (value[j]! > pivot) j--;
      if (i <= j) {
        swapEdges(adj, value, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) high = j;
    else if (k >= i) low = i;
    else return;
  }
}

/** Insertion sort of edges from..to-1 by value: the prefix is short. */
function sortPrefix(adj: Int32Array, value: Float64Array, from: number, to: number): void {
  for (let i = from + 1; i < to; i++) {
    const key = value[i]!;
    if (value[i - 1]! <= key) continue;
    const c = adj[2 * i]!;
    const cost = adj[2 * i + 1]!;
    let j = i - 1;
    while (j >= from && value[j]! > key) {
      value[j + 1] = value[j]!;
      adj[2 * j + 2] = adj[2 * j]!;
      adj[2 * j + 3] = adj[2 * j + 1]!;
      j--;
    }
    value[j + 1] = key;
    adj[2 * j + 2] = c;
    adj[2 * j + 3] = cost;
  }
}

/** A binary min-heap of (key, column) with lazy deletion: stale entries are skipped by the caller. */
class LazyHeap {
  private readonly keys: Float64Array;
  private readonly values: Int32Array;
  size = 0;

  constructor(capacity: number) {
    this.keys = new Float64Array(capacity);
    this.values = new Int32Array(capacity);
  }

  clear(): void {
    this.size = 0;
  }

  topKey(): number {
    return this.keys[0]!;
  }

  push(key: number, value: number): void {
    const keys = this.keys;
    const values = this.values;
    let at = this.size++;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      const pk = keys[parent]!;
      if (pk <= key) break;
      keys[at] = pk;
      values[at] = values[parent]!;
      at = parent;
    }
    keys[at] = key;
    values[at] = value;
  }

  pop(): number {
    const keys = this.keys;
    const values = this.values;
    const top = values[0]!;
    const last = --this.size;
    if (last === 0) return top;
    const key = keys[last]!;
    const value = values[last]!;
    let at = 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= last) break;
      if (child + 1 < last && keys[child + 1]! < keys[child]!) child++;
      if (keys[child]! >= key) break;
      keys[at] = keys[child]!;
      values[at] = values[child]!;
      at = child;
    }
    keys[at] = key;
    values[at] = value;
    return top;
  }
}

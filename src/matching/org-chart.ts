import type { Person } from '../model/schema.ts';

/**
 * The management tree, flattened once into Euler-tour intervals so that
 * "is one above the other" is two comparisons: matching asks it for every
 * mentor and mentee pair, hundreds of thousands of times.
 *
 * Directories are not always trees. A manager id nobody has makes that person
 * a top of the chart; a cycle (A manages B manages A) is cut into a chain, so
 * everyone in the cycle stays in one reporting line, above the people any of
 * them manages.
 */
export class OrgChart {
  private readonly index = new Map<string, number>();
  private readonly parent: Int32Array;
  private readonly enter: Int32Array;
  private readonly leave: Int32Array;
  private readonly levels: Int32Array;
  private readonly idsByIndex: string[];

  constructor(people: readonly Pick<Person, 'id' | 'managerId'>[]) {
    for (const p of people) if (!this.index.has(p.id)) this.index.set(p.id, this.index.size);
    this.idsByIndex = [...this.index.keys()];
    const n = this.index.size;
    this.parent = new Int32Array(n).fill(-1);
    for (const p of people) {
      const self = this.index.get(p.id) ?? -1;
      const manager = p.managerId === null ? undefined : this.index.get(p.managerId);
      if (manager !== undefined && manager !== self && this.parent[self] === -1) this.parent[self] = manager;
    }
    this.cutCycles();
    this.enter = new Int32Array(n);
    this.leave = new Int32Array(n);
    this.levels = new Int32Array(n);
    this.tour();
  }

  /** True when one manages the other, directly or through any number of levels (or both are the same person). */
  sameReportingLine(aId: string, bId: string): boolean {
    return this.sameReportingLineAt(this.indexOf(aId), this.indexOf(bId));
  }

  /** Position of a person in the chart, -1 when unknown: lets hot loops skip the id lookup. */
  indexOf(id: string): number {
    return this.index.get(id) ?? -1;
  }

  sameReportingLineAt(a: number, b: number): boolean {
    if (a < 0 || b < 0) return false;
    return this.contains(a, b) || this.contains(b, a);
  }

  /** How many levels `aboveId` sits over `belowId` in one chain; null when neither is in the other's chain that way. */
  levelsAbove(aboveId: string, belowId: string): number | null {
    const above = this.index.get(aboveId);
    const below = this.index.get(belowId);
    if (above === undefined || below === undefined || !this.contains(above, below)) return null;
    return (this.levels[below] ?? 0) - (this.levels[above] ?? 0);
  }

  /** Distance to the top of the chart (0 at the top); null for an unknown id. */
  depth(id: string): number | null {
    const i = this.index.get(id);
    return i === undefined ? null : (this.levels[i] ?? 0);
  }

  /** The manager kept in the chart (null at the top, or where a cycle was cut). */
  managerOf(id: string): string | null {
    const i = this.index.get(id);
    if (i === undefined) return null;
    const m = this.parent[i] ?? -1;
    return m === -1 ? null : (this.idsByIndex[m] ?? null);
  }

  private contains(above: number, below: number): boolean {
    return (this.enter[above] ?? 0) <= (this.enter[below] ?? 0) && (this.leave[below] ?? 0) <= (this.leave[above] ?? 0);
  }

  private cutCycles(): void {
    const n = this.parent.length;
    const state = new Uint8Array(n); // 0 unseen, 1 on the current walk, 2 settled
    // For a member of a cycle, the member left at the bottom once the cycle is cut; -1 elsewhere.
    const bottomOfCycle = new Int32Array(n).fill(-1);
    const walk: number[] = [];
    for (let start = 0; start < n; start++) {
      let at = start;
      while (at !== -1 && state[at] === 0) {
        state[at] = 1;
        walk.push(at);
        at = this.parent[at] ?? -1;
      }
      if (at !== -1 && state[at] === 1) {
        const last = walk[walk.length - 1] ?? -1;
        this.parent[last] = -1;
        for (let k = walk.indexOf(at); k < walk.length; k++) bottomOfCycle[walk[k] ?? 0] = at;
      }
      for (const w of walk) state[w] = 2;
      walk.length = 0;
    }
    // Everyone in a cycle manages everyone below any of them: hang those reports under the cut chain's bottom.
    for (let i = 0; i < n; i++) {
      const p = this.parent[i] ?? -1;
      if (p !== -1 && bottomOfCycle[i] === -1 && bottomOfCycle[p] !== -1) this.parent[i] = bottomOfCycle[p] ?? p;
    }
  }

  private tour(): void {
    const n = this.parent.length;
    const firstChild = new Int32Array(n).fill(-1);
    const nextSibling = new Int32Array(n).fill(-1);
    for (let i = n - 1; i >= 0; i--) {
      const p = this.parent[i] ?? -1;
      if (p !== -1) {
        nextSibling[i] = firstChild[p] ?? -1;
        firstChild[p] = i;
      }
    }
    let clock = 0;
    const stack: number[] = [];
    const cursor = Int32Array.from(firstChild);
    for (let root = 0; root < n; root++) {
      if (this.parent[root] !== -1) continue;
      this.levels[root] = 0;
      this.enter[root] = clock++;
      stack.push(root);
      // Iterative depth-first walk: a deep chain must not overflow the call stack.
      while (stack.length > 0) {
        const top = stack[stack.length - 1] ?? -1;
        const child = cursor[top] ?? -1;
        if (child === -1) {
          this.leave[top] = clock++;
          stack.pop();
          continue;
        }
        cursor[top] = nextSibling[child] ?? -1;
        this.levels[child] = (this.levels[top] ?? 0) + 1;
        this.enter[child] = clock++;
        stack.push(child);
      }
    }
  }
}

export function buildOrgChart(people: readonly Pick<Person, 'id' | 'managerId'>[]): OrgChart {
  return new OrgChart(people);
}

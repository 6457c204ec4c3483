/** Request counts by endpoint label, plus the two totals the reports compare. */
export class RequestCounters {
  static readonly roundTrips = 'total HTTP round trips';
  static readonly operations = 'total Graph operations';
  private readonly counts = new Map<string, number>();

  add(label: string, n = 1): void {
    this.counts.set(label, (this.counts.get(label) ?? 0) + n);
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
}

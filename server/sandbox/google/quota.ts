const windowMs = 10 * 60 * 1000;

/**
 * A per-user request budget over a sliding 10-minute window (the `throttle` knob):
 * Calendar's "per calendar or per authenticated user" rate limit.
 */
export class UserQuota {
  private readonly admitted = new Map<string, number[]>();

  admit(userId: string, budget: number, now: number): boolean {
    const times = (this.admitted.get(userId) ?? []).filter((t) => t > now - windowMs);
    this.admitted.set(userId, times);
    if (times.length >= budget) return false;
    times.push(now);
    return true;
  }
}

export const defaultPerMailboxPer10Min = 10_000;
const windowMs = 10 * 60 * 1000;

/**
 * Outlook's per app-and-mailbox budget: a sliding window of 10 minutes. A request over
 * budget is refused (and not counted) with the time until the oldest admitted one leaves.
 */
export class MailboxThrottle {
  private readonly admitted = new Map<string, number[]>();

  admit(mailboxId: string, budget: number, now: number): { ok: true } | { ok: false; retryAfterSeconds: number } {
    let times = this.admitted.get(mailboxId);
    if (times === undefined) {
      times = [];
      this.admitted.set(mailboxId, times);
    }
    let expired = 0;
    while (expired < times.length && (times[expired] ?? 0) <= now - windowMs) expired += 1;
    if (expired > 0) times.splice(0, expired);
    if (times.length >= budget) {
      const oldest = times[0] ?? now;
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + windowMs - now) / 1000)) };
    }
    times.push(now);
    return { ok: true };
  }

  reset(): void {
    this.admitted.clear();
  }
}

import { seededRandom } from '../../src/model/seeded-random.ts';

export type InjectedFault =
  | { kind: 'none' }
  | { kind: 'throttle'; retryAfterSeconds: number }
  /** Refused before anything happened. */
  | { kind: 'unavailable' }
  /** Answered 504 after the request was applied: the client cannot know it worked. */
  | { kind: 'timeoutAfterApply' };

export interface FaultRates {
  rate429?: number;
  rate5xx?: number;
  dropEvery?: number;
}

/** Decides, per Graph operation, whether a fault knob fires; and which round trips lose their connection. */
export class FaultPlan {
  private random: () => number;
  private roundTrips = 0;

  constructor(seed: number) {
    this.random = seededRandom(seed);
  }

  reseed(seed: number): void {
    this.random = seededRandom(seed);
    this.roundTrips = 0;
  }

  forOperation(rates: FaultRates): InjectedFault {
    const draw = this.random();
    const rate429 = rates.rate429 ?? 0;
    const rate5xx = rates.rate5xx ?? 0;
    if (draw < rate429) return { kind: 'throttle', retryAfterSeconds: Math.round((0.2 + this.random() * 1.8) * 1000) / 1000 };
    if (draw < rate429 + rate5xx) return this.random() < 0.5 ? { kind: 'unavailable' } : { kind: 'timeoutAfterApply' };
    return { kind: 'none' };
  }

  /** For each HTTP round trip: null, or when to cut the connection (before or after applying the request). */
  forRoundTrip(rates: FaultRates): 'before' | 'after' | null {
    this.roundTrips += 1;
    const every = rates.dropEvery ?? 0;
    if (every <= 0 || this.roundTrips % every !== 0) return null;
    return this.random() < 0.5 ? 'before' : 'after';
  }

  /** A seeded shuffle, so that batch responses come back out of order. */
  shuffle<T>(items: T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i -= 1) {
      const j = Math.floor(this.random() * (i + 1));
      const a = copy[i] as T;
      copy[i] = copy[j] as T;
      copy[j] = a;
    }
    return copy;
  }
}

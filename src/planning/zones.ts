import { Temporal } from 'temporal-polyfill';
import type { Interval } from '../model/schema.ts';

/**
 * Converts local wall-clock times of one zone to instants, inside a bounded window,
 * without calling Temporal per conversion: the zone's offset transitions inside the
 * window are read from Temporal once, and the offset is constant between them.
 */
export interface ZoneClock {
  /** The instant (epoch ms) of a local wall-clock time given as ms since 1970-01-01T00:00 local. */
  toInstant(localMs: number): number;
  /** The offset (ms, east positive) in force at an instant. */
  offsetAt(epochMs: number): number;
  /** The offsets over the window, flat: [from0, offset0, from1, offset1, ...] in ms, from0 = -Infinity. */
  readonly offsets: Float64Array;
}

/** Far above any real zone's transitions in a planning window; stops a runaway loop. */
const maxTransitions = 512;

export function zoneClock(timeZone: string, window: Interval): ZoneClock {
  const starts: number[] = [Number.NEGATIVE_INFINITY];
  const offsets: number[] = [];
  let cursor = Temporal.Instant.fromEpochMilliseconds(window.start).toZonedDateTimeISO(timeZone);
  offsets.push(cursor.offsetNanoseconds / 1e6);
  for (let i = 0; i < maxTransitions; i++) {
    const next = cursor.getTimeZoneTransition('next');
    if (next === null || next.epochMilliseconds > window.end) break;
    starts.push(next.epochMilliseconds);
    offsets.push(next.offsetNanoseconds / 1e6);
    cursor = next;
  }
  starts.push(Number.POSITIVE_INFINITY);
  const segments = offsets.length;

  function offsetAt(epochMs: number): number {
    for (let i = segments - 1; i > 0; i--) {
      if (epochMs >= (starts[i] as number)) return offsets[i] as number;
    }
    return offsets[0] as number;
  }

  function toInstant(localMs: number): number {
    // Temporal's 'compatible' disambiguation: the earlier instant in a repeated hour,
    // and a skipped wall time moves forward by the length of the gap.
    for (let i = 0; i < segments; i++) {
      const candidate = localMs - (offsets[i] as number);
      if (candidate >= (starts[i] as number) && candidate < (starts[i + 1] as number)) return candidate;
    }
    for (let i = 1; i < segments; i++) {
      const before = localMs - (offsets[i - 1] as number);
      if (before >= (starts[i] as number) && localMs - (offsets[i] as number) < (starts[i] as number)) return before;
    }
    return localMs - (offsets[0] as number);
  }

  const flat = new Float64Array(2 * segments);
  for (let i = 0; i < segments; i++) {
    flat[2 * i] = starts[i] as number;
    flat[2 * i + 1] = offsets[i] as number;
  }
  return { toInstant, offsetAt, offsets: flat };
}

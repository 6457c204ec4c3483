import { Temporal } from 'temporal-polyfill';
import { findIana } from 'windows-iana';
import type { Interval } from '../model/schema.ts';

/**
 * CLDR still maps Windows zones to some pre-rename IANA ids; they work, but people
 * and other providers use the current spelling, and pairs are compared by zone id.
 */
const renamedZones: Readonly<Record<string, string>> = {
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'America/Godthab': 'America/Nuuk',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
};

function temporalZoneId(name: string): string | null {
  try {
    return Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(name).timeZoneId;
  } catch {
    return null;
  }
}

/**
 * An IANA zone id for a zone name as a provider reports it: an IANA id (validated,
 * canonical casing), a Windows name ("Romance Standard Time" -> "Europe/Paris"), or a
 * fixed offset ("+05:30"). Null when the name is unknown.
 */
export function toIanaZone(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return null;
  const iana = temporalZoneId(trimmed);
  if (iana !== null) return renamedZones[iana] ?? iana;
  return windowsZoneToIana(trimmed);
}

/**
 * Windows zones whose CLDR "001" zone (in the windows-iana tables) has since moved
 * to other rules while the Windows zone kept its own: Kazakhstan went to +5 in March
 * 2024, "Central Asia Standard Time" stays +6 with Bishkek; Chihuahua left "Mountain
 * Standard Time (Mexico)" in 2022, Mazatlán stays at -7.
 */
const windowsZonesMovedOn: Readonly<Record<string, string>> = {
  'Central Asia Standard Time': 'Asia/Bishkek',
  'Mountain Standard Time (Mexico)': 'America/Mazatlan',
};

/** The IANA zone that keeps a Windows zone's current rules; null for a name Windows does not have. */
export function windowsZoneToIana(windowsName: string): string | null {
  const iana = windowsZonesMovedOn[windowsName] ?? findIana(windowsName, '001')[0] ?? findIana(windowsName)[0];
  return iana === undefined ? null : temporalZoneId(renamedZones[iana] ?? iana);
}

/** Fixed offsets beyond these do not exist on Earth; Temporal would accept up to ±23:59. */
const maxOffsetMinutes = 14 * 60;

/**
 * A fixed-offset zone id ("+05:30", "-03:00") for a UTC offset in minutes, east of
 * Greenwich positive. Null when it is not a whole number of minutes within ±14:00.
 */
export function offsetZoneId(utcOffsetMinutes: number): string | null {
  if (!Number.isInteger(utcOffsetMinutes) || Math.abs(utcOffsetMinutes) > maxOffsetMinutes) return null;
  const sign = utcOffsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(utcOffsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${sign}${hh}:${mm}`;
}

/**
 * The zone of a Windows / Graph custom time zone `bias` (minutes to ADD to local time
 * to get UTC, so Paris in winter is -60). Daylight rules of a custom zone are ignored:
 * the standard offset is the best fixed approximation.
 */
export function windowsBiasZoneId(biasMinutes: number): string | null {
  return offsetZoneId(-biasMinutes);
}

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

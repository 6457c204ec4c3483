import { Temporal } from 'temporal-polyfill';
import { WINDOWS_TO_IANA_MAP, findWindows } from 'windows-iana';
import { windowsZoneToIana } from '../time-zones/windows.ts';

/** Resolves a zone name as Graph accepts it (UTC, a Windows name or an IANA name) to IANA; null if unknown. */
export function resolveZone(name: string): string | null {
  if (name.toUpperCase() === 'UTC') return 'UTC';
  const fromWindows = windowsZoneToIana(name);
  if (fromWindows !== null) return fromWindows;
  try {
    return Temporal.Now.zonedDateTimeISO(name).timeZoneId;
  } catch {
    return null;
  }
}

const windowsNames = [...new Set(WINDOWS_TO_IANA_MAP.map((entry) => entry.windowsName))];
const windowsNameCache = new Map<string, string | null>();

/**
 * The Windows name Graph reports in mailbox settings for an IANA zone; null when
 * none keeps its rules. Graph clients read a Windows name back through the CLDR
 * table, so the name must come back as a zone with the same offsets: Bishkek is
 * not Almaty since 2024, Ojinaga keeps US Central time since 2022, and Kyiv is
 * missing from the table under its current spelling.
 */
export function windowsZoneOf(iana: string): string | null {
  if (iana === 'UTC' || iana === 'Etc/UTC') return 'UTC';
  const cached = windowsNameCache.get(iana);
  if (cached !== undefined) return cached;
  const candidates = [...findWindows(iana), ...windowsNames];
  const found = candidates.find((name) => {
    const back = windowsZoneToIana(name);
    return back !== null && sameRules(iana, back);
  });
  windowsNameCache.set(iana, found ?? null);
  return found ?? null;
}

/** Offsets compared over the years cohorts are planned in. */
const rulesFrom = Temporal.Instant.from('2025-01-01T00:00:00Z');
const rulesUntil = Temporal.Instant.from('2036-01-01T00:00:00Z');

function sameRules(a: string, b: string): boolean {
  if (a === b) return true;
  let x = rulesFrom.toZonedDateTimeISO(a);
  let y = rulesFrom.toZonedDateTimeISO(b);
  for (;;) {
    if (x.offsetNanoseconds !== y.offsetNanoseconds) return false;
    const nextX = x.getTimeZoneTransition('next');
    const nextY = y.getTimeZoneTransition('next');
    const endX = nextX === null || Temporal.Instant.compare(nextX.toInstant(), rulesUntil) > 0;
    const endY = nextY === null || Temporal.Instant.compare(nextY.toInstant(), rulesUntil) > 0;
    if (endX || endY) return endX && endY;
    if (nextX === null || nextY === null || !nextX.toInstant().equals(nextY.toInstant())) return false;
    x = nextX;
    y = nextY;
  }
}

const graphDateTime = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?)(Z|[+-]\d{2}:\d{2})?$/;

/**
 * Reads a Graph dateTimeTimeZone: a local wall time in `zone`, or, when the string
 * carries an offset or Z, that instant. Null when unreadable.
 */
export function parseGraphDateTime(dateTime: string, ianaZone: string): number | null {
  const match = graphDateTime.exec(dateTime);
  if (match === null || match[1] === undefined) return null;
  try {
    if (match[2] !== undefined) return Temporal.Instant.from(`${match[1]}${match[2]}`).epochMilliseconds;
    return Temporal.PlainDateTime.from(match[1]).toZonedDateTime(ianaZone, { disambiguation: 'compatible' })
      .epochMilliseconds;
  } catch {
    return null;
  }
}

/** Formats an instant the way Graph writes dateTimeTimeZone.dateTime: wall time, seven fractional digits. */
export function formatGraphDateTime(epochMs: number, ianaZone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(epochMs)
    .toZonedDateTimeISO(ianaZone)
    .toPlainDateTime()
    .toString({ fractionalSecondDigits: 7 });
}

/** Reads an ISO instant with an offset, or a bare local time taken as UTC (calendarView's rule). */
export function parseQueryInstant(value: string): number | null {
  return parseGraphDateTime(value, 'UTC');
}

/** A zone named in `Prefer: outlook.timezone="…"`, resolved; null when absent or unknown. */
export function preferredZone(prefer: string | string[] | undefined): { name: string; iana: string } | null {
  const header = Array.isArray(prefer) ? prefer.join(',') : prefer;
  if (header === undefined) return null;
  const match = /outlook\.timezone\s*=\s*"([^"]+)"/i.exec(header);
  if (match === null || match[1] === undefined) return null;
  const iana = resolveZone(match[1]);
  return iana === null ? null : { name: match[1], iana };
}

import { Temporal } from 'temporal-polyfill';
import { findIana, findWindows } from 'windows-iana';

/** Resolves a zone name as Graph accepts it (UTC, a Windows name or an IANA name) to IANA; null if unknown. */
export function resolveZone(name: string): string | null {
  if (name.toUpperCase() === 'UTC') return 'UTC';
  const fromWindows = findIana(name)[0];
  if (fromWindows !== undefined) return fromWindows;
  try {
    return Temporal.Now.zonedDateTimeISO(name).timeZoneId;
  } catch {
    return null;
  }
}

/** The Windows name Graph reports in mailbox settings for an IANA zone; null when none maps. */
export function windowsZoneOf(iana: string): string | null {
  if (iana === 'UTC' || iana === 'Etc/UTC') return 'UTC';
  return findWindows(iana)[0] ?? null;
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

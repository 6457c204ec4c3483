import { Temporal } from 'temporal-polyfill';

const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
const local = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/;

/** An RFC 3339 instant with its offset (what Google requires of timeMin/timeMax); null otherwise. */
export function parseInstant(text: string): number | null {
  if (!rfc3339.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

/** An IANA zone Google Calendar knows; null otherwise. */
export function ianaZone(name: string): string | null {
  try {
    return Temporal.Now.zonedDateTimeISO(name).timeZoneId;
  } catch {
    return null;
  }
}

/** An event's `start`/`end` `dateTime`: with an offset, or a local time read in `timeZone`. */
export function parseEventDateTime(dateTime: string, timeZone: string | undefined): number | null {
  const withOffset = parseInstant(dateTime);
  if (withOffset !== null) return withOffset;
  if (timeZone === undefined || !local.test(dateTime)) return null;
  const zone = ianaZone(timeZone);
  if (zone === null) return null;
  try {
    return Temporal.PlainDateTime.from(dateTime).toZonedDateTime(zone, { disambiguation: 'compatible' }).epochMilliseconds;
  } catch {
    return null;
  }
}

/** An instant as Google writes an event time: in the event's zone with its offset, `Z` for UTC. */
export function formatInZone(ms: number, zone: string): string {
  const zoned = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone);
  if (zoned.offsetNanoseconds === 0 && (zone === 'UTC' || zone === 'Etc/UTC')) return `${new Date(ms).toISOString().slice(0, 19)}Z`;
  return zoned.toString({ timeZoneName: 'never', smallestUnit: 'second' });
}

/** Google's timestamp form for created/updated and free/busy answers. */
export function utcStamp(ms: number): string {
  return new Date(ms).toISOString();
}

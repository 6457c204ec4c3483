import { Temporal } from 'temporal-polyfill';
import type { DateTimeTimeZone } from './schema.ts';
import { zoneFromName } from './zones.ts';

/** Graph's dateTimeTimeZone for a UTC ISO instant. */
export function toGraphDateTime(iso: string): { dateTime: string; timeZone: 'UTC' } {
  const instant = Temporal.Instant.from(iso);
  return { dateTime: instant.toZonedDateTimeISO('UTC').toPlainDateTime().toString({ smallestUnit: 'second' }), timeZone: 'UTC' };
}

/**
 * A UTC ISO instant from Graph's dateTimeTimeZone ("2027-01-04T09:00:00.0000000"
 * in "UTC", or in a Windows / IANA zone when the Prefer header was not honoured).
 */
export function fromGraphDateTime(value: DateTimeTimeZone): string {
  const local = Temporal.PlainDateTime.from(value.dateTime.replace(/Z$/, '').replace(/(\.\d{1,9})\d*$/, '$1'));
  const zoneName = value.timeZone ?? 'UTC';
  const zone = /^(utc|etc\/utc|gmt)$/i.test(zoneName) ? 'UTC' : zoneFromName(zoneName);
  if (zone === null) throw new RangeError(`unknown time zone ${zoneName} on Graph dateTime ${value.dateTime}`);
  return local.toZonedDateTime(zone).toInstant().toString({ smallestUnit: 'second' });
}

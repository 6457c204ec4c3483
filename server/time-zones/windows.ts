import { Temporal } from 'temporal-polyfill';
import { findIana } from 'windows-iana';

/**
 * Zone names as providers spell them (Graph: Windows names, custom zones given by a
 * bias; both: IANA ids, any casing) read into the IANA ids the core works with. The
 * core speaks IANA only; this is the edge where the other spellings end.
 */

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

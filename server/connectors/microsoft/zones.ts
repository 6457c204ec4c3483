import { Temporal } from 'temporal-polyfill';
import { WINDOWS_TO_IANA_MAP } from 'windows-iana';
import { toIanaZone } from '../../time-zones/windows.ts';

/**
 * Graph speaks Windows zone names ("Romance Standard Time"), sometimes IANA
 * names, and for odd mailboxes a `customTimeZone` with raw rules. Binome speaks
 * IANA names or, when no IANA zone fits, fixed UTC offsets ("+05:30"), which
 * Temporal accepts as zones.
 */

const weekdayNumbers: Record<string, number> = {
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
  sunday: 7,
};

export interface TransitionRule {
  time?: string | null;
  dayOccurrence?: number | null;
  dayOfWeek?: string | null;
  month?: number | null;
  year?: number | null;
}

export interface CustomTimeZone {
  bias?: number | null;
  name?: string | null;
  standardOffset?: TransitionRule | null;
  daylightOffset?: (TransitionRule & { daylightBias?: number | null }) | null;
}

/** The zone for a Windows or IANA name; null when neither. */
export function zoneFromName(name: string): string | null {
  return toIanaZone(name);
}

/** "+05:30" for 330 minutes east of UTC. */
export function offsetZone(minutesEast: number): string {
  const sign = minutesEast < 0 ? '-' : '+';
  const abs = Math.abs(minutesEast);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${sign}${hh}:${mm}`;
}

/**
 * Canonical IANA candidates, one per Windows zone, tried in a stable order: plain
 * Windows names ("Pacific Standard Time") before regional variants ("… (Mexico)").
 */
const candidateZones: readonly string[] = [
  ...new Set(
    Object.values(WINDOWS_TO_IANA_MAP)
      .filter((entry) => entry.territory === '001')
      .sort((a, b) => Number(a.windowsName.includes('(')) - Number(b.windowsName.includes('(')))
      .flatMap((entry) => entry.iana.slice(0, 1)),
  ),
];

/** The local date-time of a yearly rule ("2nd Sunday of March at 02:00") in `year`. */
function ruleDateTime(rule: TransitionRule, year: number): Temporal.PlainDateTime | null {
  const month = rule.month ?? 0;
  const weekday = weekdayNumbers[(rule.dayOfWeek ?? '').toLowerCase()];
  const occurrence = rule.dayOccurrence ?? 0;
  if (month < 1 || month > 12 || weekday === undefined || occurrence < 1 || occurrence > 5) return null;
  const [hh = 0, mm = 0] = (rule.time ?? '00:00').split(':').map(Number);
  const first = Temporal.PlainDate.from({ year, month, day: 1 });
  let day = first.add({ days: (weekday - first.dayOfWeek + 7) % 7 }).add({ weeks: occurrence - 1 });
  // Occurrence 5 means "the last one", which may be the 4th.
  while (day.month !== month) day = day.subtract({ weeks: 1 });
  return day.toPlainDateTime({ hour: hh, minute: mm });
}

function offsetMinutesAt(zone: string, instant: Temporal.Instant): number {
  return Math.round(instant.toZonedDateTimeISO(zone).offsetNanoseconds / 60_000_000_000);
}

/**
 * The zone for a Graph `customTimeZone`. Graph's samples use the Windows sign
 * convention (UTC = local + bias, so Pacific is bias 480) although the resource
 * page words it the other way; we follow the samples and Outlook's data. Without
 * daylight saving it is a fixed offset; with it, the first IANA zone whose offsets
 * agree a day either side of both transitions in `year`, else the standard offset.
 */
export function zoneFromCustom(custom: CustomTimeZone, year: number): string {
  const standardEast = -(custom.bias ?? 0);
  const daylight = custom.daylightOffset;
  const daylightEast = standardEast - (daylight?.daylightBias ?? 0);
  const toDaylight = daylight ? ruleDateTime(daylight, year) : null;
  const toStandard = custom.standardOffset ? ruleDateTime(custom.standardOffset, year) : null;
  if (daylightEast === standardEast || toDaylight === null || toStandard === null) return offsetZone(standardEast);
  const checks: { at: Temporal.Instant; east: number }[] = [
    { at: toDaylight.subtract({ days: 1 }), east: standardEast },
    { at: toDaylight.add({ days: 1 }), east: daylightEast },
    { at: toStandard.subtract({ days: 1 }), east: daylightEast },
    { at: toStandard.add({ days: 1 }), east: standardEast },
  ].map(({ at, east }) => ({ at: at.toZonedDateTime(offsetZone(east)).toInstant(), east }));
  const match = candidateZones.find((zone) => checks.every(({ at, east }) => offsetMinutesAt(zone, at) === east));
  return (match === undefined ? null : toIanaZone(match)) ?? offsetZone(standardEast);
}

/** A Graph `timeZone` object: `{ name }` or a customTimeZone. */
export interface GraphTimeZone extends CustomTimeZone {
  '@odata.type'?: string | null;
}

export function zoneFromGraph(zone: GraphTimeZone, year: number): string | null {
  const isCustom = zone['@odata.type'] === '#microsoft.graph.customTimeZone' || typeof zone.bias === 'number';
  if (isCustom) return zoneFromCustom(zone, year);
  return zone.name ? zoneFromName(zone.name) : null;
}

import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Temporal } from 'temporal-polyfill';
import { FaultPlan } from '../../server/sandbox/faults.ts';
import { BINOME_PROPERTY_ID, binomeTagOf, canonicalPropertyId } from '../../server/sandbox/microsoft/extended-property.ts';
import { MailboxThrottle } from '../../server/sandbox/microsoft/throttle.ts';
import { Journal } from '../../server/sandbox/journal.ts';
import { isoWeekOf, mondayOfIsoWeek } from '../../server/sandbox/page/calendar-page.ts';
import { formatGraphDateTime, parseGraphDateTime, resolveZone, windowsZoneOf } from '../../server/sandbox/zones.ts';
import { toIanaZone } from '../../server/time-zones/windows.ts';

describe('sandbox time zones', () => {
  it('accepts UTC, Windows and IANA names and refuses the rest', () => {
    expect(resolveZone('UTC')).toBe('UTC');
    expect(resolveZone('Romance Standard Time')).toBe('Europe/Paris');
    expect(resolveZone('Asia/Kathmandu')).toBe('Asia/Kathmandu');
    expect(resolveZone('Mars/Olympus')).toBeNull();
    expect(windowsZoneOf('Europe/Paris')).toBe('Romance Standard Time');
  });

  it('reports a Windows name that Graph clients read back as a zone with the same offsets', () => {
    const offsets = (zone: string) =>
      ['2027-01-15', '2027-04-15', '2027-07-15', '2027-10-15', '2027-11-15'].map(
        (day) => Temporal.Instant.from(`${day}T12:00:00Z`).toZonedDateTimeISO(zone).offset,
      );
    for (const zone of ['Asia/Bishkek', 'America/Mazatlan', 'America/Ojinaga', 'Europe/Kyiv', 'Asia/Urumqi', 'America/Scoresbysund', 'Pacific/Kanton']) {
      const windows = windowsZoneOf(zone);
      const back = windows === null ? null : toIanaZone(windows);
      expect(back === null ? null : offsets(back), `${zone} -> ${windows} -> ${back}`).toEqual(offsets(zone));
    }
  });

  it('reads wall times in their zone across a daylight-saving change and writes seven fractional digits', () => {
    expect(parseGraphDateTime('2027-03-26T09:00:00', 'Europe/Paris')).toBe(Date.parse('2027-03-26T08:00:00Z'));
    expect(parseGraphDateTime('2027-03-29T09:00:00.0000000', 'Europe/Paris')).toBe(Date.parse('2027-03-29T07:00:00Z'));
    expect(parseGraphDateTime('2027-03-29T09:00:00Z', 'Europe/Paris')).toBe(Date.parse('2027-03-29T09:00:00Z'));
    expect(formatGraphDateTime(Date.parse('2027-01-04T08:00:00Z'), 'Europe/Paris')).toBe('2027-01-04T09:00:00.0000000');
    expect(parseGraphDateTime('tomorrow', 'UTC')).toBeNull();
  });
});

describe('sandbox journal', () => {
  it('drops a torn last line and keeps appending on a clean line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'binome-journal-'));
    const path = join(dir, 'journal.jsonl');
    try {
      const journal = new Journal<{ n: number }>(path);
      journal.append({ n: 1 });
      journal.close();
      appendFileSync(path, '{"n":');
      const reopened = new Journal<{ n: number }>(path);
      expect(reopened.replay()).toEqual([{ n: 1 }]);
      reopened.append({ n: 2 });
      reopened.close();
      expect(readFileSync(path, 'utf8')).toBe('{"n":1}\n{"n":2}\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('sandbox throttle', () => {
  it('refuses past the budget until the oldest request leaves the ten-minute window', () => {
    const throttle = new MailboxThrottle();
    const t0 = Date.parse('2027-01-04T09:00:00Z');
    expect(throttle.admit('m', 2, t0).ok).toBe(true);
    expect(throttle.admit('m', 2, t0 + 1000).ok).toBe(true);
    expect(throttle.admit('m', 2, t0 + 2000)).toEqual({ ok: false, retryAfterSeconds: 598 });
    expect(throttle.admit('other', 2, t0 + 2000).ok).toBe(true);
    expect(throttle.admit('m', 2, t0 + 600_000).ok).toBe(true);
  });
});

describe('sandbox faults', () => {
  it('replays the same faults for the same seed and request order', () => {
    const draw = (seed: number) => {
      const plan = new FaultPlan(seed);
      return Array.from({ length: 50 }, () => plan.forOperation({ rate429: 0.2, rate5xx: 0.1 }).kind);
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    const plan = new FaultPlan(1);
    const drops = Array.from({ length: 10 }, () => plan.forRoundTrip({ dropEvery: 5 }));
    expect(drops.filter((d) => d !== null)).toHaveLength(2);
    expect(drops[4]).not.toBeNull();
  });
});

describe('Binome extended property', () => {
  it('matches ids with any case in the type and GUID but not in the name, and reads the tag', () => {
    expect(canonicalPropertyId('string {66F5A359-4659-4830-9070-00047EC6AC6E} Name binome')).toBe(canonicalPropertyId(BINOME_PROPERTY_ID));
    expect(canonicalPropertyId('String {66f5a359-4659-4830-9070-00047ec6ac6e} Name Binome')).not.toBe(canonicalPropertyId(BINOME_PROPERTY_ID));
    expect(canonicalPropertyId('nonsense')).toBeNull();
    expect(binomeTagOf([{ id: BINOME_PROPERTY_ID, value: '{"cohortId":"c","pairId":"p","session":3}' }])).toEqual({ cohortId: 'c', pairId: 'p', session: 3 });
    expect(binomeTagOf([{ id: BINOME_PROPERTY_ID, value: 'not json' }])).toBeNull();
  });
});

describe('calendar page weeks', () => {
  it('finds the Monday of ISO weeks, including week 53 and the first week of a year', () => {
    expect(mondayOfIsoWeek('2027-W01')?.toString()).toBe('2027-01-04');
    expect(mondayOfIsoWeek('2026-W53')?.toString()).toBe('2026-12-28');
    expect(mondayOfIsoWeek('2027-W53')).toBeNull();
    const monday = mondayOfIsoWeek('2027-W02');
    expect(monday === null ? null : isoWeekOf(monday)).toBe('2027-W02');
  });
});

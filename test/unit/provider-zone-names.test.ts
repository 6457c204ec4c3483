import { describe, it, expect } from 'vitest';
import { Temporal } from 'temporal-polyfill';
import { offsetZoneId, toIanaZone, windowsBiasZoneId } from '../../server/time-zones/windows.ts';

describe('toIanaZone', () => {
  it('maps Windows zone names to the IANA zone of their main territory', () => {
    expect(toIanaZone('Romance Standard Time')).toBe('Europe/Paris');
    expect(toIanaZone('Eastern Standard Time')).toBe('America/New_York');
    expect(toIanaZone('GMT Standard Time')).toBe('Europe/London');
    expect(toIanaZone('Singapore Standard Time')).toBe('Asia/Singapore');
    expect(toIanaZone('AUS Eastern Standard Time')).toBe('Australia/Sydney');
    expect(toIanaZone('Pacific Standard Time')).toBe('America/Los_Angeles');
  });

  it('gives the current IANA spelling where CLDR still uses a renamed zone', () => {
    expect(toIanaZone('India Standard Time')).toBe('Asia/Kolkata');
    expect(toIanaZone('Nepal Standard Time')).toBe('Asia/Kathmandu');
    expect(toIanaZone('Asia/Calcutta')).toBe('Asia/Kolkata');
  });

  it('keeps the current rules of Windows zones whose CLDR main zone has since moved', () => {
    // Almaty joined +5 in 2024 and Chihuahua -6 in 2022; the Windows zones stayed at +6 and -7.
    expect(toIanaZone('Central Asia Standard Time')).toBe('Asia/Bishkek');
    expect(toIanaZone('Mountain Standard Time (Mexico)')).toBe('America/Mazatlan');
  });

  it('accepts IANA names, in any letter case, and returns them in canonical case', () => {
    expect(toIanaZone('Europe/Paris')).toBe('Europe/Paris');
    expect(toIanaZone('america/toronto')).toBe('America/Toronto');
    expect(toIanaZone(' Asia/Kathmandu ')).toBe('Asia/Kathmandu');
    expect(toIanaZone('UTC')).toBe('UTC');
  });

  it('accepts fixed offsets', () => {
    expect(toIanaZone('+05:30')).toBe('+05:30');
  });

  it('returns null for names that are neither IANA nor Windows zones', () => {
    expect(toIanaZone('Mars/Olympus_Mons')).toBeNull();
    expect(toIanaZone('Romance Time')).toBeNull();
    expect(toIanaZone('')).toBeNull();
  });
});

describe('offsetZoneId', () => {
  it('writes a UTC offset in minutes as a fixed-offset zone Temporal accepts', () => {
    expect(offsetZoneId(330)).toBe('+05:30');
    expect(offsetZoneId(-180)).toBe('-03:00');
    expect(offsetZoneId(0)).toBe('+00:00');
    expect(offsetZoneId(345)).toBe('+05:45');
    const zoned = Temporal.Instant.from('2027-03-01T00:00:00Z').toZonedDateTimeISO(offsetZoneId(330) ?? 'UTC');
    expect(zoned.toPlainTime().toString()).toBe('05:30:00');
  });

  it('refuses offsets beyond fourteen hours or with fractions of a minute', () => {
    expect(offsetZoneId(15 * 60)).toBeNull();
    expect(offsetZoneId(30.5)).toBeNull();
  });

  it('reads a Windows bias, which counts minutes west of Greenwich', () => {
    expect(windowsBiasZoneId(-60)).toBe('+01:00');
    expect(windowsBiasZoneId(300)).toBe('-05:00');
    expect(windowsBiasZoneId(-330)).toBe('+05:30');
  });
});

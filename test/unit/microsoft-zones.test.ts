import { describe, expect, it } from 'vitest';
import { offsetZone, zoneFromCustom, zoneFromGraph, zoneFromName } from '../../server/connectors/microsoft/zones.ts';

describe('Microsoft zone mapping', () => {
  it('maps Windows zone names to IANA zones', () => {
    expect(zoneFromName('Romance Standard Time')).toBe('Europe/Paris');
    expect(zoneFromName('Pacific Standard Time')).toBe('America/Los_Angeles');
    expect(zoneFromName('UTC')).toBe('UTC');
    expect(zoneFromName('India Standard Time')).toBe('Asia/Kolkata');
  });

  it('passes IANA names through and refuses unknown names', () => {
    expect(zoneFromName('Asia/Kathmandu')).toBe('Asia/Kathmandu');
    expect(zoneFromName('Nowhere Standard Time')).toBeNull();
    expect(zoneFromName('')).toBeNull();
  });

  it('writes fixed offsets the way Temporal reads them', () => {
    expect(offsetZone(330)).toBe('+05:30');
    expect(offsetZone(-480)).toBe('-08:00');
    expect(offsetZone(0)).toBe('+00:00');
  });

  it('turns a custom zone without daylight saving into a fixed offset', () => {
    expect(zoneFromCustom({ bias: -345, name: 'Customized Time Zone' }, 2027)).toBe('+05:45');
  });

  it('matches a custom zone with US daylight rules to an IANA zone with the same offsets', () => {
    const zone = zoneFromCustom(
      {
        bias: 480,
        name: 'Customized Time Zone',
        standardOffset: { time: '02:00:00.0000000', dayOccurrence: 1, dayOfWeek: 'sunday', month: 11, year: 0 },
        daylightOffset: { daylightBias: -60, time: '02:00:00.0000000', dayOccurrence: 2, dayOfWeek: 'sunday', month: 3, year: 0 },
      },
      2027,
    );
    expect(zone).toBe('America/Los_Angeles');
  });

  it('matches a custom zone with EU daylight rules (last Sunday) to a central European zone', () => {
    const zone = zoneFromCustom(
      {
        bias: -60,
        standardOffset: { time: '03:00:00', dayOccurrence: 5, dayOfWeek: 'sunday', month: 10 },
        daylightOffset: { daylightBias: -60, time: '02:00:00', dayOccurrence: 5, dayOfWeek: 'sunday', month: 3 },
      },
      2027,
    );
    expect(['Europe/Berlin', 'Europe/Paris', 'Europe/Budapest', 'Europe/Warsaw']).toContain(zone);
  });

  it('falls back to the standard offset when no IANA zone follows the custom rules', () => {
    const zone = zoneFromCustom(
      {
        bias: 420,
        standardOffset: { time: '02:00:00', dayOccurrence: 1, dayOfWeek: 'monday', month: 8 },
        daylightOffset: { daylightBias: -60, time: '02:00:00', dayOccurrence: 1, dayOfWeek: 'monday', month: 2 },
      },
      2027,
    );
    expect(zone).toBe('-07:00');
  });

  it('reads both shapes of a Graph timeZone object', () => {
    expect(zoneFromGraph({ name: 'Romance Standard Time' }, 2027)).toBe('Europe/Paris');
    expect(zoneFromGraph({ '@odata.type': '#microsoft.graph.customTimeZone', bias: 0, name: 'Customized Time Zone' }, 2027)).toBe('+00:00');
  });
});

import { describe, it, expect } from 'vitest';
import { zoneClock } from '../../src/planning/zones.ts';
import { zoneClockMatchesTemporal } from '../support/planning-properties.ts';

describe('zoneClock', () => {
  const window = { start: Date.parse('2026-12-01T00:00:00Z'), end: Date.parse('2028-01-31T00:00:00Z') };

  it('converts local wall-clock times to the same instants as Temporal, through DST gaps and overlaps', () => zoneClockMatchesTemporal.assert(zoneClockMatchesTemporal));

  it('resolves the skipped hour of the spring change and the repeated hour of the autumn change like Temporal', () => {
    const paris = zoneClock('Europe/Paris', window);
    // 02:30 does not exist on 28 March 2027 in Paris; 02:30 happens twice on 31 October.
    expect(new Date(paris.toInstant(Date.parse('2027-03-28T02:30:00Z'))).toISOString()).toBe('2027-03-28T01:30:00.000Z');
    expect(new Date(paris.toInstant(Date.parse('2027-10-31T02:30:00Z'))).toISOString()).toBe('2027-10-31T00:30:00.000Z');
  });

  it('reports the offset in force at an instant', () => {
    const newYork = zoneClock('America/New_York', window);
    expect(newYork.offsetAt(Date.parse('2027-03-14T06:59:00Z'))).toBe(-5 * 3_600_000);
    expect(newYork.offsetAt(Date.parse('2027-03-14T07:00:00Z'))).toBe(-4 * 3_600_000);
  });
});

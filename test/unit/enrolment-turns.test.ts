import { describe, expect, it } from 'vitest';
import { enrolmentCsvSteps } from '../../src/enrolment/csv.ts';
import { defaultThemes } from '../../src/model/schema.ts';
import { runInTurns } from '../../server/enrolment/steps.ts';

describe('reading a large enrolment file in turns', () => {
  it('lets other work run again and again while a 5 MB file is read', async () => {
    const rows = ['email,role,offers,wants,languages,format'];
    for (let i = 0; i < 100_000; i++) rows.push(`person${i}@lumen.example,mentor,"ai;data",,fr;en,video`);
    let turnsGiven = 0;
    let reading = true;
    const other = (): void => {
      turnsGiven++;
      if (reading) setImmediate(other);
    };
    setImmediate(other);
    const result = await runInTurns(enrolmentCsvSteps(rows.join('\n'), { knownEmails: new Set(['person1@lumen.example']), themes: new Set(defaultThemes) }));
    reading = false;
    expect(result.enrolments).toHaveLength(1);
    expect(result.rejected).toHaveLength(99_999);
    // One turn per parsed slice (128 KiB) and per 1,000 checked rows.
    expect(turnsGiven).toBeGreaterThan(50);
  });
});

import { describe, expect, it } from 'vitest';
import { defaultThemes } from '../../src/model/schema.ts';
import { readEnrolmentFile, readEnrolmentFileHere } from '../../server/enrolment/read.ts';
import { summariseRead } from '../../server/enrolment/summary.ts';

describe('reading a large enrolment file on the off-loop thread', () => {
  it('gives the same enrolments and grouped refusals as reading it in place, while the event loop keeps turning', async () => {
    const rows = ['email;rôle;propose;souhaite;langues;format'];
    for (let i = 0; i < 30_000; i++) {
      const email = `person${i % 8000}@lumen.example`;
      rows.push(i % 2 === 0 ? `${email};mentor;ai, data;;fr, en;vidéo` : `${email};mentee;;ai;fr;either`);
    }
    const bytes = Buffer.from(`\ufeff${rows.join('\r\n')}`, 'utf8');
    expect(bytes.length).toBeGreaterThan(1024 * 1024);
    const knownEmails = new Set(Array.from({ length: 6000 }, (_, i) => `person${i}@lumen.example`));
    const context = { knownEmails, themes: new Set<string>(defaultThemes), existing: [] };

    let turns = 0;
    let reading = true;
    const turn = (): void => {
      turns++;
      if (reading) setImmediate(turn);
    };
    setImmediate(turn);
    // The bytes move to the thread: it is given a copy, so that the same file can be read again here.
    const offLoop = await readEnrolmentFile(Buffer.from(bytes), context, 1000);
    reading = false;
    const here = await readEnrolmentFileHere(bytes, context);
    expect(offLoop).toEqual(summariseRead(here, 1000));
    // More enrolments than fit in one part of the thread's answer.
    expect(offLoop.enrolments.length).toBeGreaterThan(2000);
    expect(offLoop.rejected.total).toBe(here.rejected.length);
    expect(offLoop.rejected.total).toBeGreaterThan(20_000);
    expect(offLoop.rejected.first).toEqual(here.rejected.slice(0, 1000));
    // Duplicate rows of 8,000 people are kept as one group per person and cause.
    expect(offLoop.rejected.parts.reduce((n, p) => n + p.groups, 0)).toBeLessThan(10_000);
    expect(turns).toBeGreaterThan(10);
  });
});

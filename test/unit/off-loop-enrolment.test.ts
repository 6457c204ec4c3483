import { describe, expect, it } from 'vitest';
import { defaultThemes } from '../../src/model/schema.ts';
import { readEnrolmentFile, readEnrolmentFileHere } from '../../server/enrolment/read.ts';

describe('reading a large enrolment file on the off-loop thread', () => {
  it('gives the same enrolments and refusals as reading it in place, while the event loop keeps turning', async () => {
    const rows = ['email;rôle;propose;souhaite;langues;format'];
    for (let i = 0; i < 30_000; i++) {
      const email = `person${i % 4000}@lumen.example`;
      rows.push(i % 2 === 0 ? `${email};mentor;ai, data;;fr, en;vidéo` : `${email};mentee;;ai;fr;either`);
    }
    const bytes = Buffer.from(`\ufeff${rows.join('\r\n')}`, 'utf8');
    expect(bytes.length).toBeGreaterThan(1024 * 1024);
    const knownEmails = new Set(Array.from({ length: 3000 }, (_, i) => `person${i}@lumen.example`));
    const context = { knownEmails, themes: new Set<string>(defaultThemes), existing: [] };

    let turns = 0;
    let reading = true;
    const turn = (): void => {
      turns++;
      if (reading) setImmediate(turn);
    };
    setImmediate(turn);
    const offLoop = await readEnrolmentFile(bytes, context);
    reading = false;
    const here = await readEnrolmentFileHere(bytes, context);
    expect(offLoop).toEqual(here);
    expect(here.enrolments.length).toBeGreaterThan(100);
    // More refusals than fit in one part of the thread's answer.
    expect(here.rejected.length).toBeGreaterThan(20_000);
    expect(turns).toBeGreaterThan(10);
  });
});

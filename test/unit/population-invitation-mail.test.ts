import { describe, expect, it } from 'vitest';
import { defaultThemes } from '../../src/model/schema.ts';
import { invitationMail } from '../../server/invitations/mail.ts';

const cohort = { cohortId: 'c0ffee00-0000-4000-8000-000000000001', name: 'Pilot "A" <2027>', themes: [...defaultThemes], sessions: 1, sessionMinutes: 30, start: '2027-02-28', weeks: 1 };
const words = { cohort, recipientName: 'Zoë <script>', senderName: 'R&D HR', volunteerUrl: 'https://binome.example/volunteer/c0ffee00-0000-4000-8000-000000000001?a=1&b=2' };

describe('the invitation mail', () => {
  it('words every part in French and in English, with no placeholder left', () => {
    for (const language of ['fr', 'en'] as const) {
      const mail = invitationMail({ ...words, language });
      expect(mail.html).not.toMatch(/\{\{|\$t\(|undefined/);
      expect(mail.subject).toContain('Pilot "A" <2027>');
      // Every theme of the catalogue has its name in both languages: no key shows through.
      for (const theme of defaultThemes.filter((t) => t.includes('-') && t !== 'e-commerce')) expect(mail.html).not.toContain(theme);
    }
    expect(invitationMail({ ...words, language: 'fr' }).html).toContain('Cybersécurité et Applications mobiles.');
    expect(invitationMail({ ...words, language: 'en' }).html).toContain('Cybersecurity, and Mobile apps.');
    expect(invitationMail({ ...words, language: 'fr' }).html).toContain('1 séance de 30 minutes, entre le 28 février 2027 et le 6 mars 2027.');
    expect(invitationMail({ ...words, language: 'en' }).html).toContain('1 session of 30 minutes, between February 28, 2027 and March 6, 2027.');
  });

  it('turns nothing HR or the directory wrote into markup', () => {
    const { html } = invitationMail({ ...words, language: 'en' });
    expect(html).toContain('Hello Zoë &lt;script&gt;,');
    expect(html).toContain('Pilot &quot;A&quot; &lt;2027&gt;');
    expect(html).toContain('R&amp;D HR, for Human Resources');
    expect(html).toContain('href="https://binome.example/volunteer/c0ffee00-0000-4000-8000-000000000001?a=1&amp;b=2"');
    expect(html).not.toContain('<script>');
  });
});

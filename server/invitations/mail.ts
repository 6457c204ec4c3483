import { renderMessage } from '../../contract/messages.ts';
import type { InvitationLanguage } from '../../src/model/population.ts';
import type { CohortRecord } from '../programme/schema.ts';

export interface InvitationMail {
  subject: string;
  html: string;
}

export interface InvitationWords {
  cohort: Pick<CohortRecord, 'cohortId' | 'name' | 'themes' | 'sessions' | 'sessionMinutes' | 'start' | 'weeks'>;
  recipientName: string;
  senderName: string;
  /** The volunteer page's address for this cohort. */
  volunteerUrl: string;
  language: InvitationLanguage;
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Every word of the mail, the cohort's name and the people's names included, is text: nothing HR or the directory wrote becomes markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => escapes[c] ?? c);
}

/** A calendar date in words, in the mail's language ("11 janvier 2027", "January 11, 2027"). */
function day(isoDate: string, language: InvitationLanguage): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${isoDate}T00:00:00Z`));
}

/** The cohort's last day: `weeks` weeks after its first, the first counted. */
function lastDay(start: string, weeks: number): string {
  const end = new Date(`${start}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + weeks * 7 - 1);
  return end.toISOString().slice(0, 10);
}

/**
 * The invitation to volunteer, in French or English: what reverse mentoring is, the
 * cohort (name, themes, sessions and dates) and the link to its volunteer page.
 */
export function invitationMail(words: InvitationWords): InvitationMail {
  const { cohort, language } = words;
  const say = (code: string, params: Record<string, string | number> = {}) => renderMessage('invitation', { code, params }, language);
  const themes = cohort.themes.map((theme) => renderMessage('theme', { code: theme, params: {} }, language, { fallback: theme }));
  const list = new Intl.ListFormat(language, { style: 'long', type: 'conjunction' }).format(themes);
  const paragraph = (text: string) => `<p>${escapeHtml(text)}</p>`;
  const href = escapeHtml(words.volunteerUrl);
  const html = [
    `<!DOCTYPE html><html lang="${language}"><body>`,
    paragraph(say('GREETING', { name: words.recipientName })),
    paragraph(say('ABOUT')),
    paragraph(say('COHORT', { cohort: cohort.name })),
    paragraph(say('THEMES', { themes: list })),
    paragraph(
      say('SESSIONS', {
        count: cohort.sessions,
        minutes: cohort.sessionMinutes,
        startDay: day(cohort.start, language),
        endDay: day(lastDay(cohort.start, cohort.weeks), language),
      }),
    ),
    paragraph(say('ACTION')),
    `<p><a href="${href}">${escapeHtml(say('LINK'))}</a><br>${href}</p>`,
    paragraph(say('VOLUNTARY')),
    paragraph(say('SIGNATURE', { sender: words.senderName })),
    '</body></html>',
  ].join('\n');
  return { subject: say('SUBJECT', { cohort: cohort.name }), html };
}

import type { TFunction } from 'i18next';
import type { MySession, Worded } from '../../../../contract/me.ts';
import type { LocalizedText } from '../../../../src/training/schema.ts';
import { ApiError } from '../../../shared/api/client.ts';
import type { Language } from '../../../shared/i18n.ts';

/** Training content in the viewer's language, else its English (every item has English). */
export function localized(text: LocalizedText | { en: string; fr?: string | undefined }, language: Language): string {
  return language === 'fr' ? (text.fr ?? text.en) : text.en;
}

/** Whether the French (when asked) is missing, so the screen can say the text is in English. */
export function isFallback(text: { en: string; fr?: string | undefined }, language: Language): boolean {
  return language === 'fr' && text.fr === undefined;
}

/**
 * A service's words (`code` + `params`) in the viewer's language: `prefix.CODE` when the
 * service gave every parameter it names, else the general sentence `prefixGeneral.CODE`,
 * else the service's English message.
 */
export function wordedText(t: TFunction, prefix: string, worded: Worded): string {
  // A missing parameter stays as {{name}}.
  const text = t(`${prefix}.${worded.code}`, { ...worded.params, defaultValue: '', interpolation: { skipOnVariables: true } });
  if (text !== '' && !text.includes('{{')) return text;
  const general = t(`${prefix}General.${worded.code}`, { defaultValue: '' });
  return general === '' ? worded.message : general;
}

/** A pair's reason as the viewer reads it: shared themes (keys joined by ", ") by their labels. */
export function reasonText(t: TFunction, worded: Worded): string {
  const themes = worded.params['themes'];
  if (worded.code !== 'SHARED_THEMES' || typeof themes !== 'string') return wordedText(t, 'pair.reasons', worded);
  const labels = themes
    .split(', ')
    .map((key) => t(`parts.themes.${key}`, { defaultValue: key }))
    .join(', ');
  return wordedText(t, 'pair.reasons', { ...worded, params: { ...worded.params, themes: labels } });
}

/** An error for the viewer: the pane's words for a known code, else the service's message, with the field it names. */
export function errorText(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    const known = t(`parts.errors.${error.code}`, { defaultValue: '' });
    const text = known === '' ? error.message : known;
    return error.field === null ? text : t('parts.errors.withField', { text, field: error.field });
  }
  return t('parts.errors.UNKNOWN');
}

/** "14 janv. 2027, 10:00" in the viewer's language and the host's zone. */
export function formatSlot(startIso: string, endIso: string, language: Language, timeZone: string): string {
  const start = new Date(startIso);
  const end = new Date(endIso);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return `${startIso} – ${endIso}`;
  const day = new Intl.DateTimeFormat(language, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(start);
  const time = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', timeZone });
  return `${day}, ${time.format(start)} – ${time.format(end)}`;
}

export function formatMoment(iso: string, language: Language, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short', timeZone }).format(date);
}

/** A zone as people read it: "heure normale d'Europe centrale" rather than "Europe/Paris". */
export function zoneName(timeZone: string, language: Language, at: Date): string {
  const part = new Intl.DateTimeFormat(language, { timeZone, timeZoneName: 'longGeneric' }).formatToParts(at).find((p) => p.type === 'timeZoneName');
  return part === undefined ? timeZone : `${part.value} (${timeZone})`;
}

/**
 * The badge of a session: a move that did not go through leaves the ledger row failed,
 * yet the meeting stays in both calendars at its slot, so it does not read "not booked".
 */
export function sessionBadge(t: TFunction, session: Pick<MySession, 'state' | 'ended' | 'lastMove'>): { words: string; color: 'danger' | 'warning' | 'subtle' | 'brand' } {
  if (session.ended) return { words: t('parts.ended'), color: 'subtle' };
  if (session.state === 'failed' && session.lastMove !== null && session.lastMove !== undefined) return { words: t('parts.states.moveFailed'), color: 'warning' };
  return { words: t(`parts.states.${session.state}`), color: session.state === 'failed' ? 'danger' : 'brand' };
}

import i18next, { type i18n } from 'i18next';
import { z } from 'zod';
import { MessageParams } from '../src/model/schema.ts';
import en from './messages/en.json' with { type: 'json' };
import fr from './messages/fr.json' with { type: 'json' };

/**
 * Words for what the core reports as `{ code, params }`: the catalogue (French and
 * English side by side in `messages/`) and one pure renderer every edge calls, the
 * service for the English `message` the API keeps, the pane for its viewer's language.
 *
 * Conventions the catalogue relies on:
 * - a param named `context` picks a variant (`CODE_context`), `count` a plural form;
 * - params whose name ends in `At` are ISO instants, shown in the reader's language and zone;
 * - an unmatched reason that carries `total` lists how many partners each rule ruled
 *   out, one numeric param per rule code, worded from the `refusal` group.
 */
export { MessageParams };

export const Message = z.object({ code: z.string(), params: MessageParams });
export type Message = z.infer<typeof Message>;

/**
 * Which group of the catalogue words a code: the same code can mean different things in two places.
 * `error` words the API's refusals (`{ code, message, field, params }`), whatever route gave them.
 */
export const messageKinds = ['pair', 'unmatched', 'blocker', 'rejection', 'failure', 'invitation', 'theme', 'error'] as const;
export type MessageKind = (typeof messageKinds)[number];

export const messageLanguages = ['fr', 'en'] as const;
export type MessageLanguage = (typeof messageLanguages)[number];

export interface Catalogue {
  [key: string]: string | Catalogue;
}
export const messageCatalogue: Record<MessageLanguage, Catalogue> = { fr, en };

export interface RenderOptions {
  /** IANA zone for instants; the reader's own zone when left out. */
  timeZone?: string;
  /** Said instead when the catalogue cannot word the message (rows stored before params existed). */
  fallback?: string;
}

/** "fr", "fr-FR" -> fr; anything else -> en. */
export function messageLanguage(language: string): MessageLanguage {
  return language.trim().toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

let missingParam = false;

const instance: i18n = i18next.createInstance();
void instance.init({
  lng: 'en',
  fallbackLng: false,
  supportedLngs: [...messageLanguages],
  resources: { fr: { translation: fr }, en: { translation: en } },
  initAsync: false,
  returnNull: false,
  returnEmptyString: false,
  // Plain text: the API sends JSON, React escapes what it shows.
  interpolation: { escapeValue: false },
  missingInterpolationHandler: () => {
    missingParam = true;
    return '';
  },
});

/** The key a message is worded by; an unmatched reason with refusal counts reads as "none fits". */
function keyOf(kind: MessageKind, message: Message): string {
  if (kind === 'unmatched' && 'total' in message.params) return 'unmatched.NONE_FITS';
  return `${kind}.${message.code}`;
}

/** The rule codes counted in an unmatched reason, most refusals first. */
export function refusalCounts(params: MessageParams): [code: string, count: number][] {
  return Object.entries(params)
    .filter((entry): entry is [string, number] => /^[A-Z_]+$/.test(entry[0]) && typeof entry[1] === 'number')
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

function formatInstant(iso: string, language: MessageLanguage, timeZone: string | undefined): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
    ...(timeZone === undefined ? {} : { timeZone }),
  }).format(date);
}

/**
 * Words already rendered, by language, zone and message: a proposal repeats the same
 * reasons (formats, seniority gaps, departments) over thousands of pairs, and i18next
 * resolves, plurals and nests on every call. Cleared whole when full, so it stays small.
 */
const rendered = new Map<string, string | null>();
const renderedLimit = 20_000;

/** The words of one message in `language`, or the fallback (else the bare code) when the catalogue cannot say it. */
export function renderMessage(kind: MessageKind, message: Message, language: string, options: RenderOptions = {}): string {
  const lng = messageLanguage(language);
  const cacheKey = `${lng}\u0000${options.timeZone ?? ''}\u0000${kind}\u0000${message.code}\u0000${JSON.stringify(message.params)}`;
  let text = rendered.get(cacheKey);
  if (text === undefined) {
    text = wordsOf(kind, message, lng, options.timeZone);
    if (rendered.size >= renderedLimit) rendered.clear();
    rendered.set(cacheKey, text);
  }
  return text ?? options.fallback ?? message.code;
}

/** The catalogue's words for a message, or null when it has none or lacks a param they need. */
function wordsOf(kind: MessageKind, message: Message, lng: MessageLanguage, timeZone: string | undefined): string | null {
  const key = keyOf(kind, message);
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(message.params)) {
    values[name] = typeof value === 'string' && name.endsWith('At') ? formatInstant(value, lng, timeZone) : value;
  }
  if (kind === 'pair' && message.code === 'SHARED_THEMES' && typeof values['themes'] === 'string') {
    values['themes'] = themeLabels(values['themes'], lng);
  }
  if (key === 'unmatched.NONE_FITS') {
    values['count'] = message.params['total'] ?? 0;
    values['refusals'] = refusalCounts(message.params)
      .map(([code, count]) => instance.t(`refusal.${code}`, { lng, count, defaultValue: `${count} ${code}` }))
      .join(', ');
  }
  missingParam = false;
  const text = instance.t(key, { ...values, lng, defaultValue: missingKey });
  return text === missingKey || missingParam ? null : text;
}

/** Shared themes come as their keys joined by ", " (the core has no words): each is said by its label, a theme the catalogue lacks by its key. */
function themeLabels(joined: string, lng: MessageLanguage): string {
  return joined
    .split(', ')
    .map((key) => {
      const label = instance.t(`theme.${key}`, { lng, defaultValue: missingKey });
      return label === missingKey ? key : label;
    })
    .join(', ');
}

/** What i18next answers for a key the catalogue lacks: no sentence holds a NUL. */
const missingKey = '\u0000';

/** A refused row in one sentence: "line 12, field email: …" (the field left out for a whole-row fault). */
export function rowSentence(line: number, field: string | null, detail: string, language: string): string {
  const lng = messageLanguage(language);
  return instance.t(field === null ? 'row.line' : 'row.lineField', { lng, line, field, detail });
}

/** An API refusal (`{ code, message, field, params }`) in the reader's language; its English message when the catalogue cannot word it. */
export function refusalMessage(
  refusal: { code: string; message: string; field?: string | null | undefined; params?: MessageParams | undefined },
  language: string,
): string {
  const params = { ...(refusal.field === null || refusal.field === undefined ? {} : { field: refusal.field }), ...refusal.params };
  return renderMessage('error', { code: refusal.code, params }, language, { fallback: refusal.message });
}

import { createTranslator, languageFor, type Language } from '../shared/i18n.ts';
import type { AddOnBaseUrl } from './actions.ts';
import { escapeCardText, trustedHtml, type CardHtml } from './card.ts';
import { isKnownTimeZone } from './time-zone.ts';
import en from './locales/en.json' with { type: 'json' };
import fr from './locales/fr.json' with { type: 'json' };
import catalogueEn from '../../contract/messages/en.json' with { type: 'json' };
import catalogueFr from '../../contract/messages/fr.json' with { type: 'json' };

/** Who looks at a card: their locale and IANA time zone, as the host reported them. */
export interface CardContext {
  baseUrl: AddOnBaseUrl;
  /** BCP 47, e.g. "fr-FR" or "en-GB"; undefined when the host said nothing. */
  locale: string | undefined;
  /** IANA zone, e.g. "Europe/Paris". */
  timeZone: string;
}

export type Vars = Record<string, string | number>;

/** Everything a builder needs to say things and show times to one viewer. */
export interface Viewer {
  base: AddOnBaseUrl;
  language: Language;
  /** The locale dates are written in: the viewer's own when we speak its language. */
  intlLocale: string;
  timeZone: string;
  /** For formatted fields: interpolated values are escaped. */
  html(key: string, vars?: Vars): CardHtml;
  /** For plain-text fields (titles, labels, buttons): only our own values go in. */
  plain(key: string, vars?: Vars): string;
  /** A time range in the viewer's zone, e.g. "lundi 11 janvier, 10:00 – 11:00 UTC+1". */
  range(startIso: string, endIso: string): string;
  /** A day in the viewer's zone, e.g. "lundi 11 janvier 2027". */
  day(iso: string): string;
  /** A calendar date (YYYY-MM-DD, no zone), e.g. "lundi 11 janvier 2027". */
  date(isoDate: string): string;
  has(key: string): boolean;
  languageName(code: string): string;
  /** "heure d’Europe centrale (Europe/Paris)"; the id alone for a zone Intl does not know. */
  zoneName(zone: string): string;
}

// Theme labels are the message catalogue's, shared by every surface.
const resources = { fr: { ...fr, themes: catalogueFr.theme }, en: { ...en, themes: catalogueEn.theme } };

/**
 * Intl falls back from a zone's generic name ("heure d’Europe centrale") to a seasonal one
 * at dates whose rules differ from today's (Paris had no summer time in 1970): name zones
 * as of a date under current rules. Only the label depends on it, never a time shown.
 */
const zoneNameReference = Date.UTC(2026, 0, 1);

interface Words {
  /** Interpolated values escaped for formatted fields. */
  html: ReturnType<typeof createTranslator>;
  /** Interpolated values as given, for plain fields. */
  plain: ReturnType<typeof createTranslator>;
  /** Our words without values never change: looked up once per language. */
  fixed: Map<string, string>;
  known: Map<string, boolean>;
}

const words = new Map<Language, Words>();

function wordsFor(language: Language): Words {
  const cached = words.get(language);
  if (cached !== undefined) return cached;
  const made: Words = {
    html: createTranslator(resources, language, { escape: escapeCardText }),
    plain: createTranslator(resources, language),
    fixed: new Map(),
    known: new Map(),
  };
  words.set(language, made);
  return made;
}

interface Formats {
  range: Intl.DateTimeFormat;
  day: Intl.DateTimeFormat;
  date: Intl.DateTimeFormat;
  languages: Intl.DisplayNames;
}

/** Building an Intl formatter costs far more than using one: one set per locale and zone. */
const formats = new Map<string, Formats>();
const maxCachedFormats = 1000;

function formatsFor(intlLocale: string, timeZone: string): Formats {
  const key = `${intlLocale}|${timeZone}`;
  const cached = formats.get(key);
  if (cached !== undefined) return cached;
  const made: Formats = {
    range: new Intl.DateTimeFormat(intlLocale, {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      hour: '2-digit',
      minute: '2-digit',
      timeZone,
      timeZoneName: 'short',
    }),
    day: new Intl.DateTimeFormat(intlLocale, { dateStyle: 'full', timeZone }),
    date: new Intl.DateTimeFormat(intlLocale, { dateStyle: 'full', timeZone: 'UTC' }),
    languages: new Intl.DisplayNames([intlLocale], { type: 'language', fallback: 'code' }),
  };
  if (formats.size >= maxCachedFormats) formats.clear();
  formats.set(key, made);
  return made;
}

function canonicalLocale(locale: string | undefined): string | null {
  if (locale === undefined) return null;
  try {
    return Intl.getCanonicalLocales(locale.replace(/_/g, '-'))[0] ?? null;
  } catch {
    return null;
  }
}

export function viewerFor(context: CardContext): Viewer {
  const language = languageFor(context.locale);
  const canonical = canonicalLocale(context.locale);
  const intlLocale = canonical !== null && languageFor(canonical) === language ? canonical : language;
  const timeZone = isKnownTimeZone(context.timeZone) ? context.timeZone : 'UTC';
  const { html, plain, fixed, known } = wordsFor(language);
  const format = formatsFor(intlLocale, timeZone);
  const fixedWord = (key: string): string => {
    const cached = fixed.get(key);
    if (cached !== undefined) return cached;
    const text = plain.t(key);
    fixed.set(key, text);
    return text;
  };
  return {
    base: context.baseUrl,
    language,
    intlLocale,
    timeZone,
    html: (key, vars) => trustedHtml(vars === undefined ? fixedWord(key) : html.t(key, vars)),
    plain: (key, vars) => (vars === undefined ? fixedWord(key) : plain.t(key, vars)),
    range: (startIso, endIso) => format.range.formatRange(new Date(startIso), new Date(endIso)),
    day: (iso) => format.day.format(new Date(iso)),
    date: (isoDate) => format.date.format(new Date(`${isoDate}T12:00:00Z`)),
    has: (key) => {
      const cached = known.get(key);
      if (cached !== undefined) return cached;
      const exists = plain.exists(key);
      known.set(key, exists);
      return exists;
    },
    languageName: (code) => {
      const name = format.languages.of(code) ?? code;
      return name.charAt(0).toLocaleUpperCase(intlLocale) + name.slice(1);
    },
    zoneName: (zone) => {
      if (!isKnownTimeZone(zone)) return zone;
      const generic = new Intl.DateTimeFormat(intlLocale, { timeZone: zone, timeZoneName: 'longGeneric' })
        .formatToParts(zoneNameReference)
        .find((part) => part.type === 'timeZoneName')?.value;
      return generic === undefined ? zone : `${generic} (${zone})`;
    },
  };
}

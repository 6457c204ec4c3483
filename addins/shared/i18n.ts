import i18next, { type TFunction, type i18n } from 'i18next';

/**
 * Words for every surface come from i18next. French is written first (the first
 * customers are French); English is the fallback for a missing key and the language
 * of anyone whose locale is neither.
 */
export const supportedLanguages = ['fr', 'en'] as const;
export type Language = (typeof supportedLanguages)[number];

/** Nested key -> text objects, one per language, as the locale JSON files hold them. */
export interface LocaleTree {
  [key: string]: string | LocaleTree;
}
export type Resources = Record<Language, LocaleTree>;

/** The language used when the host gives no locale at all. */
export const defaultLanguage: Language = 'fr';
const fallbackLanguage: Language = 'en';

function isLanguage(code: string): code is Language {
  return (supportedLanguages as readonly string[]).includes(code);
}

/** "fr-FR", "fr_CA", "FR" -> fr; "de-DE" -> en; nothing -> fr. */
export function languageFor(locale: string | undefined): Language {
  if (locale === undefined || locale.trim() === '') return defaultLanguage;
  const primary = (locale.trim().split(/[-_]/)[0] ?? '').toLowerCase();
  return isLanguage(primary) ? primary : fallbackLanguage;
}

export interface Translator {
  language: Language;
  t: TFunction;
  exists(key: string): boolean;
}

export interface TranslatorOptions {
  /**
   * Applied to every interpolated value. Surfaces that render text as markup (Google
   * cards) pass their escaper; React surfaces leave it out, React escapes on its own.
   */
  escape?: (value: string) => string;
}

/**
 * An initialised i18next instance over the given resources, for surfaces that switch
 * language while they run (React's I18nextProvider); synchronous, no I/O.
 */
export function createI18n(resources: Resources, locale: string | undefined, options: TranslatorOptions = {}): i18n {
  const language = languageFor(locale);
  const instance = i18next.createInstance();
  const { escape } = options;
  void instance.init({
    lng: language,
    fallbackLng: fallbackLanguage,
    supportedLngs: [...supportedLanguages],
    resources: { fr: { translation: resources.fr }, en: { translation: resources.en } },
    initAsync: false,
    returnNull: false,
    returnEmptyString: false,
    interpolation: escape === undefined ? { escapeValue: false } : { escapeValue: true, escape },
  });
  return instance;
}

/** A `t` for one locale over the given resources; synchronous, no I/O. */
export function createTranslator(resources: Resources, locale: string | undefined, options: TranslatorOptions = {}): Translator {
  const language = languageFor(locale);
  const instance = createI18n(resources, locale, options);
  return { language, t: instance.getFixedT(language), exists: (key) => instance.exists(key) };
}

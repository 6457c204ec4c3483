import { describe, expect, it } from 'vitest';
import { createTranslator, languageFor, type LocaleTree } from '../../addins/shared/i18n.ts';
import en from '../../addins/gcal/locales/en.json' with { type: 'json' };
import fr from '../../addins/gcal/locales/fr.json' with { type: 'json' };

function flatten(tree: LocaleTree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

function variables(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] ?? '').sort();
}

const frWords = flatten(fr);
const enWords = flatten(en);

describe('the Google add-on words', () => {
  it('has the same keys in French and English', () => {
    expect([...frWords.keys()].sort()).toEqual([...enWords.keys()].sort());
  });

  it('has no empty text in either language', () => {
    for (const [language, words] of [['fr', frWords], ['en', enWords]] as const) {
      const empty = [...words].filter(([, text]) => text.trim() === '').map(([key]) => `${language}:${key}`);
      expect(empty).toEqual([]);
    }
  });

  it('asks for the same values in both languages', () => {
    const differing = [...frWords].filter(([key, text]) => variables(text).join() !== variables(enWords.get(key) ?? '').join());
    expect(differing.map(([key]) => key)).toEqual([]);
  });

  it('calls a mentee "mentoré·e" everywhere in French, never another spelling', () => {
    const texts = [...frWords.values()].join('\n');
    expect(texts).toContain('mentoré·e');
    expect(texts.replace(/mentoré·e/gi, '')).not.toMatch(/mentor(é|ee)/i);
  });
});

describe('the shared translator factory', () => {
  const resources = { fr: { hello: 'Bonjour {{name}}', onlyFr: 'seulement' }, en: { hello: 'Hello {{name}}', onlyEn: 'only' } };

  it('speaks French to French locales and English to the others', () => {
    expect(languageFor('fr-FR')).toBe('fr');
    expect(languageFor('fr_CA')).toBe('fr');
    expect(languageFor('en-GB')).toBe('en');
    expect(languageFor('de-DE')).toBe('en');
    expect(createTranslator(resources, 'fr-FR').t('hello', { name: 'Ana' })).toBe('Bonjour Ana');
    expect(createTranslator(resources, 'en-GB').t('hello', { name: 'Ana' })).toBe('Hello Ana');
    expect(createTranslator(resources, 'de-DE').t('hello', { name: 'Ana' })).toBe('Hello Ana');
  });

  it('speaks French when the host gives no locale', () => {
    expect(createTranslator(resources, undefined).language).toBe('fr');
  });

  it('falls back to English for a key French lacks', () => {
    expect(createTranslator(resources, 'fr-FR').t('onlyEn')).toBe('only');
  });

  it('escapes interpolated values with the escaper it is given, and only those', () => {
    const escaped = createTranslator({ fr: { hi: '<b>{{name}}</b>' }, en: { hi: '<b>{{name}}</b>' } }, 'fr', {
      escape: (value) => value.replace(/</g, '&lt;'),
    });
    expect(escaped.t('hi', { name: '<script>' })).toBe('<b>&lt;script></b>');
    const raw = createTranslator({ fr: { hi: '{{name}}' }, en: { hi: '{{name}}' } }, 'fr');
    expect(raw.t('hi', { name: '<i>' })).toBe('<i>');
  });
});

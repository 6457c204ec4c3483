import { describe, expect, it } from 'vitest';
import { paneStrings } from '../../addins/outlook/pane/app/strings.ts';
import fr from '../../addins/outlook/demo/fr.json' with { type: 'json' };
import en from '../../addins/outlook/demo/en.json' with { type: 'json' };
import type { LocaleTree } from '../../addins/shared/i18n.ts';

function sentences(tree: LocaleTree, prefix = ''): Map<string, string> {
  return new Map(Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [[`${prefix}${key}`, value] as const] : [...sentences(value, `${prefix}${key}.`)])));
}
const blanks = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] ?? '').sort();

describe.each([
  ['the Outlook pane', paneStrings.fr, paneStrings.en],
  ['the pane demo page', fr, en],
])('%s in French and English', (_name, french: LocaleTree, english: LocaleTree) => {
  const frenchSentences = sentences(french);
  const englishSentences = sentences(english);

  it('has every French sentence in English and the other way round', () => {
    expect([...englishSentences.keys()].sort()).toEqual([...frenchSentences.keys()].sort());
  });

  it('fills the same blanks in both languages, and leaves no sentence empty', () => {
    for (const [key, text] of frenchSentences) {
      expect({ key, blanks: blanks(englishSentences.get(key) ?? '') }).toEqual({ key, blanks: blanks(text) });
      expect({ key, empty: text.trim() === '' || (englishSentences.get(key) ?? '').trim() === '' }).toEqual({ key, empty: false });
    }
  });
});

import { describe, expect, it } from 'vitest';
import { paneStrings } from '../../addins/admin/app/strings.ts';
import type { LocaleTree } from '../../addins/shared/i18n.ts';

function keysOf(tree: LocaleTree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`)));
}

function interpolations(tree: LocaleTree): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const walk = (node: LocaleTree, prefix: string) => {
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string') found.set(`${prefix}${key}`, [...value.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '').sort());
      else walk(value, `${prefix}${key}.`);
    }
  };
  walk(tree, '');
  return found;
}

describe('the HR pane in French and English', () => {
  it('has every French sentence in English and the other way round', () => {
    expect(keysOf(paneStrings.en).sort()).toEqual(keysOf(paneStrings.fr).sort());
  });

  it('fills the same blanks in both languages, so no figure goes missing in one of them', () => {
    const fr = interpolations(paneStrings.fr);
    const en = interpolations(paneStrings.en);
    for (const [key, names] of fr) expect({ key, names: en.get(key) }).toEqual({ key, names });
  });

  it('leaves no sentence empty', () => {
    for (const language of ['fr', 'en'] as const) {
      const empty = [...interpolations(paneStrings[language]).keys()].filter((key) => {
        const value = key.split('.').reduce<LocaleTree | string | undefined>((node, part) => (typeof node === 'object' ? node[part] : undefined), paneStrings[language]);
        return typeof value !== 'string' || value.trim() === '';
      });
      expect({ language, empty }).toEqual({ language, empty: [] });
    }
  });
});

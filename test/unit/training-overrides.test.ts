import { describe, expect, it } from 'vitest';
import { builtInContent, charterText, themeGuide } from '../../src/training/catalogue.ts';
import { applyOverrides, TrainingOverride } from '../../src/training/overrides.ts';

const aiGuide = builtInContent.guides.find((guide) => guide.theme === 'ai');
if (aiGuide === undefined) throw new Error('the ai guide is part of the built-in content');

const editedAi = (version: number, fr: string) => ({ ...aiGuide, version, title: { en: 'AI at work', fr } });

describe('training overrides', () => {
  it('shows HR’s newer edit of a guide in place of the built-in one', () => {
    const { content, rejected } = applyOverrides(builtInContent, [{ kind: 'guide', item: editedAi(2, 'L’IA au travail') }]);
    expect(rejected).toEqual([]);
    expect(themeGuide(content, 'ai', 'fr')).toMatchObject({ ok: true, result: { value: { title: 'L’IA au travail', version: 2 } } });
    expect(content.guides).toHaveLength(builtInContent.guides.length);
    expect(themeGuide(builtInContent, 'ai', 'fr')).toMatchObject({ ok: true, result: { value: { version: 1 } } });
  });

  it('refuses an edit that is not newer than the version in use, naming both versions', () => {
    const { content, rejected } = applyOverrides(builtInContent, [{ kind: 'guide', item: editedAi(1, 'Ancienne') }]);
    expect(rejected).toEqual([
      { code: 'TRAINING_STALE_VERSION', message: 'guide "ai-guide": version 1 is not newer than version 1 in use', index: 0, field: 'item.version' },
    ]);
    expect(content.guides).toEqual(builtInContent.guides);
  });

  it('keeps the newest of two edits of one guide whatever order the store returns them in', () => {
    const edits = [
      { kind: 'guide' as const, item: editedAi(3, 'Version trois') },
      { kind: 'guide' as const, item: editedAi(2, 'Version deux') },
    ];
    const { content, rejected } = applyOverrides(builtInContent, edits);
    expect(themeGuide(content, 'ai', 'fr')).toMatchObject({ ok: true, result: { value: { title: 'Version trois' } } });
    expect(rejected.map((rejection) => rejection.index)).toEqual([1]);
  });

  it('adds a guide for a theme HR creates, and refuses a second guide for a theme that has one', () => {
    const newTheme = { ...aiGuide, key: 'podcasts-guide', theme: 'podcasts' };
    const secondAi = { ...aiGuide, key: 'ai-guide-bis' };
    const { content, rejected } = applyOverrides(builtInContent, [
      { kind: 'guide', item: newTheme },
      { kind: 'guide', item: secondAi },
    ]);
    expect(themeGuide(content, 'podcasts', 'en')).toMatchObject({ ok: true });
    expect(rejected).toEqual([
      {
        code: 'TRAINING_DUPLICATE_THEME',
        message: 'guide "ai-guide-bis": the theme "ai" already has the guide "ai-guide"',
        index: 1,
        field: 'item.theme',
      },
    ]);
  });

  it('lets HR reword the charter, in a newer version both people then read', () => {
    const charter = { ...builtInContent.charter, version: 2, title: { fr: 'Notre engagement', en: 'Our commitment' } };
    const { content } = applyOverrides(builtInContent, [{ kind: 'charter', item: charter }]);
    expect(charterText(content, 'fr').value).toMatchObject({ title: 'Notre engagement', version: 2 });
  });

  it('reads a stored override through its schema, refusing one without English', () => {
    expect(TrainingOverride.safeParse({ kind: 'guide', item: editedAi(2, 'Titre') }).success).toBe(true);
    const noEnglish = TrainingOverride.safeParse({ kind: 'guide', item: { ...aiGuide, version: 2, title: { fr: 'Titre seul' } } });
    expect(noEnglish.error?.issues[0]).toMatchObject({ path: ['item', 'title', 'en'] });
  });
});

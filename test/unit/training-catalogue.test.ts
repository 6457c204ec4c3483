import { describe, expect, it } from 'vitest';
import { builtInContent, listGuides, type TrainingContent, themeGuide } from '../../src/training/catalogue.ts';
import { ThemeGuide } from '../../src/training/schema.ts';

const aiGuide = builtInContent.guides.find((guide) => guide.theme === 'ai');
if (aiGuide === undefined) throw new Error('the ai guide is part of the built-in content');

/** A theme HR adds later, written in English only for now. */
const englishOnly = ThemeGuide.parse({
  key: 'quantum-guide',
  version: 1,
  theme: 'quantum',
  title: { en: 'Quantum computing for managers' },
  summary: { en: 'What quantum computers can and cannot do yet.' },
  sessionMinutes: 30,
  agenda: [
    { key: 'basics', minutes: 20, title: { en: 'Basics' }, detail: { en: 'Qubits in plain words.' } },
    { key: 'next', minutes: 10, title: { en: 'Next step' }, detail: { en: 'One article to read.' } },
  ],
  exercises: [
    { key: 'read', title: { en: 'Read' }, text: { en: 'Read a short news story about quantum computing.' } },
    { key: 'explain', title: { en: 'Explain' }, text: { en: 'Explain it back in two sentences.' } },
  ],
  questions: [
    { key: 'q1', askedBy: 'mentee', text: { en: 'What is a qubit?' } },
    { key: 'q2', askedBy: 'mentee', text: { en: 'When will it matter to us?' } },
    { key: 'q3', askedBy: 'mentor', text: { en: 'What have you heard about it?' } },
    { key: 'q4', askedBy: 'mentor', text: { en: 'Which of our problems is hard to compute?' } },
  ],
  resources: [{ key: 'news', title: { en: 'Science news' }, description: { en: 'A general-audience science section.' } }],
});

const withFutureTheme: TrainingContent = { ...builtInContent, guides: [...builtInContent.guides, englishOnly] };

describe('training catalogue', () => {
  it('lists every guide in French for a French reader, none of them flagged', () => {
    const listed = listGuides(builtInContent, 'fr-FR');
    expect(listed).toHaveLength(builtInContent.guides.length);
    expect(listed.every((entry) => entry.language === 'fr' && !entry.fallback)).toBe(true);
    expect(listed.find((entry) => entry.value.theme === 'ai')?.value.title).toBe('IA générative\u202F: s’y mettre pour de vrai');
  });

  it('shows a theme without French in English, flagged so the pane can say so', () => {
    const listed = listGuides(withFutureTheme, 'fr');
    expect(listed.find((entry) => entry.value.theme === 'quantum')).toMatchObject({ language: 'en', fallback: true });
    expect(listed.find((entry) => entry.value.theme === 'ai')).toMatchObject({ language: 'fr', fallback: false });
    const found = themeGuide(withFutureTheme, 'quantum', 'fr');
    expect(found).toMatchObject({ ok: true, result: { language: 'en', fallback: true, value: { title: 'Quantum computing for managers' } } });
  });

  it('never mixes languages in one guide: one French text missing shows the whole guide in English', () => {
    const partial = ThemeGuide.parse({
      ...aiGuide,
      exercises: aiGuide.exercises.map((exercise, index) => (index === 0 ? { ...exercise, text: { en: exercise.text.en } } : exercise)),
    });
    const found = themeGuide({ ...builtInContent, guides: [partial] }, 'ai', 'fr');
    if (!found.ok) throw new Error(found.message);
    expect(found.result).toMatchObject({ language: 'en', fallback: true });
    expect(found.result.value.title).toBe(aiGuide.title.en);
    expect(found.result.value.exercises[1]?.text).toBe(aiGuide.exercises[1]?.text.en);
  });

  it('reads the reader’s language in any spelling and falls back to English, flagged, for one it does not offer', () => {
    expect(themeGuide(builtInContent, 'data', 'FR-ca')).toMatchObject({ ok: true, result: { language: 'fr', fallback: false } });
    expect(themeGuide(builtInContent, 'data', 'en-GB')).toMatchObject({ ok: true, result: { language: 'en', fallback: false } });
    expect(themeGuide(builtInContent, 'data', 'de-DE')).toMatchObject({ ok: true, result: { language: 'en', fallback: true } });
    expect(themeGuide(builtInContent, 'data', '')).toMatchObject({ ok: true, result: { language: 'en', fallback: true } });
  });

  it('answers a theme without a guide with a stable code naming the theme', () => {
    expect(themeGuide(builtInContent, 'astrology', 'fr')).toEqual({
      ok: false,
      code: 'TRAINING_NO_GUIDE',
      message: 'no session guide for the theme "astrology"',
      field: 'theme',
    });
  });

  it('refuses an edited guide whose agenda no longer adds up to its session length', () => {
    const result = ThemeGuide.safeParse({ ...aiGuide, sessionMinutes: 60 });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ path: ['agenda'], message: 'the agenda lasts 45 minutes but the session claims 60' }),
    ]);
  });

  it('refuses an edited paragraph too long for the pane, or written with markup', () => {
    const long = ThemeGuide.safeParse({ ...aiGuide, summary: { en: 'x'.repeat(601), fr: 'ok' } });
    expect(long.error?.issues[0]).toMatchObject({ path: ['summary', 'en'], message: 'at most 600 characters, for a 320 px pane' });
    const marked = ThemeGuide.safeParse({ ...aiGuide, summary: { en: 'A <b>bold</b> claim', fr: 'ok' } });
    expect(marked.error?.issues[0]).toMatchObject({ path: ['summary', 'en'] });
  });
});

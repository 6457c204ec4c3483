import { describe, expect, it } from 'vitest';
import { defaultThemes } from '../../src/model/schema.ts';
import { builtInContent, charterText, themeGuide, trainingDocument } from '../../src/training/catalogue.ts';
import { textLimits, trainingLanguages } from '../../src/training/schema.ts';

interface FoundText {
  path: string;
  field: string;
  fr: unknown;
  en: unknown;
}

/** Every { fr, en } text in the content, with where it sits. */
function texts(value: unknown, path = '', field = ''): FoundText[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => texts(item, `${path}[${index}]`, field));
  if (typeof value !== 'object' || value === null) return [];
  const record = value as Record<string, unknown>;
  if ('en' in record) return [{ path, field, fr: record.fr, en: record.en }];
  return Object.entries(record).flatMap(([key, child]) => texts(child, `${path}.${key}`, key));
}

const all = texts(builtInContent);

/** The shape of rendered content with its words taken out. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (typeof value === 'string') return 'text';
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, key === 'key' || key === 'theme' || key === 'askedBy' ? child : shape(child)]));
}

describe('training content', () => {
  it('has a session guide in French for every theme of the catalogue', () => {
    for (const theme of defaultThemes) {
      const found = themeGuide(builtInContent, theme, 'fr-FR');
      expect(found.ok, theme).toBe(true);
      if (found.ok) expect(found.result, theme).toMatchObject({ language: 'fr', fallback: false });
    }
  });

  it('writes every text in French and in English, none of them empty', () => {
    expect(all.length).toBeGreaterThan(builtInContent.guides.length * 20);
    const missing = all.filter((text) => typeof text.fr !== 'string' || text.fr.trim() === '' || typeof text.en !== 'string' || text.en.trim() === '');
    expect(missing.map((text) => text.path)).toEqual([]);
  });

  it('never leaves a French text identical to its English one', () => {
    const untranslated = all.filter((text) => text.fr === text.en && String(text.en).length > 12);
    expect(untranslated.map((text) => `${text.path}: ${String(text.en)}`)).toEqual([]);
  });

  it('gives French and English readers the same steps, exercises, questions and clauses', () => {
    const [french, english] = trainingLanguages;
    for (const guide of builtInContent.guides) {
      const fr = themeGuide(builtInContent, guide.theme, french);
      const en = themeGuide(builtInContent, guide.theme, english);
      if (!fr.ok || !en.ok) throw new Error(`no guide for ${guide.theme}`);
      expect(shape(fr.result.value), guide.theme).toEqual(shape(en.result.value));
      expect(fr.result.value.agenda.map((step) => step.minutes)).toEqual(en.result.value.agenda.map((step) => step.minutes));
    }
    for (const document of builtInContent.documents) {
      const fr = trainingDocument(builtInContent, document.key, french);
      const en = trainingDocument(builtInContent, document.key, english);
      if (!fr.ok || !en.ok) throw new Error(`no document ${document.key}`);
      expect(fr.result.fallback).toBe(false);
      expect(shape(fr.result.value), document.key).toEqual(shape(en.result.value));
    }
    expect(shape(charterText(builtInContent, french).value)).toEqual(shape(charterText(builtInContent, english).value));
  });

  it('times every agenda to the minute of the session length the guide claims', () => {
    for (const guide of builtInContent.guides) {
      const total = guide.agenda.reduce((sum, step) => sum + step.minutes, 0);
      expect(total, guide.theme).toBe(guide.sessionMinutes);
      expect(guide.sessionMinutes, guide.theme).toBe(45);
    }
  });

  it('gives each guide two or three exercises and four to six questions from both sides', () => {
    for (const guide of builtInContent.guides) {
      expect(guide.exercises.length, guide.theme).toBeGreaterThanOrEqual(2);
      expect(guide.exercises.length, guide.theme).toBeLessThanOrEqual(3);
      expect(guide.questions.length, guide.theme).toBeGreaterThanOrEqual(4);
      expect(guide.questions.length, guide.theme).toBeLessThanOrEqual(6);
      expect(new Set(guide.questions.map((question) => question.askedBy)), guide.theme).toEqual(new Set(['mentee', 'mentor']));
    }
  });

  it('keeps titles and paragraphs short enough for a 320 px task pane', () => {
    const tooLong = all.flatMap((text) =>
      [text.fr, text.en]
        .filter((value): value is string => typeof value === 'string')
        .filter((value) => value.length > (text.field === 'title' ? textLimits.title : textLimits.paragraph))
        .map((value) => `${text.path} (${value.length} characters)`),
    );
    expect(tooLong).toEqual([]);
  });

  it('writes plain text a card can show as is: no markup, no line breaks', () => {
    const marked = all.flatMap((text) => [text.fr, text.en]).filter((value) => typeof value === 'string' && /[<>\n]|\*\*|^#/.test(value));
    expect(marked).toEqual([]);
  });

  it('keeps a French question mark or colon on the line of the word before it', () => {
    const breakable = all.map((text) => text.fr).filter((value) => typeof value === 'string' && / [?!:;»]|« /.test(value));
    expect(breakable).toEqual([]);
  });

  it('speaks French with "vous" throughout, the same register from mentor and mentee', () => {
    const familiar = all.map((text) => text.fr).filter((value) => typeof value === 'string' && /(?<!\p{L})(?:(?:tu|toi|tes|ta)(?!\p{L})|t’)|-tu(?!\p{L})/u.test(value));
    expect(familiar).toEqual([]);
  });

  it('gives every item a stable key unique among its kind, and a version', () => {
    const guideKeys = builtInContent.guides.map((guide) => guide.key);
    expect(new Set(guideKeys).size).toBe(guideKeys.length);
    const themes = builtInContent.guides.map((guide) => guide.theme);
    expect(new Set(themes).size).toBe(themes.length);
    const documentKeys = builtInContent.documents.map((document) => document.key);
    expect(documentKeys).toEqual(['mentor-training', 'mentee-preparation']);
    for (const item of [...builtInContent.guides, ...builtInContent.documents, builtInContent.charter]) {
      expect(item.version, item.key).toBeGreaterThanOrEqual(1);
    }
  });

  it('covers what the mentor training promises: first session, teaching, feedback, confidentiality, drift', () => {
    const found = trainingDocument(builtInContent, 'mentor-training', 'fr');
    if (!found.ok) throw new Error(found.message);
    expect(found.result.value.sections.map((section) => section.key)).toEqual([
      'what-it-is',
      'first-session',
      'teaching',
      'feedback',
      'confidentiality',
      'drift-or-stall',
    ]);
  });

  it('puts every clause of the charter in front of both people, the right to stop and no evaluation included', () => {
    const { value } = charterText(builtInContent, 'fr');
    expect(value.clauses.map((clause) => clause.key)).toEqual([
      'goals',
      'themes',
      'rhythm',
      'confidentiality',
      'right-to-stop',
      'respect',
      'no-evaluation',
    ]);
    expect(value.clauses.find((clause) => clause.key === 'goals')?.prompt).toMatch(/objectifs/);
    expect(value.acceptance).toMatch(/accepte/);
  });
});

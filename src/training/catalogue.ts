import { canonicalLanguage } from '../model/language.ts';
import { charter } from './charter.ts';
import { menteePreparation } from './mentee-preparation.ts';
import { mentorTraining } from './mentor-training.ts';
import {
  type Charter,
  type LocalizedText,
  type ThemeGuide,
  type TrainingDocument,
  type TrainingLanguage,
  trainingLanguages,
} from './schema.ts';
import { themeGuides } from './theme-guides.ts';

/** Everything a reader can open; a store's overrides replace items of the same key. */
export interface TrainingContent {
  documents: TrainingDocument[];
  charter: Charter;
  guides: ThemeGuide[];
}

export const builtInContent: TrainingContent = {
  documents: [mentorTraining, menteePreparation],
  charter,
  guides: themeGuides,
};

/**
 * Content in one language. `fallback` is set when the reader asked for another
 * language than the one they get: their language is not offered, or this item
 * is not complete in it (one item is never shown half in one language, half in
 * another).
 */
export interface InLanguage<T> {
  language: TrainingLanguage;
  fallback: boolean;
  value: T;
}

type Pick = (text: LocalizedText) => string;

/** Renders in the reader's language when every text of the item has it, else in English. */
function inLanguage<T>(requested: string, build: (pick: Pick) => T): InLanguage<T> {
  const canonical = canonicalLanguage(requested);
  const wanted = trainingLanguages.find((language) => language === canonical);
  if (wanted !== undefined) {
    let complete = true;
    const value = build((text) => {
      const found = text[wanted];
      if (found === undefined) complete = false;
      return found ?? text.en;
    });
    if (complete) return { language: wanted, fallback: false, value };
  }
  return { language: 'en', fallback: wanted !== 'en', value: build((text) => text.en) };
}

export interface RenderedSection {
  key: string;
  title: string;
  paragraphs: string[];
  points: string[];
}

export interface RenderedDocument {
  key: string;
  version: number;
  audience: TrainingDocument['audience'];
  title: string;
  summary: string;
  sections: RenderedSection[];
}

export interface RenderedCharter {
  key: string;
  version: number;
  title: string;
  intro: string;
  clauses: { key: string; title: string; text: string; prompt: string | null }[];
  acceptance: string;
}

export interface GuideSummary {
  key: string;
  theme: string;
  version: number;
  title: string;
  summary: string;
  sessionMinutes: number;
}

export interface RenderedGuide extends GuideSummary {
  agenda: { key: string; minutes: number; title: string; detail: string }[];
  exercises: { key: string; title: string; text: string }[];
  questions: { key: string; askedBy: 'mentee' | 'mentor'; text: string }[];
  resources: { key: string; title: string; description: string }[];
}

export type TrainingLookup<T> =
  | { ok: true; result: InLanguage<T> }
  | { ok: false; code: 'TRAINING_NO_GUIDE' | 'TRAINING_NO_DOCUMENT'; message: string; field: string };

function renderDocument(document: TrainingDocument, pick: Pick): RenderedDocument {
  return {
    key: document.key,
    version: document.version,
    audience: document.audience,
    title: pick(document.title),
    summary: pick(document.summary),
    sections: document.sections.map((section) => ({
      key: section.key,
      title: pick(section.title),
      paragraphs: section.paragraphs.map(pick),
      points: section.points.map(pick),
    })),
  };
}

function summarize(guide: ThemeGuide, pick: Pick): GuideSummary {
  return {
    key: guide.key,
    theme: guide.theme,
    version: guide.version,
    title: pick(guide.title),
    summary: pick(guide.summary),
    sessionMinutes: guide.sessionMinutes,
  };
}

function renderGuide(guide: ThemeGuide, pick: Pick): RenderedGuide {
  return {
    ...summarize(guide, pick),
    agenda: guide.agenda.map((step) => ({ key: step.key, minutes: step.minutes, title: pick(step.title), detail: pick(step.detail) })),
    exercises: guide.exercises.map((exercise) => ({ key: exercise.key, title: pick(exercise.title), text: pick(exercise.text) })),
    questions: guide.questions.map((question) => ({ key: question.key, askedBy: question.askedBy, text: pick(question.text) })),
    resources: guide.resources.map((resource) => ({ key: resource.key, title: pick(resource.title), description: pick(resource.description) })),
  };
}

/** The guides a reader can pick from, each in their language or flagged as English. */
export function listGuides(content: TrainingContent, requested: string): InLanguage<GuideSummary>[] {
  return content.guides.map((guide) => inLanguage(requested, (pick) => summarize(guide, pick)));
}

export function themeGuide(content: TrainingContent, theme: string, requested: string): TrainingLookup<RenderedGuide> {
  const guide = content.guides.find((candidate) => candidate.theme === theme);
  if (guide === undefined) {
    return { ok: false, code: 'TRAINING_NO_GUIDE', message: `no session guide for the theme "${theme}"`, field: 'theme' };
  }
  return { ok: true, result: inLanguage(requested, (pick) => renderGuide(guide, pick)) };
}

export function trainingDocument(content: TrainingContent, key: string, requested: string): TrainingLookup<RenderedDocument> {
  const document = content.documents.find((candidate) => candidate.key === key);
  if (document === undefined) {
    return { ok: false, code: 'TRAINING_NO_DOCUMENT', message: `no training document "${key}"`, field: 'key' };
  }
  return { ok: true, result: inLanguage(requested, (pick) => renderDocument(document, pick)) };
}

export function charterText(content: TrainingContent, requested: string): InLanguage<RenderedCharter> {
  const source = content.charter;
  return inLanguage(requested, (pick) => ({
    key: source.key,
    version: source.version,
    title: pick(source.title),
    intro: pick(source.intro),
    clauses: source.clauses.map((clause) => ({
      key: clause.key,
      title: pick(clause.title),
      text: pick(clause.text),
      prompt: clause.prompt === undefined ? null : pick(clause.prompt),
    })),
    acceptance: pick(source.acceptance),
  }));
}

import { z } from 'zod';
import { ThemeKey } from '../model/schema.ts';

/**
 * Training content: mentor training, mentee preparation, the charter and one
 * session guide per theme. It is data a store can hold and HR can override, so
 * every item has a stable key and every top-level item a version.
 *
 * Every text holds its languages side by side, so French and English share one
 * structure by construction. English is required: it is what a reader gets when
 * content (a theme HR adds later, say) has no French yet.
 */

export const trainingLanguages = ['fr', 'en'] as const;
export const TrainingLanguage = z.enum(trainingLanguages);
export type TrainingLanguage = z.infer<typeof TrainingLanguage>;

/**
 * Limits chosen for a 320 px Outlook task pane and a Google add-on card: about
 * 35 characters a line, so a title fits on two lines, a list item on seven and
 * a paragraph stays under a screen.
 */
export const textLimits = { title: 80, item: 240, paragraph: 600 } as const;

/** Plain text only: cards escape markup, so a tag or a Markdown marker would show as typed. */
const plainText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max, `at most ${max} characters, for a 320 px pane`)
    .refine((text) => !/[<>]|\*\*|^#|\n/.test(text), 'plain text on one line: no HTML, Markdown or line breaks');

const localized = (max: number) => z.object({ en: plainText(max), fr: plainText(max).optional() });

export const Title = localized(textLimits.title);
export const Item = localized(textLimits.item);
export const Paragraph = localized(textLimits.paragraph);
export type LocalizedText = z.infer<typeof Paragraph>;

export const Key = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'keys are lower-case words joined by dashes');
export const Version = z.number().int().min(1);

const uniqueKeys = <T extends { key: string }>(items: T[]) => new Set(items.map((item) => item.key)).size === items.length;

export const Section = z.object({
  key: Key,
  title: Title,
  paragraphs: z.array(Paragraph),
  /** A list shown after the paragraphs. */
  points: z.array(Item),
});
export type Section = z.infer<typeof Section>;

export const audiences = ['mentor', 'mentee', 'both'] as const;
export const Audience = z.enum(audiences);

/** Mentor training or mentee preparation: titled sections read in order. */
export const TrainingDocument = z.object({
  key: Key,
  version: Version,
  audience: Audience,
  title: Title,
  summary: Paragraph,
  sections: z.array(Section).min(1).refine(uniqueKeys, 'section keys must be unique'),
});
export type TrainingDocument = z.infer<typeof TrainingDocument>;

export const Clause = z.object({
  key: Key,
  title: Title,
  text: Paragraph,
  /** What the pair writes in for this clause, when it is theirs to fill. */
  prompt: Item.optional(),
});
export type Clause = z.infer<typeof Clause>;

/** The "contrat moral" both people accept before the first session. */
export const Charter = z.object({
  key: Key,
  version: Version,
  title: Title,
  intro: Paragraph,
  clauses: z.array(Clause).min(1).refine(uniqueKeys, 'clause keys must be unique'),
  /** The sentence each person accepts. */
  acceptance: Paragraph,
});
export type Charter = z.infer<typeof Charter>;

export const AgendaStep = z.object({
  key: Key,
  minutes: z.number().int().min(1),
  title: Title,
  detail: Item,
});

export const Exercise = z.object({ key: Key, title: Title, text: Paragraph });

export const askers = ['mentee', 'mentor'] as const;
export const Question = z.object({ key: Key, askedBy: z.enum(askers), text: Item });

export const Resource = z.object({ key: Key, title: Title, description: Item });

/** A session guide for one theme: its agenda adds up to the session length it claims. */
export const ThemeGuide = z
  .object({
    key: Key,
    version: Version,
    theme: ThemeKey,
    title: Title,
    summary: Paragraph,
    sessionMinutes: z.number().int().min(15).max(240),
    agenda: z.array(AgendaStep).min(2).refine(uniqueKeys, 'agenda step keys must be unique'),
    exercises: z.array(Exercise).min(2).max(3).refine(uniqueKeys, 'exercise keys must be unique'),
    questions: z.array(Question).min(4).max(6).refine(uniqueKeys, 'question keys must be unique'),
    resources: z.array(Resource).min(1).refine(uniqueKeys, 'resource keys must be unique'),
  })
  .superRefine((guide, context) => {
    const total = guide.agenda.reduce((sum, step) => sum + step.minutes, 0);
    if (total !== guide.sessionMinutes) {
      context.addIssue({
        code: 'custom',
        path: ['agenda'],
        message: `the agenda lasts ${total} minutes but the session claims ${guide.sessionMinutes}`,
      });
    }
  });
export type ThemeGuide = z.infer<typeof ThemeGuide>;

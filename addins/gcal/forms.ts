import { z } from 'zod';
import { Instant, MeetingFormat, Role, ThemeKey } from '../../src/model/schema.ts';
import { feedbackFields, recommendValues } from './cards/feedback.ts';
import { moveFields } from './cards/move.ts';
import { noteFields, sharedValue } from './cards/note.ts';
import { volunteerFields } from './cards/volunteer.ts';
import { actionParameters, type ActionName, type ActionParameters } from './actions.ts';
import { formValue, formValues, type AddOnEvent } from './event-object.ts';

/**
 * What a submitted card form says, read from the event object into the values the
 * participant API takes. A form the person left incomplete is an expected failure: it
 * names the field so the card can say which one.
 */
export interface FormRefusal {
  code: 'FORM_INVALID';
  message: string;
  field: string;
}

export type FormResult<T> = { ok: true; value: T } | { ok: false; error: FormRefusal };

function read<T>(schema: z.ZodType<T>, raw: unknown): FormResult<T> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const field = String(issue?.path[0] ?? '(form)');
  return { ok: false, error: { code: 'FORM_INVALID', message: `${field}: ${issue?.message ?? 'invalid'}`, field } };
}

/** Free text from a person: trimmed, empty meaning nothing said. */
const OptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `at most ${max} characters`)
    .optional()
    .transform((text) => (text === undefined || text === '' ? null : text));

export const VolunteerAnswers = z
  .object({
    role: Role,
    offers: z.array(ThemeKey),
    wants: z.array(ThemeKey),
    languages: z.array(z.string().regex(/^[a-z]{2,3}$/, 'ISO 639 language code')).min(1, 'choose at least one language'),
    format: MeetingFormat.default('either'),
  })
  .superRefine((answers, ctx) => {
    if (answers.role === 'mentor' && answers.offers.length === 0)
      ctx.addIssue({ code: 'custom', path: ['offers'], message: 'a mentor offers at least one theme' });
    if (answers.role === 'mentee' && answers.wants.length === 0)
      ctx.addIssue({ code: 'custom', path: ['wants'], message: 'a mentee wants at least one theme' });
  });
export type VolunteerAnswers = z.infer<typeof VolunteerAnswers>;

export function readVolunteerForm(event: AddOnEvent): FormResult<VolunteerAnswers> {
  return read(VolunteerAnswers, {
    role: formValue(event, volunteerFields.role),
    offers: formValues(event, volunteerFields.offers),
    wants: formValues(event, volunteerFields.wants),
    languages: formValues(event, volunteerFields.languages),
    format: formValue(event, volunteerFields.format),
  });
}

export const NoteInput = z.object({
  text: z.string().max(10_000, 'at most 10000 characters').default(''),
  shared: z.boolean(),
});
export type NoteInput = z.infer<typeof NoteInput>;

export function readNoteForm(event: AddOnEvent): FormResult<NoteInput> {
  return read(NoteInput, {
    text: formValue(event, noteFields.note),
    shared: formValues(event, noteFields.shared).includes(sharedValue),
  });
}

export const FeedbackInput = z.object({
  satisfaction: z.coerce.number().int().min(1).max(5),
  wouldRecommend: z.enum([recommendValues.yes, recommendValues.no]).transform((answer) => answer === recommendValues.yes),
  learnt: OptionalText(4000),
  comment: OptionalText(4000),
});
export type FeedbackInput = z.infer<typeof FeedbackInput>;

export function readFeedbackForm(event: AddOnEvent): FormResult<FeedbackInput> {
  return read(FeedbackInput, {
    satisfaction: formValue(event, feedbackFields.satisfaction),
    wouldRecommend: formValue(event, feedbackFields.recommend),
    learnt: formValue(event, feedbackFields.learnt),
    comment: formValue(event, feedbackFields.comment),
  });
}

export function readMoveForm(event: AddOnEvent): FormResult<{ start: string }> {
  return read(z.object({ start: Instant }), { start: formValue(event, moveFields.slot) });
}

/** The parameters the action's button carries (sessionId, pairId, …), each named when missing or malformed. */
export function readActionParameters<N extends ActionName>(event: AddOnEvent, name: N): FormResult<ActionParameters<N>> {
  const parsed = actionParameters[name].safeParse(event.commonEventObject.parameters ?? {});
  if (parsed.success) return { ok: true, value: parsed.data as ActionParameters<N> };
  const issue = parsed.error.issues[0];
  const field = `parameters.${String(issue?.path[0] ?? '')}`;
  return { ok: false, error: { code: 'FORM_INVALID', message: `${field}: ${issue?.message ?? 'invalid'}`, field } };
}

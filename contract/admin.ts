import { z } from 'zod';
import { CohortSettings, Email, Enrolment, MessageParams, bookingFailureCodes, bookingStates, defaultThemes } from '../src/model/schema.ts';

/**
 * The admin API's HTTP contract: what HR's pane sends and reads. Pure zod, so the
 * service validates with it and the pane's client and forms are built from it.
 */

/** A cohort's life, in order; see server/programme/rules.ts for what each step allows. */
export const cohortStatuses = ['draft', 'open', 'matched', 'published', 'rolling_out', 'running', 'closed'] as const;
export type CohortStatus = (typeof cohortStatuses)[number];

/** One error shape for every refusal; `field` names what to fix when there is one. */
export const ErrorBody = z.object({
  code: z.string(),
  message: z.string(),
  field: z.string().nullable().optional(),
  params: MessageParams.optional().describe('the facts the code is worded from in any language (contract/messages/, group error); CSV_FILE_INVALID names the file-level code as context'),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Ids are stored lower-case; an upper-case spelling of the same UUID names the same cohort. */
export const CohortParams = z.object({
  cohortId: z
    .string()
    .uuid({ message: 'cohortId must be a UUID' })
    .transform((id) => id.toLowerCase()),
});

/** Control characters (NUL first: PostgreSQL cannot store it in text) have no place in a name shown to people. */
const hasControlCharacter = (text: string): boolean => [...text].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

/** At least a week between sessions is what the planner can do; more sessions than weeks cannot be planned. */
/** The themes a cohort offers: chosen from the default catalogue, each once. */
export const CohortThemes = z
  .array(z.enum(defaultThemes))
  .min(1, 'offer at least one theme')
  .refine((themes) => new Set(themes).size === themes.length, { message: 'each theme is offered once' });

export const CreateCohortBody = CohortSettings.extend({
  name: CohortSettings.shape.name.refine((name) => !hasControlCharacter(name), {
    message: 'the name may not hold control characters (NUL, tab, line breaks)',
  }),
  themes: CohortThemes.optional().describe('the themes volunteers may offer and want, from the default catalogue; all of it when left out'),
}).refine((c) => c.sessions <= c.weeks, {
  path: ['sessions'],
  message: 'sessions are at least a week apart: a cohort of N weeks holds at most N sessions',
});
export type CreateCohortBody = z.infer<typeof CreateCohortBody>;

/** A cohort as the API shows it: exactly what the store keeps. */
export const Cohort = CohortSettings.extend({
  cohortId: z.string(),
  status: z.enum(cohortStatuses),
  createdAt: z.string(),
  matchedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  rolloutStartedAt: z.string().nullable(),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  themes: z.array(z.string()).describe('the themes the cohort offers (the default catalogue unless HR chose)'),
});
export type Cohort = z.infer<typeof Cohort>;

export const EnrolmentParams = CohortParams.extend({ email: Email });

export const Withdrawal = z.object({
  email: z.string(),
  proposalDiscarded: z.boolean().describe('true when the cohort was matched: the pairs were dropped and it must be matched again'),
});

/** What the core said, as codes and facts: `params` words it in any language (contract/messages.ts); `{}` on rows stored before params existed. */
const params = MessageParams.describe('the facts the code is worded from, in any language (contract/messages/); {} on rows stored before they were kept');

export const RejectedRow = z.object({
  line: z.number().int(),
  field: z.string().nullable(),
  code: z.string(),
  params,
  reason: z.string().describe('the English sentence, line and field included'),
});
export type RejectedRow = z.infer<typeof RejectedRow>;

export const ImportReport = z.object({
  loaded: z.number().int(),
  rejected: z.array(RejectedRow).describe('the first 1000 refused rows, by line; GET /cohorts/{cohortId}/rejections pages through all of them'),
  rejectedTotal: z.number().int(),
  enrolled: z.object({ mentors: z.number().int(), mentees: z.number().int() }),
  proposalDiscarded: z
    .boolean()
    .describe('true when the cohort was matched and this import changed its enrolments: the pairs were dropped, the cohort is a draft again and must be matched before it can be published'),
});
export type ImportReport = z.infer<typeof ImportReport>;

export const ReasonOut = z.object({ code: z.string(), params, message: z.string().describe('the English words') });

export const Pair = z.object({
  pairId: z.string(),
  mentorEmail: z.string(),
  menteeEmail: z.string(),
  score: z.number().int(),
  reasons: z.array(ReasonOut),
  sessions: z.array(z.object({ start: z.string(), end: z.string() })),
  locked: z.boolean().describe('HR locked the pair: matching again keeps it as it is, and it cannot be broken or swapped until unlocked'),
});
export type Pair = z.infer<typeof Pair>;

export const Unmatched = z.object({
  email: z.string(),
  role: z.enum(['mentor', 'mentee']),
  code: z.string(),
  params,
  reason: z.string().describe('the English words'),
});
export type Unmatched = z.infer<typeof Unmatched>;

export const MatchingView = z.object({
  cohort: Cohort,
  pairs: z.array(Pair),
  unmatched: z.array(Unmatched),
  rejected: z.array(RejectedRow).describe('the first 1000 rows the imports refused; GET /cohorts/{cohortId}/rejections pages through all of them'),
  rejectedTotal: z.number().int(),
});
export type MatchingView = z.infer<typeof MatchingView>;

export const PairParams = CohortParams.extend({
  pairId: z.string().regex(/^p[0-9a-f]{15}$/i, 'pairId is p followed by 15 hexadecimal digits').transform((id) => id.toLowerCase()),
});

export const LockBody = z.object({ locked: z.boolean() });
export type LockBody = z.infer<typeof LockBody>;

export const BreakBody = z.object({
  reason: z
    .string()
    .trim()
    .max(300, 'the reason holds at most 300 characters')
    .refine((text) => !hasControlCharacter(text), { message: 'the reason may not hold control characters' })
    .default('')
    .describe('why HR broke the pair, kept beside both people now without a pair'),
});
export type BreakBody = z.input<typeof BreakBody>;

export const SwapBody = z.object({
  first: Email.describe('a mentor or mentee of the proposal, paired or left out'),
  second: Email.describe('someone of the same side: two paired people exchange partners; someone left out takes the place of a paired one'),
});
export type SwapBody = z.input<typeof SwapBody>;

/** What a change to the proposal did: the pairs it formed or changed, the pairs it undid, who it left without a pair. */
export const ProposalChange = z.object({
  pairs: z.array(Pair),
  removedPairIds: z.array(z.string()),
  unmatched: z.array(Unmatched),
});
export type ProposalChange = z.infer<typeof ProposalChange>;

export const PageQuery = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const RejectionPage = z.object({
  rows: z.number().int().describe('rows refused in all'),
  groups: z.number().int().describe('groups in all: rows refused for the same cause (field, code, detail) form one group'),
  offset: z.number().int(),
  limit: z.number().int(),
  items: z.array(
    z.object({
      field: z.string().nullable(),
      code: z.string(),
      params,
      detail: z.string().describe('the English reason, without the line: "line N, field F: " + detail is the sentence of each row'),
      lines: z.array(z.tuple([z.number().int(), z.number().int()])).describe('inclusive [first, last] line ranges'),
      count: z.number().int(),
    }),
  ),
});
export type RejectionPage = z.infer<typeof RejectionPage>;

export const templateFormats = ['csv', 'xlsx'] as const;
export const templateLanguages = ['fr', 'en'] as const;

export const TemplateQuery = z.object({
  format: z.enum(templateFormats).default('csv'),
  lang: z.enum(templateLanguages).default('fr'),
});

const stateCounts = z.object(Object.fromEntries(bookingStates.map((s) => [s, z.number().int()])) as Record<(typeof bookingStates)[number], z.ZodNumber>);

export const Progress = z.object({
  total: z.number().int(),
  byState: stateCounts,
  done: z.boolean(),
  failures: z.array(
    z.object({
      pairId: z.string(),
      session: z.number().int(),
      mentorEmail: z.string(),
      menteeEmail: z.string(),
      startsAt: z.string(),
      code: z.enum(bookingFailureCodes),
      params,
      error: z.string(),
      action: z.string().describe('what HR can do, in English; the pane words it from code and params'),
    }),
  ),
});
export type Progress = z.infer<typeof Progress>;

export const ProgressWithStatus = Progress.extend({ status: z.enum(cohortStatuses) });
export type ProgressWithStatus = z.infer<typeof ProgressWithStatus>;

export const RetryAnswer = ProgressWithStatus.extend({ retried: z.number().int() });

export const ReconcileAnswer = ProgressWithStatus.extend({ checked: z.number().int(), missing: z.number().int(), unknown: z.number().int() });

export const Enrolments = z.array(Enrolment);

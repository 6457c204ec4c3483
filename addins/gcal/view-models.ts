import { z } from 'zod';
import { CohortFormat, Instant, IsoDate, MeetingFormat, Role, ThemeKey } from '../../src/model/schema.ts';

/**
 * What each card shows, as the participant API will answer it. Parsed with these
 * schemas before a card is built: the add-on trusts no answer it did not check.
 * Instants are UTC ISO strings; the card shows them in the viewer's zone.
 */

const Id = z.string().min(1).max(200);
/** Text written by a person (a note, a goal, feedback): bounded so a card stays readable. */
const PersonText = z.string().max(10_000);

/** A theme from the tenant's catalogue; `label` names the ones HR added beyond ours. */
export const ThemeView = z.object({ key: ThemeKey, label: z.string().min(1).max(200).optional() });
export type ThemeView = z.infer<typeof ThemeView>;

export const PersonView = z.object({
  name: z.string().min(1).max(200),
  email: z.string().max(320),
  jobTitle: z.string().max(200).nullable(),
  department: z.string().max(200).nullable(),
});
export type PersonView = z.infer<typeof PersonView>;

export const sessionStatuses = ['planned', 'booked', 'done', 'cancelled'] as const;
/** planned: not yet in the calendars; booked: in both calendars; done: its end has passed. */
export const SessionStatus = z.enum(sessionStatuses);

/** The feedback form opens once a session has ended, and closes once given. */
export const FeedbackState = z.enum(['not-yet', 'open', 'given']);

export const SessionSummary = z.object({
  id: Id,
  /** 1-based rank in the pair's programme, of `total`. */
  index: z.number().int().min(1),
  total: z.number().int().min(1),
  start: Instant,
  end: Instant,
  status: SessionStatus,
  theme: ThemeView.nullable(),
  meetingUrl: z.url({ protocol: /^https$/ }).nullable(),
  feedback: FeedbackState,
});
export type SessionSummary = z.infer<typeof SessionSummary>;

export const MyCohort = z.object({
  id: Id,
  name: z.string().min(1).max(200),
  role: Role,
  /** Null until the pairs are published. */
  pair: z.object({ id: Id, partner: PersonView }).nullable(),
  nextSession: SessionSummary.nullable(),
});
export type MyCohort = z.infer<typeof MyCohort>;

export const OpenCohort = z.object({
  id: Id,
  name: z.string().min(1).max(200),
  format: CohortFormat,
  sessions: z.number().int().min(1),
  sessionMinutes: z.number().int().min(1),
  start: IsoDate,
  /** The last day to volunteer, if HR set one. */
  closes: IsoDate.nullable(),
});
export type OpenCohort = z.infer<typeof OpenCohort>;

export const HomeView = z.object({
  me: z.object({ name: z.string().min(1).max(200) }),
  cohorts: z.array(MyCohort),
  /** Cohorts the person may still volunteer for. */
  openCohorts: z.array(OpenCohort),
});
export type HomeView = z.infer<typeof HomeView>;

export const VolunteerFormView = z.object({
  cohort: OpenCohort,
  themes: z.array(ThemeView).min(1),
  /** ISO 639 codes offered as choices. */
  languages: z.array(z.string().regex(/^[a-z]{2,3}$/)).min(1),
  /** What the person answered before (or what the directory suggests). */
  answers: z.object({
    role: Role.nullable(),
    offers: z.array(ThemeKey),
    wants: z.array(ThemeKey),
    languages: z.array(z.string()),
    format: MeetingFormat.nullable(),
  }),
});
export type VolunteerFormView = z.infer<typeof VolunteerFormView>;

export const CharterView = z.object({
  /** The goals the pair wrote at kickoff, in their own words. */
  goals: z.array(PersonText.min(1)),
  themes: z.array(ThemeView),
  sessions: z.number().int().min(1),
  sessionMinutes: z.number().int().min(1),
  months: z.number().int().min(1),
  acceptedByMe: Instant.nullable(),
  acceptedByPartner: Instant.nullable(),
});
export type CharterView = z.infer<typeof CharterView>;

export const PairView = z.object({
  pairId: Id,
  cohort: z.object({ id: Id, name: z.string().min(1).max(200) }),
  myRole: Role,
  partner: PersonView.extend({ timeZone: z.string().min(1) }),
  /** Why we were paired, to be worded from the catalogue's `pair` group; `message` is the service's English. */
  reasons: z.array(z.object({ code: z.string().min(1).max(100), params: z.record(z.string(), z.union([z.string(), z.number()])), message: z.string().max(1000) })),
  charter: CharterView,
});
export type PairView = z.infer<typeof PairView>;

export const SessionsView = z.object({
  pairId: Id,
  partnerName: z.string().min(1).max(200),
  sessions: z.array(SessionSummary),
});
export type SessionsView = z.infer<typeof SessionsView>;

/** A session guide: what to do, minute by minute, for one theme. */
export const GuideView = z.object({
  title: z.string().min(1).max(200),
  agenda: z.array(z.object({ minutes: z.number().int().min(1), text: z.string().min(1).max(1000) })),
});
export type GuideView = z.infer<typeof GuideView>;

export const NoteView = z.object({
  text: PersonText,
  /** Shared with the pair's other member; never with HR. */
  shared: z.boolean(),
  updatedAt: Instant,
});
export type NoteView = z.infer<typeof NoteView>;

/** Words the service reports as a code and its params (a slot shortage, a move's failure). */
export const CodedWords = z.object({ code: z.string().min(1).max(100), params: z.record(z.string(), z.union([z.string(), z.number()])) });
export type CodedWords = z.infer<typeof CodedWords>;

export const SessionView = z.object({
  pairId: Id,
  session: SessionSummary,
  partner: PersonView,
  guide: GuideView.nullable(),
  myNote: NoteView.nullable(),
  /** Notes the partner chose to share. */
  partnerNote: NoteView.nullable(),
  canMove: z.boolean(),
  /** The last move did not go through (the session keeps its slot). */
  failedMove: CodedWords.nullable().optional(),
});
export type SessionView = z.infer<typeof SessionView>;

export const MoveView = z.object({
  session: SessionSummary,
  partnerName: z.string().min(1).max(200),
  /** The next common free slots the service proposes, earliest first. */
  slots: z.array(z.object({ start: Instant, end: Instant })),
  /** Why fewer slots than asked came back (FEWER_SLOTS with found and asked, or NO_COMMON_SLOT). */
  note: CodedWords.nullable().optional(),
});
export type MoveView = z.infer<typeof MoveView>;

export const NoteEditorView = z.object({
  session: SessionSummary,
  note: NoteView.nullable(),
});
export type NoteEditorView = z.infer<typeof NoteEditorView>;

export const FeedbackFormView = z.object({
  session: SessionSummary,
  partnerName: z.string().min(1).max(200),
});
export type FeedbackFormView = z.infer<typeof FeedbackFormView>;

export const LibraryView = z.object({
  training: z.array(z.object({ id: Id, title: z.string().min(1).max(200), minutes: z.number().int().min(1) })),
  guides: z.array(z.object({ id: Id, theme: ThemeView, title: z.string().min(1).max(200) })),
});
export type LibraryView = z.infer<typeof LibraryView>;

/** A training module or a session guide, read in the add-on. */
export const DocumentView = z.object({
  id: Id,
  kind: z.enum(['training', 'guide']),
  title: z.string().min(1).max(200),
  sections: z.array(z.object({ heading: z.string().max(200).nullable(), paragraphs: z.array(z.string().min(1).max(4000)) })),
});
export type DocumentView = z.infer<typeof DocumentView>;

/** An expected failure as the API answers it (`{ code, message, field? }`). */
export const ErrorView = z.object({
  code: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
  message: z.string(),
  field: z.string().optional(),
});
export type ErrorView = z.infer<typeof ErrorView>;

import { z } from 'zod';
import { CohortSettings, DeclaredHours, Instant, MeetingFormat, Role, ThemeKey } from '../src/model/schema.ts';
import { Charter, TrainingDocument, ThemeGuide } from '../src/training/schema.ts';

/**
 * The participant API's HTTP contract (`/api/me/…`): what a junior mentor or a
 * senior mentee reads and changes about themselves, from the Outlook pane, the
 * Google Calendar add-on or the volunteer page. Every route answers for the
 * signed-in person only; another person's ids answer 404, never 403, so ids
 * cannot be probed. Pure zod, shared by the service and the surfaces.
 */

/** Words the viewer can read: `message` in English for automation, `code` + `params` for each surface to translate. */
export const Worded = z.object({
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
  message: z.string(),
});
export type Worded = z.infer<typeof Worded>;

/** Ids are stored lower-case; an upper-case spelling of the same UUID names the same cohort. */
export const MyCohortParams = z.object({
  cohortId: z
    .string()
    .uuid({ message: 'cohortId must be a UUID' })
    .transform((id) => id.toLowerCase()),
});

export const PairParams = z.object({ pairId: z.string().regex(/^p[0-9a-f]{15}$/, 'pairId is p followed by 15 hex digits') });

/** A session is its pair and its number in the pair's series, from 1. */
export const SessionParams = PairParams.extend({ session: z.coerce.number().int().min(1).max(52) });

export const NoteParams = z.object({ noteId: z.string().uuid({ message: 'noteId must be a UUID' }).transform((id) => id.toLowerCase()) });

/** What a person offers (as a mentor) or wants (as a mentee), and how they like to meet. */
export const VolunteerBody = z
  .object({
    role: Role,
    /** Themes from the cohort's catalogue: offered by a mentor, wanted by a mentee. */
    themes: z.array(ThemeKey).min(1, 'choose at least one theme').max(20),
    languages: z.array(z.string().regex(/^[a-z]{2}$/, 'languages are two-letter codes such as fr or en')).min(1, 'choose at least one language').max(10),
    format: MeetingFormat,
    /** Only used where the calendar provider gives no working hours. */
    workingHours: DeclaredHours.nullable().default(null),
  })
  .strict();
export type VolunteerBody = z.infer<typeof VolunteerBody>;

/** What the person (or HR's import) said; an imported enrolment may name no language. */
export const Volunteering = z.object({
  role: Role,
  themes: z.array(ThemeKey),
  languages: z.array(z.string()),
  format: MeetingFormat,
  workingHours: DeclaredHours.nullable(),
  volunteeredAt: z.string(),
  /** 'import' when HR's file enrolled the person, 'volunteer' when they did it themselves. */
  source: z.enum(['import', 'volunteer']),
});
export type Volunteering = z.infer<typeof Volunteering>;

/** Every state a cohort goes through, as the store keeps it; `open` is the time for volunteering. */
export const myCohortStatuses = ['draft', 'open', 'matched', 'published', 'rolling_out', 'running', 'closed'] as const;

/** A cohort as a participant sees it: open ones to volunteer for, and the ones they are in. */
export const MyCohort = CohortSettings.extend({
  cohortId: z.string(),
  status: z.enum(myCohortStatuses),
  /** The themes this cohort offers. */
  themes: z.array(ThemeKey),
  /** null when the person has not volunteered (or HR has not enrolled them). */
  volunteering: Volunteering.nullable(),
  /** Volunteering can be changed or withdrawn until the cohort is matched. */
  canChange: z.boolean(),
  pairId: z.string().nullable(),
});
export type MyCohort = z.infer<typeof MyCohort>;

export const Partner = z.object({
  name: z.string(),
  /** The partner's work address: the calendar invitations show it anyway. */
  email: z.string(),
  /** IANA zone, when the directory or calendar says. */
  timeZone: z.string().nullable(),
  title: z.string().nullable(),
  department: z.string().nullable(),
  office: z.string().nullable(),
  languages: z.array(z.string()),
  themes: z.array(ThemeKey),
  role: Role,
});
export type Partner = z.infer<typeof Partner>;

export const CharterAcceptance = z.object({
  role: Role,
  name: z.string(),
  version: z.number().int(),
  acceptedAt: z.string(),
});

export const CharterBody = z.object({ version: z.number().int().min(1) }).strict();

/** Session states a participant sees: `moving` keeps the old slot until both calendars show the new one. */
export const mySessionStates = ['planned', 'booked', 'moving', 'failed'] as const;

export const MySession = z.object({
  pairId: z.string(),
  cohortId: z.string(),
  cohortName: z.string(),
  session: z.number().int(),
  /** The slot in force, as instants with the person's offset. */
  start: Instant,
  end: Instant,
  /** The person's IANA time zone, for showing the slot. */
  timeZone: z.string(),
  state: z.enum(mySessionStates),
  /** The slot asked for while the session is moving. */
  movingTo: z.object({ start: Instant, end: Instant }).nullable(),
  online: z.boolean(),
  meetingUrl: z.string().nullable(),
  partnerName: z.string(),
  myRole: Role,
  /** The session is over: feedback can be given. */
  ended: z.boolean(),
  /** The key Binome tags both calendar events with. */
  tag: z.string(),
  /** The booked event's id in the organizer's calendar (on Google, the attendee's copy has the same id); null before booking. */
  eventId: z.string().nullable().optional(),
  /** The last move asked for did not go through (the session keeps its slot): why, to be worded from the catalogue's `failure` group. */
  lastMove: z.object({ state: z.literal('failed'), reason: Worded }).nullable().optional(),
});
export type MySession = z.infer<typeof MySession>;

export const MyPair = z.object({
  pairId: z.string(),
  cohortId: z.string(),
  cohortName: z.string(),
  myRole: Role,
  partner: Partner,
  reasons: z.array(Worded),
  charter: z.object({ content: Charter, acceptances: z.array(CharterAcceptance), acceptedByMe: z.boolean(), acceptedByBoth: z.boolean() }),
  sessions: z.array(MySession),
});
export type MyPair = z.infer<typeof MyPair>;

/** A session found from what an add-in reads off the open event: Binome's tag, or (Google) the event's id. */
export const SessionLookupQuery = z.object({ tag: z.string().min(1).max(1024) });

export const SlotProposal = z.object({
  slots: z.array(z.object({ start: Instant, end: Instant })),
  /** Why fewer slots than asked came back (e.g. no common free time in the cohort's weeks). */
  note: Worded.nullable(),
});
export type SlotProposal = z.infer<typeof SlotProposal>;

export const MoveBody = z.object({ start: Instant }).strict();

export const NoteBody = z
  .object({
    body: z.string().trim().min(1, 'a note cannot be empty').max(10_000, 'a note holds at most 10,000 characters'),
    /** Shared notes are visible to the partner too; HR never sees notes. */
    shared: z.boolean().default(false),
  })
  .strict();
/** Only what is sent changes: a patch of the body alone keeps the note shared or private as it was. */
export const NotePatch = z
  .object({ body: NoteBody.shape.body.optional(), shared: z.boolean().optional() })
  .strict()
  .refine((patch) => patch.body !== undefined || patch.shared !== undefined, { message: 'send body, shared or both' });

export const Note = z.object({
  noteId: z.string(),
  pairId: z.string(),
  session: z.number().int(),
  body: z.string(),
  shared: z.boolean(),
  mine: z.boolean(),
  authorName: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Note = z.infer<typeof Note>;

export const FeedbackBody = z
  .object({
    satisfaction: z.number().int().min(1, 'satisfaction is from 1 to 5').max(5, 'satisfaction is from 1 to 5'),
    wouldRecommend: z.boolean(),
    learnt: z.string().trim().max(2_000, 'at most 2,000 characters'),
    comment: z.string().trim().max(4_000, 'at most 4,000 characters'),
  })
  .strict();
export const Feedback = FeedbackBody.extend({ pairId: z.string(), session: z.number().int(), givenAt: z.string() });
export type Feedback = z.infer<typeof Feedback>;

export const TrainingQuery = z.object({ lang: z.enum(['fr', 'en']).optional() });

/** Training for the signed-in person's role, in their language where the content has it. */
export const MyTraining = z.object({
  language: z.enum(['fr', 'en']),
  documents: z.array(TrainingDocument),
  guides: z.array(ThemeGuide),
  charter: Charter,
});
export type MyTraining = z.infer<typeof MyTraining>;

/** HR's edit of one training item (the whole item, in a newer version): `POST /api/admin/training/overrides`. */
export const TrainingOverrideBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('guide'), item: ThemeGuide }),
  z.object({ kind: z.literal('document'), item: TrainingDocument }),
  z.object({ kind: z.literal('charter'), item: Charter }),
]);
export type TrainingOverrideBody = z.infer<typeof TrainingOverrideBody>;

/** An edit HR made, as stored; the newest version of each item is what readers get. */
export const StoredTrainingOverride = z.object({
  overrideId: z.string(),
  createdAt: z.string(),
  override: TrainingOverrideBody,
});
export type StoredTrainingOverride = z.infer<typeof StoredTrainingOverride>;

const id = encodeURIComponent;

/** Where each participant route lives (moving a session: `slots` and `move` under `session(…)`). */
export const mePaths = {
  cohorts: '/api/me/cohorts',
  cohort: (cohortId: string) => `/api/me/cohorts/${id(cohortId)}`,
  /** PUT VolunteerBody to volunteer or change; DELETE to withdraw. */
  volunteering: (cohortId: string) => `/api/me/cohorts/${id(cohortId)}/volunteering`,
  pairs: '/api/me/pairs',
  pair: (pairId: string) => `/api/me/pairs/${id(pairId)}`,
  /** POST CharterBody. */
  charter: (pairId: string) => `/api/me/pairs/${id(pairId)}/charter`,
  sessions: '/api/me/sessions',
  session: (pairId: string, session: number) => `/api/me/sessions/${id(pairId)}/${session}`,
  /** GET ?tag=… (Binome's tag, or the event's id). */
  sessionByTag: (tag: string) => `/api/me/sessions/lookup?tag=${id(tag)}`,
  /** GET the session's notes I can read; POST NoteBody. */
  notes: (pairId: string, session: number) => `/api/me/sessions/${id(pairId)}/${session}/notes`,
  /** PATCH NotePatch; DELETE. */
  note: (noteId: string) => `/api/me/notes/${id(noteId)}`,
  /** GET mine (404 FEEDBACK_NOT_GIVEN before I give it); PUT FeedbackBody once the session has ended. */
  feedback: (pairId: string, session: number) => `/api/me/sessions/${id(pairId)}/${session}/feedback`,
  /** GET ?lang=fr|en */
  training: '/api/me/training',
} as const;

import type { MyCohort as ApiCohort, MyPair, MySession, MyTraining, Note } from '../../contract/me.ts';
import { themeGuide, trainingDocument, type TrainingContent } from '../../src/training/catalogue.ts';
import type {
  CharterView,
  DocumentView,
  FeedbackState,
  GuideView,
  HomeView,
  LibraryView,
  NoteView,
  OpenCohort,
  PersonView,
  SessionSummary,
  SessionView,
  VolunteerFormView,
} from './view-models.ts';
import type { z } from 'zod';

/**
 * The participant API's answers (contract/me.ts) turned into what each card shows.
 * Pure: the route fetches, these shape, the builders draw. A session is named on a
 * button by one id, `<pairId>.<number>`.
 */

export function sessionIdOf(pairId: string, session: number): string {
  return `${pairId}.${session}`;
}

export function parseSessionId(id: string): { pairId: string; session: number } | null {
  const match = /^(p[0-9a-f]{15})\.([1-9]\d?)$/.exec(id);
  if (match === null) return null;
  return { pairId: match[1] ?? '', session: Number(match[2]) };
}

/** The themes a pair works on, in the mentee's order: what the mentor offers of what the mentee wants. */
export function pairThemes(pair: MyPair, mine: readonly string[]): string[] {
  const wanted = pair.myRole === 'mentee' ? mine : pair.partner.themes;
  const offered = new Set(pair.myRole === 'mentor' ? mine : pair.partner.themes);
  const shared = wanted.filter((theme) => offered.has(theme));
  return shared.length > 0 ? shared : [...wanted];
}

/** Session n works on the pair's themes in turn. */
function themeOfSession(themes: readonly string[], session: number): { key: string } | null {
  if (themes.length === 0) return null;
  return { key: themes[(session - 1) % themes.length] ?? '' };
}

function feedbackState(session: MySession, given: boolean): z.infer<typeof FeedbackState> {
  if (!session.ended) return 'not-yet';
  return given ? 'given' : 'open';
}

function summaryStatus(session: MySession): SessionSummary['status'] {
  if (session.ended) return 'done';
  return session.state === 'planned' ? 'planned' : 'booked';
}

export function sessionSummary(session: MySession, total: number, themes: readonly string[], feedbackGiven: boolean): SessionSummary {
  return {
    id: sessionIdOf(session.pairId, session.session),
    index: session.session,
    total,
    start: session.start,
    end: session.end,
    status: summaryStatus(session),
    theme: themeOfSession(themes, session.session),
    meetingUrl: session.meetingUrl !== null && session.meetingUrl.startsWith('https://') ? session.meetingUrl : null,
    feedback: feedbackState(session, feedbackGiven),
  };
}

export function partnerView(pair: MyPair): PersonView {
  return { name: pair.partner.name, email: pair.partner.email, jobTitle: pair.partner.title, department: pair.partner.department };
}

function openCohort(cohort: ApiCohort): OpenCohort {
  return { id: cohort.cohortId, name: cohort.name, format: cohort.format, sessions: cohort.sessions, sessionMinutes: cohort.sessionMinutes, start: cohort.start, closes: null };
}

/** Home: the cohorts I am in (with my pair and next session once published) and those I may volunteer for. */
export function homeView(name: string, cohorts: readonly ApiCohort[], pairs: readonly MyPair[], now: number): HomeView {
  const mine = cohorts.filter((cohort) => cohort.volunteering !== null || cohort.pairId !== null);
  return {
    me: { name },
    cohorts: mine.map((cohort) => {
      const pair = pairs.find((candidate) => candidate.pairId === cohort.pairId) ?? null;
      const themes = pair === null ? [] : pairThemes(pair, cohort.volunteering?.themes ?? []);
      const next = pair?.sessions.find((session) => Date.parse(session.end) > now) ?? null;
      return {
        id: cohort.cohortId,
        name: cohort.name,
        role: pair?.myRole ?? cohort.volunteering?.role ?? 'mentee',
        pair: pair === null ? null : { id: pair.pairId, partner: partnerView(pair) },
        nextSession: pair === null || next === null ? null : sessionSummary(next, pair.sessions.length, themes, false),
      };
    }),
    openCohorts: cohorts.filter((cohort) => cohort.canChange && cohort.volunteering === null).map(openCohort),
  };
}

export function volunteerFormView(cohort: ApiCohort, languages: readonly string[]): VolunteerFormView {
  const answered = cohort.volunteering;
  return {
    cohort: openCohort(cohort),
    themes: cohort.themes.map((key) => ({ key })),
    languages: [...languages],
    answers: {
      role: answered?.role ?? null,
      offers: answered?.role === 'mentor' ? answered.themes : [],
      wants: answered?.role === 'mentee' ? answered.themes : [],
      languages: answered?.languages ?? [],
      format: answered?.format ?? null,
    },
  };
}

export function charterView(pair: MyPair, cohort: ApiCohort, themes: readonly string[]): CharterView {
  const accepted = (role: 'mentor' | 'mentee') => pair.charter.acceptances.find((acceptance) => acceptance.role === role)?.acceptedAt ?? null;
  const partnerRole = pair.myRole === 'mentor' ? 'mentee' : 'mentor';
  return {
    goals: [],
    themes: themes.map((key) => ({ key })),
    sessions: cohort.sessions,
    sessionMinutes: cohort.sessionMinutes,
    months: Math.max(1, Math.round(cohort.weeks / 4.35)),
    acceptedByMe: accepted(pair.myRole),
    acceptedByPartner: accepted(partnerRole),
  };
}

function noteView(note: Note | undefined): NoteView | null {
  return note === undefined ? null : { text: note.body, shared: note.shared, updatedAt: note.updatedAt };
}

/** The latest note of each author: the card shows one note of mine and the partner's shared one. */
export function notesOf(notes: readonly Note[]): { mine: Note | undefined; partner: Note | undefined } {
  const latest = (list: Note[]) => list.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
  return { mine: latest(notes.filter((note) => note.mine)), partner: latest(notes.filter((note) => !note.mine && note.shared)) };
}

export function guideView(content: TrainingContent, theme: string | null, language: string): GuideView | null {
  if (theme === null) return null;
  const found = themeGuide(content, theme, language);
  if (!found.ok) return null;
  const guide = found.result.value;
  return { title: guide.title, agenda: guide.agenda.map((step) => ({ minutes: step.minutes, text: `${step.title}: ${step.detail}` })) };
}

export function sessionView(input: {
  pair: MyPair;
  session: MySession;
  themes: readonly string[];
  notes: readonly Note[];
  feedbackGiven: boolean;
  guide: GuideView | null;
}): SessionView {
  const { pair, session } = input;
  const { mine, partner } = notesOf(input.notes);
  return {
    pairId: pair.pairId,
    session: sessionSummary(session, pair.sessions.length, input.themes, input.feedbackGiven),
    partner: partnerView(pair),
    guide: input.guide,
    myNote: noteView(mine),
    partnerNote: noteView(partner),
    canMove: !session.ended && session.state === 'booked',
    failedMove: session.lastMove === null || session.lastMove === undefined || session.state === 'moving' ? null : { code: session.lastMove.reason.code, params: session.lastMove.reason.params },
  };
}

export function trainingContentOf(training: MyTraining): TrainingContent {
  return { documents: training.documents, guides: training.guides, charter: training.charter };
}

/** Reading minutes: about 200 words a minute, at least one. */
function minutesToRead(words: number): number {
  return Math.max(1, Math.round(words / 200));
}

export function libraryView(training: MyTraining, language: string): LibraryView {
  const content = trainingContentOf(training);
  return {
    training: training.documents.flatMap((document) => {
      const found = trainingDocument(content, document.key, language);
      if (!found.ok) return [];
      const value = found.result.value;
      const words = value.sections.flatMap((section) => [...section.paragraphs, ...section.points]).join(' ').split(/\s+/).length;
      return [{ id: `training:${document.key}`, title: value.title, minutes: minutesToRead(words) }];
    }),
    guides: training.guides.flatMap((guide) => {
      const found = themeGuide(content, guide.theme, language);
      return found.ok ? [{ id: `guide:${guide.theme}`, theme: { key: guide.theme }, title: found.result.value.title }] : [];
    }),
  };
}

/** A training document (`training:<key>`) or a theme guide (`guide:<theme>`), in the reader's language. */
export function documentView(training: MyTraining, id: string, language: string): DocumentView | null {
  const content = trainingContentOf(training);
  const [kind, key] = id.split(':', 2);
  if (key === undefined) return null;
  if (kind === 'training') {
    const found = trainingDocument(content, key, language);
    if (!found.ok) return null;
    const value = found.result.value;
    return {
      id,
      kind: 'training',
      title: value.title,
      sections: [
        { heading: null, paragraphs: [value.summary] },
        ...value.sections.map((section) => ({ heading: section.title, paragraphs: [...section.paragraphs, ...section.points.map((point) => `• ${point}`)] })),
      ],
    };
  }
  if (kind === 'guide') {
    const found = themeGuide(content, key, language);
    if (!found.ok) return null;
    const guide = found.result.value;
    return {
      id,
      kind: 'guide',
      title: guide.title,
      sections: [
        { heading: null, paragraphs: [guide.summary] },
        { heading: null, paragraphs: guide.agenda.map((step) => `${step.minutes} min · ${step.title}: ${step.detail}`) },
        { heading: null, paragraphs: guide.exercises.map((exercise) => `${exercise.title}: ${exercise.text}`) },
        { heading: null, paragraphs: guide.questions.map((question) => `• ${question.text}`) },
      ],
    };
  }
  return null;
}

import { z } from 'zod';
import { Feedback, MyCohort, MyPair, MySession, MyTraining, Note, SlotProposal } from '../../../contract/me.ts';
import { Session } from '../../../contract/session.ts';
import type { ActionName } from '../../../addins/gcal/actions.ts';
import type { Card } from '../../../addins/gcal/card.ts';
import { buildErrorCard } from '../../../addins/gcal/cards/error.ts';
import { buildFeedbackCard } from '../../../addins/gcal/cards/feedback.ts';
import { buildHomeCard } from '../../../addins/gcal/cards/home.ts';
import { buildLibraryCard } from '../../../addins/gcal/cards/library.ts';
import { buildMoveCard } from '../../../addins/gcal/cards/move.ts';
import { buildNoteCard } from '../../../addins/gcal/cards/note.ts';
import { buildPairCard } from '../../../addins/gcal/cards/pair.ts';
import { buildReaderCard } from '../../../addins/gcal/cards/reader.ts';
import { buildSessionCard } from '../../../addins/gcal/cards/session.ts';
import { buildSessionsCard } from '../../../addins/gcal/cards/sessions.ts';
import { buildVolunteerCard } from '../../../addins/gcal/cards/volunteer.ts';
import type { AddOnEvent } from '../../../addins/gcal/event-object.ts';
import { readActionParameters, readFeedbackForm, readMoveForm, readNoteForm, readVolunteerForm, type FormResult } from '../../../addins/gcal/forms.ts';
import {
  charterView,
  documentView,
  guideView,
  homeView,
  libraryView,
  pairThemes,
  parseSessionId,
  partnerView,
  sessionSummary,
  sessionView,
  notesOf,
  trainingContentOf,
  volunteerFormView,
} from '../../../addins/gcal/from-api.ts';
import {
  errorNotificationReply,
  pushCardReply,
  triggerReply,
  updateCardReply,
  updateWithNotificationReply,
  type CallbackReply,
  type NotificationReply,
  type TriggerReply,
  type UpdateWithNotificationReply,
} from '../../../addins/gcal/replies.ts';
import { viewerFor, type CardContext } from '../../../addins/gcal/viewer.ts';
import type { ErrorView } from '../../../addins/gcal/view-models.ts';
import type { ApiAnswer, ParticipantApi } from './participant.ts';

/**
 * Each trigger and button of the add-on: read what Google sent, ask the participant
 * API as the person, shape the answer for the card, draw it, and wrap it the way
 * Google expects. An expected failure on a button keeps the card and says why.
 */

export type ActionReply = CallbackReply | NotificationReply | UpdateWithNotificationReply;

/** Languages offered on the volunteer form, French first. */
const offeredLanguages = ['fr', 'en', 'de', 'es', 'it', 'pt', 'nl', 'ar', 'zh'];

class Refused extends Error {
  constructor(readonly view: ErrorView) {
    super(view.message);
  }
}

function must<T>(answer: ApiAnswer<T> | FormResult<T>): T {
  if (answer.ok) return answer.value;
  throw new Refused(answer.error);
}

const sessionPath = (id: string) => {
  const parsed = parseSessionId(id);
  if (parsed === null) throw new Refused({ code: 'SESSION_NOT_FOUND', message: `no session ${id}`, field: 'parameters.sessionId' });
  return { ...parsed, path: `/api/me/sessions/${parsed.pairId}/${parsed.session}` };
};

export interface Screens {
  api: ParticipantApi;
  context: CardContext;
  now: number;
}

async function home(s: Screens): Promise<Card> {
  const [me, cohorts, pairs] = await Promise.all([s.api.read('/api/me/session', Session), s.api.read('/api/me/cohorts', z.array(MyCohort)), s.api.read('/api/me/pairs', z.array(MyPair))]);
  const name = must(me).name ?? '';
  return buildHomeCard(homeView(name === '' ? '—' : name, must(cohorts), must(pairs), s.now), s.context);
}

async function volunteerForm(s: Screens, cohortId: string): Promise<Card> {
  const cohort = must(await s.api.read(`/api/me/cohorts/${cohortId}`, MyCohort));
  return buildVolunteerCard(volunteerFormView(cohort, offeredLanguages), s.context);
}

async function pairAndCohort(s: Screens, pairId: string): Promise<{ pair: MyPair; cohort: MyCohort; themes: string[] }> {
  const pair = must(await s.api.read(`/api/me/pairs/${pairId}`, MyPair));
  const cohort = must(await s.api.read(`/api/me/cohorts/${pair.cohortId}`, MyCohort));
  return { pair, cohort, themes: pairThemes(pair, cohort.volunteering?.themes ?? []) };
}

async function pairCard(s: Screens, pairId: string): Promise<Card> {
  const { pair, cohort, themes } = await pairAndCohort(s, pairId);
  return buildPairCard(
    {
      pairId: pair.pairId,
      cohort: { id: cohort.cohortId, name: cohort.name },
      myRole: pair.myRole,
      partner: { ...partnerView(pair), timeZone: pair.partner.timeZone ?? s.context.timeZone },
      reasons: pair.reasons.map((reason) => ({ code: reason.code, params: reason.params, message: reason.message })),
      charter: charterView(pair, cohort, themes),
    },
    s.context,
  );
}

async function feedbackGiven(s: Screens, path: string): Promise<boolean> {
  const answer = await s.api.read(`${path}/feedback`, Feedback.nullable());
  if (answer.ok) return answer.value !== null;
  if (answer.status === 404) return false;
  throw new Refused(answer.error);
}

async function sessionsCard(s: Screens, pairId: string): Promise<Card> {
  const { pair, themes } = await pairAndCohort(s, pairId);
  const given = await Promise.all(pair.sessions.map((session) => (session.ended ? feedbackGiven(s, `/api/me/sessions/${pair.pairId}/${session.session}`) : false)));
  return buildSessionsCard(
    { pairId: pair.pairId, partnerName: pair.partner.name, sessions: pair.sessions.map((session, i) => sessionSummary(session, pair.sessions.length, themes, given[i] ?? false)) },
    s.context,
  );
}

async function sessionParts(s: Screens, sessionId: string) {
  const { pairId, session: number, path } = sessionPath(sessionId);
  const { pair, themes } = await pairAndCohort(s, pairId);
  const session = pair.sessions.find((candidate) => candidate.session === number);
  if (session === undefined) throw new Refused({ code: 'SESSION_NOT_FOUND', message: `pair ${pairId} has no session ${number}` });
  return { pair, themes, session, path };
}

async function sessionCard(s: Screens, sessionId: string): Promise<Card> {
  const { pair, themes, session, path } = await sessionParts(s, sessionId);
  const language = viewerFor(s.context).language;
  const [notes, given, training] = await Promise.all([
    s.api.read(`${path}/notes`, z.array(Note)),
    session.ended ? feedbackGiven(s, path) : Promise.resolve(false),
    s.api.read(`/api/me/training?lang=${language}`, MyTraining),
  ]);
  const theme = sessionSummary(session, pair.sessions.length, themes, false).theme?.key ?? null;
  const guide = guideView(trainingContentOf(must(training)), theme, language);
  return buildSessionCard(sessionView({ pair, session, themes, notes: must(notes), feedbackGiven: given, guide }), s.context);
}

async function moveCard(s: Screens, sessionId: string): Promise<Card> {
  const { pair, themes, session, path } = await sessionParts(s, sessionId);
  const proposal = must(await s.api.read(`${path}/slots`, SlotProposal));
  return buildMoveCard({ session: sessionSummary(session, pair.sessions.length, themes, false), partnerName: pair.partner.name, slots: proposal.slots, note: proposal.note === null ? null : { code: proposal.note.code, params: proposal.note.params } }, s.context);
}

async function noteCard(s: Screens, sessionId: string): Promise<Card> {
  const { pair, themes, session, path } = await sessionParts(s, sessionId);
  const mine = notesOf(must(await s.api.read(`${path}/notes`, z.array(Note)))).mine;
  return buildNoteCard(
    { session: sessionSummary(session, pair.sessions.length, themes, false), note: mine === undefined ? null : { text: mine.body, shared: mine.shared, updatedAt: mine.updatedAt } },
    s.context,
  );
}

async function feedbackCard(s: Screens, sessionId: string): Promise<Card> {
  const { pair, themes, session } = await sessionParts(s, sessionId);
  return buildFeedbackCard({ session: sessionSummary(session, pair.sessions.length, themes, false), partnerName: pair.partner.name }, s.context);
}

async function training(s: Screens): Promise<MyTraining> {
  return must(await s.api.read(`/api/me/training?lang=${viewerFor(s.context).language}`, MyTraining));
}

/** The card a trigger opens: on a Binome session's event, that session; else home. */
export async function answerTrigger(trigger: 'home' | 'event-open', event: AddOnEvent, s: Screens): Promise<TriggerReply> {
  try {
    const eventId = event.calendar?.id;
    if (trigger === 'event-open' && eventId !== undefined) {
      const found = await s.api.read(`/api/me/sessions/lookup?tag=${encodeURIComponent(eventId)}`, MySession);
      if (found.ok) return triggerReply(await sessionCard(s, `${found.value.pairId}.${found.value.session}`));
      if (found.status !== 404) throw new Refused(found.error);
    }
    return triggerReply(await home(s));
  } catch (error) {
    if (error instanceof Refused) return triggerReply(buildErrorCard(error.view, s.context));
    throw error;
  }
}

async function perform(name: ActionName, event: AddOnEvent, s: Screens): Promise<ActionReply> {
  const done = (card: Card, word: string) => updateWithNotificationReply(card, viewerFor(s.context).plain(`done.${word}`));
  switch (name) {
    case 'home':
      return updateCardReply(await home(s));
    case 'open-volunteer':
      return pushCardReply(await volunteerForm(s, must(readActionParameters(event, name)).cohortId));
    case 'volunteer': {
      const { cohortId } = must(readActionParameters(event, name));
      const answers = must(readVolunteerForm(event));
      const themes = answers.role === 'mentor' ? answers.offers : answers.wants;
      must(await s.api.change('PUT', `/api/me/cohorts/${cohortId}/volunteering`, { role: answers.role, themes, languages: answers.languages, format: answers.format, workingHours: null }, null));
      return done(await home(s), 'volunteered');
    }
    case 'open-pair':
      return pushCardReply(await pairCard(s, must(readActionParameters(event, name)).pairId));
    case 'accept-charter': {
      const { pairId } = must(readActionParameters(event, name));
      const pair = must(await s.api.read(`/api/me/pairs/${pairId}`, MyPair));
      must(await s.api.change('POST', `/api/me/pairs/${pairId}/charter`, { version: pair.charter.content.version }, null));
      return done(await pairCard(s, pairId), 'charterAccepted');
    }
    case 'open-sessions':
      return pushCardReply(await sessionsCard(s, must(readActionParameters(event, name)).pairId));
    case 'open-session':
      return pushCardReply(await sessionCard(s, must(readActionParameters(event, name)).sessionId));
    case 'open-move':
      return pushCardReply(await moveCard(s, must(readActionParameters(event, name)).sessionId));
    case 'move-session': {
      const { sessionId } = must(readActionParameters(event, name));
      const { start } = must(readMoveForm(event));
      must(await s.api.change('POST', `${sessionPath(sessionId).path}/move`, { start }, null));
      return done(await sessionCard(s, sessionId), 'moved');
    }
    case 'open-note':
      return pushCardReply(await noteCard(s, must(readActionParameters(event, name)).sessionId));
    case 'save-note': {
      const { sessionId } = must(readActionParameters(event, name));
      const input = must(readNoteForm(event));
      const { path } = sessionPath(sessionId);
      const mine = notesOf(must(await s.api.read(`${path}/notes`, z.array(Note)))).mine;
      const text = input.text.trim();
      if (mine !== undefined && text === '') must(await s.api.change('DELETE', `/api/me/notes/${mine.noteId}`, undefined, null));
      else if (mine !== undefined) must(await s.api.change('PATCH', `/api/me/notes/${mine.noteId}`, { body: text, shared: input.shared }, null));
      else if (text !== '') must(await s.api.change('POST', `${path}/notes`, { body: text, shared: input.shared }, null));
      return done(await sessionCard(s, sessionId), 'noteSaved');
    }
    case 'open-feedback':
      return pushCardReply(await feedbackCard(s, must(readActionParameters(event, name)).sessionId));
    case 'send-feedback': {
      const { sessionId } = must(readActionParameters(event, name));
      const answers = must(readFeedbackForm(event));
      const body = { satisfaction: answers.satisfaction, wouldRecommend: answers.wouldRecommend, learnt: answers.learnt ?? '', comment: answers.comment ?? '' };
      must(await s.api.change('PUT', `${sessionPath(sessionId).path}/feedback`, body, null));
      return done(await sessionCard(s, sessionId), 'feedbackSent');
    }
    case 'open-library': {
      const page = Number(must(readActionParameters(event, name)).page ?? '1');
      return pushCardReply(buildLibraryCard(libraryView(await training(s), viewerFor(s.context).language), s.context, page));
    }
    case 'open-reader': {
      const { documentId, page } = must(readActionParameters(event, name));
      const view = documentView(await training(s), documentId, viewerFor(s.context).language);
      if (view === null) throw new Refused({ code: 'UNKNOWN', message: `no document ${documentId}`, field: 'parameters.documentId' });
      return pushCardReply(buildReaderCard(view, s.context, Number(page)));
    }
  }
}

/** A button or form: the next card, or the refusal as a notification over the card the person is on. */
export async function answerAction(name: ActionName, event: AddOnEvent, s: Screens): Promise<ActionReply> {
  try {
    return await perform(name, event, s);
  } catch (error) {
    if (error instanceof Refused) return errorNotificationReply(viewerFor(s.context), error.view);
    throw error;
  }
}

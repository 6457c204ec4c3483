import { z } from 'zod';
import {
  Feedback,
  type FeedbackBody,
  MyCohort,
  MyPair,
  MySession,
  MyTraining,
  mePaths,
  Note,
  type NoteBody,
  type NotePatch,
  SlotProposal,
  type VolunteerBody,
} from '../../../contract/me.ts';
import { Session } from '../../../contract/session.ts';
import { ApiError, createApiRequest, type ApiClientOptions } from './client.ts';

type NoteBodyInput = z.input<typeof NoteBody>;
type NotePatchInput = z.input<typeof NotePatch>;
type FeedbackBodyInput = z.input<typeof FeedbackBody>;
type VolunteerBodyInput = z.input<typeof VolunteerBody>;

/** A session is its pair and its number in the pair's series. */
export interface SessionRef {
  pairId: string;
  session: number;
}

/** The participant API (`/api/me/…`, contract/me.ts's mePaths; moving under a session's path): every answer read with the contract's schemas. */
export function createMeClient(options: ApiClientOptions = {}) {
  const request = createApiRequest(options);
  const session = (ref: SessionRef) => mePaths.session(ref.pairId, ref.session);

  return {
    whoAmI: () => request(Session, 'GET', '/api/me/session'),
    cohorts: () => request(z.array(MyCohort), 'GET', mePaths.cohorts),
    volunteer: (cohortId: string, body: VolunteerBodyInput) => request(z.unknown(), 'PUT', mePaths.volunteering(cohortId), { json: body }),
    withdraw: (cohortId: string) => request(z.unknown(), 'DELETE', mePaths.volunteering(cohortId)),
    pairs: () => request(z.array(MyPair), 'GET', mePaths.pairs),
    pair: (pairId: string) => request(MyPair, 'GET', mePaths.pair(pairId)),
    acceptCharter: (pairId: string, version: number) => request(z.unknown(), 'POST', mePaths.charter(pairId), { json: { version } }),
    sessions: () => request(z.array(MySession), 'GET', mePaths.sessions),
    session: (ref: SessionRef) => request(MySession, 'GET', session(ref)),
    lookup: (tag: string) => request(MySession, 'GET', mePaths.sessionByTag(tag)),
    slots: (ref: SessionRef) => request(SlotProposal, 'GET', `${session(ref)}/slots`),
    /** 200 once both calendars show the new slot, 202 while the session is moving. */
    move: (ref: SessionRef, start: string) => request(MySession, 'POST', `${session(ref)}/move`, { json: { start } }),
    notes: (ref: SessionRef) => request(z.array(Note), 'GET', mePaths.notes(ref.pairId, ref.session)),
    writeNote: (ref: SessionRef, body: NoteBodyInput) => request(Note, 'POST', mePaths.notes(ref.pairId, ref.session), { json: body }),
    editNote: (noteId: string, patch: NotePatchInput) => request(Note, 'PATCH', mePaths.note(noteId), { json: patch }),
    deleteNote: (noteId: string) => request(z.unknown(), 'DELETE', mePaths.note(noteId)),
    /** null while no feedback was given for the session. */
    feedback: async (ref: SessionRef) => {
      try {
        return await request(Feedback.nullable(), 'GET', mePaths.feedback(ref.pairId, ref.session));
      } catch (error) {
        if (error instanceof ApiError && error.code === 'FEEDBACK_NOT_GIVEN') return null;
        throw error;
      }
    },
    giveFeedback: (ref: SessionRef, body: FeedbackBodyInput) => request(Feedback, 'PUT', mePaths.feedback(ref.pairId, ref.session), { json: body }),
    training: (lang: 'fr' | 'en') => request(MyTraining, 'GET', `${mePaths.training}?lang=${lang}`),
  };
}

export type MeClient = ReturnType<typeof createMeClient>;

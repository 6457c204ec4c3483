import { z } from 'zod';
import {
  Feedback,
  type FeedbackBody,
  MyCohort,
  MyPair,
  MySession,
  MyTraining,
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

/** The participant API (`/api/me/…`, contract/me.ts): every answer read with the contract's schemas. */
export function createMeClient(options: ApiClientOptions = {}) {
  const request = createApiRequest(options);
  const cohort = (cohortId: string) => `/api/me/cohorts/${encodeURIComponent(cohortId)}`;
  const pair = (pairId: string) => `/api/me/pairs/${encodeURIComponent(pairId)}`;
  const session = (ref: SessionRef) => `/api/me/sessions/${encodeURIComponent(ref.pairId)}/${ref.session}`;
  const note = (noteId: string) => `/api/me/notes/${encodeURIComponent(noteId)}`;

  return {
    whoAmI: () => request(Session, 'GET', '/api/me/session'),
    cohorts: () => request(z.array(MyCohort), 'GET', '/api/me/cohorts'),
    volunteer: (cohortId: string, body: VolunteerBodyInput) => request(z.unknown(), 'PUT', `${cohort(cohortId)}/volunteering`, { json: body }),
    withdraw: (cohortId: string) => request(z.unknown(), 'DELETE', `${cohort(cohortId)}/volunteering`),
    pairs: () => request(z.array(MyPair), 'GET', '/api/me/pairs'),
    pair: (pairId: string) => request(MyPair, 'GET', pair(pairId)),
    acceptCharter: (pairId: string, version: number) => request(z.unknown(), 'POST', `${pair(pairId)}/charter`, { json: { version } }),
    sessions: () => request(z.array(MySession), 'GET', '/api/me/sessions'),
    session: (ref: SessionRef) => request(MySession, 'GET', session(ref)),
    lookup: (tag: string) => request(MySession, 'GET', `/api/me/sessions/lookup?tag=${encodeURIComponent(tag)}`),
    slots: (ref: SessionRef) => request(SlotProposal, 'GET', `${session(ref)}/slots`),
    /** 200 once both calendars show the new slot, 202 while the session is moving. */
    move: (ref: SessionRef, start: string) => request(MySession, 'POST', `${session(ref)}/move`, { json: { start } }),
    notes: (ref: SessionRef) => request(z.array(Note), 'GET', `${session(ref)}/notes`),
    writeNote: (ref: SessionRef, body: NoteBodyInput) => request(Note, 'POST', `${session(ref)}/notes`, { json: body }),
    editNote: (noteId: string, patch: NotePatchInput) => request(Note, 'PATCH', note(noteId), { json: patch }),
    deleteNote: (noteId: string) => request(z.unknown(), 'DELETE', note(noteId)),
    /** null while no feedback was given for the session. */
    feedback: async (ref: SessionRef) => {
      try {
        return await request(Feedback.nullable(), 'GET', `${session(ref)}/feedback`);
      } catch (error) {
        if (error instanceof ApiError && error.code === 'FEEDBACK_NOT_GIVEN') return null;
        throw error;
      }
    },
    giveFeedback: (ref: SessionRef, body: FeedbackBodyInput) => request(Feedback, 'PUT', `${session(ref)}/feedback`, { json: body }),
    training: (lang: 'fr' | 'en') => request(MyTraining, 'GET', `/api/me/training?lang=${lang}`),
  };
}

export type MeClient = ReturnType<typeof createMeClient>;

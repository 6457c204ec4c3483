import { z } from 'zod';
import { ErrorBody } from '../../contract/admin.ts';
import { Session } from '../../contract/session.ts';
import { mePaths, MyCohort, type VolunteerBody } from '../../contract/me.ts';

/** A refusal of the API, with its stable code and the field it names. */
export class Refusal extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | null;

  constructor(status: number, body: ErrorBody) {
    super(body.message);
    this.status = status;
    this.code = body.code;
    this.field = body.field ?? null;
  }
}

/** The few participant routes the volunteer page needs, over the signed-in session (cookie + CSRF token). */
export function volunteerApi(csrfToken: () => string | null) {
  async function request<T>(schema: z.ZodType<T>, method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = csrfToken();
    if (method !== 'GET' && token !== null) headers['x-csrf-token'] = token;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(path, { method, headers, credentials: 'same-origin', ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      parsed = null;
    }
    if (!response.ok) {
      const refusal = ErrorBody.safeParse(parsed);
      throw new Refusal(response.status, refusal.success ? refusal.data : { code: `HTTP_${response.status}`, message: text.slice(0, 200), field: null });
    }
    return schema.parse(parsed);
  }
  return {
    session: () => request(Session, 'GET', '/api/me/session'),
    cohort: (cohortId: string) => request(MyCohort, 'GET', mePaths.cohort(cohortId)),
    volunteer: (cohortId: string, body: VolunteerBody) => request(MyCohort, 'PUT', mePaths.volunteering(cohortId), body),
    withdraw: (cohortId: string) => request(z.null(), 'DELETE', mePaths.volunteering(cohortId)),
  };
}

export type VolunteerApi = ReturnType<typeof volunteerApi>;

import { z } from 'zod';
import {
  Cohort,
  type BreakBody,
  type CreateCohortBody,
  Enrolments,
  ErrorBody,
  ImportReport,
  MatchingView,
  Progress,
  ProgressWithStatus,
  ProposalChange,
  RetryAnswer,
  type SwapBody,
  Withdrawal,
} from '../../../contract/admin.ts';
import { Session } from '../../../contract/session.ts';
import type { MessageParams } from '../../../contract/messages.ts';

/**
 * The one way the surfaces talk to the service: every answer is read with the shared
 * contract, every refusal becomes an ApiError carrying the API's { code, message, field }.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | null;
  /** The facts the code is worded from (contract/messages.ts `refusalMessage`); `{}` when the API sent none. */
  readonly params: MessageParams;

  constructor(status: number, body: ErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.field = body.field ?? null;
    this.params = body.params ?? {};
  }
}

export interface ApiClientOptions {
  /** Where the service is; the pane is served by it, so this is usually `''`. */
  baseUrl?: string;
  /** The CSRF token of the signed-in session, sent on every change. */
  csrfToken?: () => string | null;
  fetch?: typeof fetch;
}

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The content type an enrolment file is sent with, from its name: browsers often give none for .csv. */
export function enrolmentContentType(fileName: string): string {
  return /\.xlsx$/i.test(fileName) ? xlsxType : 'text/csv';
}

/** One typed call to the service: the answer read with `schema`, a refusal thrown as ApiError. */
export type ApiRequest = <T>(schema: z.ZodType<T>, method: string, path: string, body?: { json: unknown } | { raw: Blob; type: string }) => Promise<T>;

export function createApiRequest(options: ApiClientOptions = {}): ApiRequest {
  const base = options.baseUrl ?? '';
  const send = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  return async function request<T>(schema: z.ZodType<T>, method: string, path: string, body?: { json: unknown } | { raw: Blob; type: string }): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (method !== 'GET' && method !== 'HEAD') {
      const token = options.csrfToken?.() ?? null;
      if (token !== null) headers['x-csrf-token'] = token;
    }
    let payload: BodyInit | undefined;
    if (body !== undefined && 'json' in body) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body.json);
    } else if (body !== undefined) {
      headers['content-type'] = body.type;
      payload = body.raw;
    }
    const response = await send(`${base}${path}`, { method, headers, body: payload, credentials: 'same-origin' });
    const text = await response.text();
    const parsed: unknown = text === '' ? null : safeJson(text);
    if (!response.ok) {
      const error = ErrorBody.safeParse(parsed);
      throw new ApiError(response.status, error.success ? error.data : { code: `HTTP_${response.status}`, message: text.slice(0, 300), field: null });
    }
    return schema.parse(parsed);
  };
}

export function createApiClient(options: ApiClientOptions = {}) {
  const base = options.baseUrl ?? '';
  const send = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const request = createApiRequest(options);

  const cohortPath = (cohortId: string) => `/api/admin/cohorts/${encodeURIComponent(cohortId)}`;

  return {
    session: () => request(Session, 'GET', '/api/me/session'),
    signOut: () => request(z.null(), 'POST', '/auth/logout'),
    listCohorts: () => request(z.array(Cohort), 'GET', '/api/admin/cohorts'),
    getCohort: (cohortId: string) => request(Cohort, 'GET', cohortPath(cohortId)),
    openCohort: (cohortId: string) => request(Cohort, 'POST', `${cohortPath(cohortId)}/open`),
    closeCohort: (cohortId: string) => request(Cohort, 'POST', `${cohortPath(cohortId)}/close`),
    createCohort: (body: CreateCohortBody) => request(Cohort, 'POST', '/api/admin/cohorts', { json: body }),
    importEnrolments: (cohortId: string, file: Blob, fileName: string) =>
      request(ImportReport, 'POST', `${cohortPath(cohortId)}/enrolments`, { raw: file, type: enrolmentContentType(fileName) }),
    listEnrolments: (cohortId: string) => request(Enrolments, 'GET', `${cohortPath(cohortId)}/enrolments`),
    withdrawEnrolment: (cohortId: string, email: string) => request(Withdrawal, 'DELETE', `${cohortPath(cohortId)}/enrolments/${encodeURIComponent(email)}`),
    runMatching: (cohortId: string) => request(MatchingView, 'POST', `${cohortPath(cohortId)}/matching`),
    readMatching: (cohortId: string) => request(MatchingView, 'GET', `${cohortPath(cohortId)}/matching`),
    lockPair: (cohortId: string, pairId: string, locked: boolean) =>
      request(ProposalChange, 'PUT', `${cohortPath(cohortId)}/pairs/${encodeURIComponent(pairId)}/lock`, { json: { locked } }),
    breakPair: (cohortId: string, pairId: string, body: BreakBody) =>
      request(ProposalChange, 'POST', `${cohortPath(cohortId)}/pairs/${encodeURIComponent(pairId)}/break`, { json: body }),
    swapPeople: (cohortId: string, body: SwapBody) => request(ProposalChange, 'POST', `${cohortPath(cohortId)}/swaps`, { json: body }),
    publish: (cohortId: string) => request(Progress, 'POST', `${cohortPath(cohortId)}/publish`),
    startRollout: (cohortId: string) => request(Progress, 'POST', `${cohortPath(cohortId)}/rollout`),
    readRollout: (cohortId: string) => request(ProgressWithStatus, 'GET', `${cohortPath(cohortId)}/rollout`),
    retryRollout: (cohortId: string) => request(RetryAnswer, 'POST', `${cohortPath(cohortId)}/rollout/retry`),
    /** Whether the service offers enrolment templates (an older service has none). */
    templatesOffered: async () => {
      const response = await send(`${base}${enrolmentTemplatePath('csv', 'fr')}`, { method: 'HEAD', credentials: 'same-origin' });
      return response.ok;
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

export function enrolmentTemplatePath(format: 'csv' | 'xlsx', lang: 'fr' | 'en'): string {
  return `/api/admin/enrolment-template?format=${format}&lang=${lang}`;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

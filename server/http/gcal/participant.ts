import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { ErrorBody } from '../../../contract/admin.ts';
import type { ErrorView } from '../../../addins/gcal/view-models.ts';

export type ApiAnswer<T> = { ok: true; value: T } | { ok: false; status: number; error: ErrorView };

/**
 * The participant API called as the person using the add-on: the service's own
 * `/api/me` routes (paths as contract/me.ts names them), reached in-process with the person's Google ID token as bearer,
 * so the add-on has exactly the access the person has and the same checks run.
 */
export interface ParticipantApi {
  read<T>(path: string, schema: z.ZodType<T>): Promise<ApiAnswer<T>>;
  change<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body: unknown, schema: z.ZodType<T> | null): Promise<ApiAnswer<T | null>>;
}

function failure(status: number, payload: string): { ok: false; status: number; error: ErrorView } {
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(payload);
  } catch {
    parsed = null;
  }
  const body = ErrorBody.safeParse(parsed);
  const code = body.success && /^[A-Z][A-Z0-9_]*$/.test(body.data.code) ? body.data.code : 'UNKNOWN';
  const field = body.success && typeof body.data.field === 'string' ? body.data.field : undefined;
  return { ok: false, status, error: { code, message: body.success ? body.data.message : `HTTP ${status}`, ...(field === undefined ? {} : { field }) } };
}

export function participantApi(app: FastifyInstance, userIdToken: string): ParticipantApi {
  const send = async (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body: unknown) =>
    app.inject({
      method,
      url: path,
      headers: { authorization: `Bearer ${userIdToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
  const parse = <T>(path: string, schema: z.ZodType<T>, payload: unknown): ApiAnswer<T> => {
    const parsed = schema.safeParse(payload);
    if (parsed.success) return { ok: true, value: parsed.data };
    return { ok: false, status: 502, error: { code: 'UNKNOWN', message: `the participant API answered ${path} in an unexpected shape` } };
  };
  return {
    async read(path, schema) {
      const response = await send('GET', path, undefined);
      return response.statusCode >= 400 ? failure(response.statusCode, response.payload) : parse(path, schema, response.json());
    },
    async change(method, path, body, schema) {
      const response = await send(method, path, body);
      if (response.statusCode >= 400) return failure(response.statusCode, response.payload);
      if (schema === null || response.statusCode === 204) return { ok: true, value: null };
      return parse(path, schema, response.json());
    },
  };
}

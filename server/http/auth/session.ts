import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCsrfProtection from '@fastify/csrf-protection';
import fastifySecureSession from '@fastify/secure-session';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PendingSignIn } from '../../auth/oidc.ts';
import type { Identity } from '../../auth/schema.ts';

declare module '@fastify/secure-session' {
  interface SessionData {
    identity: Identity;
    /** Between /auth/login and /auth/callback. */
    pending: PendingSignIn & { tenantId: string; returnTo: string };
    /** @fastify/csrf-protection's secret. */
    _csrf: string;
  }
}

export const sessionCookieName = 'binome_session';
/** A pane session lasts a working day; signing in again is one redirect. */
const sessionSeconds = 8 * 60 * 60;
const keyBytes = 32;

/**
 * The session key: given (base64, 32 bytes), else kept in `dataDir/session.key`
 * (created on first start, owner-only), else random per process (tests).
 */
export function loadSessionKey(given: string | null, dataDir: string | null): Buffer {
  if (given !== null) {
    const key = Buffer.from(given, 'base64');
    if (key.length !== keyBytes) throw new Error(`the session key must be ${keyBytes} bytes in base64 (got ${key.length})`);
    return key;
  }
  if (dataDir === null) return randomBytes(keyBytes);
  const path = join(dataDir, 'session.key');
  if (existsSync(path)) return Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(keyBytes);
  writeFileSync(path, key.toString('base64'), { mode: 0o600 });
  return key;
}

/** Encrypted cookie sessions (secure, httpOnly, SameSite=Lax) and CSRF tokens kept in them. */
export async function registerSessions(app: FastifyInstance, key: Buffer): Promise<void> {
  await app.register(fastifySecureSession, {
    key,
    cookieName: sessionCookieName,
    expiry: sessionSeconds,
    cookie: { path: '/', httpOnly: true, secure: true, sameSite: 'lax' },
  });
  await app.register(fastifyCsrfProtection, { sessionPlugin: '@fastify/secure-session', getToken: (request) => headerValue(request, 'x-csrf-token') });
}

function headerValue(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The plugin's check as a value: it answers through `reply.send(error)` or calls
 * `next()`, so it is handed a stand-in reply and the route keeps the answer to itself.
 */
export function csrfTokenValid(app: FastifyInstance, request: FastifyRequest): Promise<boolean> {
  return new Promise((resolve) => {
    const standIn = { send: () => resolve(false) } as unknown as FastifyReply;
    app.csrfProtection(request, standIn, () => resolve(true));
  });
}

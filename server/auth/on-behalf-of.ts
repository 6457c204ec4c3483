import type { FastifyRequest } from 'fastify';
import type { CalendarPort } from '../../src/ports/calendar.ts';
import { createDelegatedReads, type DelegatedReads } from '../connectors/microsoft/delegated.ts';
import { graphClientConfig } from '../providers/microsoft.ts';
import type { TenantRuntime } from '../runtime/tenants.ts';

/**
 * Which calendar reads act as the signed-in person (see docs/on-behalf-of.md): on a
 * Microsoft tenant, when the participant API was called with the person's own Entra token
 * (the Outlook pane's NAA or Office SSO token), their free/busy is read with a delegated
 * Graph token that Entra's on-behalf-of grant gives for that token. Everything else reads
 * app-only as before: Google tenants (domain-wide delegation), the volunteer page's cookie
 * session (no user token to exchange), HR and the rollout (bookings move events app-only).
 */
export interface PersonalCalendars {
  /** `runtime`'s calendar, with `availability` read as the caller when the request allows it. */
  calendarFor(request: FastifyRequest, runtime: TenantRuntime, personEmail: string): Promise<CalendarPort>;
  close(): Promise<void>;
}

/** The caller's own bearer token, when that is how they signed in as a person. */
export function userAssertion(request: FastifyRequest): string | null {
  if (request.identityVia !== 'bearer' || request.identity?.kind !== 'user') return null;
  return /^Bearer +(\S+)$/i.exec(request.headers.authorization?.trim() ?? '')?.[1] ?? null;
}

async function readsFor(runtime: TenantRuntime): Promise<DelegatedReads | null> {
  const { config } = runtime;
  if (config.platform !== 'microsoft') return null;
  return createDelegatedReads(await graphClientConfig(config));
}

export function personalCalendars(): PersonalCalendars {
  // One client per tenant, made on first use: its msal cache keeps each exchanged token.
  const reads = new Map<string, Promise<DelegatedReads | null>>();
  const readsOf = (runtime: TenantRuntime) => {
    let found = reads.get(runtime.tenant.id);
    if (found === undefined) {
      found = readsFor(runtime);
      reads.set(runtime.tenant.id, found);
    }
    return found;
  };
  return {
    async calendarFor(request, runtime, personEmail) {
      const assertion = userAssertion(request);
      const delegated = assertion === null ? null : await readsOf(runtime);
      if (assertion === null || delegated === null) return runtime.calendar;
      return { ...runtime.calendar, availability: (emails, window) => delegated.availability(assertion, personEmail, emails, window) };
    },
    async close() {
      const all = await Promise.all([...reads.values()]);
      await Promise.all(all.map((r) => r?.close()));
    },
  };
}

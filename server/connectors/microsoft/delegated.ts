import { AuthError } from '@azure/msal-node';
import type { Availability } from '../../../src/ports/calendar.ts';
import { RequestCounter, type RequestCounts } from '../shared/counts.ts';
import { defaultRetryPolicy, systemClock, type Clock } from '../shared/retry.ts';
import type { Window } from '../shared/slices.ts';
import { createTlsFetch } from '../shared/transport.ts';
import { confidentialClient } from './auth.ts';
import { createCalendar } from './calendar.ts';
import { MicrosoftConfig } from './connector.ts';
import { createGraphApi } from './graph.ts';
import { msalNetworkModule } from './round-trip.ts';

/**
 * Graph reads made as a person rather than as Binome: the token the Outlook pane sent
 * (NAA or Office SSO, audience Binome's API) is exchanged with Entra's on-behalf-of grant
 * for a delegated Graph token carrying only the scope the read needs, and the read runs
 * with it, so Graph applies that person's own rights. App-only stays for HR and rollout
 * work (bookings, the directory).
 *
 * getSchedule needs Calendars.ReadBasic delegated, the least of the three Graph accepts
 * (Calendars.ReadBasic, Calendars.Read, Calendars.ReadWrite); the person's free/busy and
 * their partner's come back as the person may see them (free/busy is shared in the
 * organisation by default).
 */
export const freeBusyScopes = ['https://graph.microsoft.com/Calendars.ReadBasic'];

/** Why on-behalf-of gave no token: Entra's AADSTS code and words (e.g. 50013: the assertion is not for this app; 65001: not consented). */
export interface DelegationRefusal {
  code: 'DELEGATION_REFUSED';
  message: string;
}

export interface DelegatedReads {
  /**
   * Free/busy as `assertion`'s person sees it, asked from their own mailbox; a refused
   * exchange answers every address with an error naming Entra's refusal (never app-only).
   */
  availability(assertion: string, personEmail: string, emails: string[], window: Window): Promise<Availability[]>;
  requestCounts(): RequestCounts;
  close(): Promise<void>;
}

function refusalOf(error: unknown): DelegationRefusal {
  if (error instanceof AuthError) {
    const aadsts = /AADSTS\d+/.exec(error.errorMessage)?.[0];
    return { code: 'DELEGATION_REFUSED', message: `on-behalf-of refused: ${aadsts ?? error.errorCode}: ${error.errorMessage.split('\n')[0] ?? ''}`.trim() };
  }
  return { code: 'DELEGATION_REFUSED', message: `on-behalf-of failed: ${error instanceof Error ? error.message : String(error)}` };
}

export function createDelegatedReads(input: MicrosoftConfig, clock: Clock = systemClock): DelegatedReads {
  const config = MicrosoftConfig.parse(input);
  const counter = new RequestCounter();
  const transport = createTlsFetch(config.caCertPem);
  // msal keeps each on-behalf-of token in its cache under the assertion it came from.
  const app = confidentialClient(config, msalNetworkModule(transport.fetch, counter));

  async function delegatedToken(assertion: string): Promise<{ ok: true; token: string } | { ok: false; refusal: DelegationRefusal }> {
    try {
      const result = await app.acquireTokenOnBehalfOf({ oboAssertion: assertion, scopes: freeBusyScopes });
      if (result === null || result.accessToken === '') return { ok: false, refusal: { code: 'DELEGATION_REFUSED', message: `no token from ${config.authority}` } };
      return { ok: true, token: result.accessToken };
    } catch (error) {
      return { ok: false, refusal: refusalOf(error) };
    }
  }

  return {
    async availability(assertion, personEmail, emails, window) {
      const token = await delegatedToken(assertion);
      if (!token.ok) return emails.map((email) => ({ email, busy: [], timeZone: null, workingHours: null, error: token.refusal.message }));
      const graph = createGraphApi({
        graphBaseUrl: config.graphBaseUrl,
        authProvider: { getAccessToken: () => Promise.resolve(token.token) },
        tlsFetch: transport.fetch,
        counter,
        concurrency: config.concurrency ?? 4,
        retry: config.retry ?? defaultRetryPolicy,
        clock,
      });
      // Asked from the person's own mailbox: a delegated token reaches no one else's.
      return createCalendar(graph, { organizerMailbox: personEmail }).availability(emails, window);
    },
    requestCounts: () => counter.snapshot(),
    close: () => transport.close(),
  };
}

import type { PermissionProbe } from '../shared/permission-probe.ts';
import type { CalendarPort } from '../../../src/ports/calendar.ts';
import type { MailPort } from '../../../src/ports/mail.ts';
import { KeyedLimiter } from '../shared/concurrency.ts';
import { RequestCounter, type RequestCounts } from '../shared/counts.ts';
import { defaultRetryPolicy, systemClock, type Clock } from '../shared/retry.ts';
import { createTlsFetch } from '../shared/transport.ts';
import { createSubjects } from './auth.ts';
import { createCalendar } from './calendar.ts';
import { GoogleConfig, loadServiceAccountKey } from './config.ts';
import { createDirectory, type GoogleDirectory } from './directory.ts';
import { createGoogleApi } from './google.ts';
import { createMail } from './mail.ts';
import { createRoundTrip } from './round-trip.ts';

export interface GoogleConnector {
  /** The DirectoryPort, plus group membership (Admin SDK members.hasMember). */
  directory: GoogleDirectory;
  calendar: CalendarPort;
  mail: MailPort;
  requestCounts(): RequestCounts;
  probes: readonly PermissionProbe[];
  /** Closes the pooled connections. */
  close(): Promise<void>;
}

/** Requests in flight per impersonated person: Google limits each user's request rate. */
const defaultConcurrency = 8;
/** Token grants in flight: a first directory read asks one per person. */
const defaultTokenConcurrency = 16;

/**
 * The Google connector: google-auth-library's JWT client for delegated tokens
 * (one per impersonated person), the per-API googleapis clients, and our own
 * batch endpoint client, all over one undici agent that trusts `caCertPem`.
 * `clock` is for tests.
 */
export function createGoogleConnector(input: GoogleConfig, clock: Clock = systemClock): GoogleConnector {
  const config = GoogleConfig.parse(input);
  const key = loadServiceAccountKey(config.serviceAccountKey);
  const counter = new RequestCounter();
  const transport = createTlsFetch(config.caCertPem ?? null);
  const roundTrip = createRoundTrip({
    tlsFetch: transport.fetch,
    counter,
    limiter: new KeyedLimiter(config.concurrency ?? defaultConcurrency),
    tokenLimiter: new KeyedLimiter(config.tokenConcurrency ?? defaultTokenConcurrency),
    tokenUrl: config.tokenUrl ?? null,
  });
  const api = createGoogleApi({
    subjects: createSubjects(key, roundTrip),
    roundTrip,
    adminEmail: config.adminEmail,
    apiOrigin: config.apiRootUrl ? new URL(config.apiRootUrl).origin : null,
    retry: config.retry ?? defaultRetryPolicy,
    clock,
  });
  return {
    directory: createDirectory(api, { domain: config.domain ?? null, customerId: config.customerId ?? null }),
    calendar: createCalendar(api, { asker: config.adminEmail }),
    mail: createMail(api),
    requestCounts: () => counter.snapshot(),
    // calendars.get('primary'), Google's only conditional read, is part of every availability read.
    probes: [],
    close: () => transport.close(),
  };
}

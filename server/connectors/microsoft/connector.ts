import { z } from 'zod';
import type { CalendarPort } from '../../../src/ports/calendar.ts';
import type { DirectoryPort } from '../../../src/ports/directory.ts';
import type { MailPort } from '../../../src/ports/mail.ts';
import { msalAuthProvider } from './auth.ts';
import { createCalendar } from './calendar.ts';
import { RequestCounter, type RequestCounts } from '../shared/counts.ts';
import { createDirectory } from './directory.ts';
import { createGraphApi } from './graph.ts';
import { createMail } from './mail.ts';
import { mailboxSettingsProbe } from './permission-probes.ts';
import type { PermissionProbe } from '../shared/permission-probe.ts';
import { defaultRetryPolicy, systemClock, type Clock } from '../shared/retry.ts';
import { createTlsFetch } from '../shared/transport.ts';
import { msalNetworkModule } from './round-trip.ts';

export const MicrosoftConfig = z.object({
  tenantId: z.string().min(1),
  clientId: z.string().min(1),
  /** One of the two app credentials Entra accepts: a client secret, or a certificate's private key (PEM) and its SHA-256 thumbprint. */
  clientSecret: z.string().min(1).optional(),
  clientCertificate: z.object({ privateKeyPem: z.string().min(1), thumbprintSha256: z.string().regex(/^[0-9a-fA-F]{64}$/) }).optional(),
  /** https://login.microsoftonline.com/<tenant>, or the sandbox's. */
  authority: z.url({ protocol: /^https$/, message: 'authority must be an https URL' }),
  /** https://graph.microsoft.com/v1.0, or the sandbox's. */
  graphBaseUrl: z.url({ protocol: /^https$/, message: 'graphBaseUrl must be an https URL' }),
  /** A CA to trust besides none (the sandbox's); null: the system store. */
  caCertPem: z.string().min(1).nullable(),
  organizerMailbox: z.string().nullish(),
  retry: z.object({ maxAttempts: z.number().int().min(1), budgetMs: z.number().int().min(0) }).optional(),
  /** Requests in flight per mailbox (Graph allows 4). */
  concurrency: z.number().int().min(1).max(4).optional(),
}).refine((c) => (c.clientSecret === undefined) !== (c.clientCertificate === undefined), {
  message: 'give exactly one app credential: clientSecret or clientCertificate',
  path: ['clientSecret'],
});
export type MicrosoftConfig = z.input<typeof MicrosoftConfig>;

export interface MicrosoftConnector {
  directory: DirectoryPort;
  calendar: CalendarPort;
  mail: MailPort;
  requestCounts(): RequestCounts;
  probes: readonly PermissionProbe[];
  /** Closes the pooled connections. */
  close(): Promise<void>;
}

/** Graph's limit of concurrent requests per app and mailbox. */
const graphConcurrency = 4;

/**
 * The Microsoft connector: msal-node for app-only tokens, graph-client for Graph,
 * both over one undici agent that trusts `caCertPem`. `clock` is for tests.
 */
export function createMicrosoftConnector(input: MicrosoftConfig, clock: Clock = systemClock): MicrosoftConnector {
  const config = MicrosoftConfig.parse(input);
  const counter = new RequestCounter();
  const transport = createTlsFetch(config.caCertPem);
  const authProvider = msalAuthProvider(config, msalNetworkModule(transport.fetch, counter));
  const graph = createGraphApi({
    graphBaseUrl: config.graphBaseUrl,
    authProvider,
    tlsFetch: transport.fetch,
    counter,
    concurrency: config.concurrency ?? graphConcurrency,
    retry: config.retry ?? defaultRetryPolicy,
    clock,
  });
  return {
    directory: createDirectory(graph, config.clientId),
    calendar: createCalendar(graph, { organizerMailbox: config.organizerMailbox ?? null }),
    mail: createMail(graph),
    requestCounts: () => counter.snapshot(),
    probes: [mailboxSettingsProbe(graph)],
    close: () => transport.close(),
  };
}

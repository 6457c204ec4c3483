import type { RequestCounters } from './counters.ts';
import type { BinomeTag } from './tag.ts';
import type { FaultPlan } from './faults.ts';
import type { MailboxThrottle } from './microsoft/throttle.ts';
import type { AppRegistration, SigningKey } from './identity/keys.ts';
import type { TokenContext } from './identity/tokens.ts';
import type { FeaturedRole } from './identity/featured.ts';
import type { SandboxKnobs, SandboxUrls } from './options.ts';
import type { SandboxState, StoredEvent } from './state.ts';

/** Everything the sandbox's route modules share. */
export interface SandboxContext {
  state: SandboxState;
  tokens: TokenContext;
  key: SigningKey;
  app: AppRegistration;
  urls: SandboxUrls;
  knobs(): SandboxKnobs;
  counters: RequestCounters;
  faults: FaultPlan;
  throttle: MailboxThrottle;
  /** Binome's tag on an event, as the tenant's provider facade reads it (calendar page, calendars.json). */
  binomeTagOf(event: StoredEvent): BinomeTag | null;
  /** Marks requests the batch endpoint dispatches to the other routes (never sent by clients). */
  batchItemSecret: string;
  /** The demo's named people (sandbox user id -> what they are in the demo), shown first on the demo sign-in page. */
  signInFeatured: Map<string, FeaturedRole>;
}

/** How a Graph route is guarded and counted. */
export interface GraphRouteConfig {
  /** `directory`: no mailbox; `mailbox`: the {id} must be the caller's own for delegated tokens; `schedule`: any mailbox, throttled on {id}. */
  access: 'directory' | 'mailbox' | 'schedule' | 'batch';
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: GraphRouteConfig['access'];
  }
}

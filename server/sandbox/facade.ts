import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../../src/model/schema.ts';
import type { SandboxContext } from './context.ts';
import type { SandboxUrls } from './options.ts';
import type { StoredEvent } from './state.ts';
import type { BinomeTag } from './tag.ts';

/**
 * One provider's API on the sandbox's neutral host. The host owns TLS and its CA,
 * the journal and state, the fault knobs, the identity emulator, the calendar page
 * and the calendars.json dump; a facade only speaks its provider's protocol over them.
 * The fixture's `tenant.platform` says which facade serves it.
 */
export interface SandboxFacade {
  platform: Platform;
  /** Registers the provider's routes on the host's HTTPS app. */
  register(app: FastifyInstance, context: SandboxContext): void;
  /** The provider's own addresses once the host knows its origin (merged into the sandbox's URLs). */
  urls(origin: string, context: SandboxContext): Partial<SandboxUrls>;
  /** Binome's tag on an event, read the way this provider's clients store it; null for any other event. */
  binomeTagOf(event: StoredEvent): BinomeTag | null;
  /** Rewrites a request URL before routing (Graph's `/me` is the caller's own `/users/{id}`). */
  rewriteUrl?(url: string, authorization: string | undefined): string;
  /** Answers, in the provider's error shape, a request no route took; false when the path is not the provider's. */
  notFound(request: FastifyRequest, reply: FastifyReply): Promise<boolean>;
  /** Answers a thrown error in the provider's shape; false when the path is not the provider's. */
  error(request: FastifyRequest, reply: FastifyReply, status: number, message: string): Promise<boolean>;
}


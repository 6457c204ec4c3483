import type { Database } from '../store/database.ts';
import type { TenantRuntime } from '../runtime/tenants.ts';
import type { Clock } from '../runtime/clock.ts';
import type { Person } from '../../src/model/schema.ts';
import { replaceDirectory } from '../programme/repository.ts';
import { personById } from './repository.ts';

/** A person the directory does not know yet makes the service read it again, at most this often per tenant. */
const refreshEveryMs = 60_000;

/**
 * How long a person found is kept: a pane calls several routes a second, and a
 * directory change (a new email, someone who left) is seen within this time.
 */
export const personTtlMs = 10_000;
const maxPeopleKept = 10_000;

/**
 * The person behind a verified identity: the `people` row of the identity's tenant
 * with its directory id (Entra `oid`, Google `sub`), never a name or an email claim.
 * Someone who joined after the last directory read is found by reading it again.
 * A person found is kept a few seconds per tenant and directory id; nobody found is
 * never kept, so a newcomer is looked for again.
 */
export function personResolver(db: Database, clock: Clock): (runtime: TenantRuntime, personId: string) => Promise<Person | null> {
  const lastRead = new Map<string, number>();
  // One read at a time per tenant: callers arriving meanwhile wait for it rather than replace the snapshot twice.
  const reading = new Map<string, Promise<void>>();
  const kept = new Map<string, { person: Person; until: number }>();
  const lookUp = async (tenantId: string, personId: string): Promise<Person | null> => {
    const key = `${tenantId}\u0000${personId}`;
    const found = kept.get(key);
    if (found !== undefined && found.until > clock().getTime()) return found.person;
    kept.delete(key);
    const person = await personById(db, tenantId, personId);
    if (person === null) return null;
    if (kept.size >= maxPeopleKept) {
      const oldest = kept.keys().next();
      if (oldest.done !== true) kept.delete(oldest.value);
    }
    kept.set(key, { person, until: clock().getTime() + personTtlMs });
    return person;
  };
  return async (runtime, personId) => {
    const tenantId = runtime.tenant.id;
    const known = await lookUp(tenantId, personId);
    if (known !== null) return known;
    const inFlight = reading.get(tenantId);
    if (inFlight !== undefined) {
      await inFlight;
      return lookUp(tenantId, personId);
    }
    const now = clock().getTime();
    if (now - (lastRead.get(tenantId) ?? Number.NEGATIVE_INFINITY) < refreshEveryMs) return null;
    lastRead.set(tenantId, now);
    const read = (async () => replaceDirectory(db, tenantId, await runtime.directory.listPeople(), clock()))();
    reading.set(tenantId, read);
    try {
      await read;
    } finally {
      reading.delete(tenantId);
    }
    return lookUp(tenantId, personId);
  };
}

/** A zone read from the calendar holds for hours; people rarely move. */
const zoneTtlMs = 6 * 60 * 60_000;

export type ZoneFinder = (runtime: TenantRuntime, emails: string[]) => Promise<Map<string, string | null>>;

/**
 * People's IANA zones where the directory gives none (Microsoft's directory does
 * not): read once from the calendar provider (free/busy answers carry the mailbox's
 * zone) and remembered, so listing sessions costs no provider call after the first.
 * A provider that does not answer leaves the zone unknown, not the request failed.
 */
export function zoneFinder(clock: Clock): ZoneFinder {
  const known = new Map<string, { zone: string | null; at: number }>();
  return async (runtime, emails) => {
    const now = clock().getTime();
    const key = (email: string) => `${runtime.tenant.id}\u0000${email}`;
    const missing = [...new Set(emails)].filter((email) => {
      const found = known.get(key(email));
      return found === undefined || now - found.at > zoneTtlMs;
    });
    if (missing.length > 0) {
      try {
        const window = { start: new Date(now).toISOString(), end: new Date(now + 60 * 60_000).toISOString() };
        const answers = await runtime.calendar.availability(missing, window);
        const byEmail = new Map(answers.map((a) => [a.email.toLowerCase(), a.timeZone]));
        for (const email of missing) known.set(key(email), { zone: byEmail.get(email) ?? null, at: now });
      } catch {
        // Unknown for now; asked again on the next request.
      }
    }
    return new Map(emails.map((email) => [email, known.get(key(email))?.zone ?? null]));
  };
}

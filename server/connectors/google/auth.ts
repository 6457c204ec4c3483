import { JWT } from 'google-auth-library';
import type { ServiceAccountKey } from './config.ts';
import type { RoundTrip } from './round-trip.ts';

/**
 * Service-account tokens with domain-wide delegation: one JWT client per
 * impersonated person (`sub`) and scope set, kept for the connector's life, each
 * caching its token until five minutes before expiry (google-auth-library's eager
 * refresh). The admin reads the directory and free/busy; each person's own token
 * reads their primary calendar (time zone, working hours: Google serves them to
 * the owner only); organizers' tokens book; the sender's token sends mail.
 *
 * Each call asks only for the scopes it needs (least privilege per call): a token
 * for reading someone's calendar settings cannot book or send. The price is one
 * more grant for a person who is both read and, later, an organizer.
 */

const scope = (name: string): string => `https://www.googleapis.com/auth/${name}`;

/** The scopes each kind of call asks for. */
export const callScopes = {
  /** users.list/get, as the admin. */
  directory: [scope('admin.directory.user.readonly')],
  /** Group membership (members.hasMember), as the admin: only a tenant whose HR is a group needs it granted. */
  groups: [scope('admin.directory.group.member.readonly')],
  /** freeBusy.query, as the admin. */
  freeBusy: [scope('calendar.freebusy')],
  /** calendars.get('primary'): the zone and working hours, as the person. */
  calendarSettings: [scope('calendar.calendars.readonly')],
  /** events.insert/get/list/patch/delete in the organizer's calendar. */
  events: [scope('calendar.events')],
  /** users.messages.send, as the sender. */
  mail: [scope('gmail.send')],
} as const satisfies Record<string, readonly string[]>;
export type CallKind = keyof typeof callScopes;

/** Every scope the connector asks for: what the domain-wide delegation must grant (docs/tenant-setup.md). */
export const googleScopes: readonly string[] = [...new Set(Object.values(callScopes).flat())];

export interface Subjects {
  client(subject: string, kind: CallKind): JWT;
  accessToken(subject: string, kind: CallKind): Promise<string>;
}

export function createSubjects(key: ServiceAccountKey, roundTrip: RoundTrip): Subjects {
  const clients = new Map<string, JWT>();

  function client(subject: string, kind: CallKind): JWT {
    const normalized = subject.trim().toLowerCase();
    const cacheKey = `${kind} ${normalized}`;
    const existing = clients.get(cacheKey);
    if (existing !== undefined) return existing;
    const jwt = new JWT({
      email: key.client_email,
      key: key.private_key,
      keyId: key.private_key_id ?? undefined,
      scopes: [...callScopes[kind]],
      subject: normalized,
      transporterOptions: { fetchImplementation: roundTrip.fetch as unknown as typeof fetch },
    });
    // Gaxios would retry on its own (3 times, no Retry-After, 403 rate limits
    // not seen as throttling): the connector's retry decides instead.
    jwt.transporter.interceptors.request.add({
      resolved: async (options) => {
        options.retry = false;
        options.retryConfig = { ...options.retryConfig, retry: 0 };
        return options;
      },
    });
    clients.set(cacheKey, jwt);
    return jwt;
  }

  async function accessToken(subject: string, kind: CallKind): Promise<string> {
    const { token } = await client(subject, kind).getAccessToken();
    if (token === null || token === undefined || token === '') throw new Error(`no access token for ${subject}`);
    return token;
  }

  return { client, accessToken };
}

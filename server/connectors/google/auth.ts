import { JWT } from 'google-auth-library';
import type { ServiceAccountKey } from './config.ts';
import type { RoundTrip } from './round-trip.ts';

/**
 * Service-account tokens with domain-wide delegation: one JWT client per
 * impersonated person (`sub`), kept for the connector's life, each caching its
 * token until five minutes before expiry (google-auth-library's eager refresh).
 * The admin reads the directory; each person's own token reads their calendar
 * settings (time zone, working hours: Google serves them to the owner only)
 * and books in their calendar.
 *
 * One scope set for every subject: Google grants a delegated token for the
 * scopes the Workspace admin authorised for the client id, and checks the
 * person's own rights at each call, so one list costs no extra grant when the
 * admin also books or sends.
 */

export const googleScopes = [
  'https://www.googleapis.com/auth/admin.directory.user.readonly',
  'https://www.googleapis.com/auth/admin.directory.group.member.readonly',
  'https://www.googleapis.com/auth/calendar',
  'https://www.googleapis.com/auth/gmail.send',
];

export interface Subjects {
  client(subject: string): JWT;
  accessToken(subject: string): Promise<string>;
}

export function createSubjects(key: ServiceAccountKey, roundTrip: RoundTrip): Subjects {
  const clients = new Map<string, JWT>();

  function client(subject: string): JWT {
    const normalized = subject.trim().toLowerCase();
    const existing = clients.get(normalized);
    if (existing !== undefined) return existing;
    const jwt = new JWT({
      email: key.client_email,
      key: key.private_key,
      keyId: key.private_key_id ?? undefined,
      scopes: googleScopes,
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
    clients.set(normalized, jwt);
    return jwt;
  }

  async function accessToken(subject: string): Promise<string> {
    const { token } = await client(subject).getAccessToken();
    if (token === null || token === undefined || token === '') throw new Error(`no access token for ${subject}`);
    return token;
  }

  return { client, accessToken };
}

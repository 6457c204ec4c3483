import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Session } from '../../../contract/session.ts';
import { ApiError } from '../../shared/api/client.ts';
import { useApi } from '../../shared/ui/api-context.tsx';

export const sessionKey = ['session'] as const;

export type SignInState =
  | { kind: 'loading' }
  | { kind: 'hr'; name: string | null }
  /** Signed in, but this organisation does not count them as HR. */
  | { kind: 'not-hr'; name: string | null }
  /** Nobody is signed in: the pane sends the browser to sign in. */
  | { kind: 'signed-out' }
  /** The person signed out here: the pane waits for them to sign in again. */
  | { kind: 'left' }
  | { kind: 'error'; message: string };

/**
 * Who the pane speaks for, read from GET /api/me/session (which also hands out the
 * CSRF token the API client sends back on every change). `null` in the cache means
 * the person signed out from this page.
 */
export function useSignInState(): SignInState {
  const api = useApi();
  const query = useQuery<Session | null>({ queryKey: sessionKey, queryFn: api.session, retry: false, staleTime: 60_000 });
  if (query.isPending) return { kind: 'loading' };
  if (query.isSuccess) {
    if (query.data === null) return { kind: 'left' };
    return query.data.roles.includes('hr') ? { kind: 'hr', name: query.data.name } : { kind: 'not-hr', name: query.data.name };
  }
  const error = query.error;
  if (error instanceof ApiError && error.status === 401) return { kind: 'signed-out' };
  return { kind: 'error', message: error.message };
}

export function useSignOut() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: api.signOut,
    onSuccess: () => {
      // Nothing read as this person stays on screen once they have left.
      client.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
      client.setQueryData(sessionKey, null);
    },
  });
}

/** Sign-in at the service (OIDC at the tenant's identity provider), back to this very screen. */
export function signInHref(location: { pathname: string; hash: string }): string {
  return `/auth/login?returnTo=${encodeURIComponent(`${location.pathname}${location.hash}`)}`;
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../shared/api/client.ts';
import { useApi } from '../../shared/ui/api-context.tsx';

export const sessionKey = ['session'] as const;

export type SignInState =
  | { kind: 'loading' }
  | { kind: 'signed-in'; name: string | null; roles: string[]; via: 'bearer' | 'session' }
  | { kind: 'signed-out' }
  /** The service has no sign-in yet (the API is open on loopback). */
  | { kind: 'no-sign-in' }
  | { kind: 'error'; message: string };

export function useSignInState(): SignInState {
  const api = useApi();
  const query = useQuery({ queryKey: sessionKey, queryFn: api.session, retry: false, staleTime: 60_000 });
  if (query.isPending) return { kind: 'loading' };
  if (query.isSuccess) return { kind: 'signed-in', name: query.data.name, roles: query.data.roles, via: query.data.via };
  const error = query.error;
  if (error instanceof ApiError && error.status === 401) return { kind: 'signed-out' };
  if (error instanceof ApiError && error.status === 404) return { kind: 'no-sign-in' };
  return { kind: 'error', message: error.message };
}

export function useSignOut() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({ mutationFn: api.signOut, onSuccess: () => client.invalidateQueries({ queryKey: sessionKey }) });
}

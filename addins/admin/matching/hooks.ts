import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../shared/ui/api-context.tsx';
import { createApiRequest } from '../../shared/api/client.ts';
import { MatchingProgress, matchingProgressPath } from '../../../contract/matching-progress.ts';

const matchingKey = (cohortId: string) => ['cohort', cohortId, 'matching'] as const;

/** The proposal, once there is one (the API refuses to show one before matching). */
export function useProposal(cohortId: string, matched: boolean) {
  const api = useApi();
  return useQuery({ queryKey: matchingKey(cohortId), queryFn: () => api.readMatching(cohortId), enabled: matched, retry: false });
}

export function useRunMatching(cohortId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.runMatching(cohortId),
    onSuccess: async (view) => {
      client.setQueryData(matchingKey(cohortId), view);
      await client.invalidateQueries({ queryKey: ['cohort', cohortId], exact: true });
      await client.invalidateQueries({ queryKey: ['cohorts'] });
    },
  });
}

/** A change to the proposal (lock, break, swap): the proposal is read again once it is made. */
export function useProposalChange<A>(cohortId: string, change: (args: A) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: matchingKey(cohortId) });
    },
  });
}

/** GET needs no CSRF token, so the progress is read without the pane's client. */
const readProgress = createApiRequest();

/** Where the proposal being formed stands, read a few times a second while `running`. */
export function useMatchingProgress(cohortId: string, running: boolean) {
  return useQuery({
    queryKey: ['cohort', cohortId, 'matching-progress'],
    queryFn: () => readProgress(MatchingProgress, 'GET', matchingProgressPath(cohortId)),
    enabled: running,
    retry: false,
    refetchInterval: running ? 300 : false,
  });
}

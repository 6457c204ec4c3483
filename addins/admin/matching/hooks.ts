import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../shared/ui/api-context.tsx';

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

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../shared/ui/api-context.tsx';

const rolloutKey = (cohortId: string) => ['cohort', cohortId, 'rollout'] as const;

/** Progress, read every second until every session is booked or given up. */
export function useRolloutProgress(cohortId: string, published: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: rolloutKey(cohortId),
    queryFn: () => api.readRollout(cohortId),
    enabled: published,
    retry: false,
    refetchInterval: (query) => (query.state.data?.done === true && query.state.data.status !== 'published' ? false : 1000),
  });
}

function useCohortChange<T>(cohortId: string, change: () => Promise<T>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['cohort', cohortId] });
      await client.invalidateQueries({ queryKey: ['cohorts'] });
    },
  });
}

export function usePublish(cohortId: string) {
  const api = useApi();
  return useCohortChange(cohortId, () => api.publish(cohortId));
}

export function useStartRollout(cohortId: string) {
  const api = useApi();
  return useCohortChange(cohortId, () => api.startRollout(cohortId));
}

export function useRetryFailed(cohortId: string) {
  const api = useApi();
  return useCohortChange(cohortId, () => api.retryRollout(cohortId));
}

import { useEffect } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../shared/ui/api-context.tsx';

const rolloutKey = (cohortId: string) => ['cohort', cohortId, 'rollout'] as const;

/**
 * Progress, read every second until every session is booked or given up. The state
 * the service reports with it (running once every session is booked) is the cohort's:
 * when it differs from the one shown, the cohort is read again, so its badge follows.
 */
export function useRolloutProgress(cohortId: string, published: boolean, shownStatus: string) {
  const api = useApi();
  const client = useQueryClient();
  const progress = useQuery({
    queryKey: rolloutKey(cohortId),
    queryFn: () => api.readRollout(cohortId),
    enabled: published,
    retry: false,
    refetchInterval: (query) => (query.state.data?.done === true && query.state.data.status !== 'published' ? false : 1000),
  });
  const reported = progress.data?.status;
  useEffect(() => {
    if (reported === undefined || reported === shownStatus) return;
    void client.invalidateQueries({ queryKey: ['cohort', cohortId], exact: true });
    void client.invalidateQueries({ queryKey: ['cohorts'] });
  }, [reported, shownStatus, cohortId, client]);
  return progress;
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

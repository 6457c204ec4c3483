import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../shared/ui/api-context.tsx';

export const cohortsKey = ['cohorts'] as const;

export function useCohorts() {
  const api = useApi();
  return useQuery({ queryKey: cohortsKey, queryFn: api.listCohorts });
}

/** Opens or closes a cohort; the cohort and the list are read again after. */
export function useCohortStep(cohortId: string, step: 'open' | 'close') {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => (step === 'open' ? api.openCohort(cohortId) : api.closeCohort(cohortId)),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['cohort', cohortId] });
      await client.invalidateQueries({ queryKey: cohortsKey });
    },
  });
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../shared/ui/api-context.tsx';

const cohortKey = (cohortId: string) => ['cohort', cohortId] as const;

/** An import changes the cohort, its enrolments and any proposal: all are read again. */
export function useImportEnrolments(cohortId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => api.importEnrolments(cohortId, file, file.name),
    onSuccess: () => client.invalidateQueries({ queryKey: cohortKey(cohortId) }),
  });
}

export function useTemplatesOffered() {
  const api = useApi();
  return useQuery({ queryKey: ['enrolment-templates'], queryFn: api.templatesOffered, staleTime: Infinity, retry: false });
}

/** The cohort as the app reads it (the same cached query): its state says whether volunteers may still withdraw. */
export function useCohort(cohortId: string) {
  const api = useApi();
  return useQuery({ queryKey: cohortKey(cohortId), queryFn: () => api.getCohort(cohortId) });
}

export function useEnrolments(cohortId: string) {
  const api = useApi();
  return useQuery({ queryKey: [...cohortKey(cohortId), 'enrolments'], queryFn: () => api.listEnrolments(cohortId) });
}

/**
 * Withdraws one volunteer: the cohort (back to a draft if it was matched), its enrolments
 * and its proposal are read again, after a refusal too (someone else may have changed them).
 */
export function useWithdraw(cohortId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (email: string) => api.withdrawEnrolment(cohortId, email),
    onSettled: async () => {
      await client.invalidateQueries({ queryKey: cohortKey(cohortId) });
      await client.invalidateQueries({ queryKey: ['cohorts'] });
    },
  });
}

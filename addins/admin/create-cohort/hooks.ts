import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateCohortBody } from '../../../contract/admin.ts';
import { useApi } from '../../shared/ui/api-context.tsx';

export function useCreateCohort(onCreated: (cohortId: string) => void) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCohortBody) => api.createCohort(body),
    onSuccess: async (cohort) => {
      await client.invalidateQueries({ queryKey: ['cohorts'] });
      onCreated(cohort.cohortId);
    },
  });
}

/** The Monday after next, as YYYY-MM-DD in the viewer's calendar: a start the API accepts. */
export function suggestedStart(today: Date): string {
  const day = new Date(today.getFullYear(), today.getMonth(), today.getDate() + 7);
  const untilMonday = (8 - day.getDay()) % 7;
  day.setDate(day.getDate() + untilMonday);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

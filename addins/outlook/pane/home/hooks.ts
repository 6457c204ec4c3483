import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { VolunteerBody } from '../../../../contract/me.ts';
import { usePane } from '../parts/pane-context.tsx';

export function useMyCohorts() {
  const { api } = usePane();
  return useQuery({ queryKey: ['me', 'cohorts'], queryFn: () => api.cohorts() });
}

/** Volunteering changes what the person's cohorts, pairs and sessions say: all of it is read again. */
function useRefreshMe() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['me'] });
}

export function useVolunteer(cohortId: string) {
  const { api } = usePane();
  const refresh = useRefreshMe();
  return useMutation({ mutationFn: (body: z.input<typeof VolunteerBody>) => api.volunteer(cohortId, body), onSuccess: refresh });
}

export function useWithdraw(cohortId: string) {
  const { api } = usePane();
  const refresh = useRefreshMe();
  return useMutation({ mutationFn: () => api.withdraw(cohortId), onSuccess: refresh });
}

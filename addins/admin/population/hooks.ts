import { useMemo } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Session } from '../../../contract/session.ts';
import { InvitationRun, PopulationView, SavedPopulation, type PopulationFilter } from '../../../contract/population.ts';
import { createApiRequest, type ApiRequest } from '../../shared/api/client.ts';

const cohortPath = (cohortId: string) => `/api/admin/cohorts/${encodeURIComponent(cohortId)}`;

/** The typed request over the population routes, sending the session's CSRF token with every change, as the pane's client does. */
function usePopulationRequest(): ApiRequest {
  const client = useQueryClient();
  return useMemo(() => createApiRequest({ csrfToken: () => client.getQueryData<Session | null>(['session'])?.csrfToken ?? null }), [client]);
}

export const populationKey = (cohortId: string) => ['cohort', cohortId, 'population'] as const;

/** Everyone of the directory, their facet values and invitation, and the population chosen: the pane counts from it without asking again. */
export function usePopulation(cohortId: string) {
  const request = usePopulationRequest();
  return useQuery({ queryKey: populationKey(cohortId), queryFn: () => request(PopulationView, 'GET', `${cohortPath(cohortId)}/population`), staleTime: 60_000 });
}

export function useSavePopulation(cohortId: string) {
  const request = usePopulationRequest();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (filter: PopulationFilter) => request(SavedPopulation, 'PUT', `${cohortPath(cohortId)}/population`, { json: filter }),
    onSuccess: (saved) => client.setQueryData<PopulationView>(populationKey(cohortId), (view) => (view === undefined ? view : { ...view, filter: saved.filter })),
  });
}

/** Saves the population HR sees, then invites it; the cohort (opened) and everyone's invitation are read again after. */
export function useSendInvitations(cohortId: string) {
  const request = usePopulationRequest();
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (filter: PopulationFilter) => {
      await request(SavedPopulation, 'PUT', `${cohortPath(cohortId)}/population`, { json: filter });
      return request(InvitationRun, 'POST', `${cohortPath(cohortId)}/invitations`);
    },
    onSettled: async () => {
      await client.invalidateQueries({ queryKey: populationKey(cohortId) });
      await client.invalidateQueries({ queryKey: ['cohort', cohortId], exact: true });
      await client.invalidateQueries({ queryKey: ['cohorts'] });
    },
  });
}

import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../shared/ui/api-context.tsx';

export interface Participation {
  mentors: number;
  mentees: number;
  pairs: number | null;
  booked: number | null;
  planned: number | null;
}

/** Volunteers by side, pairs formed and sessions booked, from what the API already serves. */
export function useParticipation(cohortId: string, status: string) {
  const api = useApi();
  const matched = status !== 'draft';
  const published = status === 'published' || status === 'rolling_out';
  return useQuery({
    queryKey: ['cohort', cohortId, 'participation', status],
    queryFn: async (): Promise<Participation> => {
      const [enrolments, proposal, rollout] = await Promise.all([
        api.listEnrolments(cohortId),
        matched ? api.readMatching(cohortId) : Promise.resolve(null),
        published ? api.readRollout(cohortId) : Promise.resolve(null),
      ]);
      return {
        mentors: enrolments.filter((e) => e.role === 'mentor').length,
        mentees: enrolments.filter((e) => e.role === 'mentee').length,
        pairs: proposal === null ? null : proposal.pairs.length,
        booked: rollout === null ? null : rollout.byState.booked,
        planned: rollout === null ? null : rollout.total,
      };
    },
  });
}

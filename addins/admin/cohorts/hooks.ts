import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../shared/ui/api-context.tsx';

export const cohortsKey = ['cohorts'] as const;

export function useCohorts() {
  const api = useApi();
  return useQuery({ queryKey: cohortsKey, queryFn: api.listCohorts });
}

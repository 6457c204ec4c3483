import { useQuery } from '@tanstack/react-query';
import { usePane } from '../parts/pane-context.tsx';

export function useMyTraining() {
  const { api, language } = usePane();
  return useQuery({ queryKey: ['me', 'training', language], queryFn: () => api.training(language), staleTime: 5 * 60_000 });
}

import { useQuery } from '@tanstack/react-query';
import { usePane } from '../parts/pane-context.tsx';

export function useMySessions() {
  const { api } = usePane();
  return useQuery({
    queryKey: ['me', 'sessions'],
    queryFn: () => api.sessions(),
    // A session being moved changes slot once both calendars confirm: read it again until then.
    refetchInterval: (query) => (query.state.data?.some((s) => s.state === 'moving') ? 1000 : false),
  });
}

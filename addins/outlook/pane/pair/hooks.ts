import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { usePane } from '../parts/pane-context.tsx';

export function useMyPairs() {
  const { api } = usePane();
  return useQuery({ queryKey: ['me', 'pairs'], queryFn: () => api.pairs() });
}

export function useAcceptCharter(pairId: string) {
  const { api } = usePane();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => api.acceptCharter(pairId, version),
    onSuccess: () => client.invalidateQueries({ queryKey: ['me', 'pairs'] }),
  });
}

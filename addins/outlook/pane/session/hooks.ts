import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { FeedbackBody, NoteBody, NotePatch } from '../../../../contract/me.ts';
import type { SessionRef } from '../../../shared/api/me-client.ts';
import { usePane } from '../parts/pane-context.tsx';

const sessionKey = (ref: SessionRef) => ['me', 'session', ref.pairId, ref.session] as const;

export function useSession(ref: SessionRef) {
  const { api } = usePane();
  return useQuery({
    queryKey: sessionKey(ref),
    queryFn: () => api.session(ref),
    // The old slot stays the truth until both calendars show the new one: watch until then.
    refetchInterval: (query) => (query.state.data?.state === 'moving' ? 1000 : false),
  });
}

/** The pair, for the themes its session guides come from (the same cache as the pair screen). */
export function usePairs() {
  const { api } = usePane();
  return useQuery({ queryKey: ['me', 'pairs'], queryFn: () => api.pairs() });
}

export function useTraining() {
  const { api, language } = usePane();
  return useQuery({ queryKey: ['me', 'training', language], queryFn: () => api.training(language), staleTime: 5 * 60_000 });
}

export function useNotes(ref: SessionRef) {
  const { api } = usePane();
  return useQuery({ queryKey: [...sessionKey(ref), 'notes'], queryFn: () => api.notes(ref) });
}

export function useWriteNote(ref: SessionRef) {
  const { api } = usePane();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof NoteBody>) => api.writeNote(ref, body),
    onSuccess: () => client.invalidateQueries({ queryKey: [...sessionKey(ref), 'notes'] }),
  });
}

export function useEditNote(ref: SessionRef) {
  const { api } = usePane();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ noteId, patch }: { noteId: string; patch: z.input<typeof NotePatch> }) => api.editNote(noteId, patch),
    onSuccess: () => client.invalidateQueries({ queryKey: [...sessionKey(ref), 'notes'] }),
  });
}

export function useSlots(ref: SessionRef, enabled: boolean) {
  const { api } = usePane();
  return useQuery({ queryKey: [...sessionKey(ref), 'slots'], queryFn: () => api.slots(ref), enabled, staleTime: 0, gcTime: 0 });
}

export function useMove(ref: SessionRef) {
  const { api } = usePane();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (start: string) => api.move(ref, start),
    onSuccess: () => client.invalidateQueries({ queryKey: ['me'] }),
  });
}

export function useFeedback(ref: SessionRef, enabled: boolean) {
  const { api } = usePane();
  return useQuery({ queryKey: [...sessionKey(ref), 'feedback'], queryFn: () => api.feedback(ref), enabled });
}

export function useGiveFeedback(ref: SessionRef) {
  const { api } = usePane();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof FeedbackBody>) => api.giveFeedback(ref, body),
    onSuccess: (given) => client.setQueryData([...sessionKey(ref), 'feedback'], given),
  });
}

import { useEffect, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../shared/ui/api-context.tsx';
import type { ProgressWithStatus } from '../../../contract/admin.ts';
import { RolloutEvent, rolloutEventsPath } from '../../../contract/rollout-events.ts';

const rolloutKey = (cohortId: string) => ['cohort', cohortId, 'rollout'] as const;

/**
 * Progress, followed live from the service's event stream (each change of the booking
 * ledger arrives as it happens); read every second instead only if the stream cannot be
 * opened (a browser without EventSource, a proxy that refuses it). The state the service
 * reports with it (running once every session is booked) is the cohort's: when it
 * differs from the one shown, the cohort is read again, so its badge follows.
 */
export function useRolloutProgress(cohortId: string, published: boolean, shownStatus: string) {
  const api = useApi();
  const client = useQueryClient();
  const [polling, setPolling] = useState(typeof EventSource !== 'function');
  const progress = useQuery({
    queryKey: rolloutKey(cohortId),
    queryFn: () => api.readRollout(cohortId),
    enabled: published && polling,
    retry: false,
    refetchInterval: (query) => (query.state.data?.done === true && query.state.data.status !== 'published' ? false : 1000),
  });
  useEffect(() => {
    if (!published || polling) return undefined;
    const source = new EventSource(rolloutEventsPath(cohortId), { withCredentials: true });
    source.addEventListener('progress', (event) => {
      const parsed = RolloutEvent.safeParse(JSON.parse(String(event.data)));
      if (parsed.success) client.setQueryData<ProgressWithStatus>(rolloutKey(cohortId), parsed.data);
    });
    // The rollout is over: the browser must not reconnect.
    source.addEventListener('end', () => source.close());
    source.addEventListener('error', () => {
      // CONNECTING: the browser reconnects by itself, after the service's retry hint. CLOSED: it gave up.
      if (source.readyState === EventSource.CLOSED) setPolling(true);
    });
    return () => source.close();
  }, [cohortId, published, polling, client]);
  const reported = progress.data?.status;
  useEffect(() => {
    if (reported === undefined || reported === shownStatus) return;
    void client.invalidateQueries({ queryKey: ['cohort', cohortId], exact: true });
    void client.invalidateQueries({ queryKey: ['cohorts'] });
  }, [reported, shownStatus, cohortId, client]);
  return progress;
}

/**
 * What a polite live region says: the latest message, but at most once every `everyMs`
 * (a screen reader reading every booking would drown the page), and at once when `final`.
 */
export function usePoliteAnnouncement(message: string, final: boolean, everyMs = 5_000): string {
  const [spoken, setSpoken] = useState('');
  const lastAt = useRef(0);
  useEffect(() => {
    if (message === spoken) return undefined;
    const wait = final ? 0 : Math.max(0, lastAt.current + everyMs - Date.now());
    const timer = setTimeout(() => {
      lastAt.current = Date.now();
      setSpoken(message);
    }, wait);
    return () => clearTimeout(timer);
  }, [message, final, spoken, everyMs]);
  return spoken;
}

function useCohortChange<T>(cohortId: string, change: () => Promise<T>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['cohort', cohortId] });
      await client.invalidateQueries({ queryKey: ['cohorts'] });
    },
  });
}

export function usePublish(cohortId: string) {
  const api = useApi();
  return useCohortChange(cohortId, () => api.publish(cohortId));
}

export function useStartRollout(cohortId: string) {
  const api = useApi();
  return useCohortChange(cohortId, () => api.startRollout(cohortId));
}

export function useRetryFailed(cohortId: string) {
  const api = useApi();
  return useCohortChange(cohortId, () => api.retryRollout(cohortId));
}

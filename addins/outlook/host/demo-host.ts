import type { Appointment, Host, HostContext, HostError } from './host.ts';

export interface DemoData {
  context: HostContext;
  /** A meeting, or the refusal to show (e.g. HOST_NOT_A_MEETING) to demo that screen. */
  appointment: Appointment | HostError;
}

/**
 * A host over given data, for the demo page that shows the pane outside Outlook and for
 * component tests. Each call answers a fresh copy, so a component that mutates what it
 * got cannot change what the next one sees.
 */
export function demoHost(data: DemoData): Host {
  return {
    context: () => Promise.resolve({ ok: true, value: structuredClone(data.context) }),
    appointment: () => {
      const appointment = structuredClone(data.appointment);
      return Promise.resolve('ok' in appointment ? appointment : { ok: true, value: appointment });
    },
  };
}

import type { MySession } from '../../../../contract/me.ts';
import { ApiError } from '../../../shared/api/client.ts';
import type { SessionRef } from '../../../shared/api/me-client.ts';
import type { Appointment, HostResult } from '../../host/host.ts';

export interface SessionFinder {
  lookup(tag: string): Promise<MySession>;
  sessions(): Promise<MySession[]>;
}

const sameInstant = (a: string, b: string) => new Date(a).getTime() === new Date(b).getTime();

/**
 * Which of my sessions the pane was opened on: by Binome's tag where the host can read it,
 * or by the booked event's id, else by the meeting's times among my sessions (both slots of a session being moved count).
 * Null for any other meeting, or none: the pane then opens on its home screen.
 */
export async function sessionForAppointment(appointment: HostResult<Appointment>, finder: SessionFinder): Promise<SessionRef | null> {
  if (!appointment.ok) return null;
  const { binomeTag, restItemId, start, end } = appointment.value;
  // The tag where the host reads it; else the event's id, which is the booked event's own id in the organizer's (the mentor's) calendar.
  for (const key of [binomeTag, restItemId]) {
    if (key === null) continue;
    try {
      const found = await finder.lookup(key);
      return { pairId: found.pairId, session: found.session };
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) throw error;
    }
  }
  const mine = await finder.sessions();
  const found = mine.find(
    (s) => (sameInstant(s.start, start) && sameInstant(s.end, end)) || (s.movingTo !== null && sameInstant(s.movingTo.start, start) && sameInstant(s.movingTo.end, end)),
  );
  return found === undefined ? null : { pairId: found.pairId, session: found.session };
}

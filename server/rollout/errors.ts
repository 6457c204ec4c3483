/**
 * Expected failures of a participant moving a session, as values; the HTTP edge
 * maps each code to a status once (server/http/me/move-routes.ts).
 */
export type MoveErrorCode =
  /** Not a session of the caller's pairs (or no such session): never told apart, so ids cannot be probed. */
  | 'SESSION_NOT_FOUND'
  /** Not booked yet, given up, or already moving: only a booked session moves. */
  | 'SESSION_NOT_BOOKED'
  | 'SESSION_STARTED'
  /** The session changed between reading it and moving it (another move, the rollout). */
  | 'MOVE_IN_PROGRESS'
  /** The chosen start is not free for both people any more. */
  | 'SLOT_TAKEN'
  /** The chosen start breaks a rule: past, within a week of the pair's other sessions, off the quarter hours. */
  | 'SLOT_NOT_ALLOWED'
  /** Someone's free/busy or working hours could not be read: nothing was changed. */
  | 'CALENDAR_UNREADABLE'
  /** The calendar provider refused to update the event: the session stays at its old slot. */
  | 'MOVE_REFUSED';

export interface MoveFailure {
  code: MoveErrorCode;
  message: string;
  field: string | null;
}

export type MoveOutcome<T> = { ok: true; value: T } | { ok: false; error: MoveFailure };

export const moveFailed = <T>(code: MoveErrorCode, message: string, field: string | null = null): MoveOutcome<T> => ({ ok: false, error: { code, message, field } });

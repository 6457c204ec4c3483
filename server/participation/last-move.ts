import type { MySession } from '../../contract/me.ts';
import { renderMessage } from '../../contract/messages.ts';

/**
 * A session's last move, when it failed: the ledger keeps a failure's code and params on the
 * booking, and failures of a move have codes of their own (`MOVE_…`, e.g. MOVE_NOT_CONFIRMED
 * with `{ attempts }`); any other failure (a booking that never happened) is not a move's.
 */
export function lastMoveOf(row: { failureCode: string | null; failureParams: Record<string, string | number> | null }): MySession['lastMove'] {
  if (row.failureCode === null || !row.failureCode.startsWith('MOVE_')) return null;
  const reason = { code: row.failureCode, params: row.failureParams ?? {} };
  return { state: 'failed', reason: { ...reason, message: renderMessage('failure', reason, 'en', { fallback: 'the calendar did not confirm the move; the session keeps its slot' }) } };
}

import type { Pair, RejectedRow, RejectionPage } from '../../contract/admin.ts';
import { renderMessage, rowSentence } from '../../contract/messages.ts';
import type { RejectedRecord, StoredPair, StoredReason, StoredRejectionGroup } from './repository.ts';

/**
 * The English words the API sends beside each code and its params, for automation,
 * the OpenAPI page and the scenario report; the pane words the same codes itself.
 * Rows stored before params were kept carry their English words already.
 */
const english = 'en';

export function reasonOut(reason: StoredReason): Pair['reasons'][number] {
  return { code: reason.code, params: reason.params, message: renderMessage('pair', reason, english, { fallback: reason.message ?? reason.code }) };
}

export function pairOut(pair: StoredPair): Pair {
  return { ...pair, reasons: pair.reasons.map(reasonOut) };
}

/** The English reason an unmatched person is stored with, beside its params. */
export function unmatchedWords(reason: { code: string; params: StoredReason['params'] }): string {
  return renderMessage('unmatched', reason, english);
}

export function rejectionDetail(group: Pick<StoredRejectionGroup, 'code' | 'params' | 'detail'>): string {
  return group.detail ?? renderMessage('rejection', group, english);
}

export function rejectedRowOut({ line, group }: RejectedRecord): RejectedRow {
  return { line, field: group.field, code: group.code, params: group.params, reason: rowSentence(line, group.field, rejectionDetail(group), english) };
}

export function rejectionGroupOut(group: StoredRejectionGroup): RejectionPage['items'][number] {
  return { field: group.field, code: group.code, params: group.params, detail: rejectionDetail(group), lines: group.lines, count: group.count };
}

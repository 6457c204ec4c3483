import { renderMessage, rowSentence, type MessageKind } from '../../contract/messages.ts';
import type { MessageParams } from '../../src/model/schema.ts';

/** The English words an edge shows for what the core said as code and params. */
export function english(kind: MessageKind, message: { code: string; params: MessageParams } | undefined): string {
  return message === undefined ? '' : renderMessage(kind, message, 'en', { timeZone: 'UTC' });
}

/** A refused row as the API spells it: "line N, field F: …". */
export function rowReason(row: { line: number; field: string | null; code: string; params: MessageParams } | undefined): string {
  return row === undefined ? '' : rowSentence(row.line, row.field, english('rejection', row), 'en');
}

/** A message as code and English words, to compare with what a reader sees. */
export function worded(kind: MessageKind, message: { code: string; params: MessageParams } | null | undefined): { code: string; message: string } | null | undefined {
  return message === null || message === undefined ? message : { code: message.code, message: english(kind, message) };
}

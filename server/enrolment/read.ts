import { enrolmentCsvSteps } from '../../src/enrolment/csv.ts';
import { failed, validateRecords, type EnrolmentCsvContext, type EnrolmentImport } from '../../src/enrolment/rows.ts';
import { summariseRead, type ImportRead } from './summary.ts';
import { askOffLoop, unexpected } from '../off-loop/client.ts';
import { decodeText } from './decode.ts';
import { runInTurns } from './steps.ts';
import { looksLikeXls, looksLikeXlsx, readXlsxRecords } from './xlsx.ts';

/** Cells of a workbook have no delimiter to clash with: lists may use any of the three separators. */
const anyListSeparator = /[;,|]/;

/**
 * Files up to this size are read on the event loop, in turns: a few tens of
 * milliseconds in all, less than the off-loop thread's first start.
 */
const inPlaceUpToBytes = 1024 * 1024;

/**
 * Reads an enrolment file as HR's spreadsheet wrote it: an .xlsx workbook
 * (its first sheet), or CSV in UTF-8 (with or without BOM), UTF-16 or
 * Windows-1252, delimited by commas, semicolons or tabs. A large file is read,
 * and its refusals grouped, on the off-loop thread (server/off-loop/), so the API,
 * the rollout worker and the sandbox keep running meanwhile; the bytes of such a
 * file move to that thread, and must not be read again here.
 */
export async function readEnrolmentFile(bytes: Buffer, context: EnrolmentCsvContext, firstShown: number): Promise<ImportRead> {
  if (bytes.length <= inPlaceUpToBytes) return summariseRead(await readEnrolmentFileHere(bytes, context), firstShown);
  const answer = await askOffLoop({ kind: 'read-enrolments', bytes, context, firstShown });
  return answer.ok && answer.kind === 'read-enrolments' ? answer.read : unexpected(answer);
}

/** The same reading, on the calling thread, in turns that let the rest of the thread run between them. */
export async function readEnrolmentFileHere(bytes: Buffer, context: EnrolmentCsvContext): Promise<EnrolmentImport> {
  if (looksLikeXls(bytes)) {
    return failed('XLSX_UNREADABLE', 'this is an Excel 97-2003 .xls workbook, which is not read: save it as .xlsx or as CSV UTF-8', { context: 'xls' });
  }
  if (looksLikeXlsx(bytes)) {
    const read = await readXlsxRecords(bytes);
    if (!read.ok) return failed('XLSX_UNREADABLE', read.message, read.params);
    return runInTurns(validateRecords(read.records, context, anyListSeparator, []));
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) return failed('FILE_ENCODING_UNKNOWN', decoded.message, decoded.params);
  return runInTurns(enrolmentCsvSteps(decoded.text, context));
}

import ExcelJS from 'exceljs';
import type { SourceRecord } from '../../src/enrolment/rows.ts';

/** The first bytes of a zip archive, which an .xlsx file is. */
export function looksLikeXlsx(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** The first bytes of an OLE2 compound file: Excel 97-2003 `.xls`, which is not read. */
export function looksLikeXls(bytes: Uint8Array): boolean {
  return bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
}

/**
 * The first worksheet's rows as text records, each with its row number (1 =
 * the header), as a CSV reader would give them: the cells' displayed text
 * (a hyperlinked email gives its text), trimmed, empty rows left out.
 */
export async function readXlsxRecords(
  bytes: Buffer,
): Promise<{ ok: true; records: SourceRecord[] } | { ok: false; message: string; params: Record<string, string | number> }> {
  const unpacked = unpackedSize(bytes);
  if (unpacked === null || unpacked > maxUnpackedBytes) {
    return {
      ok: false,
      message:
        unpacked === null
          ? 'the file starts like an .xlsx workbook but its zip directory cannot be read; save it again from Excel, or as CSV UTF-8'
          : `the workbook unpacks to ${unpacked} bytes; the limit is ${maxUnpackedBytes}: save it as CSV UTF-8, or split it`,
      params: unpacked === null ? { context: 'zip' } : { context: 'unpacked', size: unpacked, limit: maxUnpackedBytes },
    };
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `the file is not a readable .xlsx workbook (${detail}); save it again from Excel, or as CSV UTF-8`, params: { context: 'broken', detail } };
  }
  const sheet = workbook.worksheets[0];
  if (sheet === undefined) return { ok: true, records: [] };
  const records: SourceRecord[] = [];
  let width = 0;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let column = 1; column <= row.cellCount; column++) cells.push(row.getCell(column).text.trim());
    while (cells.length > 0 && cells.at(-1) === '') cells.pop();
    if (cells.length === 0) return;
    if (records.length === 0) width = cells.length;
    // A row shorter than the header only left its last cells empty, as a CSV row never does.
    while (cells.length < width) cells.push('');
    records.push({ record: cells, line: rowNumber });
  });
  return { ok: true, records };
}

/** A workbook of 100,000 volunteers unpacks to a few tens of megabytes; a zip bomb to gigabytes. */
const maxUnpackedBytes = 256 * 1024 * 1024;

/**
 * The sum of the sizes a zip archive's central directory declares for its
 * entries, read before anything is inflated; null when the directory cannot
 * be read (or is ZIP64, which no spreadsheet of enrolments needs).
 */
export function unpackedSize(bytes: Buffer): number | null {
  const endSignature = 0x06054b50;
  const entrySignature = 0x02014b50;
  // The end record is 22 bytes plus a comment of at most 65,535.
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (bytes.readUInt32LE(at) === endSignature) {
      end = at;
      break;
    }
  }
  if (end === -1) return null;
  const entries = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== entrySignature) return null;
    const size = bytes.readUInt32LE(at + 24);
    if (size === 0xffffffff) return null;
    total += size;
    at += 46 + bytes.readUInt16LE(at + 28) + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return total;
}

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
export async function readXlsxRecords(bytes: Buffer): Promise<{ ok: true; records: SourceRecord[] } | { ok: false; message: string }> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } catch (error) {
    return { ok: false, message: `the file is not a readable .xlsx workbook (${error instanceof Error ? error.message : String(error)}); save it again from Excel, or as CSV UTF-8` };
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

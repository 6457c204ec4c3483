import type { CsvFileError, RejectedRow } from '../../src/enrolment/errors.ts';
import { encodeRejectionGroups, groupRejections, type RejectionGroup } from '../../src/enrolment/rejections.ts';
import type { EnrolmentImport } from '../../src/enrolment/rows.ts';
import type { Enrolment } from '../../src/model/schema.ts';

/**
 * Characters of stored refusals per part: each part is one row of the store, written
 * by one statement of a few milliseconds, whatever the size of the whole.
 */
const storedCharsPerPart = 256 * 1024;

/** A run of refusal groups, as one row of the store keeps them. */
export interface StoredRefusals {
  /** Rows refused in these groups. */
  rows: number;
  groups: number;
  /** The groups in JSON Lines (encodeRejectionGroups). */
  stored: string;
}

/** What an import keeps of a file: its good rows, and its refused rows as the answer shows them and the store keeps them. */
export interface ImportRead {
  enrolments: Enrolment[];
  rejected: {
    /** The first refused rows, by line (as many as asked). */
    first: RejectedRow[];
    total: number;
    /** Groups of rows refused for the same cause, in order of their first line, cut into parts. */
    parts: StoredRefusals[];
  };
  /** Set when the file as a whole cannot be read; then nothing loads. */
  fileError: CsvFileError | null;
}

/** The refused rows of a read, grouped by cause: a file of 300,000 copies of a few bad rows crosses threads and reaches the store as a few groups. */
export function summariseRead(read: EnrolmentImport, firstShown: number): ImportRead {
  const parts: StoredRefusals[] = [];
  let part: RejectionGroup[] = [];
  let chars = 0;
  const close = () => {
    if (part.length === 0) return;
    parts.push({ rows: part.reduce((sum, g) => sum + g.count, 0), groups: part.length, stored: encodeRejectionGroups(part) });
    part = [];
    chars = 0;
  };
  for (const group of groupRejections(read.rejected)) {
    part.push(group);
    chars += JSON.stringify(group).length + 1;
    if (chars >= storedCharsPerPart) close();
  }
  close();
  return { enrolments: read.enrolments, rejected: { first: read.rejected.slice(0, firstShown), total: read.rejected.length, parts }, fileError: read.fileError };
}

import { z } from 'zod';

/** How the service reads an enrolment file's bytes; the rest of the admin API's shapes live in contract/admin.ts. */
export const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const enrolmentFileTypes = ['text/csv', 'text/plain', 'text/tab-separated-values', 'application/octet-stream', xlsxType];

export const EnrolmentFile = z.instanceof(Buffer, {
  message: `send the file as the request body, with Content-Type text/csv or ${xlsxType}`,
});

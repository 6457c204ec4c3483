import type { ClaimedBooking } from './ledger.ts';

/** The sentence explaining why a claimed session can no longer be booked, or null when both people are still free. */
export function conflictsWithBusy(
  row: ClaimedBooking,
  busyByEmail: ReadonlyMap<string, readonly { start: string; end: string }[]>,
): string | null {
  const start = Date.parse(row.starts_at);
  const end = Date.parse(row.ends_at);
  for (const email of [row.organizer_email, row.attendee_email]) {
    for (const busy of busyByEmail.get(email.toLowerCase()) ?? []) {
      if (Date.parse(busy.start) < end && Date.parse(busy.end) > start) {
        return `SLOT_TAKEN: ${email} became busy ${busy.start}–${busy.end}, over session ${row.session} (${row.starts_at})`;
      }
    }
  }
  return null;
}

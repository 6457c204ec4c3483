import { createHash, hash } from 'node:crypto';

/** A name-based UUID (version 5 layout over SHA-1): the same name always gives the same id. */
export function stableGuid(...parts: string[]): string {
  const hash = createHash('sha1').update(parts.join('\u0000')).digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** An Outlook-looking item id (base64url, per mailbox), derived from a counter so replays agree. */
export function outlookItemId(mailboxId: string, seq: number): string {
  // One-shot hashing: seeding derives two ids for each of a tenant's busy events.
  return `AAMkA${hash('sha256', `${mailboxId}:${seq}`, 'base64url')}AAA`;
}

/** An iCalendar UID shared by the organizer's event and every attendee's copy. */
export function iCalUid(organizerId: string, seq: number): string {
  const digest = hash('sha256', `ical:${organizerId}:${seq}`).slice(0, 48).toUpperCase();
  return `040000008200E00074C5B7101A82E00800000000${digest}`;
}

/** A Google Calendar event id (base32hex, 26 characters) for an event the sandbox itself creates. */
export function googleEventId(calendarOwnerId: string, seq: number): string {
  return hash('sha256', `gcal:${calendarOwnerId}:${seq}`).slice(0, 26);
}

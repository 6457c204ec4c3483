import { createHash } from 'node:crypto';

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
  const hash = createHash('sha256').update(`${mailboxId}:${seq}`).digest('base64url');
  return `AAMkA${hash}AAA=`.replace(/=/g, '');
}

/** An iCalendar UID shared by the organizer's event and every attendee's copy. */
export function iCalUid(organizerId: string, seq: number): string {
  const hash = createHash('sha256').update(`ical:${organizerId}:${seq}`).digest('hex').toUpperCase();
  return `040000008200E00074C5B7101A82E00800000000${hash.slice(0, 48)}`;
}

/** A Google Calendar event id (base32hex, 26 characters) for an event the sandbox itself creates. */
export function googleEventId(calendarOwnerId: string, seq: number): string {
  return createHash('sha256').update(`gcal:${calendarOwnerId}:${seq}`).digest('hex').slice(0, 26);
}

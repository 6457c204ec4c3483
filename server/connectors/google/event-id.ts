import { createHash } from 'node:crypto';

/**
 * Google lets the client choose an event's id: base32hex characters (a–v,
 * 0–9), 5 to 1024 of them, unique per calendar, kept even after the event is
 * deleted. Deriving it from the ledger's idempotency key makes a retried or
 * resumed booking ask for the same id, which Google refuses as a duplicate
 * (409) instead of booking twice. The key is hashed rather than encoded so any
 * key, whatever its characters or length, gives a valid id of fixed length.
 */

const alphabet = '0123456789abcdefghijklmnopqrstuv';

/** RFC 4648 base32hex, lower case, no padding. */
export function base32hex(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += alphabet[(buffer << (5 - bits)) & 31];
  return out;
}

/** The event id for an idempotency key: 52 base32hex characters of its SHA-256. */
export function eventIdFor(key: string): string {
  return base32hex(createHash('sha256').update(key, 'utf8').digest());
}

export function isValidEventId(id: string): boolean {
  return /^[a-v0-9]{5,1024}$/.test(id);
}

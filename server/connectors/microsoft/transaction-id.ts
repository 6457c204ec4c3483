import { createHash } from 'node:crypto';

/**
 * Graph's `transactionId` for an idempotency key: a GUID-shaped digest, so the
 * same key always gives the same id (RFC 4122 version 5 layout over SHA-256).
 */
export function transactionIdFor(key: string): string {
  const bytes = createHash('sha256').update(`binome:${key}`).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

import { z } from 'zod';
import type { EventTag } from '../../../src/ports/calendar.ts';

/**
 * How Binome marks its events: single-value extended properties in Binome's
 * property set. `binome` holds the tag as JSON (what the sandbox dumps and
 * listBooked reads); `binomeKey` holds the idempotency key alone, because
 * findEvents only knows the key and Graph's $filter matches a value exactly.
 */
export const binomePropertySet = '{66f5a359-4659-4830-9070-00047ec6ac6e}';
export const binomeTagPropertyId = `String ${binomePropertySet} Name binome`;
export const binomeKeyPropertyId = `String ${binomePropertySet} Name binomeKey`;

const TagValue = z.object({
  cohortId: z.string(),
  pairId: z.string(),
  session: z.number().int(),
  key: z.string().optional(),
});

/** The tag as canonical JSON (fixed key order), so one key always gives one value. */
export function tagValue(tag: EventTag, key: string): string {
  return JSON.stringify({ cohortId: tag.cohortId, pairId: tag.pairId, session: tag.session, key });
}

export function parseTagValue(value: string): { tag: EventTag; key: string | null } | null {
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    return null;
  }
  const parsed = TagValue.safeParse(json);
  if (!parsed.success) return null;
  const { cohortId, pairId, session, key } = parsed.data;
  return { tag: { cohortId, pairId, session }, key: key ?? null };
}

/** An OData string literal: single quotes doubled. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** The $filter that finds an event by its idempotency key. */
export function keyFilter(key: string): string {
  return `singleValueExtendedProperties/Any(ep: ep/id eq ${odataString(binomeKeyPropertyId)} and ep/value eq ${odataString(key)})`;
}

/** The $expand that brings both properties back with an event. */
export const tagExpand = `singleValueExtendedProperties($filter=id eq ${odataString(binomeTagPropertyId)} or id eq ${odataString(binomeKeyPropertyId)})`;

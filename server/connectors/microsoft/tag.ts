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

/**
 * The Outlook add-in's own custom properties (`item.loadCustomPropertiesAsync`): Outlook keeps
 * them as one JSON string in PS_PUBLIC_STRINGS, named `cecp-` + the add-in's manifest id
 * (lower case, no braces, no `urn:uuid:`), at most 2,500 characters ([MS-OXCEXT] 2.2.5).
 * Binome writes `{"binome": key}` there for each manifest (the unified one and the
 * add-in-only XML one have their own ids), so the pane opened on the organizer's copy reads
 * the tag without asking the service. Outlook does not pass custom properties on to the
 * attendees' copies: there the pane finds the session by its times.
 */
export const publicStringsPropertySet = '{00020329-0000-0000-C000-000000000046}';
/** The add-in ids of `manifests/outlook/manifest.template.json` and `.xml` (a unit test compares them). */
export const outlookAddinIds = ['8ce9d03a-fb61-4c09-83f1-38a2688ebdf4', '63a0a04b-7b58-4b17-8838-e12dfc289f22'] as const;
/** The custom properties' name the pane reads the key under. */
export const addinTagName = 'binome';
const customPropertiesLimit = 2_500;

export function addinPropertiesId(addinId: string): string {
  const name = addinId.toLowerCase().replace(/^urn:uuid:/, '').replace(/[{}]/g, '');
  return `String ${publicStringsPropertySet} Name cecp-${name}`;
}

/** The add-in's custom properties for one booking, as Office.js will read them back. */
export function addinPropertiesValue(key: string): string {
  const value = JSON.stringify({ [addinTagName]: key });
  if (value.length > customPropertiesLimit) throw new RangeError(`the add-in's custom properties hold at most ${customPropertiesLimit} characters; key ${key.slice(0, 40)}… makes ${value.length}`);
  return value;
}

/** The $expand that brings both properties back with an event. */
export const tagExpand = `singleValueExtendedProperties($filter=id eq ${odataString(binomeTagPropertyId)} or id eq ${odataString(binomeKeyPropertyId)})`;

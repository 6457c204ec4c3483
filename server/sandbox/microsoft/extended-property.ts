import type { BinomeTag } from '../tag.ts';
/**
 * The single-value extended property Binome writes on every event it books; its
 * value is JSON `{"cohortId","pairId","session"}`. The connector imports this id.
 */
export const BINOME_PROPERTY_ID = 'String {66f5a359-4659-4830-9070-00047ec6ac6e} Name binome';

const namedId = /^(String|Integer|Boolean|SystemTime|Binary|Double|Long|Guid|Currency|Short|Float|Object)\s+\{([0-9a-fA-F-]{36})\}\s+Name\s+(\S.*)$/i;
const taggedId = /^(String|Integer|Boolean|SystemTime|Binary|Double|Long|Guid|Currency|Short|Float|Object)\s+0x[0-9a-fA-F]{1,4}$/i;

/**
 * Canonical form of an extended property id, for comparisons: the type and the GUID
 * are case-insensitive, the name is not. Null when the id is not well formed.
 */
export function canonicalPropertyId(id: string): string | null {
  const trimmed = id.trim();
  const named = namedId.exec(trimmed);
  if (named !== null) return `${named[1]?.toLowerCase()} {${named[2]?.toLowerCase()}} Name ${named[3]}`;
  if (taggedId.test(trimmed)) return trimmed.toLowerCase();
  return null;
}


/** Reads Binome's tag from an event's extended properties; null when absent or not the expected JSON. */
export function binomeTagOf(properties: { id: string; value: string }[]): BinomeTag | null {
  const wanted = canonicalPropertyId(BINOME_PROPERTY_ID);
  const property = properties.find((p) => canonicalPropertyId(p.id) === wanted);
  if (property === undefined) return null;
  try {
    const parsed = JSON.parse(property.value) as Record<string, unknown>;
    const { cohortId, pairId, session } = parsed;
    if (typeof cohortId !== 'string' || typeof pairId !== 'string' || typeof session !== 'number') return null;
    return { cohortId, pairId, session };
  } catch {
    return null;
  }
}

const publicStrings = '{00020329-0000-0000-c000-000000000046}';

/**
 * An Outlook add-in's custom properties (`cecp-{add-in id}` in PS_PUBLIC_STRINGS): Outlook
 * keeps them on the item they were saved on and does not pass them on to the attendees'
 * copies of a meeting (Office.CustomProperties remarks).
 */
export function isAddinCustomProperties(id: string): boolean {
  const canonical = canonicalPropertyId(id);
  return canonical !== null && canonical.startsWith(`string ${publicStrings} Name cecp-`);
}

/** What of the organizer's properties an attendee's copy of the meeting carries. */
export function inviteeProperties(properties: { id: string; value: string }[]): { id: string; value: string }[] {
  return properties.filter((p) => !isAddinCustomProperties(p.id));
}

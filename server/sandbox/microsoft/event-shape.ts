import { z } from 'zod';
import type { StoredEvent } from '../state.ts';
import { formatGraphDateTime, parseGraphDateTime, resolveZone } from '../zones.ts';
import { canonicalPropertyId } from './extended-property.ts';

/** Every property of microsoft.graph.event a client may send or select; others are refused like Graph does. */
export const eventProperties = [
  'id', 'createdDateTime', 'lastModifiedDateTime', 'changeKey', 'categories', 'transactionId', 'originalStartTimeZone',
  'originalEndTimeZone', 'iCalUId', 'uid', 'reminderMinutesBeforeStart', 'isReminderOn', 'hasAttachments', 'subject',
  'bodyPreview', 'importance', 'sensitivity', 'isAllDay', 'isCancelled', 'isOrganizer', 'responseRequested',
  'seriesMasterId', 'showAs', 'type', 'webLink', 'onlineMeetingUrl', 'isOnlineMeeting', 'onlineMeetingProvider',
  'allowNewTimeProposals', 'occurrenceId', 'isDraft', 'hideAttendees', 'responseStatus', 'body', 'start', 'end',
  'location', 'locations', 'recurrence', 'attendees', 'organizer', 'onlineMeeting', 'singleValueExtendedProperties',
  'multiValueExtendedProperties',
] as const;

const DateTimeTimeZone = z.object({ dateTime: z.string(), timeZone: z.string().optional() });
const EmailAddress = z.object({ address: z.string().trim().min(1), name: z.string().optional() });
const Attendee = z.object({
  emailAddress: EmailAddress,
  type: z.enum(['required', 'optional', 'resource']).optional(),
});

export const EventInput = z.object({
  subject: z.string().optional(),
  body: z.object({ contentType: z.enum(['text', 'html', 'Text', 'HTML', 'Html']).optional(), content: z.string().optional() }).optional(),
  start: DateTimeTimeZone.optional(),
  end: DateTimeTimeZone.optional(),
  location: z.object({ displayName: z.string().optional() }).optional(),
  attendees: z.array(Attendee).max(500).optional(),
  isOnlineMeeting: z.boolean().optional(),
  onlineMeetingProvider: z.enum(['unknown', 'teamsForBusiness', 'skypeForBusiness', 'skypeForConsumer']).optional(),
  transactionId: z.string().max(255).optional(),
  showAs: z.enum(['free', 'tentative', 'busy', 'oof', 'workingElsewhere', 'unknown']).optional(),
  allowNewTimeProposals: z.boolean().optional(),
  singleValueExtendedProperties: z.array(z.object({ id: z.string(), value: z.string() })).optional(),
});
export type EventInput = z.infer<typeof EventInput>;

export type InputError = { code: string; message: string };

/** Refuses properties microsoft.graph.event does not have, as Graph's OData reader does. */
export function unknownEventProperty(body: unknown): InputError | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { code: 'BadRequest', message: 'Empty Payload. JSON content expected.' };
  }
  for (const key of Object.keys(body)) {
    if (key.startsWith('@odata.')) continue;
    if (!(eventProperties as readonly string[]).includes(key)) {
      return { code: 'RequestBodyRead', message: `The property '${key}' does not exist on type 'microsoft.graph.event'. Make sure to only use property names that are defined by the type or mark the type as open type.` };
    }
  }
  return null;
}

/** Resolves a dateTimeTimeZone to an instant, with Graph's codes for each way it can be wrong. */
export function readDateTime(value: z.infer<typeof DateTimeTimeZone>, field: 'Start' | 'End'): { ms: number; zone: string } | InputError {
  const zoneName = value.timeZone ?? 'UTC';
  const iana = resolveZone(zoneName);
  if (iana === null) {
    return { code: 'TimeZoneNotSupportedException', message: `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${zoneName}'.` };
  }
  const ms = parseGraphDateTime(value.dateTime, iana);
  if (ms === null) {
    return { code: 'ErrorInvalidRequest', message: `Cannot convert the literal '${value.dateTime}' to the expected type 'Edm.DateTimeOffset' for '${field}'.` };
  }
  return { ms, zone: zoneName };
}

export function validateExtendedProperties(properties: { id: string; value: string }[]): InputError | null {
  for (const p of properties) {
    if (canonicalPropertyId(p.id) === null) {
      return { code: 'ErrorInvalidExtendedPropertyValue', message: `The extended property id '${p.id}' is not valid. Expected '{type} {guid} Name {name}' or '{type} {proptag}'.` };
    }
  }
  return null;
}

export interface RenderOptions {
  /** Zone to write start and end in: `Prefer: outlook.timezone`, else UTC. */
  zone: { name: string; iana: string } | null;
  /** Canonical ids of the extended properties to include (`$expand` with its `$filter`). */
  expandProperties: string[] | null;
  select: string[] | null;
}

function dateTimeOut(ms: number, zone: RenderOptions['zone']) {
  return zone === null
    ? { dateTime: formatGraphDateTime(ms, 'UTC'), timeZone: 'UTC' }
    : { dateTime: formatGraphDateTime(ms, zone.iana), timeZone: zone.name };
}

function previewOf(content: string): string {
  return content.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 255);
}

/** A stored event as Graph writes microsoft.graph.event. */
export function eventRecord(event: StoredEvent, options: RenderOptions): Record<string, unknown> {
  const etag = `W/"${Buffer.from(`sbx:${event.changeKey}`).toString('base64')}"`;
  const full: Record<string, unknown> = {
    '@odata.etag': etag,
    id: event.id,
    createdDateTime: event.createdAt,
    lastModifiedDateTime: event.modifiedAt,
    changeKey: Buffer.from(`sbx:${event.changeKey}`).toString('base64'),
    categories: [],
    transactionId: event.transactionId,
    originalStartTimeZone: event.startTimeZone,
    originalEndTimeZone: event.endTimeZone,
    iCalUId: event.iCalUId,
    uid: event.iCalUId,
    reminderMinutesBeforeStart: 15,
    isReminderOn: true,
    hasAttachments: false,
    subject: event.subject,
    bodyPreview: previewOf(event.body.content),
    importance: 'normal',
    sensitivity: 'normal',
    isAllDay: false,
    isCancelled: event.isCancelled === true,
    isOrganizer: event.isOrganizer,
    responseRequested: true,
    seriesMasterId: null,
    showAs: event.showAs,
    type: 'singleInstance',
    webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(event.id)}&exvsurl=1&path=/calendar/item`,
    onlineMeetingUrl: null,
    isOnlineMeeting: event.isOnlineMeeting,
    onlineMeetingProvider: event.onlineMeetingProvider,
    allowNewTimeProposals: event.allowNewTimeProposals !== false,
    occurrenceId: null,
    isDraft: false,
    hideAttendees: false,
    responseStatus: { response: event.response, time: event.responseTime },
    body: event.body,
    start: dateTimeOut(event.start, options.zone),
    end: dateTimeOut(event.end, options.zone),
    location: { displayName: event.location, locationType: 'default', uniqueIdType: 'unknown', address: {}, coordinates: {} },
    locations: event.location === '' ? [] : [{ displayName: event.location, locationType: 'default', uniqueIdType: 'unknown' }],
    recurrence: null,
    attendees: event.attendees.map((a) => ({
      type: a.type,
      status: { response: a.response, time: a.responseTime },
      emailAddress: { name: a.name, address: a.email },
    })),
    organizer: { emailAddress: { name: event.organizer.name, address: event.organizer.email } },
    onlineMeeting: event.joinUrl === null ? null : { joinUrl: event.joinUrl, conferenceId: conferenceIdOf(event.iCalUId), tollNumber: null },
  };
  let record = full;
  if (options.select !== null) {
    record = { '@odata.etag': etag, id: event.id };
    for (const key of options.select) if (key in full) record[key] = full[key];
  }
  if (options.expandProperties !== null) {
    const wanted = options.expandProperties;
    const matches = event.extendedProperties.filter((p) => wanted.includes(canonicalPropertyId(p.id) ?? ''));
    if (matches.length > 0) record['singleValueExtendedProperties'] = matches.map((p) => ({ id: p.id, value: p.value }));
  }
  return record;
}

function conferenceIdOf(iCalUId: string): string {
  return String(parseInt(iCalUId.slice(-8), 16) % 1_000_000_000).padStart(9, '0');
}

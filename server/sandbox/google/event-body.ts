import { z } from 'zod';
import { responseStatuses } from './event-shape.ts';

const EventTime = z.object({ dateTime: z.string().optional(), date: z.string().optional(), timeZone: z.string().optional() });
const Attendee = z.object({
  email: z.string(),
  displayName: z.string().optional(),
  optional: z.boolean().optional(),
  resource: z.boolean().optional(),
  responseStatus: z.enum(responseStatuses).optional(),
});
/** A null value removes the key in a patch. */
const Properties = z.record(z.string(), z.string().nullable());

/** The parts of an events.insert / events.patch body the facade reads; other fields are ignored as Google ignores read-only ones. */
export const EventBody = z.object({
  id: z.string().optional(),
  summary: z.string().nullable().optional(),
  description: z.string().nullable().optional(),
  location: z.string().nullable().optional(),
  start: EventTime.optional(),
  end: EventTime.optional(),
  attendees: z.array(Attendee).nullable().optional(),
  extendedProperties: z.object({ private: Properties.nullable().optional(), shared: Properties.nullable().optional() }).nullable().optional(),
  conferenceData: z
    .object({
      createRequest: z.object({ requestId: z.string().min(1), conferenceSolutionKey: z.object({ type: z.string() }).optional() }).optional(),
    })
    .nullable()
    .optional(),
  transparency: z.enum(['opaque', 'transparent']).optional(),
  status: z.enum(['confirmed', 'tentative', 'cancelled']).optional(),
});
export type EventBody = z.infer<typeof EventBody>;
export type AttendeeInput = z.infer<typeof Attendee>;

/** Client-chosen event ids: base32hex (a–v, 0–9), 5 to 1024 characters. */
export const eventIdPattern = /^[a-v0-9]{5,1024}$/;
/** Extended property limits (Calendar's extended-properties guide). */
export const maxPropertyKey = 44;
export const maxPropertyValue = 1024;
const simpleEmail = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validEmail(email: string): boolean {
  return simpleEmail.test(email);
}

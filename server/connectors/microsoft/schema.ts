import { z } from 'zod';

/**
 * What we read back from Graph, validated before use. Objects stay loose
 * (Graph adds properties freely); only the fields we rely on are checked.
 */

export const GraphErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string().optional().default('') }),
});

export const BatchResponseItem = z.object({
  id: z.string(),
  status: z.number().int(),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.unknown().optional(),
});
export type BatchResponseItem = z.infer<typeof BatchResponseItem>;

export const BatchResponse = z.object({ responses: z.array(BatchResponseItem) });

const nullableString = z.string().nullish().transform((v) => v ?? null);

export const GraphUser = z.object({
  id: z.string().min(1),
  displayName: nullableString,
  mail: nullableString,
  userPrincipalName: nullableString,
  jobTitle: nullableString,
  department: nullableString,
  officeLocation: nullableString,
  employeeHireDate: nullableString,
  preferredLanguage: nullableString,
  manager: z.object({ id: z.string() }).nullish(),
  'manager@delta': z.array(z.object({ id: z.string() })).nullish(),
  '@removed': z.object({ reason: z.string() }).nullish(),
}).loose();
export type GraphUser = z.infer<typeof GraphUser>;

export function page<T extends z.ZodType>(item: T) {
  return z.object({
    value: z.array(item),
    '@odata.nextLink': z.string().optional(),
    '@odata.deltaLink': z.string().optional(),
  });
}

export const DateTimeTimeZone = z.object({ dateTime: z.string(), timeZone: z.string().nullish() });
export type DateTimeTimeZone = z.infer<typeof DateTimeTimeZone>;

const TransitionRule = z
  .object({
    time: z.string().nullish(),
    dayOccurrence: z.number().nullish(),
    dayOfWeek: z.string().nullish(),
    month: z.number().nullish(),
    year: z.number().nullish(),
  })
  .loose();

export const GraphTimeZoneSchema = z
  .object({
    '@odata.type': z.string().nullish(),
    name: z.string().nullish(),
    bias: z.number().nullish(),
    standardOffset: TransitionRule.nullish(),
    daylightOffset: TransitionRule.extend({ daylightBias: z.number().nullish() }).nullish(),
  })
  .loose();

export const GraphWorkingHours = z.object({
  daysOfWeek: z.array(z.string()),
  startTime: z.string(),
  endTime: z.string(),
  timeZone: GraphTimeZoneSchema.nullish(),
});
export type GraphWorkingHours = z.infer<typeof GraphWorkingHours>;

export const ScheduleInformation = z.object({
  scheduleId: z.string(),
  availabilityView: z.string().nullish(),
  scheduleItems: z
    .array(z.object({ status: z.string(), start: DateTimeTimeZone, end: DateTimeTimeZone }).loose())
    .nullish(),
  workingHours: GraphWorkingHours.nullish(),
  error: z.object({ message: z.string().nullish(), responseCode: z.string().nullish() }).loose().nullish(),
});
export type ScheduleInformation = z.infer<typeof ScheduleInformation>;

export const ScheduleAnswer = z.object({ value: z.array(ScheduleInformation) });

/** `/users/{id}/mailboxSettings?$select=timeZone,workingHours`: the mailbox zone by its Windows (or IANA) name. */
export const MailboxSettings = z.object({ timeZone: z.string().nullish(), workingHours: GraphWorkingHours.nullish() }).loose();

export const ExtendedProperty = z.object({ id: z.string(), value: z.string() });

export const GraphEvent = z.object({
  id: z.string(),
  subject: nullableString,
  start: DateTimeTimeZone,
  end: DateTimeTimeZone,
  isCancelled: z.boolean().nullish(),
  organizer: z.object({ emailAddress: z.object({ address: z.string() }).loose() }).nullish(),
  attendees: z
    .array(
      z.object({
        emailAddress: z.object({ address: z.string() }).loose(),
        status: z.object({ response: z.string().nullish() }).nullish(),
      }),
    )
    .nullish(),
  onlineMeeting: z.object({ joinUrl: z.string().nullish() }).nullish(),
  onlineMeetingUrl: nullableString,
  singleValueExtendedProperties: z.array(ExtendedProperty).nullish(),
});
export type GraphEvent = z.infer<typeof GraphEvent>;

export const CreatedEvent = z.object({
  id: z.string(),
  onlineMeeting: z.object({ joinUrl: z.string().nullish() }).nullish(),
  onlineMeetingUrl: nullableString,
});

export const EventIdPage = page(z.object({ id: z.string(), onlineMeeting: z.object({ joinUrl: z.string().nullish() }).nullish() }));

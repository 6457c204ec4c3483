import { z } from 'zod';
import { isKnownTimeZone } from './time-zone.ts';

/**
 * The request Google posts to an add-on endpoint (the event object), reduced to what
 * Binome reads. Unknown fields are dropped, not refused: Google adds fields over time.
 * Field names as in developers.google.com/workspace/add-ons/reference/event-object.
 * Pure: the tokens are only read here; server/auth/ verifies them.
 */

const NonEmpty = z.string().min(1);

/** One form field's value as the host sends it: `stringInputs.value[]` (one item for a single choice). */
const FormInput = z.object({
  stringInputs: z.object({ value: z.array(z.string()) }).optional(),
});

const Locale = z.string().refine(
  (text) => {
    try {
      return Intl.getCanonicalLocales(text.replace(/_/g, '-')).length === 1;
    } catch {
      return false;
    }
  },
  { message: 'not a BCP 47 locale' },
);

export const CommonEventObject = z.object({
  hostApp: z.enum(['GMAIL', 'CALENDAR', 'DRIVE', 'DOCS', 'SHEETS', 'SLIDES', 'CHAT']),
  platform: z.enum(['WEB', 'IOS', 'ANDROID']),
  /** Sent when the deployment sets `useLocaleFromApp` (with the script.locale scope). */
  userLocale: Locale.optional(),
  timeZone: z
    .object({
      id: NonEmpty.refine(isKnownTimeZone, { message: 'not a time zone Intl knows' }),
      /** Milliseconds from UTC at the time of the request. */
      offset: z.number().int(),
    })
    .optional(),
  formInputs: z.record(z.string(), FormInput).optional(),
  /** The `parameters` of the button's action, as a map. */
  parameters: z.record(z.string(), z.string()).optional(),
});

export const AuthorizationEventObject = z.object({
  /** Google-signed ID token of the add-on's service account; audience = the endpoint URL. */
  systemIdToken: NonEmpty,
  /** ID token of the person using the add-on: who they are. */
  userIdToken: NonEmpty.optional(),
  userOAuthToken: NonEmpty.optional(),
});

/** Present when the host is Calendar and an event is open (eventOpenTrigger). */
export const CalendarEventObject = z.object({
  calendarId: NonEmpty.optional(),
  /** The open event's id. */
  id: NonEmpty.optional(),
  recurringEventId: NonEmpty.optional(),
  organizer: z.object({ email: z.string() }).optional(),
});

export const AddOnEvent = z.object({
  commonEventObject: CommonEventObject,
  authorizationEventObject: AuthorizationEventObject,
  calendar: CalendarEventObject.optional(),
});
export type AddOnEvent = z.infer<typeof AddOnEvent>;

export interface EventObjectRefusal {
  code: 'EVENT_OBJECT_INVALID';
  message: string;
  /** Dotted path of the first field at fault, e.g. "commonEventObject.timeZone.id". */
  field: string;
}

export type EventObjectResult = { ok: true; event: AddOnEvent } | { ok: false; error: EventObjectRefusal };

export function parseEventObject(body: unknown): EventObjectResult {
  const parsed = AddOnEvent.safeParse(body);
  if (parsed.success) return { ok: true, event: parsed.data };
  const issue = parsed.error.issues[0];
  const field = issue === undefined || issue.path.length === 0 ? '(body)' : issue.path.map(String).join('.');
  const reason = issue?.message ?? 'invalid';
  return { ok: false, error: { code: 'EVENT_OBJECT_INVALID', message: `${field}: ${reason}`, field } };
}

/** The single value of a text input or single choice, or undefined when the field was not sent. */
export function formValue(event: AddOnEvent, name: string): string | undefined {
  return event.commonEventObject.formInputs?.[name]?.stringInputs?.value[0];
}

/** Every value of a multiple choice; empty when nothing was ticked (the host then sends no field). */
export function formValues(event: AddOnEvent, name: string): string[] {
  return event.commonEventObject.formInputs?.[name]?.stringInputs?.value ?? [];
}

export function parameter(event: AddOnEvent, key: string): string | undefined {
  return event.commonEventObject.parameters?.[key];
}

/** Where the viewer is: their locale and zone as the host says, else UTC and no locale (French words). */
export function viewerPlace(event: AddOnEvent): { locale: string | undefined; timeZone: string } {
  return { locale: event.commonEventObject.userLocale, timeZone: event.commonEventObject.timeZone?.id ?? 'UTC' };
}

/// <reference types="office-js" />
import { findIana } from 'windows-iana';
import { z } from 'zod';
import type { AccountType, Appointment, Host, HostContext, HostError, HostResult, MeetingRole, Person } from './host.ts';

/**
 * The only module that talks to Office.js. Every Office answer is read through zod: a
 * client that answers with another shape yields HOST_ANSWER_UNREADABLE naming the field,
 * never a crash in a component.
 *
 * Which Binome session is this meeting? When Binome books a meeting through Graph it also
 * writes the add-in's own custom properties on the organizer's copy (`{"binome": key}` under
 * `cecp-{add-in id}`, see server/connectors/microsoft/tag.ts), which
 * `item.loadCustomPropertiesAsync` reads. Outlook does not pass custom properties on to the
 * attendees' copies, and Binome's own MAPI property is out of a pane's reach, so the host
 * also returns the meeting's ids, subject and times (see `SessionLookup`): the app then finds
 * the session by the event's id or among the person's sessions by its times.
 */

type OfficeApi = typeof Office;
type Callback<T> = (result: Office.AsyncResult<T>) => void;
type Getter = { getAsync(callback: Callback<unknown>): void };

const OfficeError = z.object({ code: z.number().optional(), name: z.string().optional(), message: z.string().optional() });

function errorText(error: unknown): string {
  const parsed = OfficeError.safeParse(error);
  if (!parsed.success) return String(error);
  const { code, name, message } = parsed.data;
  return [message ?? name ?? 'unknown error', code === undefined ? null : `Office error ${code}${name === undefined ? '' : ` ${name}`}`]
    .filter((part) => part !== null)
    .join(' — ');
}

function failed(call: string, error: unknown): HostError {
  return { ok: false, code: 'HOST_CALL_FAILED', message: `${call} failed: ${errorText(error)}`, field: call };
}

function unreadable(field: string, error: z.ZodError): HostError {
  return { ok: false, code: 'HOST_ANSWER_UNREADABLE', message: `${field}: ${z.prettifyError(error)}`, field };
}

/** One Office callback API as a promise; a call that throws (an API this client lacks) is an error value too. */
function call<T>(office: OfficeApi, name: string, start: (callback: Callback<T>) => void): Promise<HostResult<T>> {
  return new Promise((resolve) => {
    try {
      start((result) => {
        resolve(result.status === office.AsyncResultStatus.Succeeded ? { ok: true, value: result.value } : failed(name, result.error));
      });
    } catch (error) {
      resolve(failed(name, error));
    }
  });
}

function isGetter(value: unknown): value is Getter {
  return typeof value === 'object' && value !== null && typeof (value as { getAsync?: unknown }).getAsync === 'function';
}

/**
 * A field of the item: a plain value where the user reads a meeting (attendee), an object
 * with `getAsync` where they edit it (organizer).
 */
async function field<S extends z.ZodType>(office: OfficeApi, item: object, name: string, schema: S): Promise<HostResult<z.output<S>>> {
  let value: unknown = (item as Record<string, unknown>)[name];
  if (isGetter(value)) {
    const getter = value;
    const got = await call<unknown>(office, `item.${name}.getAsync`, (callback) => getter.getAsync(callback));
    if (!got.ok) return got;
    value = got.value;
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? { ok: true, value: parsed.data } : unreadable(`item.${name}`, parsed.error);
}

const responses = ['organizer', 'accepted', 'tentative', 'declined', 'none'] as const;
const EmailAddressDetails = z
  .object({ emailAddress: z.string(), displayName: z.string().nullish(), appointmentResponse: z.string().nullish() })
  .transform(
    (d): Person => ({
      email: d.emailAddress,
      name: d.displayName ?? d.emailAddress,
      response: responses.find((r) => r === d.appointmentResponse) ?? null,
    }),
  );
const Instant = z.date().refine((d) => !Number.isNaN(d.getTime()), 'an invalid date').transform((d) => d.toISOString());
const Text = z.string().nullish().transform((s) => s ?? '');
const People = z.array(EmailAddressDetails).nullish().transform((p) => p ?? []);

/**
 * The organizer's copy has no id until it is saved; older clients (before Mailbox 1.8)
 * cannot give the organizer's id at all. Either way the service still gets subject and times.
 */
async function organizerItemId(office: OfficeApi, item: Office.AppointmentCompose): Promise<HostResult<string | null>> {
  if (typeof item.getItemIdAsync !== 'function') return { ok: true, value: null };
  let notSaved = false;
  const got = await call<string>(office, 'item.getItemIdAsync', (callback) =>
    item.getItemIdAsync((result) => {
      notSaved = result.status !== office.AsyncResultStatus.Succeeded && OfficeError.safeParse(result.error).data?.name === 'ItemNotSaved';
      callback(result);
    }),
  );
  return !got.ok && notSaved ? { ok: true, value: null } : got;
}

function restId(office: OfficeApi, itemId: string | null): string | null {
  if (itemId === null) return null;
  try {
    // Outlook on iOS and Android already give REST ids and do not offer the conversion.
    return office.context.mailbox.convertToRestId(itemId, office.MailboxEnums.RestVersion.v2_0);
  } catch {
    return null;
  }
}

/**
 * The add-in's custom property `binome`, when the event carries one. Clients before Mailbox
 * 1.1 lack the call and a failure only means the pane matches the session by its times.
 */
async function binomeTag(office: OfficeApi, item: object): Promise<string | null> {
  const load = (item as { loadCustomPropertiesAsync?: unknown }).loadCustomPropertiesAsync;
  if (typeof load !== 'function') return null;
  const got = await call<unknown>(office, 'item.loadCustomPropertiesAsync', (callback) => (load as (cb: Callback<unknown>) => void).call(item, callback));
  if (!got.ok) return null;
  const properties = got.value as { get?: unknown } | null;
  if (properties === null || typeof properties !== 'object' || typeof properties.get !== 'function') return null;
  const tag = z.string().min(1).max(200).safeParse((properties.get as (name: string) => unknown).call(properties, 'binome'));
  return tag.success ? tag.data : null;
}

async function readAppointment(office: OfficeApi): Promise<HostResult<Appointment>> {
  const item: unknown = office.context.mailbox.item;
  if (item === null || item === undefined || typeof item !== 'object') {
    return { ok: false, code: 'HOST_NO_ITEM', message: 'Outlook has no open item for the pane: open a meeting first.' };
  }
  const { itemType } = item as { itemType?: unknown };
  if (itemType !== office.MailboxEnums.ItemType.Appointment) {
    return { ok: false, code: 'HOST_NOT_A_MEETING', message: `The open item is a ${String(itemType)}, not a meeting.`, field: 'item.itemType' };
  }
  const role: MeetingRole = isGetter((item as { start?: unknown }).start) ? 'organizer' : 'attendee';
  const [subject, start, end, location, organizer, requiredAttendees, optionalAttendees, itemId, tag] = await Promise.all([
    field(office, item, 'subject', Text),
    field(office, item, 'start', Instant),
    field(office, item, 'end', Instant),
    field(office, item, 'location', Text),
    // Organizers' forms have `organizer` from Mailbox 1.7; before that it is absent.
    field(office, item, 'organizer', EmailAddressDetails.nullish().transform((p) => p ?? null)),
    field(office, item, 'requiredAttendees', People),
    field(office, item, 'optionalAttendees', People),
    role === 'organizer'
      ? organizerItemId(office, item as Office.AppointmentCompose)
      : field(office, item, 'itemId', z.string().min(1)),
    binomeTag(office, item),
  ]);
  if (!subject.ok) return subject;
  if (!start.ok) return start;
  if (!end.ok) return end;
  if (!location.ok) return location;
  if (!organizer.ok) return organizer;
  if (!requiredAttendees.ok) return requiredAttendees;
  if (!optionalAttendees.ok) return optionalAttendees;
  if (!itemId.ok) return itemId;
  return {
    ok: true,
    value: {
      role,
      itemId: itemId.value,
      restItemId: restId(office, itemId.value),
      iCalUId: null,
      binomeTag: tag,
      subject: subject.value,
      start: start.value,
      end: end.value,
      location: location.value,
      organizer: organizer.value,
      requiredAttendees: requiredAttendees.value,
      optionalAttendees: optionalAttendees.value,
    },
  };
}

const accountTypes = ['office365', 'enterprise', 'outlookCom', 'gmail'] as const;
const UserProfile = z.object({
  emailAddress: z.string().min(1),
  displayName: z.string().nullish(),
  timeZone: z.string().nullish(),
  accountType: z.string().nullish(),
});

function knownZone(name: string): string | null {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/**
 * Outlook gives the calendar's zone as a Windows name ("Romance Standard Time"); the pane
 * formats times with IANA ids. CLDR's "001" territory is the zone Windows means.
 */
function zoneFromOutlook(name: string): string | null {
  const iana = findIana(name, '001')[0] ?? findIana(name)[0];
  return knownZone(iana ?? name);
}

function readContext(office: OfficeApi): HostResult<HostContext> {
  const profile = UserProfile.safeParse(office.context.mailbox.userProfile);
  if (!profile.success) return unreadable('mailbox.userProfile', profile.error);
  const { emailAddress, displayName, timeZone, accountType } = profile.data;
  const account: AccountType = accountTypes.find((t) => t === accountType) ?? 'unknown';
  const mailboxZone = timeZone ? zoneFromOutlook(timeZone) : null;
  const locale = z.string().min(1).safeParse(office.context.displayLanguage);
  let nested = false;
  try {
    nested = office.context.requirements.isSetSupported('NestedAppAuth', '1.1');
  } catch {
    nested = false;
  }
  return {
    ok: true,
    value: {
      user: { email: emailAddress, displayName: displayName ?? emailAddress, accountType: account },
      locale: locale.success ? locale.data : null,
      timeZone: mailboxZone ?? new Intl.DateTimeFormat().resolvedOptions().timeZone,
      timeZoneSource: mailboxZone === null ? 'device' : 'mailbox',
      // Personal Outlook.com and Gmail mailboxes cannot use NAA, whatever the client supports.
      nestedAppAuth: nested && account !== 'outlookCom' && account !== 'gmail',
    },
  };
}

/** The host over Office.js; call it after `Office.onReady`. */
export function officeHost(office: OfficeApi = Office): Host {
  return {
    context: () => Promise.resolve(readContext(office)),
    appointment: () => readAppointment(office),
  };
}

/** Legacy Office SSO (`Office.auth.getAccessToken`), for clients without NAA; rejects with Office's `{ code, name, message }`. */
export function officeSsoToken(office: OfficeApi = Office): () => Promise<string> {
  return () => office.auth.getAccessToken({ allowSignInPrompt: true, allowConsentPrompt: true });
}

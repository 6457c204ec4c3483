import { OfficeMockObject } from 'office-addin-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { demoHost } from '../../addins/outlook/host/demo-host.ts';
import type { Appointment, HostContext } from '../../addins/outlook/host/host.ts';
import { officeHost } from '../../addins/outlook/host/office-host.ts';
import { addinPropertiesValue } from '../../server/connectors/microsoft/tag.ts';

/** What Office.js answers through its callbacks; the enum values are Office.js's own. */
type AsyncCallback = (result: { status: string; value?: unknown; error?: unknown }) => void;
const succeed = (value: unknown) => (callback: AsyncCallback) => callback({ status: 'succeeded', value });
const fail = (code: number, name: string, message: string) => (callback: AsyncCallback) =>
  callback({ status: 'failed', error: { code, name, message } });

const organizerId = 'AAMkADAwATM0MDAAMS1iNWQ4LTI0ZDgtMDACLTAwCgBGAAAD/Kk+u8=';

const attendees = [
  { emailAddress: 'lea.martin@contoso.fr', displayName: 'Léa Martin', appointmentResponse: 'accepted', recipientType: 'user' },
  { emailAddress: 'paul.durand@contoso.fr', displayName: 'Paul Durand', appointmentResponse: 'organizer', recipientType: 'user' },
];

/** The organizer's form: every field behind getAsync. */
function organizerItem(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    itemType: 'appointment',
    subject: { getAsync: succeed('Binome · séance 2 · Léa et Paul') },
    start: { getAsync: succeed(new Date('2027-03-01T09:00:00Z')) },
    end: { getAsync: succeed(new Date('2027-03-01T10:00:00Z')) },
    location: { getAsync: succeed('Microsoft Teams') },
    organizer: { getAsync: succeed({ emailAddress: 'paul.durand@contoso.fr', displayName: 'Paul Durand' }) },
    requiredAttendees: { getAsync: succeed([{ emailAddress: 'lea.martin@contoso.fr', displayName: 'Léa Martin' }]) },
    optionalAttendees: { getAsync: succeed([]) },
    getItemIdAsync: succeed(organizerId),
    ...overrides,
  };
}

/** An attendee's form: plain values. */
function attendeeItem(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    itemType: 'appointment',
    itemId: 'AAMkAttendeeCopy/1+2=',
    subject: 'Binome · séance 2 · Léa et Paul',
    start: new Date('2027-03-01T09:00:00Z'),
    end: new Date('2027-03-01T10:00:00Z'),
    location: 'Microsoft Teams',
    organizer: { emailAddress: 'paul.durand@contoso.fr', displayName: 'Paul Durand' },
    requiredAttendees: attendees,
    optionalAttendees: [],
    ...overrides,
  };
}

interface Seed {
  /** 'none': the mailbox has no item (office-addin-mock cannot hold a null). */
  item?: Record<string, unknown> | 'none';
  profile?: Record<string, unknown>;
  displayLanguage?: string;
  nestedAppAuth?: boolean;
}

function installOffice({ item = organizerItem(), profile = {}, displayLanguage = 'fr-FR', nestedAppAuth = true }: Seed = {}): void {
  const seed = {
    host: 'outlook',
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    MailboxEnums: { ItemType: { Appointment: 'appointment', Message: 'message' }, RestVersion: { v1_0: 'v1.0', v2_0: 'v2.0', Beta: 'beta' } },
    context: {
      displayLanguage,
      requirements: { isSetSupported: (name: string, version: string) => nestedAppAuth && name === 'NestedAppAuth' && version === '1.1' },
      mailbox: {
        ...(item === 'none' ? {} : { item }),
        userProfile: { emailAddress: 'lea.martin@contoso.fr', displayName: 'Léa Martin', timeZone: 'Romance Standard Time', accountType: 'office365', ...profile },
        // What Outlook does: the EWS id in URL-safe base64.
        convertToRestId: (id: string) => id.replace(/\//g, '-').replace(/\+/g, '_'),
      },
    },
  };
  (globalThis as { Office?: unknown }).Office = new OfficeMockObject(seed);
}

afterEach(() => {
  delete (globalThis as { Office?: unknown }).Office;
});

describe('Outlook host: the meeting the pane was opened on', () => {
  it("reads the organizer's meeting through Office's async getters, times as UTC instants", async () => {
    installOffice();
    expect(await officeHost().appointment()).toEqual({
      ok: true,
      value: {
        role: 'organizer',
        itemId: organizerId,
        restItemId: 'AAMkADAwATM0MDAAMS1iNWQ4LTI0ZDgtMDACLTAwCgBGAAAD-Kk_u8=',
        iCalUId: null,
        binomeTag: null,
        subject: 'Binome · séance 2 · Léa et Paul',
        start: '2027-03-01T09:00:00.000Z',
        end: '2027-03-01T10:00:00.000Z',
        location: 'Microsoft Teams',
        organizer: { email: 'paul.durand@contoso.fr', name: 'Paul Durand', response: null },
        requiredAttendees: [{ email: 'lea.martin@contoso.fr', name: 'Léa Martin', response: null }],
        optionalAttendees: [],
      },
    });
  });

  it("reads an attendee's meeting from plain values, with each person's answer", async () => {
    installOffice({ item: attendeeItem() });
    const result = await officeHost().appointment();
    expect(result).toMatchObject({
      ok: true,
      value: {
        role: 'attendee',
        itemId: 'AAMkAttendeeCopy/1+2=',
        restItemId: 'AAMkAttendeeCopy-1_2=',
        start: '2027-03-01T09:00:00.000Z',
        requiredAttendees: [
          { email: 'lea.martin@contoso.fr', name: 'Léa Martin', response: 'accepted' },
          { email: 'paul.durand@contoso.fr', name: 'Paul Durand', response: 'organizer' },
        ],
      },
    });
  });

  it('gives a meeting not saved yet no id, but still its subject and times for the service to match', async () => {
    installOffice({ item: organizerItem({ getItemIdAsync: fail(9049, 'ItemNotSaved', "The id can't be retrieved until the item is saved.") }) });
    expect(await officeHost().appointment()).toMatchObject({ ok: true, value: { itemId: null, restItemId: null, start: '2027-03-01T09:00:00.000Z' } });
  });

  it("gives no organizer id on a client that cannot tell it (before Mailbox 1.8) and no organizer where the form has none", async () => {
    installOffice({ item: organizerItem({ getItemIdAsync: undefined, organizer: undefined }) });
    expect(await officeHost().appointment()).toMatchObject({ ok: true, value: { itemId: null, organizer: null, subject: 'Binome · séance 2 · Léa et Paul' } });
  });

  it("answers a clear error naming the call and Office's code when a getter fails", async () => {
    installOffice({ item: organizerItem({ start: { getAsync: fail(9017, 'GenericResponseError', 'An internal error has occurred.') } }) });
    expect(await officeHost().appointment()).toEqual({
      ok: false,
      code: 'HOST_CALL_FAILED',
      message: 'item.start.getAsync failed: An internal error has occurred. — Office error 9017 GenericResponseError',
      field: 'item.start.getAsync',
    });
  });

  it('answers an error, not a crash, when the client lacks a call or its id lookup fails for another reason', async () => {
    installOffice({
      item: organizerItem({
        location: {
          getAsync: () => {
            throw new TypeError('location.getAsync is not supported');
          },
        },
      }),
    });
    expect(await officeHost().appointment()).toMatchObject({ ok: false, code: 'HOST_CALL_FAILED', field: 'item.location.getAsync', message: expect.stringContaining('not supported') });
    installOffice({ item: organizerItem({ getItemIdAsync: fail(5001, 'InternalServerError', 'Internal error') }) });
    expect(await officeHost().appointment()).toMatchObject({ ok: false, code: 'HOST_CALL_FAILED', field: 'item.getItemIdAsync' });
  });

  it('names the field when Office answers with something that is not what it documents', async () => {
    installOffice({ item: attendeeItem({ start: 'tomorrow' }) });
    expect(await officeHost().appointment()).toMatchObject({ ok: false, code: 'HOST_ANSWER_UNREADABLE', field: 'item.start' });
    installOffice({ item: organizerItem({ requiredAttendees: { getAsync: succeed([{ displayName: 'No address' }]) } }) });
    expect(await officeHost().appointment()).toMatchObject({ ok: false, code: 'HOST_ANSWER_UNREADABLE', field: 'item.requiredAttendees' });
  });

  it("gives Binome's tag when the meeting carries the add-in's custom property, and none when it cannot be read", async () => {
    const properties = (values: Record<string, unknown>) => ({ get: (name: string) => values[name] });
    installOffice({ item: attendeeItem({ loadCustomPropertiesAsync: succeed(properties({ binome: 'binome:c1:p0123456789abcdef:2' })) }) });
    expect(await officeHost().appointment()).toMatchObject({ ok: true, value: { binomeTag: 'binome:c1:p0123456789abcdef:2' } });
    installOffice({ item: attendeeItem({ loadCustomPropertiesAsync: succeed(properties({})) }) });
    expect(await officeHost().appointment()).toMatchObject({ ok: true, value: { binomeTag: null } });
    installOffice({ item: attendeeItem({ loadCustomPropertiesAsync: fail(9017, 'GenericResponseError', 'no properties') }) });
    expect(await officeHost().appointment()).toMatchObject({ ok: true, value: { binomeTag: null, subject: 'Binome · séance 2 · Léa et Paul' } });
  });

  it("reads the tag the Microsoft connector writes as the add-in's custom properties on the organizer's meeting", async () => {
    const key = 'bnm-0123456789abcdef0123456789abcdef';
    // Outlook hands the add-in its `cecp-{id}` JSON as a CustomProperties object over it.
    const stored = JSON.parse(addinPropertiesValue(key)) as Record<string, unknown>;
    installOffice({ item: organizerItem({ loadCustomPropertiesAsync: succeed({ get: (name: string) => stored[name], getAll: () => stored }) }) });
    expect(await officeHost().appointment()).toMatchObject({ ok: true, value: { role: 'organizer', binomeTag: key, itemId: organizerId } });
    // A property of another shape (another add-in version's number) is no tag: the pane falls back to the meeting's times.
    installOffice({ item: organizerItem({ loadCustomPropertiesAsync: succeed({ get: () => 42 }) }) });
    expect(await officeHost().appointment()).toMatchObject({ ok: true, value: { binomeTag: null, start: '2027-03-01T09:00:00.000Z' } });
  });

  it('says when the pane is on a message or on nothing at all', async () => {
    installOffice({ item: { itemType: 'message', subject: 'Re: charte' } });
    expect(await officeHost().appointment()).toMatchObject({ ok: false, code: 'HOST_NOT_A_MEETING', field: 'item.itemType' });
    installOffice({ item: 'none' });
    expect(await officeHost().appointment()).toMatchObject({ ok: false, code: 'HOST_NO_ITEM' });
  });
});

describe('Outlook host: who, where and how to sign in', () => {
  it("gives the mailbox user, Office's language and the Outlook calendar's zone, not the device's", async () => {
    installOffice();
    expect(new Intl.DateTimeFormat().resolvedOptions().timeZone).toMatch(/Kat(h)?mandu/);
    expect(await officeHost().context()).toEqual({
      ok: true,
      value: {
        user: { email: 'lea.martin@contoso.fr', displayName: 'Léa Martin', accountType: 'office365' },
        locale: 'fr-FR',
        timeZone: 'Europe/Paris',
        timeZoneSource: 'mailbox',
        nestedAppAuth: true,
      },
    });
  });

  it("falls back to the device's zone when Outlook's zone is missing or unknown, and says so", async () => {
    installOffice({ profile: { timeZone: 'Nowhere Standard Time' } });
    expect(await officeHost().context()).toMatchObject({ ok: true, value: { timeZone: expect.stringMatching(/Kat(h)?mandu/), timeZoneSource: 'device' } });
    installOffice({ profile: { timeZone: undefined }, displayLanguage: '' });
    expect(await officeHost().context()).toMatchObject({ ok: true, value: { timeZoneSource: 'device', locale: null } });
  });

  it('offers nested app authentication only where the client supports it and the mailbox is a work one', async () => {
    installOffice({ nestedAppAuth: false });
    expect(await officeHost().context()).toMatchObject({ ok: true, value: { nestedAppAuth: false } });
    installOffice({ profile: { accountType: 'outlookCom' } });
    expect(await officeHost().context()).toMatchObject({ ok: true, value: { nestedAppAuth: false, user: { accountType: 'outlookCom' } } });
  });

  it('names the field when the user profile cannot be read', async () => {
    installOffice({ profile: { emailAddress: undefined } });
    expect(await officeHost().context()).toMatchObject({ ok: false, code: 'HOST_ANSWER_UNREADABLE', field: 'mailbox.userProfile' });
  });
});

describe('Demo host', () => {
  const context: HostContext = {
    user: { email: 'lea.martin@contoso.fr', displayName: 'Léa Martin', accountType: 'office365' },
    locale: 'fr-FR',
    timeZone: 'Europe/Paris',
    timeZoneSource: 'mailbox',
    nestedAppAuth: false,
  };
  const appointment: Appointment = {
    role: 'attendee',
    itemId: 'demo-1',
    restItemId: 'demo-1',
    iCalUId: '040000008200E00074C5B7101A82E008',
    binomeTag: 'tag-demo-1',
    subject: 'Binome · séance 1',
    start: '2027-03-01T09:00:00.000Z',
    end: '2027-03-01T10:00:00.000Z',
    location: '',
    organizer: null,
    requiredAttendees: [],
    optionalAttendees: [],
  };

  it('answers the demo data it was given, a fresh copy each time', async () => {
    const host = demoHost({ context, appointment });
    const first = await host.appointment();
    expect(first).toEqual({ ok: true, value: appointment });
    if (first.ok) first.value.subject = 'changed by a component';
    expect(await host.appointment()).toEqual({ ok: true, value: appointment });
    expect(await host.context()).toEqual({ ok: true, value: context });
  });

  it('can show the refusal screens too', async () => {
    const host = demoHost({ context, appointment: { ok: false, code: 'HOST_NOT_A_MEETING', message: 'The open item is a message, not a meeting.' } });
    expect(await host.appointment()).toMatchObject({ ok: false, code: 'HOST_NOT_A_MEETING' });
  });
});

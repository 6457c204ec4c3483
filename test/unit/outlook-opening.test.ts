import { OfficeMockObject } from 'office-addin-mock';
import { afterEach, describe, expect, it } from 'vitest';
import type { MySession } from '../../contract/me.ts';
import { ApiError } from '../../addins/shared/api/client.ts';
import { officeHost } from '../../addins/outlook/host/office-host.ts';
import { sessionForAppointment, type SessionFinder } from '../../addins/outlook/pane/app/opening.ts';

type AsyncCallback = (result: { status: string; value?: unknown; error?: unknown }) => void;
const succeed = (value: unknown) => (callback: AsyncCallback) => callback({ status: 'succeeded', value });

function session(overrides: Partial<MySession>): MySession {
  return {
    pairId: 'p0123456789abcde',
    cohortId: '8d1c6f2e-4b1a-4c3e-9f5a-2b7d9e0a1c34',
    cohortName: 'Pilote 2027',
    session: 1,
    start: '2027-03-01T10:00:00+01:00',
    end: '2027-03-01T11:00:00+01:00',
    timeZone: 'Europe/Paris',
    state: 'booked',
    movingTo: null,
    online: true,
    meetingUrl: null,
    partnerName: 'Paul Durand',
    myRole: 'mentor',
    ended: false,
    tag: 'tag-1',
    ...overrides,
  };
}

/** An attendee's copy of a meeting in Outlook, with or without the add-in's `binome` custom property. */
function installMeeting(start: string, end: string, tag: string | null): void {
  const item = {
    itemType: 'appointment',
    itemId: 'AAMkAttendeeCopy',
    subject: 'Binôme · séance',
    start: new Date(start),
    end: new Date(end),
    location: '',
    organizer: { emailAddress: 'paul.durand@contoso.fr', displayName: 'Paul Durand' },
    requiredAttendees: [],
    optionalAttendees: [],
    loadCustomPropertiesAsync: succeed({ get: (name: string) => (name === 'binome' ? (tag ?? undefined) : undefined) }),
  };
  (globalThis as { Office?: unknown }).Office = new OfficeMockObject({
    host: 'outlook',
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    MailboxEnums: { ItemType: { Appointment: 'appointment', Message: 'message' }, RestVersion: { v2_0: 'v2.0' } },
    context: { mailbox: { item, userProfile: { emailAddress: 'lea.martin@contoso.fr' }, convertToRestId: (id: string) => id } },
  });
}

afterEach(() => {
  delete (globalThis as { Office?: unknown }).Office;
});

function finder(sessions: MySession[], asked: string[] = []): SessionFinder {
  return {
    lookup: (tag) => {
      asked.push(tag);
      const found = sessions.find((s) => s.tag === tag || s.eventId === tag);
      return found === undefined ? Promise.reject(new ApiError(404, { code: 'SESSION_NOT_FOUND', message: 'no such session', field: null })) : Promise.resolve(found);
    },
    sessions: () => Promise.resolve(sessions),
  };
}

describe('the pane opened on a meeting', () => {
  const mine = [session({ session: 1, tag: 'tag-1' }), session({ session: 2, tag: 'tag-2', start: '2027-04-05T14:00:00+02:00', end: '2027-04-05T15:00:00+02:00' })];

  it("goes straight to the session the meeting's Binome tag names, through the lookup", async () => {
    installMeeting('2027-04-05T12:00:00Z', '2027-04-05T13:00:00Z', 'tag-2');
    const asked: string[] = [];
    expect(await sessionForAppointment(await officeHost().appointment(), finder(mine, asked))).toEqual({ pairId: 'p0123456789abcde', session: 2 });
    expect(asked).toEqual(['tag-2']);
  });

  it("finds the mentor's session by the booked event's own id when Outlook cannot give the tag", async () => {
    installMeeting('2027-05-03T09:00:00Z', '2027-05-03T10:00:00Z', null);
    const asked: string[] = [];
    const booked = [session({ session: 3, tag: 'tag-3', eventId: 'AAMkAttendeeCopy' })];
    expect(await sessionForAppointment(await officeHost().appointment(), finder(booked, asked))).toEqual({ pairId: 'p0123456789abcde', session: 3 });
    expect(asked).toEqual(['AAMkAttendeeCopy']);
  });

  it('finds the session by its times when Outlook cannot give the tag', async () => {
    installMeeting('2027-03-01T09:00:00Z', '2027-03-01T10:00:00Z', null);
    expect(await sessionForAppointment(await officeHost().appointment(), finder(mine))).toEqual({ pairId: 'p0123456789abcde', session: 1 });
  });

  it('finds a session being moved on the meeting of its new slot too', async () => {
    installMeeting('2027-03-08T09:00:00Z', '2027-03-08T10:00:00Z', null);
    const moving = [session({ state: 'moving', movingTo: { start: '2027-03-08T10:00:00+01:00', end: '2027-03-08T11:00:00+01:00' } })];
    expect(await sessionForAppointment(await officeHost().appointment(), finder(moving))).toEqual({ pairId: 'p0123456789abcde', session: 1 });
  });

  it('opens on the home screen for a meeting that is not one of my sessions, or no meeting at all', async () => {
    installMeeting('2027-03-02T09:00:00Z', '2027-03-02T10:00:00Z', 'someone-elses-tag');
    expect(await sessionForAppointment(await officeHost().appointment(), finder(mine))).toBeNull();
    expect(await sessionForAppointment({ ok: false, code: 'HOST_NO_ITEM', message: 'no item' }, finder(mine))).toBeNull();
  });
});

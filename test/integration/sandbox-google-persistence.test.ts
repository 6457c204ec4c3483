import { describe, expect, it } from 'vitest';
import { googleFixture, openGoogleSandbox, removeGoogleState } from './sandbox-google-harness.ts';

describe('the Google facade across a restart', () => {
  it('keeps events, their Meet links, answers and taken ids, sent mail, the key and the tokens it issued', async () => {
    const first = await openGoogleSandbox({ fixture: googleFixture() });
    const ana = 'ana.martin@fabrikam.example';
    const bruno = 'bruno.leroy@fabrikam.example';
    const token = await first.token(ana);
    const brunoToken = await first.token(bruno);
    const body = {
      id: 'restart00001',
      summary: 'Survives',
      start: { dateTime: '2027-03-01T10:00:00+01:00' },
      end: { dateTime: '2027-03-01T11:00:00+01:00' },
      attendees: [{ email: bruno }],
      extendedProperties: { shared: { binome: '1' } },
      conferenceData: { createRequest: { requestId: 'restart-req', conferenceSolutionKey: { type: 'hangoutsMeet' } } },
    };
    expect((await first.call('POST', '/calendar/v3/calendars/primary/events?conferenceDataVersion=1', { token, body })).status).toBe(200);
    await first.call('PATCH', '/calendar/v3/calendars/primary/events/restart00001', { token: brunoToken, body: { attendees: [{ email: bruno, responseStatus: 'declined' }] } });
    const link = (await first.call('GET', '/calendar/v3/calendars/primary/events/restart00001', { token })).json['hangoutLink'];
    await first.call('POST', '/gmail/v1/users/me/messages/send', { token, body: { raw: Buffer.from(`To: ${bruno}\r\nSubject: Hi\r\n\r\nBody`).toString('base64url') } });
    await first.close();

    const second = await openGoogleSandbox({ fixture: googleFixture(), stateDir: first.stateDir });
    try {
      const event = await second.call('GET', '/calendar/v3/calendars/primary/events/restart00001', { token });
      expect(event.status).toBe(200);
      expect(event.json['hangoutLink']).toBe(link);
      expect((event.json['attendees'] as { email: string; responseStatus: string }[])[0]).toMatchObject({ email: bruno, responseStatus: 'declined' });
      expect((await second.call('POST', '/calendar/v3/calendars/primary/events', { token, body })).status).toBe(409);
      expect((await second.call('GET', '/calendar/v3/calendars/primary/events?sharedExtendedProperty=binome%3D1', { token: brunoToken })).json.items).toHaveLength(1);
      expect(second.handle.sentMail().map((m) => m.subject)).toEqual(['Hi']);
      expect(second.google.serviceAccountEmail).toBe(first.google.serviceAccountEmail);
    } finally {
      await second.close();
      await removeGoogleState(first.stateDir);
    }
  });
});

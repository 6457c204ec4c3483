import type { Group, User } from '@microsoft/msgraph-sdk/models/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TenantFixture } from '../../src/model/fixture.ts';
import { openSandbox, removeState, sandboxFixture, type SandboxClient } from './sandbox-harness.ts';
import { kiotaClient, type KiotaClient } from './sandbox-kiota-harness.ts';

/**
 * Microsoft's other official SDK (Kiota: @microsoft/msgraph-sdk + @azure/identity) against
 * the Graph facade, beside the connector's graph-client: every call here is one real
 * Graph answers, written the way that SDK writes it (PascalCase action parameters,
 * `users/delta()`, `%24select` query names, its own paging links).
 */
let client: SandboxClient;
let kiota: KiotaClient;

beforeAll(async () => {
  const groups = [
    { id: 'mentors', name: 'Mentors', members: ['u1', 'u7'] },
    { id: 'finance', name: 'Finance', members: ['u1', 'u3'] },
    { id: 'paris', name: 'Paris office', members: ['u1', 'u2', 'u7'] },
  ];
  client = await openSandbox({ fixture: TenantFixture.parse({ ...sandboxFixture(7), groups }) });
  kiota = kiotaClient(client.sandbox);
});

afterAll(async () => {
  await kiota.close();
  await client.close();
  await removeState(client.stateDir);
});

const ana = 'ana.martin@contoso.example';
const bruno = 'bruno.leroy@contoso.example';
const carla = 'carla.diaz@contoso.example';

describe('directory through the Kiota SDK', () => {
  it('signs in with @azure/identity at the sandbox authority and pages through every user', async () => {
    const seen: User[] = [];
    let page = await kiota.graph.users.get({ queryParameters: { top: 5, select: ['id', 'displayName', 'mail'] } });
    seen.push(...(page?.value ?? []));
    while (page?.odataNextLink) {
      page = await kiota.graph.users.withUrl(page.odataNextLink).get();
      seen.push(...(page?.value ?? []));
    }
    expect(seen).toHaveLength(12);
    expect(new Set(seen.map((u) => u.id)).size).toBe(12);
    expect(seen.map((u) => u.mail)).toContain(ana);
  });

  it('reads one user with $select, the mailbox settings included, and the manager', async () => {
    const user = await kiota.graph.users.byUserId(ana).get({ queryParameters: { select: ['displayName', 'department', 'mailboxSettings'] } });
    expect(user).toMatchObject({ displayName: 'Ana Martin', department: 'Finance', mailboxSettings: { timeZone: 'Romance Standard Time' } });
    expect(user?.mailboxSettings?.workingHours).toMatchObject({ startTime: { hours: 9, minutes: 0 }, endTime: { hours: 18, minutes: 0 } });
    const manager = (await kiota.graph.users.byUserId(ana).manager.get()) as User | undefined;
    expect(manager).toMatchObject({ odataType: '#microsoft.graph.user', displayName: 'Eve Moreau' });
  });

  it('follows delta rounds through users/delta(): everyone first, then only who changed or left', async () => {
    let round = await kiota.graph.users.delta.get({ queryParameters: { select: ['displayName', 'jobTitle'] } });
    const first: User[] = [...(round?.value ?? [])];
    while (round?.odataNextLink) {
      round = await kiota.graph.users.delta.withUrl(round.odataNextLink).get();
      first.push(...(round?.value ?? []));
    }
    expect(first).toHaveLength(12);
    const deltaLink = round?.odataDeltaLink;
    expect(deltaLink).toMatch(/\$deltatoken=/);

    client.sandbox.updatePerson('u2', { jobTitle: 'Chief revenue officer' });
    client.sandbox.removePerson('x6');
    const next = await kiota.graph.users.delta.withUrl(deltaLink ?? '').get();
    const changed = next?.value ?? [];
    expect(changed.find((u) => u.id === client.sandbox.userId(bruno))).toMatchObject({ jobTitle: 'Chief revenue officer' });
    const removed = changed.find((u) => u.additionalData?.['@removed'] !== undefined);
    expect(removed?.additionalData?.['@removed']).toEqual({ reason: 'changed' });
    expect(changed).toHaveLength(2);
  });
});

describe('mailbox and calendar through the Kiota SDK', () => {
  it('asks getSchedule with the parameters the SDK writes in PascalCase', async () => {
    const answer = await kiota.graph.users.byUserId(ana).calendar.getSchedule.post({
      schedules: [ana, carla],
      startTime: { dateTime: '2027-01-04T08:00:00', timeZone: 'UTC' },
      endTime: { dateTime: '2027-01-04T10:00:00', timeZone: 'UTC' },
      availabilityViewInterval: 30,
    });
    expect(answer?.value?.map((s) => s.scheduleId)).toEqual([ana, carla]);
    // Ana's "Team sync" is 09:00-10:00 Paris, 08:00-09:00 UTC.
    expect(answer?.value?.[0]?.availabilityView).toBe('2200');
    expect(answer?.value?.[1]?.workingHours?.timeZone?.name).toBe('Eastern Standard Time');
  });

  it('sends mail with Message and SaveToSentItems as the SDK names them', async () => {
    const before = client.sandbox.sentMail().length;
    await kiota.graph.users.byUserId(ana).sendMail.post({
      message: { subject: 'Your mentoring pair', body: { contentType: 'text', content: 'Hello' }, toRecipients: [{ emailAddress: { address: bruno } }] },
      saveToSentItems: false,
    });
    const sent = client.sandbox.sentMail().slice(before);
    expect(sent).toMatchObject([{ from: ana, to: [bruno], subject: 'Your mentoring pair', saveToSentItems: false }]);
  });

  it('creates, patches, filters and deletes events, keeping allowNewTimeProposals as the organizer set it', async () => {
    const mailbox = kiota.graph.users.byUserId(carla);
    const created = await mailbox.events.post({
      subject: 'Mentoring: Carla and Bruno',
      start: { dateTime: '2027-03-01T15:00:00', timeZone: 'Eastern Standard Time' },
      end: { dateTime: '2027-03-01T16:00:00', timeZone: 'Eastern Standard Time' },
      attendees: [{ emailAddress: { address: bruno }, type: 'required' }],
      allowNewTimeProposals: false,
    });
    expect(created).toMatchObject({ subject: 'Mentoring: Carla and Bruno', allowNewTimeProposals: false, isOrganizer: true });
    const id = created?.id ?? '';
    const iCalUId = created?.iCalUId ?? '';

    const patched = await mailbox.events.byEventId(id).patch({ subject: 'Mentoring: Carla & Bruno', start: { dateTime: '2027-03-01T16:00:00', timeZone: 'UTC' }, end: { dateTime: '2027-03-01T17:00:00', timeZone: 'UTC' } });
    expect(patched).toMatchObject({ subject: 'Mentoring: Carla & Bruno', allowNewTimeProposals: false });

    const march = await mailbox.events.get({ queryParameters: { filter: "start/dateTime ge '2027-03-01T00:00:00' and end/dateTime le '2027-03-02T00:00:00'", select: ['subject', 'start'] } });
    expect(march?.value?.map((e) => e.subject)).toEqual(['Mentoring: Carla & Bruno']);
    expect(march?.value?.[0]?.start).toMatchObject({ dateTime: '2027-03-01T16:00:00.0000000', timeZone: 'UTC' });
    const bySubject = await mailbox.events.get({ queryParameters: { filter: "subject eq 'mentoring: carla & bruno'" } });
    expect(bySubject?.value?.map((e) => e.id)).toEqual([id]);
    const copy = await kiota.graph.users.byUserId(bruno).events.get({ queryParameters: { filter: `iCalUId eq '${iCalUId}'` } });
    expect(copy?.value).toHaveLength(1);
    expect(copy?.value?.[0]).toMatchObject({ isOrganizer: false, allowNewTimeProposals: false, subject: 'Mentoring: Carla & Bruno' });

    await mailbox.events.byEventId(id).delete();
    expect((await mailbox.events.get({ queryParameters: { filter: `iCalUId eq '${iCalUId}'` } }))?.value).toEqual([]);
  });
});

describe('group memberships through the Kiota SDK', () => {
  it('lists the groups a user belongs to, page by page, each typed #microsoft.graph.group', async () => {
    const names: string[] = [];
    let page = await kiota.graph.users.byUserId(ana).memberOf.get({ queryParameters: { top: 2 } });
    for (;;) {
      for (const item of page?.value ?? []) {
        expect(item.odataType).toBe('#microsoft.graph.group');
        names.push(String((item as Group).displayName));
      }
      if (!page?.odataNextLink) break;
      page = await kiota.graph.users.byUserId(ana).memberOf.withUrl(page.odataNextLink).get();
    }
    expect(names.sort()).toEqual(['Finance', 'Mentors', 'Paris office']);
    expect((await kiota.graph.users.byUserId(bruno).memberOf.get())?.value?.map((g) => (g as Group).displayName)).toEqual(['Paris office']);
  });

  it('answers checkMemberGroups with only the ids the user belongs to, and refuses more than 20', async () => {
    const groups = (await kiota.graph.users.byUserId(ana).memberOf.get())?.value ?? [];
    const mentors = groups.find((g) => (g as Group).displayName === 'Mentors')?.id ?? '';
    const finance = groups.find((g) => (g as Group).displayName === 'Finance')?.id ?? '';
    const unknown = '00000000-0000-4000-8000-000000000000';
    const forCarla = await kiota.graph.users.byUserId(carla).checkMemberGroups.post({ groupIds: [mentors, finance, unknown] });
    expect(forCarla?.value).toEqual([finance]);
    const forAna = await kiota.graph.users.byUserId(ana).checkMemberGroups.post({ groupIds: [mentors, unknown] });
    expect(forAna?.value).toEqual([mentors]);
    const tooMany = Array.from({ length: 21 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    await expect(kiota.graph.users.byUserId(ana).checkMemberGroups.post({ groupIds: tooMany })).rejects.toMatchObject({ responseStatusCode: 400 });
  });
});

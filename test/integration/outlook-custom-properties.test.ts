import { Agent, fetch } from 'undici';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MySession } from '../../contract/me.ts';
import { smallEnrolments, smallTenant } from '../support/small-tenant.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

const cohort = { name: 'Pilote', format: 'classic', sessions: 4, sessionMinutes: 60, start: '2027-01-11', weeks: 16 };
/** What Office.js reads for each manifest: `cecp-` + the add-in id, in PS_PUBLIC_STRINGS (MS-OXCEXT 2.2.5). */
const addinProperties = [
  "String {00020329-0000-0000-C000-000000000046} Name cecp-8ce9d03a-fb61-4c09-83f1-38a2688ebdf4",
  "String {00020329-0000-0000-C000-000000000046} Name cecp-63a0a04b-7b58-4b17-8838-e12dfc289f22",
];
const expand = `singleValueExtendedProperties($filter=${addinProperties.map((id) => `id eq '${id}'`).join(' or ')})`;

const GraphEvent = z.object({
  id: z.string(),
  start: z.object({ dateTime: z.string() }),
  singleValueExtendedProperties: z.array(z.object({ id: z.string(), value: z.string() })).optional(),
});
const EventList = z.object({ value: z.array(GraphEvent) });
/** The add-in's custom properties as `loadCustomPropertiesAsync` hands them over: a JSON object of names and strings. */
const CustomProperties = z.record(z.string(), z.string());

describe('booked Outlook meetings carry the Binome tag where the add-in reads its own custom properties', () => {
  let stack: TestStack;
  let agent: Agent;
  let appToken: string;
  let pair: { pairId: string; mentorEmail: string; menteeEmail: string };

  const graph = async (path: string): Promise<unknown> => {
    const response = await fetch(`${stack.sandbox.urls.graph}${path}`, { dispatcher: agent, headers: { authorization: `Bearer ${appToken}`, prefer: 'outlook.timezone="UTC"' } });
    expect(response.status).toBe(200);
    return response.json();
  };
  const me = async (email: string, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${stack.apiUrl}/api/me${path}`, {
      method,
      headers: { authorization: `Bearer ${await stack.sandbox.issueUserToken(email)}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  };
  const session = async (email: string, n: number) => MySession.parse((await me(email, 'GET', `/sessions/${pair.pairId}/${n}`)).body);
  /** The organizer's event, with what each add-in would read from it. */
  const organizerEvent = async (eventId: string) => {
    const event = GraphEvent.parse(await graph(`/users/${encodeURIComponent(pair.mentorEmail)}/events/${encodeURIComponent(eventId)}?$expand=${encodeURIComponent(expand)}`));
    const read = addinProperties.map((id) => {
      const found = event.singleValueExtendedProperties?.find((p) => p.id.toLowerCase() === id.toLowerCase());
      return found === undefined ? null : CustomProperties.parse(JSON.parse(found.value));
    });
    return { start: event.start.dateTime, read };
  };

  beforeAll(async () => {
    stack = await startTestStack(smallTenant(), { now: '2027-01-04T08:00:00Z' });
    agent = new Agent({ connect: { ca: stack.sandbox.ca.certPem } });
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: stack.sandbox.credentials.clientId,
      client_secret: stack.sandbox.credentials.clientSecret,
      scope: 'https://graph.microsoft.com/.default',
    });
    const token = await fetch(stack.sandbox.urls.tokenEndpoint, { dispatcher: agent, method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
    appToken = z.object({ access_token: z.string() }).parse(await token.json()).access_token;
    const cohortId = ((await stack.call('POST', '/api/admin/cohorts', cohort)).body as { cohortId: string }).cohortId;
    const base = `/api/admin/cohorts/${cohortId}`;
    await stack.call('POST', `${base}/enrolments`, smallEnrolments, 'text/csv');
    const proposal = (await stack.call('POST', `${base}/matching`)).body as { pairs: (typeof pair)[] };
    const first = proposal.pairs[0];
    if (first === undefined) throw new Error('the small tenant forms pairs');
    pair = first;
    await stack.call('POST', `${base}/publish`);
    await stack.call('POST', `${base}/rollout`);
    for (let i = 0; i < 50; i++) if ((await stack.workers[0]?.tick()) === 0) break;
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
    await agent?.close();
  });

  it('writes {"binome": tag} for both manifests on the first booking, and the tag opens that very session', async () => {
    const booked = await session(pair.mentorEmail, 1);
    expect(booked.eventId).toEqual(expect.any(String));
    const { read } = await organizerEvent(booked.eventId ?? '');
    expect(read).toEqual([{ binome: booked.tag }, { binome: booked.tag }]);
    // What the pane does with the value it reads: look the session up by it.
    const found = await me(pair.mentorEmail, 'GET', `/sessions/lookup?tag=${encodeURIComponent(read[0]?.['binome'] ?? '')}`);
    expect(found).toMatchObject({ status: 200, body: { pairId: pair.pairId, session: 1 } });
  });

  it("leaves the attendee's copy without them, as Outlook does (the pane finds that copy's session by its times)", async () => {
    const booked = await session(pair.menteeEmail, 1);
    const filter = `singleValueExtendedProperties/Any(ep: ep/id eq 'String {66f5a359-4659-4830-9070-00047ec6ac6e} Name binomeKey' and ep/value eq '${booked.tag}')`;
    const copies = EventList.parse(await graph(`/users/${encodeURIComponent(pair.menteeEmail)}/events?$filter=${encodeURIComponent(filter)}&$expand=${encodeURIComponent(expand)}`));
    expect(copies.value).toHaveLength(1);
    expect(copies.value[0]?.singleValueExtendedProperties ?? []).toEqual([]);
  });

  it('keeps them on the organizer’s event when the session moves', async () => {
    const before = await session(pair.menteeEmail, 2);
    const { slots } = (await me(pair.menteeEmail, 'GET', `/sessions/${pair.pairId}/2/slots`)).body as { slots: { start: string }[] };
    const chosen = slots[1];
    if (chosen === undefined) throw new Error('slots expected');
    expect((await me(pair.menteeEmail, 'POST', `/sessions/${pair.pairId}/2/move`, { start: chosen.start })).status).toBe(200);
    const after = await session(pair.mentorEmail, 2);
    expect(after.eventId).toBe(before.eventId);
    const event = await organizerEvent(after.eventId ?? '');
    expect(Date.parse(`${event.start}Z`)).toBe(Date.parse(chosen.start));
    expect(event.read).toEqual([{ binome: before.tag }, { binome: before.tag }]);
  });
});

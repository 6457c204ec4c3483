import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDelegatedReads } from '../../server/connectors/microsoft/delegated.ts';
import { microsoftConfigFor } from '../../server/runtime/stack.ts';
import { smallEnrolments, smallTenant } from '../support/small-tenant.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

const cohort = { name: 'Pilote', format: 'classic', sessions: 4, sessionMinutes: 60, start: '2027-01-11', weeks: 16 };
const schedule = 'POST /users/{id}/calendar/getSchedule';
const tokenGrants = 'POST /{tenant}/oauth2/v2.0/token';

describe('the participant API reads the free/busy of a person who came from the Outlook pane as that person (on-behalf-of)', () => {
  let stack: TestStack;
  let pair: { pairId: string; mentorEmail: string; menteeEmail: string };
  let perRead = 0;

  /** Sandbox counters under a label prefix, e.g. every call made with a delegated token. */
  const counted = (prefix: string) =>
    Object.fromEntries(Object.entries(stack.sandbox.requestCounts()).filter(([label]) => label.startsWith(prefix)));
  const slots = async (token: string, session: number) => {
    const response = await fetch(`${stack.apiUrl}/api/me/sessions/${pair.pairId}/${session}/slots`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, body: (await response.json()) as { slots?: unknown[]; code?: string } };
  };

  beforeAll(async () => {
    stack = await startTestStack(smallTenant(), { now: '2027-01-04T08:00:00Z' });
    const cohortId = ((await stack.call('POST', '/api/admin/cohorts', cohort)).body as { cohortId: string }).cohortId;
    const base = `/api/admin/cohorts/${cohortId}`;
    await stack.call('POST', `${base}/enrolments`, smallEnrolments, 'text/csv');
    const first = ((await stack.call('POST', `${base}/matching`)).body as { pairs: (typeof pair)[] }).pairs[0];
    if (first === undefined) throw new Error('the small tenant forms pairs');
    pair = first;
    await stack.call('POST', `${base}/publish`);
    await stack.call('POST', `${base}/rollout`);
    for (let i = 0; i < 50; i++) if ((await stack.workers[0]?.tick()) === 0) break;
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
  });

  it("exchanges the pane's Entra token for a delegated Graph token and asks getSchedule with it, from the person's own mailbox", async () => {
    // Matching and booking read calendars app-only: no delegated call so far.
    expect(counted('delegated:')).toEqual({});
    const tokensBefore = stack.sandbox.requestCounts()[tokenGrants] ?? 0;
    const answer = await slots(await stack.sandbox.issueUserToken(pair.menteeEmail), 2);
    expect(answer.status).toBe(200);
    expect(answer.body.slots).toHaveLength(5);
    // The emulator issues the delegated token for the person its assertion names: the label carries that person.
    const delegated = counted('delegated:');
    expect(Object.keys(delegated)).toEqual([`delegated: ${pair.menteeEmail} ${schedule}`]);
    // The cohort's weeks are longer than one getSchedule may ask: each read is a few calls, all delegated.
    perRead = delegated[`delegated: ${pair.menteeEmail} ${schedule}`] ?? 0;
    expect(perRead).toBeGreaterThan(0);
    expect(stack.sandbox.requestCounts()[tokenGrants]).toBe(tokensBefore + 1);
  });

  it('asks Entra once for the same token, and each person reads as themselves', async () => {
    const tokensBefore = stack.sandbox.requestCounts()[tokenGrants] ?? 0;
    const menteeToken = await stack.sandbox.issueUserToken(pair.menteeEmail);
    expect((await slots(menteeToken, 3)).status).toBe(200);
    expect((await slots(menteeToken, 3)).status).toBe(200);
    expect((await slots(await stack.sandbox.issueUserToken(pair.mentorEmail), 3)).status).toBe(200);
    expect(counted('delegated:')).toEqual({
      [`delegated: ${pair.menteeEmail} ${schedule}`]: 3 * perRead,
      [`delegated: ${pair.mentorEmail} ${schedule}`]: perRead,
    });
    expect(stack.sandbox.requestCounts()[tokenGrants]).toBe(tokensBefore + 2);
  });

  it('refuses a token for another app at the door, before any exchange', async () => {
    const before = counted('delegated:');
    const answer = await slots(await stack.sandbox.issueUserToken(pair.menteeEmail, { audience: '00000000-0000-0000-0000-00000000beef' }), 2);
    expect(answer.status).toBe(401);
    expect(counted('delegated:')).toEqual(before);
  });

  it("answers Entra's refusal of an assertion for another audience as unreadable free/busy, never reading app-only instead", async () => {
    const reads = createDelegatedReads(microsoftConfigFor(stack.sandbox));
    try {
      const before = stack.sandbox.requestCounts()[schedule] ?? 0;
      const foreign = await stack.sandbox.issueUserToken(pair.menteeEmail, { audience: '00000000-0000-0000-0000-00000000beef' });
      const answers = await reads.availability(foreign, pair.menteeEmail, [pair.menteeEmail, pair.mentorEmail], { start: '2027-01-11T00:00:00Z', end: '2027-02-01T00:00:00Z' });
      expect(answers.map((a) => a.email)).toEqual([pair.menteeEmail, pair.mentorEmail]);
      for (const answer of answers) expect(answer).toMatchObject({ busy: [], error: expect.stringMatching(/^on-behalf-of refused: AADSTS50013/) });
      expect(stack.sandbox.requestCounts()[schedule] ?? 0).toBe(before);
    } finally {
      await reads.close();
    }
  });
});

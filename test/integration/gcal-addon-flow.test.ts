import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TenantFixture } from '../../src/model/fixture.ts';
import { demoCohortId, seedDemo } from '../../server/demo/seed.ts';
import { feedbackFields, recommendValues } from '../../addins/gcal/cards/feedback.ts';
import { moveFields } from '../../addins/gcal/cards/move.ts';
import { noteFields, sharedValue } from '../../addins/gcal/cards/note.ts';
import { volunteerFields } from '../../addins/gcal/cards/volunteer.ts';
import en from '../../addins/gcal/locales/en.json' with { type: 'json' };
import fr from '../../addins/gcal/locales/fr.json' with { type: 'json' };
import { startTestStack, type TestStack } from '../support/stack.ts';

/**
 * The Google Calendar add-on end to end on the Google demo: Google's requests (played
 * by the card viewer's back end, signed by the emulator) to the add-on's endpoints,
 * the participant API behind them, the ledger and the Google sandbox's calendars.
 */

interface Widget {
  [kind: string]: unknown;
}
interface Card {
  name: string;
  header: { title: string; subtitle?: string };
  sections: { header?: string; widgets: Widget[] }[];
}
interface Action {
  function: string;
  parameters: { key: string; value: string }[];
}

const now = '2027-01-04T08:00:00Z';
const fixturePath = join(import.meta.dirname, '..', '..', 'fixtures', 'google-demo');
let stack: TestStack;
let tenantId: string;
let mentor: string;
let mentee: string;
let outsider: string;
let triggers: { home: string; eventOpen: string };

async function send(as: string, url: string, extra: { parameters?: Record<string, string>; formInputs?: Record<string, string[]>; eventId?: string; locale?: string } = {}) {
  const response = await fetch(`${stack.apiUrl}/gcal-viewer/api/send`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ as, url, parameters: extra.parameters ?? {}, formInputs: extra.formInputs ?? {}, locale: extra.locale ?? 'fr-FR', timeZone: 'Europe/Paris', ...(extra.eventId === undefined ? {} : { eventId: extra.eventId }) }),
  });
  expect(response.status).toBe(200);
  const answer = (await response.json()) as { status: number; body: Record<string, unknown> };
  expect(answer.status).toBe(200);
  return answer.body;
}

/** The card a reply shows (pushed or updated) and its notification. */
function shown(body: Record<string, unknown>): { card: Card | null; notification: string | null } {
  const action = ((body['renderActions'] as { action?: unknown } | undefined)?.action ?? body['action']) as {
    navigations?: ({ pushCard?: Card; updateCard?: Card })[];
    notification?: { text: string };
  };
  const navigation = action.navigations?.[0];
  return { card: navigation?.pushCard ?? navigation?.updateCard ?? null, notification: action.notification?.text ?? null };
}

function text(card: Card): string {
  return JSON.stringify(card);
}

/** The button (anywhere in the card) whose action calls `name`, optionally with a given parameter. */
function button(card: Card, name: string, parameter?: [string, string]): Action {
  const found: Action[] = [];
  const visit = (value: unknown) => {
    if (value === null || typeof value !== 'object') return;
    const action = (value as { action?: Action }).action;
    if (action !== undefined && typeof action.function === 'string' && action.function.endsWith(`/actions/${name}`)) found.push(action);
    Object.values(value).forEach(visit);
  };
  visit(card);
  const match = found.find((action) => parameter === undefined || action.parameters.some((p) => p.key === parameter[0] && p.value === parameter[1]));
  if (match === undefined) throw new Error(`card ${card.name} has no ${name} button${parameter === undefined ? '' : ` for ${parameter.join('=')}`}`);
  return match;
}

const params = (action: Action) => Object.fromEntries(action.parameters.map((p) => [p.key, p.value]));

async function click(as: string, action: Action, formInputs?: Record<string, string[]>, locale?: string) {
  return shown(await send(as, action.function, { parameters: params(action), ...(formInputs === undefined ? {} : { formInputs }), ...(locale === undefined ? {} : { locale }) }));
}

async function api<T>(as: string, path: string): Promise<T> {
  const token = await stack.sandbox.issueGoogleIdToken(as, { audience: stack.sandbox.googleOAuthClient.clientId });
  const response = await fetch(`${stack.apiUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

beforeAll(async () => {
  const fixture = TenantFixture.parse(JSON.parse(await readFile(join(fixturePath, 'tenant.json'), 'utf8')));
  tenantId = fixture.tenant.id;
  stack = await startTestStack(fixture, { now });
  await seedDemo({ db: stack.store.db, runtime: stack.runtime, clock: () => new Date(now), enrolmentsFile: join(fixturePath, 'enrolments.csv') });
  for (const worker of stack.workers) worker.start();
  const running = demoCohortId(tenantId, 'running');
  const rolledOut = async () => ((await stack.call('GET', `/api/admin/cohorts/${running}/rollout`)).body as { done: boolean }).done;
  for (let tries = 0; !(await rolledOut()); tries += 1) {
    if (tries > 300) throw new Error('the demo cohort was not booked within 150 s');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const matching = (await stack.call('GET', `/api/admin/cohorts/${running}/matching`)).body as { pairs: { mentorEmail: string; menteeEmail: string }[] };
  const pair = matching.pairs[0];
  if (pair === undefined) throw new Error('the demo cohort has no pair');
  ({ mentorEmail: mentor, menteeEmail: mentee } = pair);
  const paired = new Set(matching.pairs.flatMap((p) => [p.mentorEmail, p.menteeEmail]));
  outsider = fixture.people.find((person) => !paired.has(person.email))?.email ?? '';
  const config = (await (await fetch(`${stack.apiUrl}/gcal-viewer/api/config`)).json()) as { triggers: { home: string; eventOpen: string } };
  triggers = config.triggers;
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

describe('the Google Calendar add-on, as a mentor and a mentee click through it', () => {
  it('opens on home with the person’s cohort, pair and next session, in French', async () => {
    const { card } = shown(await send(mentor, triggers.home));
    expect(card?.name).toBe('home');
    expect(text(card as Card)).toContain('Binome · promotion en cours');
    button(card as Card, 'open-pair');
  });

  it('shows the pair and lets each accept the charter; the partner then sees it accepted', async () => {
    const home = shown(await send(mentor, triggers.home)).card as Card;
    const pairCard = (await click(mentor, button(home, 'open-pair'))).card as Card;
    expect(pairCard.name).toBe('pair');
    const accepted = await click(mentor, button(pairCard, 'accept-charter'));
    expect(accepted.notification).toBe(fr.done.charterAccepted);
    const pairs = await api<{ charter: { acceptedByMe: boolean } }[]>(mentor, '/api/me/pairs');
    expect(pairs[0]?.charter.acceptedByMe).toBe(true);
    const partnerView = await api<{ charter: { acceptances: { role: string }[] } }[]>(mentee, '/api/me/pairs');
    expect(partnerView[0]?.charter.acceptances.map((a) => a.role)).toContain('mentor');
  });

  it('keeps a note on an ended session, shared with the partner, and takes feedback', async () => {
    const [pair] = await api<{ pairId: string; sessions: { session: number; ended: boolean }[] }[]>(mentee, '/api/me/pairs');
    const ended = pair?.sessions.find((s) => s.ended);
    if (pair === undefined || ended === undefined) throw new Error('the demo pair has no ended session');
    const sessionId = `${pair.pairId}.${ended.session}`;
    const noteEditor = (await click(mentee, { function: `${triggers.home.replace(/\/home$/, '')}/actions/open-note`, parameters: [{ key: 'sessionId', value: sessionId }] })).card as Card;
    expect(noteEditor.name).toBe('note');
    const saved = await click(mentee, button(noteEditor, 'save-note'), { [noteFields.note]: ['Parler de Copilot & des <prompts>'], [noteFields.shared]: [sharedValue] });
    expect(saved.notification).toBe(fr.done.noteSaved);
    expect(text(saved.card as Card)).toContain('Parler de Copilot &amp; des &lt;prompts&gt;');
    const mentorSession = (await click(mentor, { function: `${triggers.home.replace(/\/home$/, '')}/actions/open-session`, parameters: [{ key: 'sessionId', value: sessionId }] })).card as Card;
    expect(text(mentorSession)).toContain('Parler de Copilot &amp; des &lt;prompts&gt;');

    const feedbackCard = (await click(mentee, { function: `${triggers.home.replace(/\/home$/, '')}/actions/open-feedback`, parameters: [{ key: 'sessionId', value: sessionId }] })).card as Card;
    expect(feedbackCard.name).toBe('feedback');
    const sent = await click(mentee, button(feedbackCard, 'send-feedback'), { [feedbackFields.satisfaction]: ['5'], [feedbackFields.recommend]: [recommendValues.yes] });
    expect(sent.notification).toBe(fr.done.feedbackSent);
    const given = await api<{ satisfaction: number }>(mentee, `/api/me/sessions/${pair.pairId}/${ended.session}/feedback`);
    expect(given.satisfaction).toBe(5);
  });

  it('moves a coming session to a proposed slot: the same event moves in both calendars', async () => {
    const [pair] = await api<{ pairId: string; sessions: { session: number; ended: boolean; start: string; eventId?: string | null }[] }[]>(mentor, '/api/me/pairs');
    const coming = pair?.sessions.find((s) => !s.ended);
    if (pair === undefined || coming === undefined) throw new Error('the demo pair has no coming session');
    const sessionId = `${pair.pairId}.${coming.session}`;
    const moveCard = (await click(mentor, { function: `${triggers.home.replace(/\/home$/, '')}/actions/open-move`, parameters: [{ key: 'sessionId', value: sessionId }] })).card as Card;
    expect(moveCard.name).toBe('move');
    const firstSlot = /"value":"(\d{4}-[^"]+)"/.exec(JSON.stringify(moveCard))?.[1];
    if (firstSlot === undefined) throw new Error('the move card proposes no slot');
    const moved = await click(mentor, button(moveCard, 'move-session'), { [moveFields.slot]: [firstSlot] });
    expect(moved.notification).toBe(fr.done.moved);
    for (const person of [mentor, mentee]) {
      const sessions = await api<{ pairId: string; session: number; start: string; state: string }[]>(person, '/api/me/sessions');
      const after = sessions.find((s) => s.pairId === pair.pairId && s.session === coming.session);
      expect(Date.parse(after?.start ?? '')).toBe(Date.parse(firstSlot));
    }
    const window = { start: '2026-12-01T00:00:00Z', end: '2027-06-01T00:00:00Z' };
    const organizerEvents = await stack.runtime.calendar.listBooked(mentor, window);
    const attendeeEvents = await stack.runtime.calendar.listBooked(mentee, window);
    const at = (events: { start: string }[]) => events.filter((event) => Date.parse(event.start) === Date.parse(firstSlot)).length;
    expect(at(organizerEvents)).toBe(1);
    expect(at(attendeeEvents)).toBe(1);
    expect(organizerEvents.filter((event) => Date.parse(event.start) === Date.parse(coming.start))).toHaveLength(0);
    expect(attendeeEvents.filter((event) => Date.parse(event.start) === Date.parse(coming.start))).toHaveLength(0);
  });

  it('opens straight on the session when the person opens its event in Google Calendar', async () => {
    const sessions = await api<{ pairId: string; session: number; eventId?: string | null }[]>(mentee, '/api/me/sessions');
    const booked = sessions.find((s) => typeof s.eventId === 'string');
    if (booked?.eventId === undefined || booked.eventId === null) throw new Error('no booked session with an event id');
    const { card } = shown(await send(mentee, triggers.eventOpen, { eventId: booked.eventId }));
    expect(card?.name).toBe('session');
  });

  it('lets someone outside any pair volunteer for the open cohort from the add-on, in English', async () => {
    const home = shown(await send(outsider, triggers.home, { locale: 'en-GB' })).card as Card;
    const open = demoCohortId(tenantId, 'open');
    const form = (await click(outsider, button(home, 'open-volunteer', ['cohortId', open]), undefined, 'en-GB')).card as Card;
    expect(form.name).toBe('volunteer');
    const offered = /"name":"offers"[^\]]*?"value":"([^"]+)"/.exec(JSON.stringify(form))?.[1];
    if (offered === undefined) throw new Error('the volunteer card offers no theme');
    const answer = await click(outsider, button(form, 'volunteer'), { [volunteerFields.role]: ['mentor'], [volunteerFields.offers]: [offered], [volunteerFields.languages]: ['fr'] }, 'en-GB');
    expect(answer.notification).toBe(en.done.volunteered);
    const cohort = await api<{ volunteering: { role: string } | null }>(outsider, `/api/me/cohorts/${open}`);
    expect(cohort.volunteering?.role).toBe('mentor');
  });
});

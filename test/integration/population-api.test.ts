import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallTenant } from '../support/small-tenant.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';

const cohort = { name: 'Pilote <Montréal> & co', format: 'classic', sessions: 4, sessionMinutes: 45, start: '2027-01-11', weeks: 16, themes: ['ai', 'data'] };

interface Run {
  cohort: { status: string };
  sender: string;
  population: number;
  sent: number;
  alreadyInvited: number;
  inProgress: number;
  failed: { email: string; code: string; language: string }[];
  byLanguage: { fr: number; en: number };
}
interface View {
  filter: unknown;
  editable: boolean;
  asOf: string;
  members: { email: string; seniority: string; management: string; language: string; invitation: string | null; invitationError: { code: string } | null }[];
}

describe('choosing the population and inviting it, on a Microsoft tenant', () => {
  let stack: TestStack;
  let base: string;
  let cohortId: string;
  beforeAll(async () => {
    // Hélène Roux (u1) is HR: the automation token sends as her.
    stack = await startTestStack(smallTenant(), { hr: ['u1'], workers: 0 });
    const created = await stack.call('POST', '/api/admin/cohorts', cohort);
    cohortId = (created.body as { cohortId: string }).cohortId;
    base = `/api/admin/cohorts/${cohortId}`;
  });
  afterAll(async () => {
    await stack.close();
  });
  const mailsTo = (email: string) => stack.sandbox.sentMail().filter((m) => m.to.includes(email));

  it('shows everyone of the directory with their department, office, seniority band and whether they manage, nobody chosen yet', async () => {
    const view = await stack.call('GET', `${base}/population`);
    expect(view.status).toBe(200);
    const body = view.body as View;
    expect(body).toMatchObject({ filter: null, editable: true, asOf: '2027-01-04' });
    expect(body.members).toHaveLength(7);
    expect(body.members.find((m) => m.email === 'helene.roux@acme.example')).toMatchObject({ seniority: '10-plus', management: 'manager', language: 'fr', invitation: null });
    expect(body.members.find((m) => m.email === 'noah.dubois@acme.example')).toMatchObject({ seniority: 'under-2', management: 'individual', language: 'en' });
  });

  it('counts a filter live: the total, each value with the other facets kept, and the first people by name', async () => {
    const preview = await stack.call('POST', `${base}/population/preview`, { filter: { office: ['Montréal'], seniority: ['under-2'] }, limit: 1 });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      total: 2,
      people: [{ name: 'Lucas Bernard' }],
      facets: {
        office: expect.arrayContaining([{ value: 'Montréal', count: 2 }, { value: 'Paris', count: 1 }]),
        seniority: expect.arrayContaining([{ value: 'under-2', count: 2 }, { value: '10-plus', count: 1 }]),
      },
    });
  });

  it('refuses to invite before a population is chosen', async () => {
    const early = await stack.call('POST', `${base}/invitations`);
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'POPULATION_NOT_CHOSEN', field: 'population' });
  });

  it('invites the population in each person’s language from HR’s mailbox, opens the cohort, and never sends twice', async () => {
    const saved = await stack.call('PUT', `${base}/population`, { office: ['Montréal'] });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ filter: { department: [], office: ['Montréal'], seniority: [], management: [] }, total: 3 });
    const run = await stack.call('POST', `${base}/invitations`);
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ cohort: { status: 'open' }, sender: 'helene.roux@acme.example', population: 3, sent: 3, alreadyInvited: 0, failed: [], byLanguage: { fr: 2, en: 1 } });

    const [french] = mailsTo('lucas.bernard@acme.example');
    expect(french).toMatchObject({ from: 'helene.roux@acme.example', subject: 'Mentorat inversé : portez-vous volontaire pour « Pilote <Montréal> & co »' });
    const html = french?.body.content ?? '';
    expect(html).toContain('Bonjour Lucas Bernard,');
    expect(html).toContain('Le mentorat inversé associe');
    expect(html).toContain('« Pilote &lt;Montréal&gt; &amp; co »');
    expect(html).not.toContain('<Montréal>');
    expect(html).toContain('Thèmes proposés : IA générative et Données.');
    expect(html).toContain('4 séances de 45 minutes, entre le 11 janvier 2027 et le 2 mai 2027.');
    expect(html).toContain(`<a href="${stack.apiUrl}/volunteer/${cohortId}">Je me porte volontaire</a>`);
    expect(html).toContain('Hélène Roux, pour les ressources humaines');

    const [english] = mailsTo('noah.dubois@acme.example');
    expect(english?.subject).toBe('Reverse mentoring: volunteer for “Pilote <Montréal> & co”');
    expect(english?.body.content).toContain('Themes offered: Generative AI and Data.');
    expect(english?.body.content).toContain('4 sessions of 45 minutes, between January 11, 2027 and May 2, 2027.');
    expect(english?.body.content).toContain(`${stack.apiUrl}/volunteer/${cohortId}`);

    const again = await stack.call('POST', `${base}/invitations`);
    expect(again.body).toMatchObject({ sent: 0, alreadyInvited: 3, failed: [] });
    expect(stack.sandbox.sentMail()).toHaveLength(3);
  });

  it('records each failure with its reason and, sent again, retries only the failed ones', async () => {
    await stack.call('PUT', `${base}/population`, {});
    // Graph refuses to send from a mailbox that is gone: every new invitation fails, the earlier ones stay sent.
    stack.sandbox.removePerson('u1');
    const failing = await stack.call('POST', `${base}/invitations`);
    expect(failing.status).toBe(200);
    const failed = failing.body as Run;
    expect(failed).toMatchObject({ population: 7, sent: 0, alreadyInvited: 3 });
    expect(failed.failed.map((f) => f.email)).toEqual(['chloe.martin@acme.example', 'helene.roux@acme.example', 'ines.garcia@acme.example', 'marc.petit@acme.example']);
    expect(new Set(failed.failed.map((f) => f.code))).toEqual(new Set(['MAIL_REFUSED']));
    const view = (await stack.call('GET', `${base}/population`)).body as View;
    expect(view.members.filter((m) => m.invitation === 'failed').map((m) => m.invitationError?.code)).toEqual(['MAIL_REFUSED', 'MAIL_REFUSED', 'MAIL_REFUSED', 'MAIL_REFUSED']);
    expect(view.members.filter((m) => m.invitation === 'sent')).toHaveLength(3);

    const fixture = smallTenant().people.find((p) => p.id === 'u1');
    if (fixture === undefined) throw new Error('u1 is in the fixture');
    stack.sandbox.addPerson(fixture);
    const retried = await stack.call('POST', `${base}/invitations`);
    expect(retried.body).toMatchObject({ sent: 4, alreadyInvited: 3, failed: [] });
    const recipients = stack.sandbox.sentMail().flatMap((m) => m.to);
    expect(recipients).toHaveLength(7);
    expect(new Set(recipients).size).toBe(7);
  });

  it('freezes the population and the invitations once the cohort is no longer open', async () => {
    await stack.call('POST', `${base}/close`);
    const put = await stack.call('PUT', `${base}/population`, { department: ['Sales'] });
    expect(put.status).toBe(409);
    expect(put.body).toMatchObject({ code: 'POPULATION_FROZEN', field: 'cohortId' });
    expect((put.body as { message: string }).message).toContain('closed');
    const send = await stack.call('POST', `${base}/invitations`);
    expect(send.body).toMatchObject({ code: 'POPULATION_FROZEN' });
    expect(((await stack.call('GET', `${base}/population`)).body as View).editable).toBe(false);
  });
});

describe('invitations on a Google tenant', () => {
  let stack: TestStack;
  beforeAll(async () => {
    const fixture = smallTenant();
    stack = await startTestStack({ ...fixture, tenant: { ...fixture.tenant, platform: 'google' } }, { hr: ['u2'], workers: 0 });
  });
  afterAll(async () => {
    await stack.close();
  });

  it('sends each invitation through Gmail from the HR person, in French or English', async () => {
    const created = await stack.call('POST', '/api/admin/cohorts', { ...cohort, name: 'Binôme 2027' });
    const base = `/api/admin/cohorts/${(created.body as { cohortId: string }).cohortId}`;
    await stack.call('PUT', `${base}/population`, { department: ['Sales'] });
    const run = await stack.call('POST', `${base}/invitations`);
    expect(run.body).toMatchObject({ sender: 'marc.petit@acme.example', sent: 3, byLanguage: { fr: 2, en: 1 } });
    const mails = stack.sandbox.sentMail();
    expect(mails.map((m) => m.to[0]).sort()).toEqual(['julie.moreau@acme.example', 'lucas.bernard@acme.example', 'noah.dubois@acme.example']);
    expect(mails.every((m) => m.from === 'marc.petit@acme.example' && m.body.contentType === 'html')).toBe(true);
    expect(mails.find((m) => m.to[0] === 'noah.dubois@acme.example')?.subject).toBe('Reverse mentoring: volunteer for “Binôme 2027”');
    expect(mails.find((m) => m.to[0] === 'julie.moreau@acme.example')?.subject).toBe('Mentorat inversé : portez-vous volontaire pour « Binôme 2027 »');
  });
});

describe('the population routes’ refusals', () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    // No HR person configured: an automation token has nobody to send as.
    t = await buildTestApp(smallTenant());
    const created = await t.call('POST', '/api/admin/cohorts', cohort);
    base = `/api/admin/cohorts/${(created.body as { cohortId: string }).cohortId}`;
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses a caller without a valid token on every route', async () => {
    for (const [method, path] of [['GET', '/population'], ['POST', '/population/preview'], ['PUT', '/population'], ['POST', '/invitations']] as const) {
      const answer = await t.call(method, `${base}${path}`, method === 'GET' ? undefined : {}, undefined, { authorization: 'Bearer not-a-token' });
      expect(answer.status, `${method} ${path}`).toBe(401);
      expect(answer.body).toMatchObject({ code: 'TOKEN_MALFORMED' });
    }
  });

  it('names the field of a filter it cannot read', async () => {
    const band = await t.call('PUT', `${base}/population`, { seniority: ['ancient'] });
    expect(band.status).toBe(400);
    expect(band.body).toMatchObject({ code: 'INVALID_INPUT', field: 'seniority.0' });
    const unknown = await t.call('PUT', `${base}/population`, { team: ['x'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ code: 'INVALID_INPUT' });
    const limit = await t.call('POST', `${base}/population/preview`, { filter: {}, limit: 100000 });
    expect(limit.body).toMatchObject({ code: 'INVALID_INPUT', field: 'limit' });
    const notJson = await t.call('PUT', `${base}/population`, '{', 'application/json');
    expect(notJson.body).toMatchObject({ code: 'INVALID_JSON' });
  });

  it('answers 404 for a cohort of no one and 400 for an id that is not one', async () => {
    const missing = '/api/admin/cohorts/00000000-0000-4000-8000-000000000000';
    for (const [method, path, body] of [['GET', '/population', undefined], ['POST', '/population/preview', { filter: {} }], ['PUT', '/population', {}], ['POST', '/invitations', undefined]] as const) {
      const answer = await t.call(method, `${missing}${path}`, body);
      expect(answer.status, `${method} ${path}`).toBe(404);
      expect(answer.body).toMatchObject({ code: 'COHORT_NOT_FOUND', field: 'cohortId' });
    }
    expect((await t.call('GET', '/api/admin/cohorts/nope/population')).body).toMatchObject({ code: 'INVALID_INPUT', field: 'params.cohortId' });
  });

  it('refuses to invite a population that holds nobody, or with nobody to send as', async () => {
    await t.call('PUT', `${base}/population`, { department: ['Legal'] });
    const empty = await t.call('POST', `${base}/invitations`);
    expect(empty.status).toBe(409);
    expect(empty.body).toMatchObject({ code: 'POPULATION_EMPTY', field: 'population' });
    await t.call('PUT', `${base}/population`, { department: ['Finance'] });
    const noSender = await t.call('POST', `${base}/invitations`);
    expect(noSender.status).toBe(409);
    expect(noSender.body).toMatchObject({ code: 'SENDER_UNKNOWN' });
    expect((noSender.body as { message: string }).message).toContain('hr.people');
    // Nothing was sent, and the cohort stays a draft.
    expect((await t.call('GET', base)).body).toMatchObject({ status: 'draft' });
  });
});

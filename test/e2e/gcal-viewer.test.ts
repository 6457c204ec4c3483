import { existsSync, mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TenantFixture } from '../../src/model/fixture.ts';
import { demoCohortId, seedDemo } from '../../server/demo/seed.ts';
import { viewerDir } from '../../server/http/gcal/viewer-routes.ts';
import en from '../../addins/gcal/locales/en.json' with { type: 'json' };
import fr from '../../addins/gcal/locales/fr.json' with { type: 'json' };
import { startTestStack, type TestStack } from '../support/stack.ts';
import { expectAccessible } from '../support/accessibility.ts';

const chromiumPath = process.env.BINOME_CHROMIUM ?? '/usr/bin/chromium';
const haveChromium = existsSync(chromiumPath);
const shots = join(tmpdir(), 'binome-e2e', 'gcal-viewer');
const demo = join(import.meta.dirname, '..', '..', 'fixtures', 'google-demo');
const now = '2027-01-04T08:00:00Z';

describe.skipIf(!haveChromium)('the Google add-on card viewer, in Chromium', () => {
  let stack: TestStack;
  let browser: Browser;
  let mentor: string;
  let mentee: string;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    if (!existsSync(join(viewerDir, 'index.html'))) await build({ configFile: join(process.cwd(), 'addins', 'vite.config.ts'), logLevel: 'error' });
    const fixture = TenantFixture.parse(JSON.parse(await readFile(join(demo, 'tenant.json'), 'utf8')));
    stack = await startTestStack(fixture, { now });
    await seedDemo({ db: stack.store.db, runtime: stack.runtime, clock: () => new Date(now), enrolmentsFile: join(demo, 'enrolments.csv') });
    for (const worker of stack.workers) worker.start();
    const running = demoCohortId(fixture.tenant.id, 'running');
    const rolledOut = async () => ((await stack.call('GET', `/api/admin/cohorts/${running}/rollout`)).body as { done: boolean }).done;
    for (let tries = 0; !(await rolledOut()); tries += 1) {
      if (tries > 300) throw new Error('the demo cohort was not booked within 150 s');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const matching = (await stack.call('GET', `/api/admin/cohorts/${running}/matching`)).body as { pairs: { mentorEmail: string; menteeEmail: string }[] };
    const pair = matching.pairs[0];
    if (pair === undefined) throw new Error('the demo cohort has no pair');
    ({ mentorEmail: mentor, menteeEmail: mentee } = pair);
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  async function open(locale: string, as: string): Promise<Page> {
    const context = await browser.newContext({ locale, timezoneId: 'Europe/Paris', viewport: { width: 1100, height: 1000 }, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.goto(`${stack.apiUrl}/gcal-viewer/`);
    const person = page.getByRole('combobox', { name: locale.startsWith('fr') ? 'Personne du domaine de démo' : 'Person of the demo domain' });
    await person.selectOption(as);
    return page;
  }

  const panel = (page: Page) => page.getByRole('region', { name: /Panneau latéral de Google Agenda|Google Calendar side panel/ });

  it('lets a senior mentee open the add-on, accept the charter, write a shared note and give feedback, in French', async () => {
    const page = await open('fr-FR', mentee);
    await page.getByRole('button', { name: 'Ouvrir le module (accueil)' }).click();
    await panel(page).getByRole('button', { name: fr.home.seePair }).waitFor();
    await expectAccessible(page, 'home (fr)');
    await page.screenshot({ path: join(shots, '1-home-fr.png'), fullPage: true });

    await panel(page).getByRole('button', { name: fr.home.seePair }).click();
    await panel(page).getByRole('button', { name: fr.charter.accept }).click();
    await page.getByRole('status').getByText(fr.done.charterAccepted).waitFor();
    await expectAccessible(page, 'pair (fr)');
    await page.screenshot({ path: join(shots, '2-charter-fr.png'), fullPage: true });

    await page.getByRole('button', { name: '← Retour' }).click();
    await panel(page).getByRole('button', { name: fr.home.allSessions }).click();
    await panel(page).getByRole('button', { name: fr.common.open }).first().click();
    await panel(page).getByRole('button', { name: fr.session.writeNote }).click();
    await panel(page).getByRole('textbox', { name: fr.note.label }).fill('Essayer Copilot pour résumer mes e-mails');
    await panel(page).getByRole('checkbox', { name: fr.note.shareWithPair }).check();
    await panel(page).getByRole('button', { name: fr.note.save }).click();
    await page.getByRole('status').getByText(fr.done.noteSaved).waitFor();
    await panel(page).getByText('Essayer Copilot pour résumer mes e-mails').waitFor();
    await page.screenshot({ path: join(shots, '3-session-note-fr.png'), fullPage: true });

    await panel(page).getByRole('button', { name: fr.session.giveFeedback }).click();
    await panel(page).getByRole('radio', { name: fr.feedback.score['5'] }).check();
    await panel(page).getByRole('radio', { name: fr.common.yes }).check();
    await expectAccessible(page, 'feedback (fr)');
    await page.screenshot({ path: join(shots, '4-feedback-fr.png'), fullPage: true });
    await panel(page).getByRole('button', { name: fr.feedback.submit }).click();
    await page.getByRole('status').getByText(fr.done.feedbackSent).waitFor();
  });

  it('lets a junior mentor open a booked session from the calendar and move it to a proposed slot, in English', async () => {
    const page = await open('en-GB', mentor);
    await page.getByRole('combobox', { name: 'Language' }).or(page.getByRole('combobox', { name: 'Langue' })).selectOption('en');
    const events = page.getByRole('button', { name: /^Open “Binôme/ });
    await events.first().waitFor();
    await events.last().click();
    await panel(page).getByRole('button', { name: en.session.move }).click();
    await panel(page).getByRole('heading', { name: en.move.title }).waitFor();
    await expectAccessible(page, 'move (en)');
    await page.screenshot({ path: join(shots, '5-move-en.png'), fullPage: true });
    const slot = panel(page).getByRole('radio').first();
    const chosen = await slot.getAttribute('value');
    await slot.check();
    await panel(page).getByRole('button', { name: en.move.confirm }).click();
    await page.getByRole('status').getByText(en.done.moved).waitFor();
    await page.screenshot({ path: join(shots, '6-moved-en.png'), fullPage: true });
    const token = await stack.sandbox.issueGoogleIdToken(mentee, { audience: stack.sandbox.googleOAuthClient.clientId });
    const sessions = (await (await fetch(`${stack.apiUrl}/api/me/sessions`, { headers: { authorization: `Bearer ${token}` } })).json()) as { start: string }[];
    expect(sessions.map((s) => Date.parse(s.start))).toContain(Date.parse(chosen ?? ''));
  });
});

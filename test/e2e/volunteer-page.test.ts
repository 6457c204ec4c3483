import { existsSync, mkdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { volunteerPageDir } from '../../server/http/ui/routes.ts';
import { demoCohortId, seedDemo } from '../../server/demo/seed.ts';
import { smallEnrolments, smallTenant } from '../support/small-tenant.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { expectAccessible } from '../support/accessibility.ts';

const chromiumPath = process.env.BINOME_CHROMIUM ?? '/usr/bin/chromium';
const haveChromium = existsSync(chromiumPath);
const shots = join(tmpdir(), 'binome-e2e', 'volunteer-page');
const lucas = 'lucas.bernard@acme.example';

/** Presses Tab until the element has the focus, as someone on a keyboard would. */
async function tabTo(page: Page, target: Locator, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

describe.skipIf(!haveChromium)('the volunteer page, in Chromium', () => {
  let stack: TestStack;
  let browser: Browser;
  let dir: string;
  const cspViolations: string[] = [];
  const cohortId = () => demoCohortId('acme', 'open');
  const mine = async () => {
    const response = await fetch(`${stack.apiUrl}/api/me/cohorts/${cohortId()}`, { headers: { authorization: `Bearer ${await stack.sandbox.issueUserToken(lucas)}` } });
    return (await response.json()) as { volunteering: null | { role: string; themes: string[]; format: string; workingHours: unknown; source: string } };
  };

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    if (!existsSync(join(volunteerPageDir, 'index.html'))) await build({ configFile: join(process.cwd(), 'addins', 'vite.config.ts'), logLevel: 'error' });
    dir = await mkdtemp(join(tmpdir(), 'binome-volunteer-'));
    await writeFile(join(dir, 'enrolments.csv'), smallEnrolments);
    stack = await startTestStack(smallTenant());
    await seedDemo({ db: stack.store.db, runtime: stack.runtime, clock: () => new Date('2027-01-04T08:00:00Z'), enrolmentsFile: join(dir, 'enrolments.csv') });
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function signIn(locale: string): Promise<Page> {
    // The sandbox's sign-in page is served over HTTPS by its own CA, which this browser does not know.
    const context = await browser.newContext({ locale, timezoneId: 'Europe/Paris', viewport: { width: 1024, height: 900 }, reducedMotion: 'reduce', ignoreHTTPSErrors: true });
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    await page.goto(`${stack.apiUrl}/volunteer/${cohortId()}`);
    const button = page.getByRole('button', { name: /Lucas Bernard/ });
    await button.waitFor();
    await page.screenshot({ path: join(shots, `0-sign-in-${locale}.png`), fullPage: true });
    await button.click();
    await page.waitForURL(`${stack.apiUrl}/volunteer/${cohortId()}`);
    return page;
  }

  it('signs a junior mentor in through the demo sign-in page and lets them volunteer, change and withdraw, in French', async () => {
    const page = await signIn('fr-FR');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Se porter volontaire');
    await page.getByText('Connecté·e : Lucas Bernard').waitFor();
    await page.getByRole('heading', { name: 'Binome · prochaine promotion (inscriptions ouvertes)' }).waitFor();
    await expectAccessible(page, 'form (fr)');
    await page.screenshot({ path: join(shots, '1-form-fr.png'), fullPage: true });

    // Nothing chosen: the page says what is missing before asking the service.
    await page.getByRole('button', { name: 'Je me porte volontaire' }).click();
    await page.getByText('Choisissez au moins un thème.').waitFor();
    expect((await mine()).volunteering).toBeNull();

    await page.getByRole('checkbox', { name: 'IA générative' }).check();
    await page.getByRole('checkbox', { name: 'Réseaux sociaux professionnels' }).check();
    await page.getByRole('radio', { name: 'En visio' }).check();
    await page.getByRole('button', { name: 'Je me porte volontaire' }).click();
    await page.getByText('C’est noté !', { exact: false }).waitFor();
    await page.screenshot({ path: join(shots, '2-volunteered-fr.png'), fullPage: true });
    expect((await mine()).volunteering).toMatchObject({ role: 'mentor', themes: ['ai', 'social-networks'], format: 'video', source: 'volunteer', workingHours: null });

    await page.getByRole('radio', { name: 'Peu importe' }).check();
    await page.getByRole('checkbox', { name: /Indiquer mes horaires de travail/ }).check();
    await page.getByLabel('Fin').fill('17:30');
    await page.getByRole('button', { name: 'Enregistrer mes changements' }).click();
    await page.getByText('Vos changements sont enregistrés.').waitFor();
    await expectAccessible(page, 'changed (fr)');
    await page.screenshot({ path: join(shots, '3-changed-fr.png'), fullPage: true });
    expect((await mine()).volunteering).toMatchObject({ format: 'either', workingHours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:30' } });

    await page.getByRole('button', { name: 'Retirer ma candidature' }).click();
    await page.getByText('Votre candidature est retirée.', { exact: false }).waitFor();
    await page.screenshot({ path: join(shots, '4-withdrawn-fr.png'), fullPage: true });
    expect((await mine()).volunteering).toBeNull();
    expect(cspViolations).toEqual([]);
  });

  it('works from the keyboard alone, and in English on the switch', async () => {
    const page = await signIn('fr-FR');
    await page.getByRole('heading', { name: 'Se porter volontaire' }).waitFor();
    // The form drafts a newcomer's language from the page's language when it first shows: let it show in French first.
    await page.getByRole('checkbox', { name: 'Données', exact: true }).waitFor();
    await page.getByRole('combobox', { name: 'Langue' }).selectOption('en');
    await page.getByRole('heading', { name: 'Volunteer' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

    const theme = page.getByRole('checkbox', { name: 'Data', exact: true });
    await tabTo(page, theme);
    await page.keyboard.press('Space');
    expect(await theme.isChecked()).toBe(true);
    await tabTo(page, page.getByRole('button', { name: 'Volunteer' }));
    await page.keyboard.press('Enter');
    await page.getByText('Thank you!', { exact: false }).waitFor();
    await expectAccessible(page, 'volunteered (en)');
    await page.screenshot({ path: join(shots, '5-volunteered-en.png'), fullPage: true });
    expect((await mine()).volunteering).toMatchObject({ role: 'mentor', themes: ['data'], languages: ['fr'] });

    await tabTo(page, page.getByRole('button', { name: 'Withdraw' }));
    await page.keyboard.press('Enter');
    await page.getByText('You have withdrawn.', { exact: false }).waitFor();
    expect((await mine()).volunteering).toBeNull();
    // A reload keeps the language chosen.
    await page.reload();
    await page.getByRole('heading', { name: 'Volunteer' }).waitFor();
  });

  it('says so when the cohort is not open to the person, rather than showing a form', async () => {
    const page = await signIn('en-GB');
    await page.goto(`${stack.apiUrl}/volunteer/${demoCohortId('acme', 'nothing')}`);
    await page.getByText('This cohort does not exist or is not open to you.').waitFor();
    await expectAccessible(page, 'not found (en)');
  });
});

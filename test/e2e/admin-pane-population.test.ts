import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cohort } from '../../contract/admin.ts';
import type { PopulationView } from '../../contract/population.ts';
import { everyone, type PopulationFilter } from '../../src/model/population.ts';
import { selectPopulation } from '../../src/population/facets.ts';
import type { Session } from '../../contract/session.ts';
import { adminPaneDir, uiRoutes } from '../../server/http/ui/routes.ts';
import { smallTenant } from '../support/small-tenant.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { expectAccessible } from '../support/accessibility.ts';

const chromiumPath = process.env.BINOME_CHROMIUM ?? '/usr/bin/chromium';
const haveChromium = existsSync(chromiumPath);
const shots = join(process.cwd(), '.tmp', 'e2e', 'admin-pane-population');
const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

/** Presses Tab until the element has the focus, as someone on a keyboard would. */
async function tabTo(page: Page, target: Locator, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

const cohort = { name: 'Pilote 2027', format: 'classic', sessions: 4, sessionMinutes: 60, start: '2027-01-11', weeks: 16, themes: ['ai', 'data'] };

describe.skipIf(!haveChromium)('the population screen, in Chromium', () => {
  let stack: TestStack;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    if (!existsSync(join(adminPaneDir, 'index.html'))) await build({ configFile: join(process.cwd(), 'addins', 'vite.config.ts'), logLevel: 'error' });
    // Hélène is HR; the sandbox serves its demo sign-in on plain HTTP, as `npm start` does.
    stack = await startTestStack(smallTenant(), { hr: ['u1'], sandboxPagePort: 0, workers: 0 });
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  async function cohortScreen(locale: string, cohortId: string): Promise<Page> {
    const context = await browser.newContext({ locale, timezoneId: 'Europe/Paris', viewport: { width: 1280, height: 1000 }, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.goto(`${stack.apiUrl}/admin/#/cohorts/${cohortId}/population`);
    const pick = page.getByRole('button', { name: 'Se connecter en tant que Hélène Roux' });
    await pick.waitFor();
    await pick.click();
    await page.waitForURL(`${stack.apiUrl}/admin/#/cohorts/${cohortId}/population`);
    return page;
  }
  const newCohort = async (name: string) => ((await stack.call('POST', '/api/admin/cohorts', { ...cohort, name })).body as { cohortId: string }).cohortId;

  it('chooses a population with live counts and invites it, in French', { timeout: 120_000 }, async () => {
    const cohortId = await newCohort('Pilote 2027');
    const page = await cohortScreen('fr-FR', cohortId);
    const summary = page.getByTestId('population-summary');
    await summary.waitFor();
    expect(await summary.innerText()).toContain('7 personnes choisies');
    expect(await page.getByRole('checkbox', { name: 'Finance (3)' }).isChecked()).toBe(false);
    expect(await page.getByRole('checkbox', { name: '10 ans et plus (3)' }).isVisible()).toBe(true);
    await expectAccessible(page, 'fr population');
    await shoot(page, 'fr-1-everyone');

    await page.getByRole('checkbox', { name: 'Montréal (3)' }).check();
    await expect.poll(() => summary.innerText()).toContain('3 personnes choisies');
    // The other headings now count within Montréal; Paris still says what ticking it would add.
    expect(await page.getByRole('checkbox', { name: 'Moins de 2 ans (2)' }).isVisible()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'Paris (4)' }).isVisible()).toBe(true);
    expect(await summary.innerText()).toContain('3 à inviter (2 en français, 1 en anglais)');
    expect(await page.getByTestId('population-people').innerText()).toContain('Noah Dubois');
    expect(await page.getByTestId('population-people').innerText()).not.toContain('Chloé Martin');
    await expectAccessible(page, 'fr population chosen');
    await shoot(page, 'fr-2-montreal');

    await page.getByRole('button', { name: 'Envoyer les invitations' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain("3 personnes recevront l'invitation à se porter volontaire (2 en français, 1 en anglais)");
    await expectAccessible(page, 'fr confirm invitations');
    await shoot(page, 'fr-3-confirm');
    await dialog.getByRole('button', { name: 'Envoyer', exact: true }).click();
    const result = page.getByTestId('invitation-result');
    await result.waitFor();
    expect(await result.innerText()).toContain('Envoyées : 3 · déjà invitées : 0 · en échec : 0 (expéditeur : helene.roux@acme.example)');
    // A draft opens for volunteering as its invitations go out, and the badge follows without a reload.
    await expect.poll(() => page.getByRole('heading', { name: /Pilote 2027/ }).innerText()).toContain('Ouverte au volontariat');
    await expect.poll(() => page.getByTestId('population-people').innerText()).toContain('Invitée');
    expect(await summary.innerText()).toContain('3 déjà invitées');
    expect(await page.getByRole('button', { name: 'Envoyer les invitations' }).isDisabled()).toBe(true);
    await expectAccessible(page, 'fr invitations sent');
    await shoot(page, 'fr-4-sent');

    // From any other step, the cohort's actions lead back here while it takes volunteers.
    await page.getByRole('tab', { name: 'Inscriptions' }).click();
    await page.getByRole('link', { name: 'Choisir la population et inviter' }).click();
    await page.getByTestId('population-summary').waitFor();
    expect(page.url()).toBe(`${stack.apiUrl}/admin/#/cohorts/${cohortId}/population`);

    const mails = stack.sandbox.sentMail();
    expect(mails.map((m) => m.to[0]).sort()).toEqual(['julie.moreau@acme.example', 'lucas.bernard@acme.example', 'noah.dubois@acme.example']);
    expect(mails.find((m) => m.to[0] === 'noah.dubois@acme.example')?.subject).toContain('Reverse mentoring');
    await page.context().close();
  });

  it('does the same in English with the keyboard alone, skipping who was invited already', { timeout: 120_000 }, async () => {
    const cohortId = await newCohort('Pilot 2027');
    await stack.call('PUT', `/api/admin/cohorts/${cohortId}/population`, { department: ['Sales'] });
    await stack.call('POST', `/api/admin/cohorts/${cohortId}/invitations`);
    const before = stack.sandbox.sentMail().length;
    const page = await cohortScreen('fr-FR', cohortId);
    const language = page.getByLabel('Langue');
    await tabTo(page, language);
    await page.keyboard.press('End');
    const summary = page.getByTestId('population-summary');
    await expect.poll(() => summary.innerText()).toContain('3 people chosen');
    expect(await summary.innerText()).toContain('3 already invited');

    const finance = page.getByRole('checkbox', { name: 'Finance (3)' });
    await tabTo(page, finance);
    await page.keyboard.press('Space');
    await expect.poll(() => summary.innerText()).toContain('6 people chosen');
    expect(await summary.innerText()).toContain('3 to invite (3 in French, 0 in English)');
    await expectAccessible(page, 'en population');
    await shoot(page, 'en-1-sales-and-finance');

    const send = page.getByRole('button', { name: 'Send invitations' });
    await tabTo(page, send);
    await page.keyboard.press('Enter');
    const confirm = page.getByRole('dialog').getByRole('button', { name: 'Send', exact: true });
    await confirm.waitFor();
    await tabTo(page, confirm, 6);
    await page.keyboard.press('Enter');
    const result = page.getByTestId('invitation-result');
    await result.waitFor();
    expect(await result.innerText()).toContain('Sent: 3 · already invited: 3 · failed: 0');
    await expectAccessible(page, 'en invitations sent');
    await shoot(page, 'en-2-sent');
    const recipients = stack.sandbox.sentMail().slice(before).map((m) => m.to[0]);
    expect(recipients.sort()).toEqual(['chloe.martin@acme.example', 'ines.garcia@acme.example', 'marc.petit@acme.example']);
    await page.context().close();
  });
});

const largeCohortId = '3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const departments = ['Finance', 'Sales', 'Marketing', 'IT', 'HR', 'Legal', 'Operations', 'Research', 'Support', 'Logistics', 'Purchasing', 'Quality'];
const offices = ['Paris', 'Lyon', 'Lille', 'Nantes', 'Bordeaux', 'Toulouse', 'Marseille', 'Montréal', 'Bruxelles', 'Genève'];
const bands = ['under-2', '2-5', '5-10', '10-plus', 'unknown'] as const;

/** 5,000 people spread over 12 departments, 10 offices and every band, as GET …/population would give them. */
const largeView: PopulationView = {
  filter: null,
  editable: true,
  asOf: '2027-01-04',
  directorySyncedAt: '2027-01-04T08:00:00.000Z',
  members: Array.from({ length: 5000 }, (_, i) => ({
    email: `person-${String(i).padStart(4, '0')}@acme.example`,
    name: `Person ${String(i).padStart(4, '0')}`,
    jobTitle: 'Analyst',
    department: departments[i % departments.length] ?? null,
    office: i % 97 === 0 ? null : (offices[(i * 7) % offices.length] ?? null),
    seniority: bands[(i * 3) % bands.length] ?? 'unknown',
    management: i % 9 === 0 ? 'manager' : 'individual',
    language: i % 4 === 0 ? 'en' : 'fr',
    invitation: null,
    invitationError: null,
  })),
};
const largeCohort: Cohort = {
  cohortId: largeCohortId,
  name: 'Grande cohorte',
  format: 'classic',
  sessions: 6,
  sessionMinutes: 60,
  start: '2027-01-11',
  weeks: 26,
  status: 'draft',
  createdAt: '2027-01-04T08:00:00.000Z',
  matchedAt: null,
  publishedAt: null,
  rolloutStartedAt: null,
  openedAt: null,
  closedAt: null,
  themes: ['ai', 'data'],
};
const hrSession: Session = { tenantId: 'acme', personId: 'hr-1', roles: ['hr', 'participant'], name: 'Hélène Roux', via: 'session', csrfToken: 'csrf-token' };

describe.skipIf(!haveChromium)('the population screen over 5,000 people, in Chromium', () => {
  let server: FastifyInstance;
  let origin: string;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    if (!existsSync(join(adminPaneDir, 'index.html'))) await build({ configFile: join(process.cwd(), 'addins', 'vite.config.ts'), logLevel: 'error' });
    // Only the pane's files are served for real; the API's answers are given below, so the figure is the pane's own.
    server = Fastify({ logger: false });
    await server.register(uiRoutes);
    origin = await server.listen({ host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('recounts every box as one is ticked, and scrolls the chosen people a screen at a time', { timeout: 120_000 }, async () => {
    const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: { width: 1280, height: 1000 }, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.route('**/api/**', async (route) => {
      const path = new URL(route.request().url()).pathname;
      if (path === '/api/me/session') return route.fulfill({ json: hrSession });
      if (path === `/api/admin/cohorts/${largeCohortId}/population`) return route.fulfill({ json: largeView });
      if (path === `/api/admin/cohorts/${largeCohortId}`) return route.fulfill({ json: largeCohort });
      return route.fulfill({ status: 404, json: { code: 'NOT_FOUND', message: path, field: null } });
    });
    await page.goto(`${origin}/admin/#/cohorts/${largeCohortId}/population`);
    const summary = page.getByTestId('population-summary');
    await summary.waitFor();
    expect(await summary.innerText()).toContain('5\u202f000 personnes choisies');
    // Only the rows in view are in the page.
    expect(await page.getByTestId('population-people').getByRole('listitem').count()).toBeLessThan(30);

    // Each tick, and what the screen must then say, counted here with the core's own function.
    const steps: [label: string, facet: 'department' | 'office' | 'seniority' | 'management', value: string][] = [
      ['Finance', 'department', 'Finance'],
      ['Paris', 'office', 'Paris'],
      ['Moins de 2 ans', 'seniority', 'under-2'],
      ['Sales', 'department', 'Sales'],
      ['Encadre une équipe', 'management', 'manager'],
      ['Paris', 'office', 'Paris'],
    ];
    let filter: PopulationFilter = { ...everyone };
    const timings: number[] = [];
    for (const [label, facet, value] of steps) {
      const values: readonly string[] = filter[facet] as readonly string[];
      filter = { ...filter, [facet]: values.includes(value) ? values.filter((v) => v !== value) : [...values, value] };
      const total = selectPopulation(largeView.members, filter).length;
      const expected = `${new Intl.NumberFormat('fr').format(total)} personne`;
      const ms = await page.evaluate(
        async ({ label, expected }) => {
          const box = [...document.querySelectorAll<HTMLInputElement>('[data-testid="facets"] input[type="checkbox"]')].find((input) =>
            (input.labels?.[0]?.textContent ?? '').startsWith(`${label} (`),
          );
          const shown = document.querySelector('[data-testid="population-summary"]');
          if (box === undefined || shown === null) throw new Error(`no box ${label}`);
          const start = performance.now();
          box.click();
          // React renders a click's update before click() returns, or soon after: either way the clock stops at the new total.
          await new Promise<void>((resolve) => {
            if ((shown.textContent ?? '').startsWith(expected)) return resolve();
            const watch = new MutationObserver(() => {
              if ((shown.textContent ?? '').startsWith(expected)) {
                watch.disconnect();
                resolve();
              }
            });
            watch.observe(document.body, { subtree: true, childList: true, characterData: true });
          });
          return performance.now() - start;
        },
        { label, expected },
      );
      timings.push(ms);
      expect(await summary.innerText()).toContain(expected);
    }
    await expectAccessible(page, 'fr population 5000');
    await shoot(page, 'fr-5-5000-people');
    const report = { people: 5000, tickToCountsMs: timings.map((t) => Math.round(t * 10) / 10) };
    writeFileSync(join(shots, 'tick-timing.json'), `${JSON.stringify(report)}\n`);
    process.stdout.write(`5,000-person population, tick to recounted DOM (ms): ${report.tickToCountsMs.join(', ')}\n`);
    await context.close();
  });
});

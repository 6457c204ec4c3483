import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminPaneDir } from '../../server/http/ui/routes.ts';
import { smallEnrolments, smallTenant } from '../support/small-tenant.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { expectAccessible } from '../support/accessibility.ts';

const chromiumPath = process.env.BINOME_CHROMIUM ?? '/usr/bin/chromium';
const haveChromium = existsSync(chromiumPath);
const shots = join(process.cwd(), '.tmp', 'e2e', 'admin-pane');

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

/**
 * Reaches the buttons of one row of a grid as a keyboard user does: Tab into the grid,
 * arrows to the row's last cell, Enter into it; Tab then moves between its buttons.
 */
async function enterRowActions(page: Page, grid: Locator, rowText: string): Promise<void> {
  for (let i = 0; i < 120 && !(await grid.evaluate((el) => el.contains(document.activeElement))); i += 1) await page.keyboard.press('Tab');
  const rows = await grid.getByRole('row').allInnerTexts();
  const index = rows.findIndex((text) => text.includes(rowText));
  if (index < 0) throw new Error(`no row holds ${rowText}`);
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < index; i += 1) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
}

/** The enrolment file HR imports: the small tenant's volunteers, three of its rows faulty. */
const enrolmentFile = { name: 'inscriptions.csv', mimeType: 'text/csv', buffer: Buffer.from(smallEnrolments, 'utf8') };

describe.skipIf(!haveChromium)('the HR pane, in Chromium', () => {
  let stack: TestStack;
  let browser: Browser;
  const cspViolations: string[] = [];

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    if (!existsSync(join(adminPaneDir, 'index.html'))) await build({ configFile: join(process.cwd(), 'addins', 'vite.config.ts'), logLevel: 'error' });
    // Hélène is HR; the sandbox serves its demo sign-in on plain HTTP, as `npm start` does.
    stack = await startTestStack(smallTenant(), { hr: ['u1'], sandboxPagePort: 0 });
    for (const w of stack.workers) w.start();
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  /** Opens the pane signed out: it sends the browser to the sandbox's demo sign-in, where HR picks herself. */
  async function openPane(locale: string, screen: string): Promise<Page> {
    // Reduced motion: axe reads colours only once Fluent's fade-ins are over.
    const context = await browser.newContext({ locale, timezoneId: 'Europe/Paris', viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    await page.goto(`${stack.apiUrl}/`);
    const pick = page.getByRole('button', { name: 'Se connecter en tant que Hélène Roux' });
    await pick.waitFor();
    expect(new URL(page.url()).origin).toBe(stack.sandbox.urls.signInOrigin);
    expect(await page.getByRole('note').innerText()).toContain('connexion de démonstration');
    await expectAccessible(page, `${screen} demo sign-in`);
    await pick.click();
    await page.waitForURL(`${stack.apiUrl}/admin/`);
    return page;
  }

  it('takes HR from a new cohort to every session booked, in French, with the refused rows shown', { timeout: 240_000 }, async () => {
    const page = await openPane('fr-FR', 'fr');
    await page.getByRole('heading', { name: 'Cohortes' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await expect.poll(() => page.getByTestId('session').innerText()).toContain('Connecté·e : Hélène Roux');
    await expectAccessible(page, 'fr cohorts');
    await shoot(page, 'fr-1-cohorts');

    await page.getByRole('link', { name: 'Nouvelle cohorte' }).click();
    await page.getByLabel('Nom de la cohorte').fill('Pilote 2027');
    await page.getByLabel('Nombre de séances').fill('20');
    await page.getByLabel('Durée du programme (semaines)').fill('16');
    await page.getByRole('button', { name: 'Créer la cohorte' }).click();
    // The contract's rule, checked before anything is sent, is written under its field.
    await page.getByText('Entre 1 et 12 séances, et pas plus que de semaines.').waitFor();
    await page.getByLabel('Nombre de séances').fill('4');
    expect(await page.getByLabel("Durée d'une séance (minutes)").inputValue()).toBe('60');
    await page.getByLabel('Date de début').fill('2026-12-01');
    expect(await page.getByRole('checkbox', { name: 'IA générative' }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Créer la cohorte' }).click();
    // The service's refusal names the field: the pane puts it under that field.
    await page.getByText(/Refusé par le service : start: the cohort must start between today/).waitFor();
    await expectAccessible(page, 'fr create with errors');
    await shoot(page, 'fr-2-create-refused');
    await page.getByLabel('Date de début').fill('2027-01-11');
    await page.getByRole('button', { name: 'Créer la cohorte' }).click();

    await page.getByRole('heading', { name: /Pilote 2027/ }).waitFor();
    expect(await page.getByText('Brouillon').first().isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Ouvrir au volontariat' }).click();
    await expect.poll(() => page.getByRole('heading', { name: /Pilote 2027/ }).innerText()).toContain('Ouverte au volontariat');
    expect(await page.getByRole('link', { name: 'Modèle CSV' }).getAttribute('href')).toBe('/api/admin/enrolment-template?format=csv&lang=fr');
    // A file refused whole says why in French, naming the column.
    const noFormat = smallEnrolments.split('\n').map((line) => line.split(',').slice(0, 5).join(',')).join('\n');
    await page.getByLabel('Fichier des inscriptions').setInputFiles({ ...enrolmentFile, buffer: Buffer.from(noFormat, 'utf8') });
    await page.getByRole('button', { name: 'Importer' }).click();
    await page.getByText('Le fichier a été refusé : Il manque la colonne « format » ; l’en-tête doit être email,role,offers,wants,languages,format.').waitFor();
    await expectAccessible(page, 'fr import refused whole');
    await shoot(page, 'fr-3a-import-refused');
    await page.getByLabel('Fichier des inscriptions').setInputFiles(enrolmentFile);
    await page.getByRole('button', { name: 'Importer' }).click();
    const report = page.getByTestId('import-report');
    await report.waitFor();
    expect(await report.innerText()).toContain('6 lignes chargées');
    expect(await report.innerText()).toContain('3 lignes refusées');
    const rejected = page.getByTestId('rejected').getByRole('row');
    expect(await rejected.count()).toBe(4);
    // The reasons are worded in French from their codes, not the API's English.
    expect(await page.getByTestId('rejected').innerText()).toContain("personne dans l'annuaire n'a l'adresse nobody@acme.example");
    expect(await page.getByTestId('rejected').innerText()).not.toContain('nobody in the directory');
    await page.getByLabel('Filtrer les lignes refusées').fill('offers');
    await expect.poll(() => rejected.count()).toBe(2);
    expect(await rejected.nth(1).innerText()).toContain('9');
    // The list of who is enrolled is read again after the import: the screen is checked once it has settled.
    await page.getByTestId('enrolled').getByRole('heading', { name: 'Volontaires inscrits (6)' }).waitFor();
    await expectAccessible(page, 'fr import report');
    await shoot(page, 'fr-3-import');

    await page.getByRole('tab', { name: 'Binômes' }).click();
    await page.getByRole('button', { name: 'Former les binômes' }).click();
    const proposal = page.getByTestId('proposal');
    await proposal.waitFor();
    expect(await proposal.innerText()).toMatch(/\d binômes?/);
    expect(await page.getByTestId('pairs').getByRole('row').count()).toBeGreaterThan(1);
    expect(await page.getByTestId('pairs').innerText()).toMatch(/thèmes? en commun/);
    expect(await page.getByTestId('pairs').innerText()).not.toMatch(/shared theme/);
    await expectAccessible(page, 'fr proposal');
    await shoot(page, 'fr-4-matching');

    // A change that breaks a hard rule is refused, and the rule is written beside the row it came from.
    await page.getByRole('button', { name: 'Donner une place à ines.garcia@acme.example' }).click();
    const swap = page.getByRole('dialog');
    await swap.getByLabel('Avec qui (adresse e-mail)').fill('chloe.martin@acme.example');
    await expectAccessible(page, 'fr swap dialog');
    await shoot(page, 'fr-4b-swap');
    await swap.getByRole('button', { name: 'Échanger', exact: true }).click();
    const refusal = page.getByTestId('unmatched').getByTestId('refusal');
    await refusal.waitFor();
    // Worded in French from the rule's code and params, not the API's English.
    expect(await refusal.innerText()).toBe('Refusé : Inès Garcia propose collaboration-tools, dont aucun thème n’est souhaité par Julie Moreau (social-networks, ai).');
    const lock = page.getByRole('button', { name: 'Verrouiller le binôme chloe.martin@acme.example et julie.moreau@acme.example' });
    await lock.click();
    await page.getByRole('button', { name: 'Déverrouiller le binôme chloe.martin@acme.example et julie.moreau@acme.example' }).waitFor();
    expect(await page.getByRole('button', { name: 'Rompre le binôme chloe.martin@acme.example et julie.moreau@acme.example' }).isDisabled()).toBe(true);
    await expectAccessible(page, 'fr proposal changed');
    await shoot(page, 'fr-4c-refused-and-locked');

    await page.getByRole('tab', { name: 'Publication' }).click();
    await page.getByRole('button', { name: 'Publier les binômes' }).click();
    await page.getByRole('dialog').waitFor();
    await expectAccessible(page, 'fr publish dialog');
    await page.getByRole('dialog').getByRole('button', { name: 'Publier' }).click();
    await page.getByRole('button', { name: 'Réserver les séances' }).click();
    await page.getByText('Terminé').waitFor({ timeout: 120_000 });
    const figures = await page.getByTestId('rollout-figures').innerText();
    expect(figures).toMatch(/Réservées : (\d+) sur \1/);
    expect(figures).toContain('En échec : 0');
    // Every session booked: the cohort runs, and its badge says so without a reload.
    await expect.poll(() => page.getByRole('heading', { name: /Pilote 2027/ }).innerText(), { timeout: 10_000 }).toContain('En cours');
    await expectAccessible(page, 'fr rollout');
    await shoot(page, 'fr-5-rollout');

    // Published: nobody can be withdrawn any more, and the screen says so.
    await page.getByRole('tab', { name: 'Inscriptions' }).click();
    await page.getByText('Les volontaires ne peuvent plus se retirer : les binômes sont publiés.').waitFor();
    expect(await page.getByRole('button', { name: /^Retirer / }).count()).toBe(0);

    await page.getByRole('tab', { name: 'Participation' }).click();
    await page.getByTestId('participation').waitFor();
    expect(await page.getByTestId('participation').innerText()).toContain('Mentors volontaires');
    await expectAccessible(page, 'fr participation');
    await shoot(page, 'fr-6-participation');
    expect(cspViolations).toEqual([]);
    await page.context().close();
  });

  it('withdraws a volunteer after a confirmation, from the keyboard, in French then in English; after matching it says the pairs are dropped', { timeout: 240_000 }, async () => {
    const created = await stack.call('POST', '/api/admin/cohorts', { name: 'Retraits', format: 'classic', sessions: 4, sessionMinutes: 60, start: '2027-01-11', weeks: 16 });
    const cohortId = (created.body as { cohortId: string }).cohortId;
    expect((await stack.call('POST', `/api/admin/cohorts/${cohortId}/enrolments`, smallEnrolments, 'text/csv')).status).toBe(200);
    const page = await openPane('fr-FR', 'fr withdraw');
    await page.goto(`${stack.apiUrl}/admin/#/cohorts/${cohortId}/enrolments`);
    const enrolled = page.getByTestId('enrolled');
    await enrolled.getByRole('heading', { name: 'Volontaires inscrits (6)' }).waitFor();
    expect(await enrolled.innerText()).toContain('souhaite data, social-networks');
    await expectAccessible(page, 'fr enrolled');
    await shoot(page, 'fr-7-enrolled');

    // Keyboard only: into the row's actions, Enter opens the confirmation, Escape leaves it with nothing done.
    await enterRowActions(page, page.getByTestId('enrolled-grid').getByRole('grid'), 'marc.petit@acme.example');
    await tabTo(page, page.getByRole('button', { name: 'Retirer marc.petit@acme.example' }), 3);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Retirer marc.petit@acme.example ?' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('marc.petit@acme.example quitte cette cohorte');
    await expectAccessible(page, 'fr withdraw dialog');
    await shoot(page, 'fr-7b-withdraw-dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await enrolled.getByRole('heading').innerText()).toBe('Volontaires inscrits (6)');

    await enterRowActions(page, page.getByTestId('enrolled-grid').getByRole('grid'), 'marc.petit@acme.example');
    await tabTo(page, page.getByRole('button', { name: 'Retirer marc.petit@acme.example' }), 3);
    await page.keyboard.press('Enter');
    await tabTo(page, dialog.getByRole('button', { name: 'Retirer', exact: true }), 5);
    await page.keyboard.press('Enter');
    await enrolled.getByRole('status').getByText('marc.petit@acme.example a été retiré·e de la cohorte.').waitFor();
    await enrolled.getByRole('heading', { name: 'Volontaires inscrits (5)' }).waitFor();
    expect(await page.getByTestId('enrolled-grid').innerText()).not.toContain('marc.petit@acme.example');
    await expectAccessible(page, 'fr withdrawn');
    await shoot(page, 'fr-7c-withdrawn');

    // Matched: the confirmation warns, and the answer says the pairs were dropped; the cohort is no longer matched.
    expect((await stack.call('POST', `/api/admin/cohorts/${cohortId}/matching`)).status).toBe(200);
    await page.getByLabel('Langue').selectOption('en');
    await page.reload();
    await page.getByTestId('enrolled').getByRole('heading', { name: 'Volunteers enrolled (5)' }).waitFor();
    await page.getByRole('button', { name: 'Withdraw julie.moreau@acme.example' }).click();
    const matched = page.getByRole('dialog', { name: 'Withdraw julie.moreau@acme.example?' });
    expect(await matched.innerText()).toContain('The cohort has proposed pairs: they will be dropped, and the pairs must be formed again.');
    await expectAccessible(page, 'en withdraw dialog, matched');
    await shoot(page, 'en-7-withdraw-matched');
    await matched.getByRole('button', { name: 'Withdraw', exact: true }).click();
    await page.getByText('julie.moreau@acme.example was withdrawn from the cohort. The proposed pairs were dropped: form them again.').waitFor();
    await expect.poll(() => page.getByRole('heading', { name: /Retraits/ }).innerText()).toContain('Draft');
    await expectAccessible(page, 'en withdrawn, matched');
    await shoot(page, 'en-7b-withdrawn-matched');

    // Someone withdrawn meanwhile (another tab): the refusal is worded in English, and the list is read again.
    expect((await stack.call('DELETE', `/api/admin/cohorts/${cohortId}/enrolments/chloe.martin%40acme.example`)).status).toBe(200);
    await page.getByRole('button', { name: 'Withdraw chloe.martin@acme.example' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Withdraw', exact: true }).click();
    await page.getByText('chloe.martin@acme.example was not withdrawn: chloe.martin@acme.example is not enrolled in this cohort.').waitFor();
    await page.context().close();
  });

  it('does the same in English with the keyboard alone', { timeout: 240_000 }, async () => {
    const page = await openPane('fr-FR', 'en');
    const language = page.getByLabel('Langue');
    await tabTo(page, language);
    await page.keyboard.press('End');
    await page.getByRole('heading', { name: 'Cohorts' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');

    await tabTo(page, page.getByRole('link', { name: 'New cohort' }));
    await page.keyboard.press('Enter');
    const name = page.getByLabel('Cohort name');
    await name.waitFor();
    await tabTo(page, name);
    await page.keyboard.type('Pilot 2027');
    await tabTo(page, page.getByLabel('Number of sessions'));
    await page.keyboard.press('Control+A');
    await page.keyboard.type('4');
    await tabTo(page, page.getByLabel('Start date'));
    await page.keyboard.type('01112027');
    await tabTo(page, page.getByLabel('Length of the programme (weeks)'));
    await page.keyboard.press('Control+A');
    await page.keyboard.type('16');
    await page.keyboard.press('Enter');
    await shoot(page, 'en-0-created');
    await page.getByRole('heading', { name: /Pilot 2027/ }).waitFor();
    await expectAccessible(page, 'en cohort');

    const fileInput = page.getByLabel('Enrolment file');
    await tabTo(page, fileInput);
    // Choosing a file opens the system's picker, which no test drives: the file is handed to the focused input.
    await fileInput.setInputFiles(enrolmentFile);
    await tabTo(page, page.getByRole('button', { name: 'Import' }));
    await page.keyboard.press('Enter');
    await page.getByTestId('import-report').waitFor();
    expect(await page.getByTestId('import-report').innerText()).toContain('6 rows loaded');
    await expectAccessible(page, 'en import report');
    await shoot(page, 'en-1-import');

    await tabTo(page, page.getByRole('tab', { name: 'Enrolments' }));
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await tabTo(page, page.getByRole('button', { name: 'Form the pairs' }));
    await page.keyboard.press('Enter');
    await page.getByTestId('proposal').waitFor();
    expect(await page.getByTestId('pairs').innerText()).toMatch(/shared themes?/);
    await expectAccessible(page, 'en proposal');
    await shoot(page, 'en-2-matching');

    await enterRowActions(page, page.getByTestId('pairs').getByRole('grid'), 'chloe.martin@acme.example');
    await tabTo(page, page.getByRole('button', { name: 'Break the pair chloe.martin@acme.example and julie.moreau@acme.example' }), 3);
    await page.keyboard.press('Enter');
    const reason = page.getByRole('dialog').getByLabel('Reason');
    await reason.waitFor();
    await tabTo(page, reason, 6);
    await page.keyboard.type('They already work together');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('unmatched').innerText()).toContain('HR broke the pair with Julie Moreau: They already work together');
    await expectAccessible(page, 'en pair broken');
    await shoot(page, 'en-2b-broken');

    await tabTo(page, page.getByRole('tab', { name: 'Pairs' }));
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await tabTo(page, page.getByRole('button', { name: 'Publish the pairs' }));
    await page.keyboard.press('Enter');
    const confirm = page.getByRole('dialog').getByRole('button', { name: 'Publish', exact: true });
    await confirm.waitFor();
    await tabTo(page, confirm, 5);
    await page.keyboard.press('Enter');
    const book = page.getByRole('button', { name: 'Book the sessions' });
    await book.waitFor();
    await tabTo(page, book);
    await page.keyboard.press('Enter');
    await page.getByText('Done', { exact: true }).waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('rollout-figures').innerText()).toMatch(/Booked: (\d+) of \1/);
    await expectAccessible(page, 'en rollout');
    await shoot(page, 'en-3-rollout');
    expect(cspViolations).toEqual([]);
    await page.context().close();
  });
});

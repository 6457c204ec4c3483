import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBody } from '../../contract/admin.ts';
import { adminPaneDir } from '../../server/http/ui/routes.ts';
import { smallTenant } from '../support/small-tenant.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { expectAccessible } from '../support/accessibility.ts';

const chromiumPath = process.env.BINOME_CHROMIUM ?? '/usr/bin/chromium';
const haveChromium = existsSync(chromiumPath);
const shots = join(process.cwd(), '.tmp', 'e2e', 'admin-pane');
const cohort = { name: 'Pilote', format: 'classic', sessions: 2, sessionMinutes: 45, start: '2027-01-11', weeks: 8 };

/**
 * Another site's page (another port of this machine: the same site for cookies, so
 * the session cookie goes along) that posts a form to the service's admin API.
 */
function attackerPage(target: string, referrer: 'origin' | 'none'): string {
  const meta = referrer === 'none' ? '<meta name="referrer" content="no-referrer">' : '';
  const fields = Object.entries(cohort)
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${String(value)}">`)
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">${meta}<title>Win a prize</title></head><body><form method="post" action="${target}">${fields}<button type="submit">Claim</button></form></body></html>`;
}

/** What the browser shows after a refused request: the service's JSON error. */
async function shownError(page: Page): Promise<ErrorBody> {
  return ErrorBody.strict().parse(JSON.parse(await page.locator('body').innerText()));
}

describe.skipIf(!haveChromium)('signing in to the HR pane, in Chromium', () => {
  let stack: TestStack;
  let browser: Browser;
  let attacker: FastifyInstance;
  let attackerOrigin: string;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    if (!existsSync(join(adminPaneDir, 'index.html'))) await build({ configFile: join(process.cwd(), 'addins', 'vite.config.ts'), logLevel: 'error' });
    stack = await startTestStack(smallTenant(), { hr: ['u1'], sandboxPagePort: 0, workers: 0 });
    attacker = Fastify({ logger: false });
    attacker.get<{ Querystring: { referrer?: string } }>('/', async (request, reply) =>
      reply.type('text/html; charset=utf-8').send(attackerPage(`${stack.apiUrl}/api/admin/cohorts`, request.query.referrer === 'none' ? 'none' : 'origin')),
    );
    attackerOrigin = await attacker.listen({ host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await attacker?.close();
    await stack?.close();
  });

  /** Opens the pane signed out and picks `person` on the sandbox's demo sign-in page. */
  async function signIn(person: string, locale = 'fr-FR'): Promise<Page> {
    const context = await browser.newContext({ locale, timezoneId: 'Europe/Paris', viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.goto(`${stack.apiUrl}/admin/`);
    await page.getByRole('button', { name: `Se connecter en tant que ${person}` }).click();
    await page.waitForURL(`${stack.apiUrl}/admin/`);
    return page;
  }

  it('tells someone who is not HR so, in French and in English, and lets them change account', { timeout: 120_000 }, async () => {
    const page = await signIn('Chloé Martin');
    await page.getByRole('heading', { name: "Vous n'êtes pas RH dans cette organisation" }).waitFor();
    expect(await page.getByTestId('not-hr').innerText()).toContain('Chloé Martin');
    expect(await page.getByRole('heading', { name: 'Cohortes' }).count()).toBe(0);
    await expectAccessible(page, 'fr not HR');
    await page.screenshot({ path: join(shots, 'fr-0-not-hr.png'), fullPage: true });

    await page.getByLabel('Langue').selectOption('en');
    await page.getByRole('heading', { name: 'You are not HR in this organisation' }).waitFor();
    await expectAccessible(page, 'en not HR');
    await page.screenshot({ path: join(shots, 'en-0-not-hr.png'), fullPage: true });

    await page.getByRole('button', { name: 'Sign in with another account' }).click();
    await page.getByRole('heading', { name: 'You are signed out' }).waitFor();
    await page.getByRole('link', { name: 'Sign in again' }).click();
    await page.getByRole('button', { name: 'Se connecter en tant que Hélène Roux' }).click();
    await page.getByRole('heading', { name: 'Cohorts' }).waitFor();
    expect(await page.getByTestId('session').innerText()).toContain('Signed in: Hélène Roux');
    await page.context().close();
  });

  it('lists the demo’s named people first on the sandbox sign-in page, the rest by name, with a filter that needs no script, in French and English', { timeout: 120_000 }, async () => {
    stack.sandbox.featureOnSignIn([
      { ref: 'u1', role: 'hr' },
      { ref: 'lucas.bernard@acme.example', role: 'mentor' },
      { ref: 'u2', role: 'mentee' },
    ]);
    try {
      const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 900, height: 900 }, reducedMotion: 'reduce' });
      const page = await context.newPage();
      await page.goto(`${stack.apiUrl}/auth/login?returnTo=/admin/`);
      await page.getByRole('heading', { name: 'Les personnes de la démo' }).waitFor();
      expect(await page.getByRole('note').innerText()).toContain('Bac à sable');
      const featured = page.getByRole('region', { name: 'Les personnes de la démo' }).getByRole('listitem');
      expect(await featured.allInnerTexts()).toEqual([
        expect.stringMatching(/^Hélène Roux RH de la démo helene\.roux@acme\.example · CEO · Direction$/),
        expect.stringMatching(/^Lucas Bernard mentor junior de la démo /),
        expect.stringMatching(/^Marc Petit mentoré·e senior de la démo /),
      ]);
      const everyone = page.getByRole('region', { name: 'Tout le monde, par nom' }).getByRole('button');
      expect(await everyone.allInnerTexts()).toEqual(['Chloé Martin', 'Inès Garcia', 'Julie Moreau', 'Noah Dubois']);
      expect(await page.getByRole('status').innerText()).toBe('7 personnes');
      // No script on the page: the filter below is a plain form.
      expect(await page.locator('script').count()).toBe(0);
      await expectAccessible(page, 'fr demo sign-in');
      await page.screenshot({ path: join(shots, 'fr-sign-in-page.png'), fullPage: true });

      // The filter reloads the page with the matching people, accents ignored.
      await page.getByRole('searchbox', { name: 'Filtrer par nom, adresse, poste ou service' }).fill('ines');
      await page.getByRole('button', { name: 'Filtrer', exact: true }).click();
      await page.getByRole('status').filter({ hasText: '1 personne sur 7' }).waitFor();
      expect(await page.getByRole('button', { name: /^Se connecter en tant que/ }).allInnerTexts()).toEqual(['Inès Garcia']);
      expect(await page.getByRole('note').innerText()).toContain('Bac à sable');
      await page.screenshot({ path: join(shots, 'fr-sign-in-page-filtered.png'), fullPage: true });
      await page.getByRole('link', { name: 'English' }).click();
      await page.getByRole('status').filter({ hasText: '1 of 7 people' }).waitFor();
      expect(await page.getByRole('note').innerText()).toContain('Sandbox');
      await page.getByRole('searchbox', { name: 'Filter by name, address, job title or department' }).fill('zz');
      await page.getByRole('button', { name: 'Filter', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'Nobody matches “zz”.' }).waitFor();
      await expectAccessible(page, 'en demo sign-in, nobody found');
      await page.getByRole('link', { name: 'Show everyone' }).click();
      await page.getByRole('heading', { name: 'The demo’s people' }).waitFor();
      expect(await page.getByText('the demo’s junior mentor').count()).toBe(1);
      await page.screenshot({ path: join(shots, 'en-sign-in-page.png'), fullPage: true });
      await context.close();

      // Picking someone from a filtered list signs them in.
      const signedIn = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
      const pane = await signedIn.newPage();
      await pane.goto(`${stack.apiUrl}/admin/`);
      await pane.getByRole('searchbox').fill('roux');
      await pane.getByRole('button', { name: 'Filtrer', exact: true }).click();
      await pane.getByRole('button', { name: 'Se connecter en tant que Hélène Roux' }).click();
      await pane.getByRole('heading', { name: 'Cohortes' }).waitFor();
      await signedIn.close();
    } finally {
      stack.sandbox.featureOnSignIn([]);
    }
  });

  it('shows a failed sign-in as a page in the browser’s language, with a way back in that works', { timeout: 120_000 }, async () => {
    for (const [locale, title, again] of [
      ['fr-FR', 'La connexion n’a pas abouti', 'Se connecter à nouveau'],
      ['en-GB', 'Signing in did not work', 'Sign in again'],
    ] as const) {
      const context = await browser.newContext({ locale, viewport: { width: 900, height: 700 }, reducedMotion: 'reduce' });
      const page = await context.newPage();
      // A way back from the identity provider that this browser never started (an old tab, a copied link).
      await page.goto(`${stack.apiUrl}/auth/callback?code=stale&state=stale`);
      await page.getByRole('heading', { name: title }).waitFor();
      await expectAccessible(page, `${locale} sign-in failed`);
      await page.screenshot({ path: join(shots, `${locale}-sign-in-failed.png`), fullPage: true });
      await page.getByRole('link', { name: again }).click();
      await page.getByRole('button', { name: locale === 'fr-FR' ? 'Se connecter en tant que Hélène Roux' : 'Sign in as Hélène Roux' }).click();
      await page.waitForURL(`${stack.apiUrl}/admin/`);
      await page.getByRole('heading', { name: locale === 'fr-FR' ? 'Cohortes' : 'Cohorts' }).waitFor();
      await context.close();
    }
  });

  it('signs HR out: the pane stops showing programme data and the session no longer opens the API', { timeout: 120_000 }, async () => {
    const page = await signIn('Hélène Roux');
    await page.getByRole('heading', { name: 'Cohortes' }).waitFor();
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByRole('heading', { name: 'Vous êtes déconnecté·e' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Cohortes' }).count()).toBe(0);
    await expectAccessible(page, 'fr signed out');
    const after = await page.evaluate(async () => (await fetch('/api/admin/cohorts')).status);
    expect(after).toBe(401);
    // Opening the pane again starts a new sign-in.
    await page.goto(`${stack.apiUrl}/admin/`);
    await page.getByRole('button', { name: 'Se connecter en tant que Hélène Roux' }).waitFor();
    await page.context().close();
  });

  it('refuses a change posted with the session cookie from another page, or without the CSRF token, in the API error shape', { timeout: 120_000 }, async () => {
    const page = await signIn('Hélène Roux');
    await page.getByRole('heading', { name: 'Cohortes' }).waitFor();

    // Another origin of the same site: the SameSite=Lax cookie goes along, the Origin check refuses.
    await page.goto(`${attackerOrigin}/`);
    await page.getByRole('button', { name: 'Claim' }).click();
    await page.waitForURL(`${stack.apiUrl}/api/admin/cohorts`);
    const crossSite = await shownError(page);
    expect(crossSite).toMatchObject({ code: 'CSRF_REJECTED', field: null });
    expect(crossSite.message).toContain('Origin');

    // The same page sending no referrer: Origin null.
    await page.goto(`${attackerOrigin}/?referrer=none`);
    await page.getByRole('button', { name: 'Claim' }).click();
    await page.waitForURL(`${stack.apiUrl}/api/admin/cohorts`);
    expect(await shownError(page)).toMatchObject({ code: 'CSRF_REJECTED', field: null });

    // From the pane's own origin but without x-csrf-token.
    await page.goto(`${stack.apiUrl}/admin/`);
    await page.getByRole('heading', { name: 'Cohortes' }).waitFor();
    const noToken = await page.evaluate(async (body) => {
      const response = await fetch('/api/admin/cohorts', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: response.status, body: (await response.json()) as unknown };
    }, cohort);
    expect(noToken.status).toBe(403);
    expect(ErrorBody.strict().parse(noToken.body)).toMatchObject({ code: 'CSRF_REJECTED', field: null });
    expect(ErrorBody.parse(noToken.body).message).toContain('x-csrf-token');

    // None of the three created anything.
    const cohorts = await page.evaluate(async () => (await (await fetch('/api/admin/cohorts')).json()) as unknown[]);
    expect(cohorts).toEqual([]);
    await page.context().close();
  });
});

describe.skipIf(!haveChromium)('signing in to the HR pane of a Google tenant, in Chromium', () => {
  let stack: TestStack;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(join(adminPaneDir, 'index.html'))) await build({ configFile: join(process.cwd(), 'addins', 'vite.config.ts'), logLevel: 'error' });
    const fixture = smallTenant();
    stack = await startTestStack({ ...fixture, tenant: { ...fixture.tenant, platform: 'google' } }, { hr: ['u1'], sandboxPagePort: 0, workers: 0 });
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('signs HR in at the Google-like issuer through the demo page and opens the cohorts', { timeout: 120_000 }, async () => {
    const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Paris', viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.goto(`${stack.apiUrl}/admin/`);
    const pick = page.getByRole('button', { name: 'Sign in as Hélène Roux' });
    await pick.waitFor();
    expect(new URL(page.url()).pathname).toContain('/accounts.google/');
    expect(new URL(page.url()).origin).toBe(stack.sandbox.urls.signInOrigin);
    await pick.click();
    await page.getByRole('heading', { name: 'Cohorts' }).waitFor();
    expect(await page.getByTestId('session').innerText()).toContain('Signed in: Hélène Roux');
    await context.close();
  });
});


import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outlookPaneDir } from '../../server/http/ui/outlook-routes.ts';
import { smallTenant } from '../support/small-tenant.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

const chromiumPath = process.env.BINOME_CHROMIUM ?? '/usr/bin/chromium';
const haveChromium = existsSync(chromiumPath);
const shots = mkdtempSync(join(tmpdir(), 'binome-outlook-pane-'));
const axeSource = readFileSync(join(process.cwd(), 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core over the whole page; serious and critical violations fail the test, by rule and element. */
async function expectAccessible(page: Page, screen: string): Promise<void> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    // Fluent's focus manager (Tabster) keeps hidden, focusable sentinels at the edges of some widgets on purpose.
    const result = await axe.run({ exclude: [['[data-tabster-dummy]']] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(blocking.map((v) => `${screen}: ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

let stack: TestStack;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  if (!existsSync(join(outlookPaneDir, 'taskpane.html'))) await build({ configFile: join(process.cwd(), 'addins', 'vite.config.ts'), logLevel: 'error' });
  stack = await startTestStack(smallTenant());
}, 120_000);
afterAll(async () => {
  await stack?.close();
});

describe('the Outlook add-in, as the service serves it', () => {
  it('serves the task pane with Office.js allowed from Microsoft and framing allowed for Outlook on the web', async () => {
    const response = await fetch(`${stack.apiUrl}/outlook/taskpane.html`);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain('script-src \'self\' https://appsforoffice.microsoft.com');
    expect(csp).toContain('https://*.office.com');
    expect(response.headers.get('x-frame-options')).toBeNull();
    const html = await response.text();
    expect(html).toContain('https://appsforoffice.microsoft.com/lib/1/hosted/office.js');
    const script = /src="(\/outlook\/static\/[^"]+\.js)"/.exec(html)?.[1];
    expect((await fetch(`${stack.apiUrl}${script ?? 'missing'}`)).status).toBe(200);
    expect((await fetch(`${stack.apiUrl}/outlook/assets/icon-80.png`)).headers.get('content-type')).toBe('image/png');
  });

  it('renders both manifests for the address asked, and refuses a plain-http address with the way out', async () => {
    const base = 'https://binome.contoso.example/app';
    const json = (await (await fetch(`${stack.apiUrl}/manifests/outlook/manifest.json?baseUrl=${encodeURIComponent(base)}`)).json()) as { extensions: { runtimes: { code: { page: string } }[] }[] };
    expect(json.extensions[0]?.runtimes[0]?.code.page).toBe(`${base}/outlook/taskpane.html`);
    const xml = await (await fetch(`${stack.apiUrl}/manifests/outlook/manifest.xml?baseUrl=${encodeURIComponent(base)}`)).text();
    expect(xml).toContain(`<SourceLocation DefaultValue="${base}/outlook/taskpane.html"`);
    expect(xml).not.toContain('{{');
    const refused = await fetch(`${stack.apiUrl}/manifests/outlook/manifest.xml`);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ code: 'MANIFEST_BASE_URL_INVALID', message: expect.stringContaining('BINOME_PUBLIC_URL') });
  });

  it("tells the pane which app registration to sign in to, and the demo page the sandbox tenant's people", async () => {
    const config = (await (await fetch(`${stack.apiUrl}/outlook/config.json`)).json()) as { clientId: string; scopes: string[] };
    expect(config.scopes).toEqual([`api://${new URL(stack.apiUrl).host}/${config.clientId}/access_as_user`]);
    const demo = (await (await fetch(`${stack.apiUrl}/outlook/demo/config.json`)).json()) as { people: { email: string }[] };
    expect(demo.people.length).toBe(smallTenant().people.length);
  });
});

describe.skipIf(!haveChromium)('the Outlook pane demo, in Chromium at 320 px', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('says it is a demo, and opens the pane for a person of the tenant in French', { timeout: 120_000 }, async () => {
    const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: { width: 900, height: 900 }, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.goto(`${stack.apiUrl}/outlook/demo`);
    await page.getByText(/Démo : le volet Outlook de Binôme/).waitFor();
    await page.getByLabel('Une autre personne du locataire').check();
    const first = smallTenant().people[0];
    await page.getByLabel('Personne', { exact: true }).selectOption(first?.email ?? '');
    await page.getByRole('button', { name: 'Ouvrir le volet' }).click();
    const frame = page.getByTestId('pane-frame');
    await frame.getByRole('heading', { name: `Bonjour ${first?.name ?? ''} !` }).waitFor();
    expect(await frame.evaluate((el) => el.getBoundingClientRect().width)).toBe(320);
    await expectAccessible(page, 'fr demo home');
    await shoot(page, 'fr-demo-home');
    await context.close();
  });
});

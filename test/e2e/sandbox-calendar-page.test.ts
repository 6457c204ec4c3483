import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../server/sandbox/server.ts';
import { createMicrosoftConnector } from '../../server/connectors/microsoft/connector.ts';
import { smallTenant } from '../support/small-tenant.ts';
import { microsoftConfigFor } from '../../server/runtime/stack.ts';

const chromiumPath = process.env.BINOME_CHROMIUM ?? '/usr/bin/chromium';
const haveChromium = existsSync(chromiumPath);

describe.skipIf(!haveChromium)('the sandbox calendar page, in Chromium', () => {
  let dir: string;
  let sandbox: SandboxHandle;
  let browser: Browser;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'binome-page-'));
    sandbox = await startSandbox({ fixture: smallTenant(), stateDir: dir, pagePort: 0 });
    const connector = createMicrosoftConnector(microsoftConfigFor(sandbox));
    const [outcome] = await connector.calendar.createEvents([
      {
        key: 'page-test-1',
        organizerEmail: 'chloe.martin@acme.example',
        attendeeEmails: ['julie.moreau@acme.example'],
        subject: 'Binome · Pilote · Chloé & Julie · 1/6',
        body: 'session',
        start: '2027-01-12T15:00:00Z',
        end: '2027-01-12T16:00:00Z',
        online: true,
        tag: { cohortId: 'c1', pairId: 'p1', session: 1 },
      },
    ]);
    expect(outcome?.status).toBe('created');
    await connector.close();
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows a person\'s week in their own time zone, in French then in English, with the Binome session marked', async () => {
    const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
    expect(sandbox.urls.calendarPage).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/calendar$/);
    await page.goto(sandbox.urls.calendarPage);
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await page.fill('input[name=q]', 'Julie');
    await page.click('button[type=submit]');
    await page.click('text=Julie Moreau');
    const week = page.locator('.week');
    await week.waitFor();
    // 15:00 UTC is 10:00 in Montréal (America/Toronto) in January.
    const session = page.locator('.event.binome');
    expect(await session.count()).toBe(1);
    expect(await session.innerText()).toContain('10:00');
    expect(await page.locator('body').innerText()).toContain('mardi 12 janvier');
    await page.screenshot({ path: join(dir, 'fr.png') });
    await page.click('header a[hreflang=en]');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('body').innerText()).toContain('Tuesday 12 January');
    expect(await page.locator('.event.binome').innerText()).toContain('10:00');
    await page.close();
  });
});

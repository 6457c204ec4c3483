import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cohort, MatchingView } from '../../contract/admin.ts';
import type { Session } from '../../contract/session.ts';
import { adminPaneDir, uiRoutes } from '../../server/http/ui/routes.ts';

const chromiumPath = process.env.BINOME_CHROMIUM ?? '/usr/bin/chromium';
const haveChromium = existsSync(chromiumPath);
const shots = join(process.cwd(), '.tmp', 'e2e', 'admin-pane');
const cohortId = '0b8f6c1e-4a3b-4c2d-9e1f-5a6b7c8d9e0f';
const pad = (n: number) => String(n).padStart(5, '0');

const cohort: Cohort = {
  cohortId,
  name: 'Grande cohorte',
  format: 'classic',
  sessions: 6,
  sessionMinutes: 60,
  start: '2027-01-11',
  weeks: 26,
  status: 'matched',
  createdAt: '2027-01-04T08:00:00.000Z',
  matchedAt: '2027-01-04T08:05:00.000Z',
  publishedAt: null,
  rolloutStartedAt: null,
  openedAt: null,
  closedAt: null,
  themes: ['ai', 'data'],
};

/** A proposal of 5,000 pairs, as the API would answer for a cohort of 10,000 volunteers. */
const proposal: MatchingView = {
  cohort,
  pairs: Array.from({ length: 5000 }, (_, i): MatchingView['pairs'][number] => ({
    pairId: `p${pad(i)}`,
    mentorEmail: `mentor-${pad(i)}@acme.example`,
    menteeEmail: `mentee-${pad(i)}@acme.example`,
    score: 100 + (i % 150),
    reasons: [
      { code: 'SHARED_THEMES', params: { count: 1 + (i % 3), themes: 'ai' }, message: `${1 + (i % 3)} shared theme: ai` },
      { code: 'DIFFERENT_DEPARTMENTS', params: { mentorDepartment: 'Finance', menteeDepartment: 'Sales' }, message: 'different departments: Finance / Sales' },
    ],
    sessions: [{ start: '2027-01-12T15:00:00.000Z', end: '2027-01-12T16:00:00.000Z' }],
    locked: false,
  })),
  unmatched: [],
  rejected: [],
  rejectedTotal: 0,
};

const hrSession: Session = { tenantId: 'acme', personId: 'hr-1', roles: ['hr', 'participant'], name: 'Hélène Roux', via: 'session', csrfToken: 'csrf-token' };

describe.skipIf(!haveChromium)('the HR pane with 5,000 pairs, in Chromium', () => {
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
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('filters the proposal down to one pair and back to all of them, a page at a time', { timeout: 120_000 }, async () => {
    const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.route('**/api/**', async (route) => {
      const path = new URL(route.request().url()).pathname;
      // The API is played here, HR's session included: the pane's own figure is what is measured.
      if (path === '/api/me/session') return route.fulfill({ json: hrSession });
      if (path === `/api/admin/cohorts/${cohortId}/matching`) return route.fulfill({ json: proposal });
      if (path === `/api/admin/cohorts/${cohortId}`) return route.fulfill({ json: cohort });
      return route.fulfill({ status: 404, json: { code: 'NOT_FOUND', message: path, field: null } });
    });
    await page.goto(`${origin}/admin/#/cohorts/${cohortId}/matching`);
    const count = page.getByTestId('pairs-count');
    await count.waitFor();
    expect(await count.innerText()).toBe('1–50 sur 5\u202f000');
    expect(await page.getByTestId('pairs').getByRole('row').count()).toBe(51);

    const timings: number[] = [];
    for (const [query, expected] of [
      ['mentor-04321@', '1–1 sur 1'],
      ['', '1–50 sur 5\u202f000'],
      ['mentee-0012', '1–10 sur 10'],
      ['', '1–50 sur 5\u202f000'],
      ['sales', '1–50 sur 5\u202f000'],
      ['zzz', 'Aucune ligne'],
    ] as const) {
      const ms = await page.evaluate(
        async ({ query, expected }) => {
          const input = document.querySelector<HTMLInputElement>('[data-testid="pairs"] input');
          const shown = document.querySelector('[data-testid="pairs-count"]');
          const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
          if (input === null || shown === null || setValue === undefined) throw new Error('no filter box');
          const start = performance.now();
          setValue.call(input, query);
          input.dispatchEvent(new Event('input', { bubbles: true }));
          await new Promise<void>((resolve) => {
            if (shown.textContent === expected) return resolve();
            const watch = new MutationObserver(() => {
              if (shown.textContent === expected) {
                watch.disconnect();
                resolve();
              }
            });
            watch.observe(document.body, { subtree: true, childList: true, characterData: true });
          });
          return performance.now() - start;
        },
        { query, expected },
      );
      timings.push(ms);
      expect(await count.innerText()).toBe(expected);
    }
    await page.getByLabel('Filtrer les binômes').fill('mentor-04321@');
    const rows = page.getByTestId('pairs').getByRole('row');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(1).innerText()).toContain('mentee-04321@acme.example');
    await page.screenshot({ path: join(shots, 'fr-7-5000-pairs-filtered.png'), fullPage: true });
    const report = { rows: 5000, filterToDomMs: timings.map((t) => Math.round(t * 10) / 10) };
    writeFileSync(join(shots, 'filter-timing.json'), `${JSON.stringify(report)}\n`);
    process.stdout.write(`5,000-row filter, input event to filtered DOM (ms): ${report.filterToDomMs.join(', ')}\n`);
    await context.close();
  });
});

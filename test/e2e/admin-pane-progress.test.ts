import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminPaneDir } from '../../server/http/ui/routes.ts';
import { createWorker, type Worker } from '../../server/rollout/worker.ts';
import { tenantRegistry } from '../../server/runtime/tenants.ts';
import { smallEnrolments, smallTenant } from '../support/small-tenant.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { expectAccessible } from '../support/accessibility.ts';

const chromiumPath = process.env.BINOME_CHROMIUM ?? '/usr/bin/chromium';
const haveChromium = existsSync(chromiumPath);
const shots = join(process.cwd(), '.tmp', 'e2e', 'admin-pane-progress');

interface Words {
  locale: string;
  book: string;
  figures: { start: RegExp; some: RegExp; failed: RegExp; finished: RegExp };
  cause: string;
  advice: RegExp;
  retry: string;
  done: string;
  announcedEnd: RegExp;
  running: string;
}

const french: Words = {
  locale: 'fr-FR',
  book: 'Réserver les séances',
  figures: { start: /En attente : 8/, some: /Réservées : [1-7] sur 8/, failed: /En échec : 4/, finished: /Réservées : 8 sur 8[\s\S]*En attente : 0[\s\S]*En cours de déplacement : 0[\s\S]*En échec : 0/ },
  cause: 'Plus de créneau libre',
  advice: /Demandez-leur de libérer une heure/,
  retry: 'Réessayer les 4 séances en échec',
  done: 'Terminé',
  announcedEnd: /^Réservations achevées : 8 sur 8 réservées, 0 en échec\.$/,
  running: 'En cours',
};

const english: Words = {
  locale: 'en-GB',
  book: 'Book the sessions',
  figures: { start: /Pending: 8/, some: /Booked: [1-7] of 8/, failed: /Failed: 4/, finished: /Booked: 8 of 8[\s\S]*Pending: 0[\s\S]*Being moved: 0[\s\S]*Failed: 0/ },
  cause: 'No free slot left',
  advice: /Ask them to free an hour/,
  retry: 'Retry the 4 failed sessions',
  done: 'Done',
  announcedEnd: /^Bookings finished: 8 of 8 booked, 0 failed\.$/,
  running: 'Running',
};

describe.skipIf(!haveChromium)('HR watches long jobs in the pane: the proposal being formed and the rollout, in Chromium', () => {
  let stack: TestStack;
  let browser: Browser;
  let worker: Worker;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    if (!existsSync(join(adminPaneDir, 'index.html'))) await build({ configFile: join(process.cwd(), 'addins', 'vite.config.ts'), logLevel: 'error' });
    // No worker runs by itself: the test books two sessions at a time and watches each step reach the pane.
    stack = await startTestStack(smallTenant(), { hr: ['u1'], sandboxPagePort: 0, workers: 0 });
    worker = createWorker({ db: stack.store.db, registry: tenantRegistry([stack.runtime]), workerId: 'e2e', logger: pino({ level: 'silent' }), claimSize: 2 });
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  /** A published cohort whose one pair cannot be booked: its mentee's calendar is full until June. */
  async function publishedCohort(name: string): Promise<{ cohortId: string; cancelOffsite: () => Promise<void> }> {
    const cohortId = ((await stack.call('POST', '/api/admin/cohorts', { name, format: 'classic', sessions: 4, sessionMinutes: 60, start: '2027-01-11', weeks: 16 })).body as { cohortId: string })
      .cohortId;
    const base = `/api/admin/cohorts/${cohortId}`;
    await stack.call('POST', `${base}/enrolments`, smallEnrolments, 'text/csv');
    const proposal = (await stack.call('POST', `${base}/matching`)).body as { pairs: { mentorEmail: string; menteeEmail: string }[] };
    const pair = proposal.pairs.find((p) => p.mentorEmail === 'chloe.martin@acme.example');
    if (pair === undefined) throw new Error('expected Chloé in a pair');
    expect((await stack.call('POST', `${base}/publish`)).status).toBe(200);
    const [offsite] = await stack.runtime.calendar.createEvents([
      {
        key: `offsite-${cohortId}`,
        organizerEmail: pair.menteeEmail,
        attendeeEmails: ['helene.roux@acme.example'],
        subject: 'Offsite',
        body: 'unrelated',
        start: '2027-01-04T00:00:00.000Z',
        end: '2027-06-01T00:00:00.000Z',
        online: false,
        tag: { cohortId: 'other-programme', pairId: cohortId, session: 1 },
      },
    ]);
    if (offsite?.status !== 'created') throw new Error('the offsite was not created');
    return { cohortId, cancelOffsite: () => stack.runtime.calendar.cancelEvent(pair.menteeEmail, offsite.eventId, 'Offsite cancelled') };
  }

  async function openRollout(words: Words, cohortId: string): Promise<{ page: Page; requests: string[] }> {
    const context = await browser.newContext({ locale: words.locale, timezoneId: 'Europe/Paris', viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(`${request.method()} ${new URL(request.url()).pathname}`));
    await page.goto(`${stack.apiUrl}/`);
    await page.getByRole('button', { name: /Hélène Roux/ }).click();
    await page.waitForURL(`${stack.apiUrl}/admin/`);
    await page.goto(`${stack.apiUrl}/admin/#/cohorts/${cohortId}/rollout`);
    return { page, requests };
  }

  const figures = (page: Page) => page.getByTestId('rollout-figures').innerText();

  async function cohortStatus(cohortId: string): Promise<string> {
    return ((await stack.call('GET', `/api/admin/cohorts/${cohortId}`)).body as { status: string }).status;
  }

  /** Ticks the worker until the ledger has nothing left to book, checking the pane after each tick. */
  async function bookWhileWatching(page: Page, seen: string[], shot?: string): Promise<void> {
    for (let tick = 0; tick < 10; tick++) {
      const before = await figures(page);
      if ((await worker.tick()) === 0) return;
      await expect.poll(() => figures(page), { timeout: 10_000 }).not.toBe(before);
      seen.push(await figures(page));
      if (tick === 0 && shot !== undefined) await page.screenshot({ path: join(shots, `${shot}.png`), fullPage: true });
    }
  }

  for (const [lang, words] of [
    ['fr', french],
    ['en', english],
  ] as const) {
    it(`shows each booking as it happens, the failures in words and their retry, and says when it is over (${lang})`, { timeout: 180_000 }, async () => {
      const { cohortId, cancelOffsite } = await publishedCohort(`Direct ${lang}`);
      const { page, requests } = await openRollout(words, cohortId);
      await page.getByRole('button', { name: words.book }).click();
      await expect.poll(() => cohortStatus(cohortId)).toBe('rolling_out');
      await expect.poll(() => figures(page)).toMatch(words.figures.start);

      const seen: string[] = [];
      await bookWhileWatching(page, seen, `${lang}-0-booking`);
      expect(seen.some((text) => words.figures.some.test(text))).toBe(true);
      await expect.poll(() => figures(page)).toMatch(words.figures.failed);
      const failures = page.getByTestId('failures');
      await expect.poll(() => failures.innerText()).toContain(words.cause);
      expect(await failures.innerText()).toMatch(words.advice);
      await expectAccessible(page, `${lang} rollout with failures`);
      await page.screenshot({ path: join(shots, `${lang}-1-failures.png`), fullPage: true });

      await cancelOffsite();
      await page.getByRole('button', { name: words.retry }).click();
      await expect.poll(() => figures(page)).toMatch(/4/);
      await bookWhileWatching(page, seen);
      await page.getByText(words.done, { exact: true }).waitFor({ timeout: 20_000 });
      expect(await figures(page)).toMatch(words.figures.finished);
      await expect.poll(() => page.getByRole('heading', { name: new RegExp(`Direct ${lang}`) }).innerText(), { timeout: 10_000 }).toContain(words.running);
      // The live region speaks politely, at most every few seconds, and at once at the end.
      await expect.poll(() => page.getByTestId('rollout-announcement').innerText(), { timeout: 10_000 }).toMatch(words.announcedEnd);
      expect(await page.getByTestId('rollout-announcement').getAttribute('aria-live')).toBe('polite');
      await expectAccessible(page, `${lang} rollout finished`);
      await page.screenshot({ path: join(shots, `${lang}-2-finished.png`), fullPage: true });

      // Followed from the event stream: the progress is never polled.
      expect(requests).toContain(`GET /api/admin/cohorts/${cohortId}/rollout/events`);
      expect(requests).not.toContain(`GET /api/admin/cohorts/${cohortId}/rollout`);
      await page.context().close();
    });
  }

  for (const [lang, locale, button, step, detail] of [
    ['fr', 'fr-FR', 'Former les binômes', 'Étape 1 sur 5 : lecture des agendas', 'Disponibilités de 6 volontaires'],
    ['en', 'en-GB', 'Form the pairs', 'Step 1 of 5: reading the calendars', 'Free/busy of 6 volunteers'],
  ] as const) {
    it(`shows the phase of the proposal being formed, with its counts (${lang})`, { timeout: 120_000 }, async () => {
      const cohortId = ((await stack.call('POST', '/api/admin/cohorts', { name: `Proposal ${lang}`, format: 'classic', sessions: 4, sessionMinutes: 60, start: '2027-01-11', weeks: 16 })).body as { cohortId: string })
        .cohortId;
      await stack.call('POST', `/api/admin/cohorts/${cohortId}/enrolments`, smallEnrolments, 'text/csv');
      const context = await browser.newContext({ locale, timezoneId: 'Europe/Paris', viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
      const page = await context.newPage();
      await page.goto(`${stack.apiUrl}/`);
      await page.getByRole('button', { name: /Hélène Roux/ }).click();
      await page.waitForURL(`${stack.apiUrl}/admin/`);
      await page.goto(`${stack.apiUrl}/admin/#/cohorts/${cohortId}/matching`);
      // A slow provider: the free/busy read of a large tenant takes seconds.
      stack.sandbox.setKnobs({ latencyMs: 2_500 });
      try {
        await page.getByRole('button', { name: button }).click();
        const progress = page.getByTestId('matching-progress');
        await expect.poll(() => progress.innerText(), { timeout: 10_000 }).toContain(step);
        expect(await progress.innerText()).toContain(detail);
        expect(await progress.getByRole('status').innerText()).toBe(step);
        await expectAccessible(page, `${lang} proposal being formed`);
        await page.screenshot({ path: join(shots, `${lang}-matching-progress.png`), fullPage: true });
      } finally {
        stack.sandbox.setKnobs({});
      }
      await page.getByTestId('proposal').waitFor({ timeout: 60_000 });
      expect(await page.getByTestId('matching-progress').count()).toBe(0);
      await context.close();
    });
  }

  it('reads the progress every second instead when the event stream is refused', { timeout: 120_000 }, async () => {
    const { cohortId, cancelOffsite } = await publishedCohort('Fallback');
    await cancelOffsite();
    const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Paris', viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
    // A proxy that does not pass event streams.
    await context.route('**/rollout/events', (route) => route.fulfill({ status: 502, contentType: 'text/plain', body: 'Bad gateway' }));
    const page = await context.newPage();
    const polls: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === `/api/admin/cohorts/${cohortId}/rollout`) polls.push(request.method());
    });
    await page.goto(`${stack.apiUrl}/`);
    await page.getByRole('button', { name: /Hélène Roux/ }).click();
    await page.waitForURL(`${stack.apiUrl}/admin/`);
    await page.goto(`${stack.apiUrl}/admin/#/cohorts/${cohortId}/rollout`);
    await page.getByRole('button', { name: english.book }).click();
    await expect.poll(() => cohortStatus(cohortId)).toBe('rolling_out');
    await bookWhileWatching(page, []);
    await page.getByText(english.done, { exact: true }).waitFor({ timeout: 20_000 });
    expect(await figures(page)).toMatch(english.figures.finished);
    expect(polls.filter((m) => m === 'GET').length).toBeGreaterThan(1);
    await context.close();
  });
});

import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { MyPair, MySession } from '../../contract/me.ts';
import { messageCatalogue } from '../../contract/messages.ts';
import { bookings } from '../../server/store/schema.ts';
import { demoPersonas } from '../../server/demo/personas.ts';
import { seedDemo } from '../../server/demo/seed.ts';
import { outlookPaneDir } from '../../server/http/ui/outlook-routes.ts';
import { smallEnrolments, smallTenant } from '../support/small-tenant.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { expectAccessible } from '../support/accessibility.ts';

const chromiumPath = process.env.BINOME_CHROMIUM ?? '/usr/bin/chromium';
const haveChromium = existsSync(chromiumPath);
const shots = mkdtempSync(join(tmpdir(), 'binome-outlook-pane-'));

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

/** Presses Tab until the element has the focus, as someone on a keyboard would. */
async function tabTo(page: Page, target: Locator, limit = 120): Promise<void> {
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

let stack: TestStack;

/** What the API says of a person's sessions, with their own token. */
async function sessionsOf(email: string): Promise<MySession[]> {
  const response = await fetch(`${stack.apiUrl}/api/me/sessions`, { headers: { authorization: `Bearer ${await stack.sandbox.issueUserToken(email)}` } });
  return MySession.array().parse(await response.json());
}

/** The start of a session's event in a person's calendar, as the sandbox holds it. */
function eventStart(email: string, pairId: string, session: number): string | undefined {
  return stack.sandbox.calendars()[email]?.find((e) => e.binome?.pairId === pairId && e.binome.session === session)?.start;
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  if (!existsSync(join(outlookPaneDir, 'taskpane.html'))) await build({ configFile: join(process.cwd(), 'addins', 'vite.config.ts'), logLevel: 'error' });
  stack = await startTestStack(smallTenant());
  // The demo seed: a cohort open for volunteering, and one running whose first sessions are over.
  const enrolments = join(shots, 'enrolments.csv');
  writeFileSync(enrolments, smallEnrolments);
  await seedDemo({ db: stack.store.db, runtime: stack.runtime, clock: () => new Date('2027-01-04T08:00:00Z'), enrolmentsFile: enrolments });
  for (const w of stack.workers) w.start();
  const { juniorMentor } = await demoPersonas(stack.store.db, 'acme');
  for (let waited = 0; !(await sessionsOf(juniorMentor ?? '')).every((s) => s.state === 'booked'); waited += 500) {
    if (waited > 60_000) throw new Error('the demo seed did not book its sessions within a minute');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}, 180_000);
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
    const demo = (await (await fetch(`${stack.apiUrl}/outlook/demo/config.json`)).json()) as { people: { email: string }[]; juniorMentor: string; seniorMentee: string };
    expect(demo.people.length).toBe(smallTenant().people.length);
    expect(demo.people.map((p) => p.email)).toEqual(expect.arrayContaining([demo.juniorMentor, demo.seniorMentee]));
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

  /** The demo page with the pane opened for one of the demo's two people, optionally on one of their meetings. */
  async function openPane(locale: string, persona: RegExp, meeting: RegExp | null): Promise<{ page: Page; pane: Locator }> {
    const context = await browser.newContext({ locale, timezoneId: 'Europe/Paris', viewport: { width: 900, height: 1000 }, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.goto(`${stack.apiUrl}/outlook/demo`);
    await page.getByLabel(persona).check();
    if (meeting !== null) {
      const select = page.getByLabel(locale.startsWith('fr') ? 'Réunion ouverte dans Outlook' : 'Meeting open in Outlook');
      await expect.poll(() => select.locator('option').count()).toBeGreaterThan(1);
      const label = (await select.locator('option').allTextContents()).find((text) => meeting.test(text));
      await select.selectOption({ label: label ?? 'missing' });
    }
    await page.getByRole('button', { name: locale.startsWith('fr') ? 'Ouvrir le volet' : 'Open the pane' }).click();
    const pane = page.getByTestId('pane-frame');
    await pane.getByRole('navigation').waitFor();
    expect(await pane.evaluate((el) => el.getBoundingClientRect().width)).toBe(320);
    // Nothing in the pane is wider than the pane: no sideways scrolling at 320 px.
    expect(await pane.evaluate((el) => el.scrollWidth)).toBeLessThanOrEqual(320);
    return { page, pane };
  }

  it('takes the junior mentor through every action in French: volunteer, the pair and its charter, a move both calendars show, a shared note, feedback', { timeout: 240_000 }, async () => {
    const { juniorMentor, seniorMentee } = await demoPersonas(stack.store.db, 'acme');
    const before = await sessionsOf(juniorMentor ?? '');
    const { page, pane } = await openPane('fr-FR', /La ou le junior mentor/, null);
    await page.getByText(/Démo : le volet Outlook de Binôme/).waitFor();
    await pane.getByRole('heading', { name: /^Bonjour .* !$/ }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('fr');

    // Home: volunteer for the open cohort.
    const open = pane.getByTestId('cohort').filter({ hasText: 'inscriptions ouvertes' });
    await open.getByRole('button', { name: 'Je me porte volontaire' }).click();
    await open.getByRole('button', { name: 'Valider ma candidature' }).click();
    await open.getByText('Choisissez mentor ou mentoré·e.').waitFor();
    await expectAccessible(page, 'fr volunteer form with errors');
    await shoot(page, 'fr-1-volunteer-errors');
    await open.getByLabel('Mentor : je partage ce que je maîtrise').check();
    await open.getByLabel('IA générative').check();
    await open.getByRole('button', { name: 'Valider ma candidature' }).click();
    await pane.getByText('Merci ! Votre candidature est enregistrée.').waitFor();
    await open.getByText('Vous êtes volontaire comme mentor.').waitFor();
    await expectAccessible(page, 'fr home');
    await shoot(page, 'fr-2-home');

    // The pair and its charter.
    await pane.getByRole('tab', { name: 'Binôme' }).click();
    await pane.getByTestId('partner').waitFor();
    // The reasons in French words, not the matching's English.
    expect(await pane.getByTestId('reasons').innerText()).toMatch(/Vous êtes d'accord|services différents|veut apprendre/);
    await pane.getByRole('button', { name: "J'accepte" }).click();
    await pane.getByText('Merci : votre acceptation est enregistrée.').waitFor();
    expect(await pane.getByTestId('acceptances').innerText()).toMatch(/\(Mentor\) l'a accepté le/);
    await expectAccessible(page, 'fr pair');
    await shoot(page, 'fr-3-pair');

    // A future session: move it to a proposed slot, and see both calendars follow.
    const future = before.find((s) => !s.ended && s.state === 'booked');
    if (future === undefined) throw new Error('the demo seed left no future booked session');
    await pane.getByRole('tab', { name: 'Séances' }).click();
    await pane.getByRole('button', { name: `Ouvrir la séance ${future.session} avec ${future.partnerName}` }).click();
    await pane.getByTestId('agenda').waitFor();
    const oldSlot = await pane.getByTestId('slot').innerText();
    await pane.getByRole('button', { name: 'Proposer un autre créneau' }).click();
    const firstSlot = pane.getByRole('radio').first();
    await firstSlot.check();
    await expectAccessible(page, 'fr move');
    await shoot(page, 'fr-4-move');
    await pane.getByRole('button', { name: 'Déplacer à ce créneau' }).click();
    await expect.poll(() => pane.getByTestId('slot').innerText(), { timeout: 60_000 }).not.toBe(oldSlot);
    await expect.poll(async () => (await sessionsOf(juniorMentor ?? '')).find((s) => s.session === future.session)?.state, { timeout: 60_000 }).toBe('booked');
    const moved = (await sessionsOf(juniorMentor ?? '')).find((s) => s.session === future.session);
    expect(moved?.start).not.toBe(future.start);
    const movedAt = new Date(moved?.start ?? '').toISOString();
    expect(new Date(eventStart(juniorMentor ?? '', future.pairId, future.session) ?? '').toISOString()).toBe(movedAt);
    expect(new Date(eventStart(seniorMentee ?? '', future.pairId, future.session) ?? '').toISOString()).toBe(movedAt);
    expect((await sessionsOf(seniorMentee ?? '')).find((s) => s.session === future.session)?.start).toBeDefined();

    // A note, shared with the partner.
    await pane.getByLabel('Nouvelle note').fill('Préparer trois exemples de prompts pour la prochaine séance.');
    await pane.getByLabel('Partager avec mon binôme').check();
    await pane.getByRole('button', { name: 'Enregistrer la note' }).click();
    await pane.getByText('Note enregistrée.').waitFor();
    await pane.getByText('Ma note (partagée)', { exact: false }).waitFor();
    await expectAccessible(page, 'fr session');
    await shoot(page, 'fr-5-session');

    // Feedback on the first session, which is over.
    const ended = before.find((s) => s.ended);
    if (ended === undefined) throw new Error('the demo seed left no session that has ended');
    await pane.getByRole('tab', { name: 'Séances' }).click();
    await pane.getByRole('button', { name: `Ouvrir la séance ${ended.session} avec ${ended.partnerName}` }).click();
    await pane.getByTestId('feedback').waitFor();
    await pane.getByRole('button', { name: 'Envoyer mon avis' }).click();
    await pane.getByText('Une réponse est nécessaire.').first().waitFor();
    await pane.getByLabel('5 – Excellente').check();
    await pane.getByLabel('Oui').check();
    await pane.getByLabel("Ce que j'ai appris").fill('Comment un dirigeant lit un tableau de bord.');
    await pane.getByRole('button', { name: 'Envoyer mon avis' }).click();
    await pane.getByText(/Merci ! Votre avis est enregistré/).waitFor();
    await expectAccessible(page, 'fr feedback');
    await shoot(page, 'fr-6-feedback');

    await pane.getByRole('tab', { name: 'Formation' }).click();
    await pane.getByTestId('training-document').first().waitFor();
    await expectAccessible(page, 'fr training');
    await shoot(page, 'fr-7-training');
    await page.context().close();
  });

  it('takes the senior mentee through the pane in English, opened straight on a session of their calendar', { timeout: 240_000 }, async () => {
    const { seniorMentee } = await demoPersonas(stack.store.db, 'acme');
    const mine = await sessionsOf(seniorMentee ?? '');
    const ended = mine.find((s) => s.ended);
    if (ended === undefined) throw new Error('the demo seed left no session that has ended');
    const { page, pane } = await openPane('en-GB', /The senior mentee/, new RegExp(`^Session ${ended.session} with`));
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await pane.getByText('Opened on the session in your calendar.').waitFor();
    await pane.getByRole('heading', { name: `Session ${ended.session} with ${ended.partnerName}` }).waitFor();
    await pane.getByTestId('agenda').waitFor();
    await expectAccessible(page, 'en session');
    await shoot(page, 'en-1-session');

    await pane.getByLabel('New note').fill('Ask how the team uses shared notebooks.');
    await pane.getByRole('button', { name: 'Save the note' }).click();
    await pane.getByText('My note (private)', { exact: false }).waitFor();
    await pane.getByRole('button', { name: 'Share', exact: true }).click();
    await pane.getByText('Note shared with your partner.').waitFor();
    await pane.getByLabel('4 – Good').check();
    await pane.getByLabel('Yes').check();
    await pane.getByRole('button', { name: 'Send my feedback' }).click();
    await pane.getByText(/Thank you! Your feedback is saved/).waitFor();
    await shoot(page, 'en-2-feedback');

    await pane.getByRole('tab', { name: 'Home' }).click();
    const open = pane.getByTestId('cohort').filter({ hasText: 'inscriptions ouvertes' });
    await open.getByRole('button', { name: 'I volunteer' }).click();
    await open.getByLabel('Mentee: I want to learn').check();
    await open.getByLabel('Data').check();
    await open.getByLabel('My calendar shows no working hours: I declare them').check();
    await expectAccessible(page, 'en volunteer form');
    await open.getByRole('button', { name: 'Send my answers' }).click();
    await pane.getByText('Thank you! You have volunteered.').waitFor();
    await open.getByRole('button', { name: 'Change my answers' }).click();
    await open.getByLabel('Video call').check();
    await open.getByRole('button', { name: 'Save' }).click();
    await pane.getByText('Your answers are saved.').waitFor();
    await open.getByRole('button', { name: 'Withdraw' }).click();
    await open.getByRole('button', { name: 'Yes, withdraw' }).click();
    await pane.getByText('You have withdrawn.').waitFor();
    await shoot(page, 'en-3-home');

    // The charter, accepted from the keyboard alone.
    // Tab reaches the selected tab; the arrows move between tabs (Fluent's tab list).
    await tabTo(page, pane.getByRole('tab', { name: 'Home' }));
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    const accept = pane.getByRole('button', { name: 'I accept' });
    await accept.waitFor();
    await tabTo(page, accept);
    await page.keyboard.press('Enter');
    await pane.getByText('Thank you: your acceptance is recorded.').waitFor();
    expect(await pane.getByTestId('acceptances').innerText()).toMatch(/\(Mentee\) accepted it on/);
    await expectAccessible(page, 'en pair');
    await shoot(page, 'en-4-pair');
    await page.context().close();
  });

  it('says in French and English that a move did not go through, and names the shared themes by their labels', { timeout: 240_000 }, async () => {
    const { juniorMentor, seniorMentee } = await demoPersonas(stack.store.db, 'acme');
    const coming = (await sessionsOf(juniorMentor ?? '')).filter((s) => !s.ended && s.state === 'booked').at(-1);
    if (coming === undefined) throw new Error('the demo seed left no coming booked session');
    // What the ledger keeps when the calendar never confirmed a move: the session keeps its slot.
    await stack.store.db
      .update(bookings)
      .set({ state: 'failed', failureCode: 'MOVE_NOT_CONFIRMED', failureParams: { attempts: 5 } })
      .where(and(eq(bookings.tenantId, 'acme'), eq(bookings.pairId, coming.pairId), eq(bookings.session, coming.session)));
    const response = await fetch(`${stack.apiUrl}/api/me/pairs/${coming.pairId}`, { headers: { authorization: `Bearer ${await stack.sandbox.issueUserToken(juniorMentor ?? '')}` } });
    const pair = MyPair.parse(await response.json());
    expect(pair.sessions.find((s) => s.session === coming.session)?.lastMove).toMatchObject({ state: 'failed', reason: { code: 'MOVE_NOT_CONFIRMED', params: { attempts: 5 } } });
    const sharedKey = String(pair.reasons.find((r) => r.code === 'SHARED_THEMES')?.params['themes'] ?? '').split(', ')[0] ?? '';
    const label = (language: 'fr' | 'en') => String((messageCatalogue[language]['theme'] as Record<string, string>)[sharedKey]);

    const french = await openPane('fr-FR', /La ou le junior mentor/, null);
    await french.pane.getByRole('tab', { name: 'Séances' }).click();
    await french.pane.getByRole('button', { name: `Ouvrir la séance ${coming.session} avec ${coming.partnerName}` }).click();
    const notice = french.pane.getByTestId('move-failed');
    await notice.waitFor();
    expect(await notice.innerText()).toMatch(/^Le dernier déplacement de cette séance n’a pas abouti : .+ La séance reste au .+\.$/);
    // The meeting is still in both calendars: the badge does not say "not booked".
    await french.pane.getByText('Dans vos agendas (non déplacée)').waitFor();
    await expectAccessible(french.page, 'fr failed move');
    await shoot(french.page, 'fr-7-failed-move');
    await french.pane.getByRole('tab', { name: 'Binôme' }).click();
    const frenchReasons = await french.pane.getByTestId('reasons').innerText();
    expect(frenchReasons).toContain(label('fr'));
    expect(frenchReasons).not.toContain(`: ${sharedKey}`);
    await shoot(french.page, 'fr-8-pair-themes');
    await french.page.context().close();

    const english = await openPane('en-GB', /The senior mentee/, new RegExp(`^Session ${coming.session} with`));
    await english.pane.getByTestId('move-failed').waitFor();
    expect(await english.pane.getByTestId('move-failed').innerText()).toMatch(/^The last move of this session did not go through: .+ The session stays on .+\.$/);
    await english.pane.getByText('In your calendars (not moved)').waitFor();
    await expectAccessible(english.page, 'en failed move');
    await shoot(english.page, 'en-5-failed-move');
    await english.pane.getByRole('tab', { name: 'Pair' }).click();
    expect(await english.pane.getByTestId('reasons').innerText()).toContain(label('en'));
    await expectAccessible(english.page, 'en pair themes');
    await shoot(english.page, 'en-6-pair-themes');
    await english.page.context().close();
    expect(seniorMentee).not.toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AddOnBaseUrl } from '../../addins/gcal/actions.ts';
import { assembleCard, CardTooLargeError, maxWidgetsPerCard, type Card, type Widget } from '../../addins/gcal/card.ts';
import { buildErrorCard } from '../../addins/gcal/cards/error.ts';
import { buildHomeCard } from '../../addins/gcal/cards/home.ts';
import type { CardContext } from '../../addins/gcal/viewer.ts';
import { HomeView } from '../../addins/gcal/view-models.ts';

const base = AddOnBaseUrl.parse('https://binome.example/gcal');
const fr: CardContext = { baseUrl: base, locale: 'fr-FR', timeZone: 'Europe/Paris' };
const en: CardContext = { baseUrl: base, locale: 'en-GB', timeZone: 'America/New_York' };

const hostile = '<script>alert("x")</script> & Co';

/**
 * The card JSON checked independently of the builders' own types: the subset of
 * google.apps.card.v1 we emit, strictly (an unknown or misspelt field fails).
 */
const Text = z.string().min(1);
const Parameter = z.strictObject({ key: z.string().min(1), value: z.string() });
const OnClick = z.union([
  z.strictObject({
    action: z.strictObject({
      function: z.url(),
      parameters: z.array(Parameter),
      loadIndicator: z.enum(['SPINNER', 'NONE']).optional(),
    }),
  }),
  z.strictObject({ openLink: z.strictObject({ url: z.url({ protocol: /^https$/ }) }) }),
]);
const Button = z.strictObject({ text: Text, onClick: OnClick, disabled: z.boolean().optional() });
const KnownIcon = z.strictObject({ knownIcon: z.string().regex(/^[A-Z_]+$/) });
const WidgetSchema = z.union([
  z.strictObject({ textParagraph: z.strictObject({ text: Text }) }),
  z.strictObject({
    decoratedText: z.strictObject({
      topLabel: Text.optional(),
      text: Text,
      bottomLabel: Text.optional(),
      wrapText: z.boolean().optional(),
      startIcon: KnownIcon.optional(),
      button: Button.optional(),
    }),
  }),
  z.strictObject({
    textInput: z.strictObject({
      name: z.string().regex(/^[a-zA-Z]+$/),
      label: Text,
      type: z.enum(['SINGLE_LINE', 'MULTIPLE_LINE']),
      hintText: Text.optional(),
      value: z.string().optional(),
    }),
  }),
  z.strictObject({
    selectionInput: z.strictObject({
      name: z.string().regex(/^[a-zA-Z]+$/),
      label: Text,
      type: z.enum(['CHECK_BOX', 'RADIO_BUTTON', 'SWITCH', 'DROPDOWN']),
      items: z.array(z.strictObject({ text: Text, value: z.string().min(1), selected: z.boolean() })).min(1),
    }),
  }),
  z.strictObject({ buttonList: z.strictObject({ buttons: z.array(Button).min(1) }) }),
  z.strictObject({ divider: z.strictObject({}) }),
]);
const CardSchema = z.strictObject({
  name: z.string().min(1),
  header: z.strictObject({ title: Text, subtitle: Text.optional() }),
  sections: z
    .array(
      z.strictObject({
        header: Text.optional(),
        collapsible: z.boolean().optional(),
        uncollapsibleWidgetsCount: z.number().int().optional(),
        widgets: z.array(WidgetSchema).min(1),
      }),
    )
    .min(1),
});

function widgetsOf(card: Card): Widget[] {
  return card.sections.flatMap((section) => section.widgets);
}

function buttonsOf(card: Card): z.infer<typeof Button>[] {
  return widgetsOf(card).flatMap((widget) => {
    if ('buttonList' in widget) return widget.buttonList.buttons;
    if ('decoratedText' in widget && widget.decoratedText.button !== undefined) return [widget.decoratedText.button];
    return [];
  });
}

/** Everything the host may render as markup: section headers, paragraphs, decorated text. */
function formattedTexts(card: Card): string[] {
  return [
    ...card.sections.flatMap((section) => (section.header === undefined ? [] : [section.header])),
    ...widgetsOf(card).flatMap((widget) => {
      if ('textParagraph' in widget) return [widget.textParagraph.text];
      if ('decoratedText' in widget) return [widget.decoratedText.text];
      return [];
    }),
  ];
}

/** Every string in the card but input values (which are the person's own text, raw). */
function displayedStrings(card: Card): string[] {
  const out: string[] = [];
  const walk = (value: unknown, key: string): void => {
    if (typeof value === 'string') {
      if (key !== 'value') out.push(value);
    } else if (Array.isArray(value)) value.forEach((item) => walk(item, key));
    else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k);
  };
  walk(card, '');
  return out;
}

/** The checks every card must pass, whatever its screen. */
function expectWellFormed(card: Card): void {
  expect(CardSchema.safeParse(card).error?.issues ?? []).toEqual([]);
  expect(widgetsOf(card).length).toBeLessThanOrEqual(maxWidgetsPerCard);
  for (const button of buttonsOf(card)) {
    if ('action' in button.onClick) {
      expect(button.onClick.action.function).toMatch(/^https:\/\/binome\.example\/gcal\/actions\/[a-z-]+$/);
    }
  }
  for (const text of displayedStrings(card)) expect(text).not.toMatch(/<script|<\/script/i);
  for (const text of formattedTexts(card)) {
    // Only the few tags the host understands, and only ours: no stray < or unescaped &.
    expect(text.replace(/<\/?(b|i|br|u)>/g, '')).not.toMatch(/<|>|&(?!(amp|lt|gt|quot|#39);)/);
  }
}

/** What the person reads, with Intl's narrow and no-break spaces written as plain ones. */
function readable(card: Card): string {
  return formattedTexts(card).join('\n').replace(/[\u00a0\u2009\u202f]/g, ' ');
}

function actionOf(card: Card, text: string): { function: string; parameters: { key: string; value: string }[] } {
  const button = buttonsOf(card).find((b) => b.text === text);
  if (button === undefined || !('action' in button.onClick)) throw new Error(`no action button "${text}" on ${card.name}`);
  return button.onClick.action;
}

const ana = { name: 'Ana Martin', email: 'ana.martin@contoso.example', jobTitle: 'Data analyst', department: 'Finance' };
const session = (index: number, start: string, end: string) => ({
  id: `s${index}`,
  index,
  total: 6,
  start,
  end,
  status: 'booked' as const,
  theme: { key: 'ai' },
  meetingUrl: 'https://meet.google.com/abc-defg-hij',
  feedback: 'not-yet' as const,
});

const homeWithPair = HomeView.parse({
  me: { name: 'Bernard Leroy' },
  cohorts: [
    {
      id: 'c1',
      name: 'Pilote 2027',
      role: 'mentee',
      pair: { id: 'p1', partner: ana },
      nextSession: session(2, '2027-02-08T09:00:00Z', '2027-02-08T10:00:00Z'),
    },
  ],
  openCohorts: [],
});

const homeNewcomer = HomeView.parse({
  me: { name: 'Chloé Dubois' },
  cohorts: [],
  openCohorts: [
    { id: 'c2', name: 'Printemps 2027', format: 'classic', sessions: 6, sessionMinutes: 60, start: '2027-03-01', closes: '2027-02-15' },
  ],
});

describe('the home card', () => {
  it('shows my pair and my next session in my time zone, in French', () => {
    const card = buildHomeCard(homeWithPair, fr);
    expectWellFormed(card);
    const texts = readable(card);
    expect(texts).toContain('Bonjour Bernard Leroy !');
    expect(texts).toContain('<b>Ana Martin</b><br>Data analyst · Finance');
    expect(texts).toContain('mentoré·e');
    expect(texts).toContain('lundi 8 février, 10:00 – 11:00 UTC+1');
    expect(card.sections[1]?.header).toBe('Pilote 2027');
    expect(actionOf(card, 'Ouvrir')).toEqual({
      function: 'https://binome.example/gcal/actions/open-session',
      parameters: [{ key: 'sessionId', value: 's2' }],
      loadIndicator: 'SPINNER',
    });
    expect(actionOf(card, 'Notre binôme et le contrat moral').parameters).toEqual([{ key: 'pairId', value: 'p1' }]);
  });

  it('shows the same in English with New York times', () => {
    const card = buildHomeCard(homeWithPair, en);
    expectWellFormed(card);
    const texts = readable(card);
    expect(texts).toContain('Hello Bernard Leroy!');
    expect(texts).toContain('Monday 8 February, 04:00–05:00 GMT-5');
    expect(actionOf(card, 'Open').function).toBe('https://binome.example/gcal/actions/open-session');
  });

  it('invites a newcomer to volunteer for an open cohort', () => {
    const card = buildHomeCard(homeNewcomer, fr);
    expectWellFormed(card);
    const texts = readable(card);
    expect(texts).toContain('Tout repose sur le volontariat');
    expect(texts).toContain('6 séances de 60 min, à partir du lundi 1 mars 2027');
    expect(texts).toContain("Inscriptions jusqu'au lundi 15 février 2027");
    expect(actionOf(card, 'Je me porte volontaire').parameters).toEqual([{ key: 'cohortId', value: 'c2' }]);
  });

  it('says nothing is open when there is no cohort at all', () => {
    const card = buildHomeCard({ me: { name: 'Chloé' }, cohorts: [], openCohorts: [] }, en);
    expectWellFormed(card);
    expect(readable(card)).toContain('No cohort is open right now.');
  });

  it('escapes names from the directory and cohort names from HR', () => {
    const view = HomeView.parse({
      ...homeWithPair,
      me: { name: hostile },
      cohorts: [{ ...homeWithPair.cohorts[0], name: hostile, pair: { id: 'p1', partner: { ...ana, name: hostile, department: 'R&D' } } }],
    });
    const card = buildHomeCard(view, fr);
    expectWellFormed(card);
    const texts = readable(card);
    expect(texts).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    expect(texts).toContain('R&amp;D');
  });
});

describe('the error card', () => {
  it('explains a known code in the viewer language, names the field and offers a way home', () => {
    const card = buildErrorCard({ code: 'SLOT_TAKEN', message: 'slot 2027-02-08T09:00Z is taken', field: 'slot' }, fr);
    expectWellFormed(card);
    const texts = readable(card);
    expect(texts).toContain('Ce créneau vient d’être pris'.replace('’', "'"));
    expect(texts).toContain('Champ concerné : slot');
    expect(texts).toContain('SLOT_TAKEN');
    expect(actionOf(card, 'Accueil').function).toBe('https://binome.example/gcal/actions/home');
  });

  it('falls back to a general sentence for a code it does not know, and escapes the field', () => {
    const card = buildErrorCard({ code: 'SOMETHING_NEW', message: 'x', field: '<b>' }, en);
    expectWellFormed(card);
    const texts = readable(card);
    expect(texts).toContain('Something did not work.');
    expect(texts).toContain('Field concerned: &lt;b&gt;');
  });
});

describe('the widget limit', () => {
  it('refuses a card of more than 100 widgets, naming the card and the count', () => {
    const widgets: Widget[] = Array.from({ length: 101 }, () => ({ divider: {} }));
    expect(() => assembleCard('sessions', { title: 'x' }, [{ widgets }])).toThrow(CardTooLargeError);
    expect(() => assembleCard('sessions', { title: 'x' }, [{ widgets }])).toThrow('card "sessions" has 101 widgets; a card holds at most 100');
    expect(assembleCard('sessions', { title: 'x' }, [{ widgets: widgets.slice(1) }]).sections[0]?.widgets).toHaveLength(100);
  });
});

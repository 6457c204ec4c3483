import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { actionNames, actionParameters, AddOnBaseUrl, type ActionName } from '../../addins/gcal/actions.ts';
import { assembleCard, CardTooLargeError, escapeCardText, maxWidgetsPerCard, type Card, type Widget } from '../../addins/gcal/card.ts';
import { buildErrorCard } from '../../addins/gcal/cards/error.ts';
import { buildFeedbackCard } from '../../addins/gcal/cards/feedback.ts';
import { buildHomeCard } from '../../addins/gcal/cards/home.ts';
import { buildLibraryCard } from '../../addins/gcal/cards/library.ts';
import { buildMoveCard } from '../../addins/gcal/cards/move.ts';
import { buildNoteCard } from '../../addins/gcal/cards/note.ts';
import { buildPairCard } from '../../addins/gcal/cards/pair.ts';
import { buildReaderCard } from '../../addins/gcal/cards/reader.ts';
import { buildSessionCard } from '../../addins/gcal/cards/session.ts';
import { buildSessionsCard } from '../../addins/gcal/cards/sessions.ts';
import { buildVolunteerCard } from '../../addins/gcal/cards/volunteer.ts';
import type { CardContext } from '../../addins/gcal/viewer.ts';
import {
  DocumentView,
  FeedbackFormView,
  HomeView,
  LibraryView,
  MoveView,
  NoteEditorView,
  PairView,
  SessionsView,
  SessionView,
  VolunteerFormView,
} from '../../addins/gcal/view-models.ts';

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
      const { function: url, parameters } = button.onClick.action;
      expect(url).toMatch(/^https:\/\/binome\.example\/gcal\/actions\/[a-z-]+$/);
      // The button carries exactly what its action reads back.
      const name = url.split('/').at(-1) as ActionName;
      expect(actionNames).toContain(name);
      const given = Object.fromEntries(parameters.map((p) => [p.key, p.value]));
      expect(actionParameters[name].strict().safeParse(given).success, `${name} ${JSON.stringify(given)}`).toBe(true);
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

function selectionOf(card: Card, name: string) {
  for (const widget of widgetsOf(card)) if ('selectionInput' in widget && widget.selectionInput.name === name) return widget.selectionInput;
  throw new Error(`no selection input "${name}" on ${card.name}`);
}

function textInputOf(card: Card, name: string) {
  for (const widget of widgetsOf(card)) if ('textInput' in widget && widget.textInput.name === name) return widget.textInput;
  throw new Error(`no text input "${name}" on ${card.name}`);
}

const springCohort = { id: 'c2', name: 'Printemps 2027', format: 'classic', sessions: 6, sessionMinutes: 60, start: '2027-03-01', closes: null };

describe('the volunteer form', () => {
  const view = VolunteerFormView.parse({
    cohort: springCohort,
    themes: [{ key: 'ai' }, { key: 'data' }, { key: 'low-code', label: 'Low-code' }],
    languages: ['fr', 'en', 'es'],
    answers: { role: null, offers: [], wants: ['data'], languages: ['fr'], format: null },
  });

  it('asks role, themes offered and wanted, languages and format, with earlier answers ticked', () => {
    const card = buildVolunteerCard(view, fr);
    expectWellFormed(card);
    expect(selectionOf(card, 'role').items.map((i) => [i.value, i.selected])).toEqual([['mentor', false], ['mentee', false]]);
    expect(selectionOf(card, 'offers').items.map((i) => i.text)).toEqual(['IA générative', 'Données', 'Low-code']);
    expect(selectionOf(card, 'wants').items.filter((i) => i.selected).map((i) => i.value)).toEqual(['data']);
    expect(selectionOf(card, 'languages').items.map((i) => [i.text, i.selected])).toEqual([['Français', true], ['Anglais', false], ['Espagnol', false]]);
    expect(selectionOf(card, 'format').items.find((i) => i.selected)?.value).toBe('either');
    expect(actionOf(card, 'Valider ma candidature')).toMatchObject({
      function: 'https://binome.example/gcal/actions/volunteer',
      parameters: [{ key: 'cohortId', value: 'c2' }],
    });
    expect(card.sections[0]?.header).toBe('Printemps 2027');
  });

  it('speaks English to an English reader', () => {
    const card = buildVolunteerCard(view, en);
    expectWellFormed(card);
    expect(selectionOf(card, 'languages').items.map((i) => i.text)).toEqual(['French', 'English', 'Spanish']);
    expect(selectionOf(card, 'offers').label).toBe('What I can pass on (mentor)');
    expect(readable(card)).toContain('6 sessions of 60 min from Monday, 1 March 2027');
  });
});

const pairView = PairView.parse({
  pairId: 'p1',
  cohort: { id: 'c1', name: 'Pilote 2027' },
  myRole: 'mentee',
  partner: { ...ana, timeZone: 'Europe/Paris' },
  reasons: [
    { code: 'SHARED_THEMES', params: { count: 2, themes: 'ai, social-networks' }, message: '2 shared themes: ai, social-networks' },
    { code: 'DIFFERENT_DEPARTMENTS', params: { mentorDepartment: 'Data & IA', menteeDepartment: 'Finance' }, message: 'different departments: Data & IA / Finance' },
  ],
  charter: {
    goals: ['Utiliser Copilot pour préparer mes comités', 'Comprendre TikTok & Instagram'],
    themes: [{ key: 'ai' }, { key: 'social-networks' }],
    sessions: 6,
    sessionMinutes: 60,
    months: 6,
    acceptedByMe: null,
    acceptedByPartner: '2027-01-05T16:30:00Z',
  },
});

describe('the pair and charter card', () => {
  it('shows my mentor, our goals, themes, rhythm, confidentiality and the right to stop, and lets me accept', () => {
    const card = buildPairCard(pairView, fr);
    expectWellFormed(card);
    const texts = readable(card);
    expect(texts).toContain('Contrat moral');
    expect(texts).toContain('• Utiliser Copilot pour préparer mes comités<br>• Comprendre TikTok &amp; Instagram');
    expect(texts).toContain('IA générative, Réseaux sociaux professionnels');
    expect(texts).toContain('• 2 thèmes en commun : IA générative, Réseaux sociaux professionnels<br>• services différents : Data &amp; IA / Finance');
    expect(texts).toContain('6 séances de 60 minutes sur 6 mois');
    expect(texts).toContain('<b>Confidentialité.</b>');
    expect(texts).toContain("<b>Droit d'arrêter.</b>");
    expect(texts).toContain("Vous ne l'avez pas encore accepté.<br>Votre binôme l'a accepté le mardi 5 janvier 2027.");
    expect(widgetsOf(card).some((w) => 'decoratedText' in w && w.decoratedText.topLabel === 'Votre mentor')).toBe(true);
    expect(actionOf(card, "J'accepte le contrat moral")).toMatchObject({
      function: 'https://binome.example/gcal/actions/accept-charter',
      parameters: [{ key: 'pairId', value: 'p1' }],
    });
  });

  it('offers no accept button once I accepted, and reads in English', () => {
    const card = buildPairCard(PairView.parse({ ...pairView, charter: { ...pairView.charter, acceptedByMe: '2027-01-06T08:00:00Z' } }), en);
    expectWellFormed(card);
    expect(buttonsOf(card).map((b) => b.text)).not.toContain('I accept the charter');
    expect(readable(card)).toContain('You accepted it on Wednesday, 6 January 2027.');
    expect(readable(card)).toContain('<b>Right to stop.</b>');
    expect(readable(card)).toContain('• 2 shared themes: Generative AI, Professional social networks');
  });

  it('escapes goals the pair wrote', () => {
    const card = buildPairCard(PairView.parse({ ...pairView, charter: { ...pairView.charter, goals: [hostile] } }), fr);
    expectWellFormed(card);
    expect(readable(card)).toContain('• &lt;script&gt;');
  });
});

const sessions = [
  session(1, '2027-01-11T09:00:00Z', '2027-01-11T10:00:00Z'),
  { ...session(2, '2027-02-08T09:00:00Z', '2027-02-08T10:00:00Z'), status: 'planned' },
  { ...session(3, '2027-03-29T08:00:00Z', '2027-03-29T09:00:00Z'), status: 'planned' },
];

describe('the sessions card', () => {
  it('lists every session in my time zone, across the change to summer time, each a tap away', () => {
    const card = buildSessionsCard(SessionsView.parse({ pairId: 'p1', partnerName: 'Ana Martin', sessions }), fr);
    expectWellFormed(card);
    const texts = readable(card);
    expect(texts).toContain('Horaires dans votre fuseau horaire : heure d’Europe centrale (Europe/Paris).');
    expect(texts).toContain('lundi 11 janvier, 10:00 – 11:00 UTC+1');
    expect(texts).toContain('lundi 29 mars, 10:00 – 11:00 UTC+2');
    expect(card.sections[0]?.header).toBe('Avec Ana Martin');
    const labels = widgetsOf(card).flatMap((w) => ('decoratedText' in w ? [w.decoratedText.topLabel] : []));
    expect(labels).toEqual(['Séance 1 sur 6 · dans vos agendas', 'Séance 2 sur 6 · à réserver', 'Séance 3 sur 6 · à réserver']);
  });

  it('says when nothing is planned yet, in English', () => {
    const card = buildSessionsCard({ pairId: 'p1', partnerName: 'Ana', sessions: [] }, en);
    expectWellFormed(card);
    expect(readable(card)).toContain('No session is planned yet.');
  });
});

const sessionView = SessionView.parse({
  pairId: 'p1',
  session: { ...session(2, '2027-02-08T09:00:00Z', '2027-02-08T10:00:00Z'), feedback: 'open' },
  partner: ana,
  guide: {
    title: 'Premiers pas avec l’IA générative',
    agenda: [
      { minutes: 10, text: 'Tour de table : ce que chacun·e utilise déjà' },
      { minutes: 35, text: 'Démonstration en direct sur un vrai dossier' },
      { minutes: 15, text: 'Un exercice à faire avant la prochaine séance' },
    ],
  },
  myNote: { text: 'Essayer les prompts "rôle + contexte"\nDemander à Ana pour <Gemini>', shared: false, updatedAt: '2027-02-08T10:05:00Z' },
  partnerNote: { text: 'Bernard veut un modèle de prompt pour ses comités', shared: true, updatedAt: '2027-02-08T10:10:00Z' },
  canMove: true,
});

describe('the session card', () => {
  it('shows when, with whom, the agenda, both notes, and offers move, feedback and the video call', () => {
    const card = buildSessionCard(sessionView, fr);
    expectWellFormed(card);
    expect(card.header).toEqual({ title: 'Séance 2 sur 6', subtitle: 'lundi 8 février 2027' });
    const texts = readable(card);
    expect(texts).toContain('Déroulé proposé : Premiers pas avec l’IA générative');
    expect(texts).toContain('Tour de table : ce que chacun·e utilise déjà');
    expect(texts).toContain('Essayer les prompts &quot;rôle + contexte&quot;<br>Demander à Ana pour &lt;Gemini&gt;');
    expect(texts).toContain('Bernard veut un modèle de prompt pour ses comités');
    expect(actionOf(card, 'Déplacer la séance').parameters).toEqual([{ key: 'sessionId', value: 's2' }]);
    expect(actionOf(card, 'Donner mon avis').function).toBe('https://binome.example/gcal/actions/open-feedback');
    expect(actionOf(card, 'Modifier mes notes').function).toBe('https://binome.example/gcal/actions/save-note'.replace('save-note', 'open-note'));
    const join = buttonsOf(card).find((b) => b.text === 'Rejoindre la visio');
    expect(join?.onClick).toEqual({ openLink: { url: 'https://meet.google.com/abc-defg-hij' } });
  });

  it('hides what does not apply: no guide, no notes, no move, feedback already given (English)', () => {
    const view = SessionView.parse({
      ...sessionView,
      session: { ...sessionView.session, feedback: 'given', meetingUrl: null },
      guide: null,
      myNote: null,
      partnerNote: null,
      canMove: false,
    });
    const card = buildSessionCard(view, en);
    expectWellFormed(card);
    const texts = readable(card);
    expect(texts).toContain('No guide for this session');
    expect(texts).toContain('You have not taken notes for this session yet.');
    expect(texts).toContain('Thank you, your feedback is saved.');
    expect(buttonsOf(card).map((b) => b.text)).toEqual(['Write a note', 'All our sessions']);
  });

  it('never shows a partner note that was not shared', () => {
    const view = SessionView.parse({ ...sessionView, partnerNote: { ...sessionView.partnerNote, shared: false } });
    expect(readable(buildSessionCard(view, fr))).not.toContain('Bernard veut');
  });
});

describe('a session whose last move failed', () => {
  const failed = SessionView.parse({ ...sessionView, failedMove: { code: 'MOVE_NOT_CONFIRMED', params: { attempts: 5 } } });

  it('says the move did not go through and the session keeps its slot, in French and English', () => {
    const french = buildSessionCard(failed, fr);
    expectWellFormed(french);
    expect(readable(french)).toMatch(/Le dernier déplacement de cette séance n’a pas abouti : .+ La séance reste au lundi 8 février, 10:00 – 11:00 UTC\+1\./);
    const english = buildSessionCard(failed, en);
    expect(readable(english)).toMatch(/The last move of this session did not go through: .+ The session stays on Monday 8 February, 04:00\s?–\s?05:00 GMT-5\./);
    expect(readable(buildSessionCard(sessionView, en))).not.toContain('did not go through');
  });
});

describe('the move card', () => {
  const move = MoveView.parse({
    session: session(2, '2027-02-08T09:00:00Z', '2027-02-08T10:00:00Z'),
    partnerName: 'Ana Martin',
    slots: Array.from({ length: 12 }, (_, i) => ({
      start: new Date(Date.UTC(2027, 1, 9 + i, 13)).toISOString(),
      end: new Date(Date.UTC(2027, 1, 9 + i, 14)).toISOString(),
    })),
  });

  it('lists the proposed slots in my zone, the first one chosen, and moves to the one I pick', () => {
    const card = buildMoveCard(move, fr);
    expectWellFormed(card);
    const slot = selectionOf(card, 'slot');
    expect(slot.type).toBe('RADIO_BUTTON');
    expect(slot.items).toHaveLength(10);
    expect(slot.items[0]).toEqual({ text: expect.stringMatching(/^mardi 9 février, 14:00\s–\s15:00 UTC\+1$/), value: '2027-02-09T13:00:00.000Z', selected: true });
    expect(readable(card)).toContain('où vous et Ana Martin êtes libres tous les deux');
    expect(actionOf(card, 'Déplacer à ce créneau')).toMatchObject({
      function: 'https://binome.example/gcal/actions/move-session',
      parameters: [{ key: 'sessionId', value: 's2' }],
    });
  });

  it('says how few slots suit both when fewer than asked came back, in French and English', () => {
    const fewer = { ...move, slots: move.slots.slice(0, 2), note: { code: 'FEWER_SLOTS', params: { found: 2, asked: 5, session: 2, from: '2027-02-09T00:00:00.000Z', to: '2027-04-30T00:00:00.000Z' } } };
    const french = buildMoveCard(fewer, fr);
    expectWellFormed(french);
    expect(readable(french)).toContain('Seuls 2 créneaux vous conviennent à tous les deux d’ici la fin de la cohorte (sur les 5 cherchés).');
    expect(readable(buildMoveCard({ ...fewer, slots: move.slots.slice(0, 1), note: { ...fewer.note, params: { ...fewer.note.params, found: 1 } } }, en))).toContain(
      'Only one slot suits you both before the cohort ends (of the 5 sought).',
    );
  });

  it('says so when no common slot exists, with no move button', () => {
    const card = buildMoveCard({ ...move, slots: [] }, en);
    expectWellFormed(card);
    expect(readable(card)).toContain('No common free time was found in the coming weeks. Suggest another time to Ana Martin directly.');
    expect(buttonsOf(card).map((b) => b.text)).toEqual(['Back to the session']);
  });
});

describe('the note editor', () => {
  const raw = 'Essayer "rôle + contexte" & <Gemini>\nÀ suivre';
  const view = NoteEditorView.parse({
    session: session(2, '2027-02-08T09:00:00Z', '2027-02-08T10:00:00Z'),
    note: { text: raw, shared: true, updatedAt: '2027-02-08T10:05:00Z' },
  });

  it('puts my note back in the field exactly as I wrote it, with the sharing box as I left it', () => {
    const card = buildNoteCard(view, fr);
    expectWellFormed(card);
    expect(textInputOf(card, 'note')).toMatchObject({ type: 'MULTIPLE_LINE', value: raw, label: 'Notes' });
    expect(selectionOf(card, 'shared').items).toEqual([{ text: 'Partager avec mon binôme', value: 'yes', selected: true }]);
    expect(readable(card)).toContain('Les RH ne les voient jamais.');
    expect(actionOf(card, 'Enregistrer')).toMatchObject({ function: 'https://binome.example/gcal/actions/save-note', parameters: [{ key: 'sessionId', value: 's2' }] });
  });

  it('starts empty and private for a first note, in English', () => {
    const card = buildNoteCard({ ...view, note: null }, en);
    expectWellFormed(card);
    expect(textInputOf(card, 'note').value).toBeUndefined();
    expect(selectionOf(card, 'shared').items[0]).toEqual({ text: 'Share with my pair partner', value: 'yes', selected: false });
  });
});

describe('the feedback form', () => {
  const view = FeedbackFormView.parse({ session: session(2, '2027-02-08T09:00:00Z', '2027-02-08T10:00:00Z'), partnerName: hostile });

  it('asks satisfaction from 5 to 1, recommendation, what I learnt and anything else', () => {
    const card = buildFeedbackCard(view, fr);
    expectWellFormed(card);
    expect(selectionOf(card, 'satisfaction').items.map((i) => i.value)).toEqual(['5', '4', '3', '2', '1']);
    expect(selectionOf(card, 'satisfaction').items[0]?.text).toBe('5 – Excellente');
    expect(selectionOf(card, 'recommend').items.map((i) => [i.text, i.value])).toEqual([['Oui', 'yes'], ['Non', 'no']]);
    expect(textInputOf(card, 'learnt').label).toBe("Ce que j'ai appris");
    expect(textInputOf(card, 'comment').type).toBe('MULTIPLE_LINE');
    expect(readable(card)).toContain('la séance avec &lt;script&gt;');
    expect(actionOf(card, 'Envoyer mon avis').function).toBe('https://binome.example/gcal/actions/send-feedback');
  });

  it('reads in English', () => {
    const card = buildFeedbackCard(view, en);
    expectWellFormed(card);
    expect(selectionOf(card, 'recommend').label).toBe('Would you recommend reverse mentoring to a colleague?');
  });
});

describe('the library and the reader', () => {
  it('lists training modules and per-theme guides, each opening the reader at page 1', () => {
    const library = LibraryView.parse({
      training: [{ id: 't1', title: 'Le rôle de mentor en 10 minutes', minutes: 10 }],
      guides: [{ id: 'g-ai', theme: { key: 'ai' }, title: 'Premiers pas avec l’IA générative' }],
    });
    const card = buildLibraryCard(library, fr);
    expectWellFormed(card);
    expect(readable(card)).toContain('Se préparer au rôle de mentor');
    expect(actionOf(card, 'Lire').parameters).toEqual([{ key: 'documentId', value: 't1' }, { key: 'page', value: '1' }]);
    expect(widgetsOf(card).some((w) => 'decoratedText' in w && w.decoratedText.topLabel === 'IA générative')).toBe(true);
  });

  it('pages a catalogue too long for one card instead of dropping entries', () => {
    const library = LibraryView.parse({
      training: [],
      guides: Array.from({ length: 150 }, (_, i) => ({ id: `g${i}`, theme: { key: 'data' }, title: `Guide ${i}` })),
    });
    const titles: string[] = [];
    for (let page = 1; page <= 4; page += 1) {
      const card = buildLibraryCard(library, en, page);
      expectWellFormed(card);
      titles.push(...widgetsOf(card).flatMap((w) => ('decoratedText' in w ? [w.decoratedText.text] : [])));
      expect(card.header.subtitle).toBe(`Page ${page} of 4`);
    }
    expect(titles).toEqual(library.guides.map((g) => g.title));
  });

  const longDocument = DocumentView.parse({
    id: 'g-ai',
    kind: 'guide',
    title: 'Premiers pas avec l’IA générative',
    sections: [
      { heading: 'Avant la séance', paragraphs: Array.from({ length: 120 }, (_, i) => `Conseil ${i + 1}`) },
      { heading: hostile, paragraphs: ['Dernier mot'] },
    ],
  });

  it('pages a long document, every page under the widget limit, no paragraph lost', () => {
    const first = buildReaderCard(longDocument, fr);
    expectWellFormed(first);
    expect(first.header).toEqual({ title: 'Guide de séance', subtitle: 'Page 1 sur 5' });
    expect(buttonsOf(first).map((b) => b.text)).toEqual(['Page suivante', 'Formation et guides']);
    expect(actionOf(first, 'Page suivante').parameters).toEqual([{ key: 'documentId', value: 'g-ai' }, { key: 'page', value: '2' }]);
    const read: string[] = [];
    for (let page = 1; page <= 5; page += 1) {
      const card = buildReaderCard(longDocument, fr, page);
      expectWellFormed(card);
      read.push(...widgetsOf(card).flatMap((w) => ('textParagraph' in w ? [w.textParagraph.text] : [])));
    }
    expect(read.filter((text) => text.startsWith('Conseil'))).toHaveLength(120);
    const last = buildReaderCard(longDocument, fr, 5);
    expect(last.sections.map((s) => s.header)).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    expect(buttonsOf(last).map((b) => b.text)).toEqual(['Page précédente', 'Formation et guides']);
  });

  it('keeps a section heading on the page where its paragraphs continue, and clamps a page out of range', () => {
    const second = buildReaderCard(longDocument, en, 2);
    expect(second.sections[0]?.header).toBe('Avant la séance');
    expect(buildReaderCard(longDocument, en, 99).header.subtitle).toBe('Page 5 of 5');
  });
});

describe('escaping any text a person can type', () => {
  const decode = (html: string) =>
    html.replace(/&(lt|gt|quot|#39|amp);/g, (_, name: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[name] ?? '');
  const anyText = fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }).filter((text) => text.trim() !== '');

  it('gives back exactly what was typed once the host decodes it', () => {
    fc.assert(fc.property(anyText, (text) => decode(escapeCardText(text)) === text), { seed: 20270111, numRuns: 500 });
  });

  it('never lets a name, a note or a goal be read as markup, on any card', () => {
    fc.assert(
      fc.property(anyText, anyText, (name, note) => {
        const home = HomeView.parse({ ...homeWithPair, me: { name }, cohorts: [{ ...homeWithPair.cohorts[0], name: note, pair: { id: 'p1', partner: { ...ana, name } } }] });
        expectWellFormed(buildHomeCard(home, fr));
        const view = SessionView.parse({ ...sessionView, partner: { ...ana, name, jobTitle: note }, myNote: { ...sessionView.myNote, text: note } });
        expectWellFormed(buildSessionCard(view, en));
        expectWellFormed(buildPairCard(PairView.parse({ ...pairView, charter: { ...pairView.charter, goals: [note] } }), fr));
      }),
      { seed: 20270208, numRuns: 150 },
    );
  });
});

describe('the two languages', () => {
  /** A card with its words taken out: what the person can do, whatever language they read. */
  function shape(card: Card): unknown {
    return card.sections.map((section) =>
      section.widgets.map((widget) => {
        const [kind] = Object.keys(widget);
        const actions = buttonsOf({ ...card, sections: [{ widgets: [widget] }] }).map((b) => b.onClick);
        const fields = 'selectionInput' in widget ? widget.selectionInput.items.map((item) => [item.value, item.selected]) : [];
        return { kind, actions, fields };
      }),
    );
  }

  it('give every screen the same widgets, choices and actions in French and in English', () => {
    const builds: [string, (context: CardContext) => Card][] = [
      ['home', (c) => buildHomeCard(homeWithPair, c)],
      ['newcomer', (c) => buildHomeCard(homeNewcomer, c)],
      ['pair', (c) => buildPairCard(pairView, c)],
      ['sessions', (c) => buildSessionsCard(SessionsView.parse({ pairId: 'p1', partnerName: 'Ana', sessions }), c)],
      ['session', (c) => buildSessionCard(sessionView, c)],
      ['feedback', (c) => buildFeedbackCard(FeedbackFormView.parse({ session: sessionView.session, partnerName: 'Ana' }), c)],
      ['error', (c) => buildErrorCard({ code: 'NO_COMMON_SLOT', message: 'x', field: 'slot' }, c)],
    ];
    for (const [name, build] of builds) {
      expect(shape(build({ ...en, timeZone: 'Europe/Paris' })), name).toEqual(shape(build(fr)));
    }
  });
});

/**
 * Generates the demo tenant (fixtures/demo) and the small trap tenants the
 * tests use (fixtures/test), deterministically: a seeded generator and fixed
 * dates, so `npm run demo-tenant` rewrites the checked-in files byte for byte.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Temporal } from 'temporal-polyfill';
import { TenantFixture } from '../src/model/fixture.ts';
import type { FixturePerson } from '../src/model/fixture.ts';
import { defaultThemes } from '../src/model/schema.ts';
import type { MeetingFormat, Platform, SpanHours, Weekday } from '../src/model/schema.ts';
import { seededRandom } from '../src/model/seeded-random.ts';

export interface GeneratedFile {
  /** Relative to the repository root. */
  path: string;
  content: string;
}

type Busy = FixturePerson['busy'][number];

/** Seeded draws for the fixtures: the same seed writes the same files, byte for byte. */
class Random {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = seededRandom(seed);
  }
  int(low: number, high: number): number {
    return low + Math.floor(this.next() * (high - low + 1));
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  sample<T>(items: readonly T[], n: number): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy.slice(0, n);
  }
}

const workweek: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];
const busyFrom = Temporal.PlainDate.from('2027-01-04');
const busyWeeks = 30; // Monday 2027-01-04 to the week ending 2027-07-31

interface Office {
  name: string;
  zone: string;
  flavour: 'fr' | 'qc' | 'sg' | 'uk' | 'us';
}
const offices: Record<string, Office> = {
  Paris: { name: 'Paris', zone: 'Europe/Paris', flavour: 'fr' },
  Lyon: { name: 'Lyon', zone: 'Europe/Paris', flavour: 'fr' },
  Nantes: { name: 'Nantes', zone: 'Europe/Paris', flavour: 'fr' },
  Montréal: { name: 'Montréal', zone: 'America/Toronto', flavour: 'qc' },
  Singapour: { name: 'Singapour', zone: 'Asia/Singapore', flavour: 'sg' },
  Londres: { name: 'Londres', zone: 'Europe/London', flavour: 'uk' },
  'New York': { name: 'New York', zone: 'America/New_York', flavour: 'us' },
};

const firstNames: Record<Office['flavour'], { f: string[]; m: string[] }> = {
  fr: {
    f: ['Amélie', 'Élodie', 'Hélène', 'Léa', 'Chloé', 'Inès', 'Maëlle', 'Noémie', 'Zoé', 'Célia', 'Anaïs', 'Séverine', 'Cécile', 'Mélanie', 'Camille', 'Manon', 'Lucie', 'Agnès', 'Solène', 'Margaux', 'Clémence', 'Oriane', 'Bérénice', 'Jeanne', 'Gaëlle', 'Héloïse', 'Léna', 'Sarah', 'Nadia', 'Yasmine'],
    m: ['Jérôme', 'Frédéric', 'Stéphane', 'Grégoire', 'Théo', 'Mathéo', 'Loïc', 'Gaël', 'Raphaël', 'Benoît', 'Clément', 'Aurélien', 'Gaëtan', 'François', 'Noël', 'Hugo', 'Louis', 'Mehdi', 'Thibault', 'Rémi', 'Antoine', 'Julien', 'Étienne', 'Bastien', 'Adrien', 'Karim', 'Maxime', 'Quentin', 'Éric', 'Nicolas'],
  },
  qc: { f: ['Geneviève', 'Marie-Ève', 'Émilie', 'Catherine', 'Josée'], m: ['Jean-François', 'Mathieu', 'Sébastien', 'Félix', 'Olivier'] },
  sg: { f: ['Wei Ling', 'Mei Xin', 'Siti', 'Priya', 'Hui Min'], m: ['Jun Jie', 'Arjun', 'Wei Ming', 'Hafiz', 'Darren'] },
  uk: { f: ['Emily', 'Charlotte', 'Olivia', 'Hannah'], m: ['James', 'Oliver', 'Harry', 'George'] },
  us: { f: ['Jessica', 'Ashley', 'Maria', 'Lauren'], m: ['Michael', 'Robert', 'Daniel', 'Carlos'] },
};
const lastNames: Record<Office['flavour'], string[]> = {
  fr: ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefèvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Morel', 'Girard', 'André', 'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'François', 'Legrand', 'Garnier', 'Faure', 'Rousseau', 'Blanc', 'Guérin', 'Muller', 'Henry', 'Perrin', 'Morin', 'Mathieu', 'Clément', 'Gauthier', 'Fontaine', 'Chevalier', 'Robin', 'Masson', 'Gérard', 'Nguyen', 'Boyer', 'Lemaire', 'Duval', 'Joly', 'Noël', 'Meyer', 'Lucas', 'Pérez', 'Marchand', 'Dufour', 'Barbier', 'Brunet', 'Leroux', 'Renard', 'Arnaud', 'Caron', 'Giraud', 'Leclerc', 'Vidal', 'Bourgeois', 'Lemoine', 'Picard', 'Fabre', 'Rivière', 'Le Gall', 'Ménard', 'Prévost', 'Carré', 'Rémy', 'Benhamou', 'Diallo', "D'Almeida", 'Da Silva'],
  qc: ['Tremblay', 'Gagnon', 'Côté', 'Bouchard', 'Lévesque', 'Pelletier', 'Bélanger', 'Gauthier'],
  sg: ['Tan', 'Lim', 'Lee', 'Ng', 'Wong', 'Goh', 'Chua', 'Rahman', 'Nair'],
  uk: ['Smith', 'Jones', 'Taylor', 'Brown', 'Wilson'],
  us: ['Johnson', 'Williams', 'Rodriguez', 'Miller', 'Davis'],
};

type Gendered = readonly [string, string];
const departments: Record<string, { label: string; titles: Gendered[] }> = {
  Finance: { label: 'Finance', titles: [['Contrôleur de gestion', 'Contrôleuse de gestion'], ['Comptable', 'Comptable'], ['Analyste financier', 'Analyste financière']] },
  Ventes: { label: 'Ventes', titles: [['Commercial', 'Commerciale'], ['Chargé de clientèle', 'Chargée de clientèle'], ['Ingénieur commercial', 'Ingénieure commerciale']] },
  Marketing: { label: 'Marketing', titles: [['Chef de produit', 'Cheffe de produit'], ['Chargé de communication', 'Chargée de communication'], ['Community manager', 'Community manager']] },
  RH: { label: 'RH', titles: [['Chargé de recrutement', 'Chargée de recrutement'], ['Gestionnaire paie', 'Gestionnaire paie'], ['Chargé de formation', 'Chargée de formation']] },
  IT: { label: 'IT', titles: [['Développeur', 'Développeuse'], ['Administrateur systèmes', 'Administratrice systèmes'], ['Technicien support', 'Technicienne support']] },
  Opérations: { label: 'Opérations', titles: [['Planificateur', 'Planificatrice'], ['Acheteur', 'Acheteuse'], ['Logisticien', 'Logisticienne']] },
  Juridique: { label: 'Juridique', titles: [['Juriste', 'Juriste'], ['Paralégal', 'Paralégale']] },
  Data: { label: 'Data', titles: [['Data scientist', 'Data scientist'], ['Data engineer', 'Data engineer'], ['Data analyst', 'Data analyst']] },
};

const teams: { department: string; name: string; office: string }[] = [
  { department: 'Finance', name: 'Contrôle de gestion', office: 'Paris' },
  { department: 'Finance', name: 'Comptabilité', office: 'Nantes' },
  { department: 'Ventes', name: 'Grands comptes', office: 'Paris' },
  { department: 'Ventes', name: 'Régions', office: 'Lyon' },
  { department: 'Ventes', name: 'Amérique du Nord', office: 'Montréal' },
  { department: 'Ventes', name: 'Asie-Pacifique', office: 'Singapour' },
  { department: 'Ventes', name: 'États-Unis', office: 'New York' },
  { department: 'Marketing', name: 'Marque et contenus', office: 'Paris' },
  { department: 'Marketing', name: 'Marketing digital', office: 'Londres' },
  { department: 'RH', name: 'Recrutement', office: 'Paris' },
  { department: 'RH', name: 'Formation et carrières', office: 'Lyon' },
  { department: 'IT', name: 'Développement', office: 'Nantes' },
  { department: 'IT', name: 'Infrastructure', office: 'Paris' },
  { department: 'IT', name: 'Support Amériques', office: 'Montréal' },
  { department: 'Opérations', name: 'Logistique', office: 'Lyon' },
  { department: 'Opérations', name: 'Achats', office: 'Paris' },
  { department: 'Opérations', name: 'Opérations Asie', office: 'Singapour' },
  { department: 'Juridique', name: 'Contrats', office: 'Paris' },
  { department: 'Data', name: 'Data et IA', office: 'Paris' },
  { department: 'Data', name: 'Analytique', office: 'Nantes' },
];

const meetingSubjects = [
  'Revue de projet',
  'Point client',
  'Atelier',
  'Revue budgétaire',
  'Comité de pilotage',
  'Entretien de recrutement',
  'Réunion fournisseur',
  'Démo produit',
  'Point hebdo',
  'Formation',
  'Déjeuner d’équipe',
  'Point 1:1',
];

interface Draft {
  person: FixturePerson;
  level: 'ceo' | 'director' | 'manager' | 'staff';
  junior: boolean;
  team: number | null;
}

/** Names, ids and emails handed out once each. */
class Roster {
  private readonly emails = new Set<string>();
  /** Full name to the email's local part, built from first and last name so hyphens and spaces stay unambiguous. */
  private readonly localParts = new Map<string, string>();
  readonly drafts: Draft[] = [];
  constructor(
    private readonly random: Random,
    private readonly domain: string,
  ) {}

  name(flavour: Office['flavour']): { name: string; female: boolean } {
    for (let attempt = 0; attempt < 1000; attempt++) {
      const female = this.random.chance(0.5);
      const pool = firstNames[flavour];
      const first = this.random.pick(female ? pool.f : pool.m);
      const last = this.random.pick(lastNames[flavour]);
      const name = `${first} ${last}`;
      if (!this.localParts.has(name)) {
        this.localParts.set(name, `${slug(first)}.${slug(last)}`);
        return { name, female };
      }
    }
    throw new Error(`ran out of ${flavour} names`);
  }

  email(name: string): string {
    const base = this.localParts.get(name) ?? slug(name);
    let email = `${base}@${this.domain}`;
    for (let n = 2; this.emails.has(email); n++) email = `${base}${n}@${this.domain}`;
    this.emails.add(email);
    return email;
  }

  add(draft: Omit<Draft, 'person'> & { person: Omit<FixturePerson, 'id' | 'email' | 'busy'> }): Draft {
    const id = `u${String(this.drafts.length + 1).padStart(3, '0')}`;
    const full: Draft = { ...draft, person: { id, email: this.email(draft.person.name), ...draft.person, busy: [] } };
    this.drafts.push(full);
    return full;
  }
}

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/\s+/g, '-');
}

function isoDate(random: Random, fromYear: number, toYear: number, latest = '2026-12-15'): string {
  for (;;) {
    const date = `${random.int(fromYear, toYear)}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
    if (date <= latest) return date;
  }
}

function languagesFor(random: Random, office: Office): string[] {
  switch (office.flavour) {
    case 'fr': {
      if (random.chance(0.15)) return ['fr'];
      const extra = random.chance(0.12) ? [random.pick(['es', 'de', 'it'])] : [];
      return ['fr', 'en', ...extra];
    }
    case 'qc':
      return ['fr', 'en'];
    case 'sg':
      return random.chance(0.5) ? ['en', 'zh'] : ['en'];
    case 'uk':
      return random.chance(0.3) ? ['en', 'fr'] : ['en'];
    case 'us':
      return random.chance(0.4) ? ['en', 'es'] : ['en'];
  }
}

function hoursFor(random: Random, office: Office): SpanHours {
  if (office.flavour === 'qc' || office.flavour === 'us') return { days: workweek, start: '09:00', end: '17:00' };
  const roll = random.next();
  if (roll < 0.1) {
    const days: Weekday[] = random.chance(0.5) ? ['mon', 'tue', 'wed', 'thu'] : ['tue', 'wed', 'thu', 'fri'];
    return { days, start: '09:00', end: '17:00' };
  }
  if (roll < 0.3) return { days: workweek, start: '08:00', end: '17:00' };
  return { days: workweek, start: '09:00', end: '18:00' };
}

function at(date: Temporal.PlainDate, time: string, zone: string): Temporal.ZonedDateTime {
  return date.toZonedDateTime({ timeZone: zone, plainTime: Temporal.PlainTime.from(time) });
}

function busy(start: Temporal.ZonedDateTime, minutes: number, subject: string, viewerZone: string): Busy {
  const s = start.withTimeZone(viewerZone);
  return {
    start: s.toString({ timeZoneName: 'never', smallestUnit: 'second' }),
    end: s.add({ minutes }).toString({ timeZoneName: 'never', smallestUnit: 'second' }),
    subject,
  };
}

const dayIndex: Record<Weekday, number> = { mon: 0, tue: 1, wed: 2, thu: 3, fri: 4, sat: 5, sun: 6 };

function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Random meetings inside a person's own working hours, on their working days. */
function randomMeetings(random: Random, p: FixturePerson, monday: Temporal.PlainDate, count: number): Busy[] {
  const out: Busy[] = [];
  // The demo tenants' people work one span a day.
  const hours = p.workingHours;
  if (hours === undefined || !('days' in hours)) return out;
  const open = minutesOf(hours.start);
  const close = minutesOf(hours.end);
  for (let k = 0; k < count; k++) {
    const day = random.pick(hours.days);
    const minutes = random.pick([30, 60, 60, 60, 90, 120]);
    const slots = Math.floor((close - open - minutes) / 30);
    if (slots < 0) continue;
    const start = open + 30 * random.int(0, slots);
    const date = monday.add({ days: dayIndex[day] });
    out.push(busy(at(date, clock(start), p.timeZone), minutes, random.pick(meetingSubjects), p.timeZone));
  }
  return out;
}

function holiday(p: FixturePerson, monday: Temporal.PlainDate): Busy {
  const start = at(monday, '00:00', p.timeZone);
  const end = at(monday.add({ days: 5 }), '00:00', p.timeZone);
  return {
    start: start.toString({ timeZoneName: 'never', smallestUnit: 'second' }),
    end: end.toString({ timeZoneName: 'never', smallestUnit: 'second' }),
    subject: 'Congés',
  };
}

function weeks(): Temporal.PlainDate[] {
  return Array.from({ length: busyWeeks }, (_, w) => busyFrom.add({ weeks: w }));
}

interface DemoTenant {
  fixture: TenantFixture;
  enrolmentsCsv: string;
  scenario: Record<string, unknown>;
}

/** Who the demo company is: the same people and calendars serve a Microsoft and a Google tenant. */
interface Company {
  id: string;
  name: string;
  domain: string;
  platform: Platform;
}
const lumen: Company = { id: 'lumen', name: 'Lumen Groupe', domain: 'lumen.example', platform: 'microsoft' };
/** The Google demo: Lumen's people under another name and domain, served by the Google facade. */
const orea: Company = { id: 'orea', name: 'Oréa Conseil', domain: 'orea.example', platform: 'google' };

export function buildDemoTenant(seed = 20270104, company: Company = lumen): DemoTenant {
  const random = new Random(seed);
  const domain = company.domain;
  const roster = new Roster(random, domain);
  const paris = offices.Paris as Office;

  const ceoName = roster.name('fr');
  const ceo = roster.add({
    level: 'ceo',
    junior: false,
    team: null,
    person: {
      name: ceoName.name,
      jobTitle: ceoName.female ? 'Présidente-directrice générale' : 'Président-directeur général',
      department: 'Direction générale',
      office: 'Paris',
      hireDate: '2006-03-01',
      timeZone: paris.zone,
      languages: ['fr', 'en'],
      workingHours: { days: workweek, start: '08:00', end: '18:00' },
    },
  });

  const directors = new Map<string, Draft>();
  for (const [key, dept] of Object.entries(departments)) {
    const n = roster.name('fr');
    directors.set(
      key,
      roster.add({
        level: 'director',
        junior: false,
        team: null,
        person: {
          name: n.name,
          jobTitle: `${n.female ? 'Directrice' : 'Directeur'} ${dept.label}`,
          department: key,
          office: 'Paris',
          hireDate: isoDate(random, 2004, 2016),
          managerId: ceo.person.id,
          timeZone: paris.zone,
          languages: random.chance(0.25) ? ['fr', 'en', 'es'] : ['fr', 'en'],
          workingHours: { days: workweek, start: '08:00', end: '18:00' },
        },
      }),
    );
  }

  const managers: Draft[] = [];
  teams.forEach((team, t) => {
    const office = offices[team.office] as Office;
    const director = directors.get(team.department) as Draft;
    const n = roster.name(office.flavour);
    const asiaLead = team.name === 'Asie-Pacifique';
    managers.push(
      roster.add({
        level: 'manager',
        junior: false,
        team: t,
        person: {
          name: n.name,
          jobTitle: `Responsable ${team.name}`,
          department: team.department,
          office: office.name,
          hireDate: isoDate(random, 2008, 2020),
          managerId: director.person.id,
          timeZone: office.zone,
          // Trap: works late to reach the Americas, and still barely overlaps Montréal.
          languages: asiaLead ? ['en'] : office.flavour === 'fr' ? ['fr', 'en'] : languagesFor(random, office),
          workingHours: asiaLead ? { days: workweek, start: '11:00', end: '20:00' } : hoursFor(random, office),
        },
      }),
    );
  });

  teams.forEach((team, t) => {
    const office = offices[team.office] as Office;
    const manager = managers[t] as Draft;
    const size = random.int(4, 8);
    for (let k = 0; k < size; k++) {
      const junior = k === 0 || random.chance(0.4);
      const n = roster.name(office.flavour);
      const title = random.pick((departments[team.department] as { titles: Gendered[] }).titles);
      const earlyBird = team.name === 'Support Amériques' && k === 0;
      roster.add({
        level: 'staff',
        junior,
        team: t,
        person: {
          name: n.name,
          jobTitle: n.female ? title[1] : title[0],
          department: team.department,
          office: office.name,
          hireDate: junior ? isoDate(random, 2024, 2026) : isoDate(random, 2008, 2022),
          managerId: manager.person.id,
          timeZone: office.zone,
          languages: languagesFor(random, office),
          workingHours: earlyBird ? { days: workweek, start: '06:00', end: '15:00' } : hoursFor(random, office),
        },
      });
    }
  });

  addCalendars(random, roster.drafts, ceo, [...directors.values()], managers);
  const people = roster.drafts.map((d) => d.person);
  // HR, as a directory group: a tenant may name it as `hr.groupId` (Graph checkMemberGroups, Google members.hasMember).
  const hr = roster.drafts.filter((d) => d.person.department === departments['RH']?.label).map((d) => d.person.id);
  const fixture: TenantFixture = {
    tenant: { id: company.id, name: company.name, domain, platform: company.platform },
    people,
    groups: [{ id: 'rh', name: 'Ressources humaines', members: hr }],
  };
  const enrolmentsCsv = demoEnrolments(random, roster.drafts, managers, domain);
  const scenario = {
    fixture: 'tenant.json',
    enrolments: 'enrolments.csv',
    now: '2027-01-04T08:00:00Z',
    cohort: { name: 'Pilote 2027', format: 'classic', sessions: 6, sessionMinutes: 60, start: '2027-01-11', weeks: 26 },
    sandbox: { latencyMs: 5 },
  };
  return { fixture, enrolmentsCsv, scenario };
}

function addCalendars(random: Random, drafts: Draft[], ceo: Draft, directors: Draft[], managers: Draft[]): void {
  const byTeam = new Map<number, Draft[]>();
  for (const d of drafts) if (d.level === 'staff' && d.team !== null) byTeam.set(d.team, [...(byTeam.get(d.team) ?? []), d]);
  const teamSlots = managers.map(() => ({ day: random.int(0, 4), time: random.pick(['09:30', '10:00', '11:00', '14:00']) }));
  const holidays = new Map<string, number[]>(
    drafts.map((d) => [d.person.id, [random.chance(0.5) ? random.int(5, 9) : -1, random.chance(0.6) ? random.int(26, 29) : -1]]),
  );
  const perWeek: Record<Draft['level'], [number, number]> = { ceo: [10, 14], director: [6, 10], manager: [3, 6], staff: [0, 2] };

  weeks().forEach((monday, w) => {
    for (const d of [ceo, ...directors]) {
      d.person.busy.push(busy(at(monday, '09:00', 'Europe/Paris'), 90, 'Comité de direction', d.person.timeZone));
    }
    managers.forEach((manager, t) => {
      const slot = teamSlots[t] as { day: number; time: string };
      const start = at(monday.add({ days: slot.day }), slot.time, manager.person.timeZone);
      for (const d of [manager, ...(byTeam.get(t) ?? [])]) d.person.busy.push(busy(start, 60, 'Point d’équipe', d.person.timeZone));
      const director = directors.find((x) => x.person.id === manager.person.managerId);
      if (director !== undefined && w % 2 === 0) {
        const review = at(monday.add({ days: 1 }), '15:00', 'Europe/Paris');
        for (const d of [director, manager]) d.person.busy.push(busy(review, 60, 'Revue de département', d.person.timeZone));
      }
    });
    for (const d of drafts) {
      const off = holidays.get(d.person.id) ?? [];
      if (off.includes(w)) {
        d.person.busy.push(holiday(d.person, monday));
        continue;
      }
      const [low, high] = perWeek[d.level];
      d.person.busy.push(...randomMeetings(random, d.person, monday, random.int(low, high)));
    }
  });
  for (const d of drafts) d.person.busy.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
}

interface Row {
  email: string;
  role: string;
  offers: string[];
  wants: string[];
  languages: string[];
  format: string;
}

/** Themes kept for the Singapore and Montréal trap, so that their pairing has no easy way out. */
const trapThemes = ['e-commerce', 'mobile-apps'];

function demoEnrolments(random: Random, drafts: Draft[], managers: Draft[], domain: string): string {
  const common = defaultThemes.filter((t) => !trapThemes.includes(t));
  const formats: MeetingFormat[] = ['video', 'video', 'either', 'either', 'in-person'];
  const byName = (team: string): Draft => managers[teams.findIndex((t) => t.name === team)] as Draft;
  const teamIndex = (team: string): number => teams.findIndex((t) => t.name === team);

  const dataLead = byName('Data et IA');
  const dataJunior = drafts.find((d) => d.team === teamIndex('Data et IA') && d.level === 'staff' && d.junior) as Draft;
  const asiaLead = byName('Asie-Pacifique');
  const earlyBird = drafts.find((d) => d.team === teamIndex('Support Amériques') && d.level === 'staff') as Draft;
  const frenchOnly = drafts.find((d) => d.level === 'staff' && d.junior && d.person.office === 'Nantes' && d !== dataJunior) as Draft;
  const usLead = byName('États-Unis');
  const traps = new Set([dataLead, dataJunior, asiaLead, earlyBird, frenchOnly, usLead]);

  const rows: Row[] = [
    // Trap: a manager and their own report, both volunteering on matching themes.
    { email: dataLead.person.email, role: 'mentee', offers: [], wants: ['ai', 'data'], languages: ['fr', 'en'], format: 'either' },
    { email: dataJunior.person.email, role: 'mentor', offers: ['ai', 'data', 'automation'], wants: [], languages: ['fr', 'en'], format: 'either' },
    // Trap: Singapore (11:00-20:00) and an early bird in Montréal (06:00-15:00) share one hour a day.
    { email: asiaLead.person.email, role: 'mentee', offers: [], wants: ['e-commerce', 'mobile-apps'], languages: ['en'], format: 'video' },
    { email: earlyBird.person.email, role: 'mentor', offers: ['mobile-apps', 'social-networks'], wants: [], languages: ['fr', 'en'], format: 'video' },
    // Trap: the only other e-commerce mentor speaks French only; the New York lead who wants it speaks English only.
    { email: frenchOnly.person.email, role: 'mentor', offers: ['e-commerce', 'video'], wants: [], languages: ['fr'], format: 'either' },
    { email: usLead.person.email, role: 'mentee', offers: [], wants: ['e-commerce'], languages: ['en'], format: 'video' },
  ];

  const juniors = drafts.filter((d) => d.junior && !traps.has(d));
  const seniors = drafts.filter((d) => (d.level !== 'staff' || (d.person.hireDate ?? '9999-12-31') <= '2018-12-31') && !traps.has(d));
  for (const d of random.sample(juniors, 38)) {
    rows.push({
      email: d.person.email,
      role: 'mentor',
      offers: random.sample(common, random.int(2, 4)),
      wants: [],
      languages: random.chance(0.3) ? [] : d.person.languages,
      format: random.pick(formats),
    });
  }
  for (const d of random.sample(seniors, 38)) {
    rows.push({
      email: d.person.email,
      role: 'mentee',
      offers: [],
      wants: random.sample(common, random.int(1, 3)),
      languages: random.chance(0.3) ? [] : d.person.languages,
      format: random.pick(formats),
    });
  }
  const ordered = random.sample(rows, rows.length);
  const first = ordered[0] as Row;
  const later = ordered[30] as Row;
  const bad: Row[] = [
    { email: `jean.inconnu@${domain}`, role: 'mentee', offers: [], wants: ['ai'], languages: ['fr'], format: 'video' },
    { email: later.email, role: later.role, offers: ['blockchain'], wants: ['blockchain'], languages: ['fr'], format: 'video' },
    { email: 'zz-placeholder', role: 'coach', offers: ['ai'], wants: [], languages: ['fr'], format: 'video' },
    { ...first },
  ];
  // The bad-role row needs a real person who is not enrolled, so that the role is the only fault.
  const spare = drafts.find((d) => d.level === 'staff' && !rows.some((r) => r.email === d.person.email)) as Draft;
  (bad[2] as Row).email = spare.person.email;
  // The unknown-theme row comes first for its person, so their later, correct row still loads.
  ordered.splice(10, 0, bad[1] as Row);
  ordered.splice(25, 0, bad[0] as Row);
  ordered.splice(40, 0, bad[2] as Row);
  ordered.push(bad[3] as Row);

  const lines = ['email,role,offers,wants,languages,format'];
  ordered.forEach((r, i) => {
    // A few rows the way people type them: upper case, spaces, quoted lists.
    const email = i % 17 === 3 ? ` ${r.email.toUpperCase()} ` : r.email;
    const list = (xs: string[]): string => (xs.length > 1 && i % 5 === 0 ? `"${xs.join(';')}"` : xs.join(';'));
    lines.push([email, r.role, list(r.offers), list(r.wants), list(r.languages), r.format].join(','));
  });
  return lines.join('\n') + '\n';
}

/** Paris juniors and New York leads; a 09:00-11:00 New York stand-up leaves one common hour that moves in UTC across both DST changes. */
function dstSmall(): DemoTenant {
  const domain = 'dst-small.example';
  const paris = 'Europe/Paris';
  const ny = 'America/New_York';
  const person = (p: Omit<FixturePerson, 'busy'>): FixturePerson => ({ ...p, busy: [] });
  const people: FixturePerson[] = [
    person({ id: 'u1', email: `helene.garnier@${domain}`, name: 'Hélène Garnier', jobTitle: 'Directrice générale', department: 'Direction générale', office: 'Paris', hireDate: '2009-05-04', timeZone: paris, languages: ['fr', 'en'], workingHours: { days: workweek, start: '09:00', end: '18:00' } }),
    person({ id: 'u2', email: `leo.fontaine@${domain}`, name: 'Léo Fontaine', jobTitle: 'Chargé de communication', department: 'Marketing', office: 'Paris', hireDate: '2025-09-01', managerId: 'u1', timeZone: paris, languages: ['fr', 'en'], workingHours: { days: workweek, start: '09:00', end: '18:00' } }),
    person({ id: 'u3', email: `ines.moreau@${domain}`, name: 'Inès Moreau', jobTitle: 'Développeuse', department: 'IT', office: 'Paris', hireDate: '2024-10-14', managerId: 'u1', timeZone: paris, languages: ['fr', 'en'], workingHours: { days: workweek, start: '09:00', end: '18:00' } }),
    person({ id: 'u4', email: `robert.johnson@${domain}`, name: 'Robert Johnson', jobTitle: 'Head of Sales', department: 'Ventes', office: 'New York', hireDate: '2012-02-13', managerId: 'u1', timeZone: ny, languages: ['en'], workingHours: { days: workweek, start: '09:00', end: '17:00' } }),
    person({ id: 'u5', email: `maria.rodriguez@${domain}`, name: 'Maria Rodriguez', jobTitle: 'Finance Manager', department: 'Finance', office: 'New York', hireDate: '2014-06-02', managerId: 'u4', timeZone: ny, languages: ['en', 'es'], workingHours: { days: workweek, start: '09:00', end: '17:00' } }),
  ];
  for (let day = busyFrom; Temporal.PlainDate.compare(day, Temporal.PlainDate.from('2027-05-01')) < 0; day = day.add({ days: 1 })) {
    if (day.dayOfWeek > 5) continue;
    for (const p of people.slice(3)) p.busy.push(busy(at(day, '09:00', ny), 120, 'Morning stand-up', ny));
    for (const p of people.slice(1, 3)) p.busy.push(busy(at(day, '12:00', paris), 60, 'Déjeuner', paris));
  }
  return {
    fixture: { tenant: { id: 'dst-small', name: 'DST Small', domain, platform: 'microsoft' }, people },
    enrolmentsCsv: [
      'email,role,offers,wants,languages,format',
      `leo.fontaine@${domain},mentor,ai;video,,fr;en,video`,
      `ines.moreau@${domain},mentor,data;automation,,en,video`,
      `robert.johnson@${domain},mentee,,ai,en,video`,
      `maria.rodriguez@${domain},mentee,,data;automation,en;es,video`,
    ].join('\n') + '\n',
    scenario: trapScenario('DST Paris–New York', 4, '2027-02-15', 10),
  };
}

/** A chain eight levels deep and a side branch: only cross-branch pairs are allowed, and the CEO has none. */
function reportingLine(): DemoTenant {
  const domain = 'reporting-line.example';
  const zone = 'Europe/Paris';
  const names = ['Agnès Lemoine', 'Bruno Caron', 'Cécile Vidal', 'Denis Fabre', 'Élise Roux', 'Fabien Morel', 'Gaëlle Picard', 'Hugo Brunet', 'Isabelle Faure', 'Jérémie Dupont', 'Karima Benali'];
  const managerOf = [undefined, 'u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u1', 'u9', 'u10'];
  const people: FixturePerson[] = names.map((name, i) => {
    const email = `${name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(' ', '.')}@${domain}`;
    const managerId = managerOf[i];
    const monday = busyFrom;
    return {
      id: `u${i + 1}`,
      email,
      name,
      jobTitle: i === 0 ? 'Présidente' : i < 7 || i === 8 || i === 9 ? 'Manager' : 'Chargé de projet',
      department: i >= 8 ? 'Ventes' : 'Finance',
      office: 'Paris',
      hireDate: `${2005 + i * 2}-09-01`,
      ...(managerId === undefined ? {} : { managerId }),
      timeZone: zone,
      languages: ['fr', 'en'],
      workingHours: { days: workweek, start: '09:00', end: '18:00' },
      busy: [busy(at(monday, '10:00', zone), 60, 'Point d’équipe', zone)],
    };
  });
  const email = (i: number): string => people[i]?.email ?? '';
  return {
    fixture: { tenant: { id: 'reporting-line', name: 'Reporting Line', domain, platform: 'microsoft' }, people },
    enrolmentsCsv: [
      'email,role,offers,wants,languages,format',
      `${email(7)},mentor,ai;data,,fr,video`,
      `${email(10)},mentor,ai;data,,fr,video`,
      `${email(0)},mentee,,ai,fr,video`,
      `${email(3)},mentee,,data,fr,video`,
      `${email(9)},mentee,,ai,fr,video`,
    ].join('\n') + '\n',
    scenario: trapScenario('Chaîne hiérarchique', 4, '2027-02-01', 12),
  };
}

function trapScenario(name: string, sessions: number, start: string, weeksLong: number): Record<string, unknown> {
  return {
    fixture: 'tenant.json',
    enrolments: 'enrolments.csv',
    now: '2027-01-04T08:00:00Z',
    cohort: { name, format: 'classic', sessions, sessionMinutes: 60, start, weeks: weeksLong },
  };
}

/** One busy event per line keeps the fixture readable and its diffs small. */
function formatFixture(fixture: TenantFixture): string {
  return (
    JSON.stringify(fixture, null, 2)
      .replace(
        /\{\n\s+"start": ("[^"]*"),\n\s+"end": ("[^"]*"),\n\s+"subject": ("(?:[^"\\]|\\.)*")\n\s+\}/g,
        '{ "start": $1, "end": $2, "subject": $3 }',
      )
      .replace(/\[\n\s+("[^"\n]*"(?:,\n\s+"[^"\n]*")*)\n\s+\]/g, (_, items: string) => `[${items.split(/,\n\s+/).join(', ')}]`) + '\n'
  );
}

function filesOf(folder: string, tenant: DemoTenant): GeneratedFile[] {
  const checked = TenantFixture.safeParse(tenant.fixture);
  if (!checked.success) throw new Error(`${folder}/tenant.json is not a valid tenant fixture: ${checked.error.message}`);
  return [
    { path: `${folder}/tenant.json`, content: formatFixture(tenant.fixture) },
    { path: `${folder}/enrolments.csv`, content: tenant.enrolmentsCsv },
    { path: `${folder}/scenario.json`, content: JSON.stringify(tenant.scenario, null, 2) + '\n' },
  ];
}

/** Every generated file, validated; pure, so tests can compare it with what is checked in. */
export function generatedFixtures(): GeneratedFile[] {
  return [
    ...filesOf('fixtures/demo', buildDemoTenant()),
    ...filesOf('fixtures/google-demo', buildDemoTenant(undefined, orea)),
    ...filesOf('fixtures/test/dst-small', dstSmall()),
    ...filesOf('fixtures/test/reporting-line', reportingLine()),
  ];
}

function main(): void {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  for (const file of generatedFixtures()) {
    const target = join(root, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.content);
    console.log(`wrote ${file.path} (${file.content.length} characters)`);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();

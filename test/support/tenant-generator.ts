import { Temporal } from 'temporal-polyfill';
import type { TenantFixture } from '../../src/model/fixture.ts';
import type { EnrolmentFacts } from './scenario-check.ts';

/**
 * Seeded random tenants with the traps an outside judge would set: deep reporting
 * lines, languages with no overlap, barely overlapping working hours across zones
 * (half-hour zones, southern hemisphere, both March DST changes), busy calendars and
 * a CSV full of bad rows. It knows which CSV lines must be rejected, so a checker
 * can compare with the report line by line.
 */
export interface TenantOptions {
  seed: number;
  people: number;
  /** Share of people who volunteer, 0..1. */
  volunteerShare: number;
  /** Adds a block whose only perfect matching is one permutation that greedy choices miss. */
  plantedChain?: boolean;
  /** Pads the CSV with rows of unknown people up to this many bytes (the "20 MB file" trap). */
  padToBytes?: number;
  sandbox?: { latencyMs?: number; faults?: { rate429?: number; rate5xx?: number; dropEvery?: number } };
}

export interface GeneratedTenant {
  fixture: TenantFixture;
  csv: string;
  scenario: {
    fixture: string;
    enrolments: string;
    now: string;
    cohort: { name: string; format: 'classic'; sessions: number; sessionMinutes: number; start: string; weeks: number };
    sandbox?: TenantOptions['sandbox'];
  };
  /** Physical CSV lines (1 = header) that must appear in report.rejected, with the trap they hold. */
  badLines: Map<number, string>;
  /** Lower-case emails whose rows must load, with what they answered. */
  loaded: Map<string, EnrolmentFacts>;
  /** Emails of the planted chain, mentors then mentees, when asked. */
  chain: { mentors: string[]; mentees: string[] } | null;
}

export const catalogue = [
  'ai', 'automation', 'collaboration-tools', 'social-networks', 'personal-branding', 'data', 'video',
  'digital-culture', 'e-commerce', 'csr', 'diversity-inclusion', 'new-ways-of-working', 'cybersecurity', 'mobile-apps',
] as const;

/** Zone, its usual working hours, and how likely it is. Hours overlap barely between far zones, on purpose. */
const zones: { zone: string; start: string; end: string; days?: string[]; languages: string[][]; weight: number }[] = [
  { zone: 'Europe/Paris', start: '09:00', end: '18:00', languages: [['fr', 'en'], ['fr']], weight: 6 },
  { zone: 'Europe/London', start: '08:30', end: '17:00', languages: [['en']], weight: 3 },
  { zone: 'America/New_York', start: '09:00', end: '17:00', languages: [['en'], ['en', 'es']], weight: 3 },
  { zone: 'America/Los_Angeles', start: '08:00', end: '16:30', languages: [['en']], weight: 2 },
  { zone: 'America/St_Johns', start: '08:30', end: '16:30', languages: [['en', 'fr']], weight: 1 },
  { zone: 'America/Sao_Paulo', start: '09:00', end: '18:00', languages: [['pt', 'en'], ['pt']], weight: 2 },
  { zone: 'Australia/Sydney', start: '08:00', end: '16:00', languages: [['en']], weight: 2 },
  { zone: 'Australia/Adelaide', start: '09:00', end: '17:30', languages: [['en']], weight: 1 },
  { zone: 'Pacific/Auckland', start: '08:00', end: '17:00', languages: [['en']], weight: 1 },
  { zone: 'Asia/Kolkata', start: '10:00', end: '19:00', languages: [['en', 'hi']], weight: 2 },
  { zone: 'Asia/Kathmandu', start: '10:00', end: '17:00', languages: [['ne', 'en']], weight: 1 },
  { zone: 'Asia/Dubai', start: '08:00', end: '17:00', days: ['sun', 'mon', 'tue', 'wed', 'thu'], languages: [['ar', 'en'], ['ar']], weight: 1 },
  { zone: 'Asia/Tokyo', start: '09:30', end: '18:30', languages: [['ja'], ['ja', 'en']], weight: 1 },
  { zone: 'Europe/Berlin', start: '07:30', end: '16:00', languages: [['de'], ['de', 'en']], weight: 2 },
];

const firstNames = ['Ana', 'Léo', 'Chloé', 'Hugo', 'Inès', 'Noah', 'Mia', 'Raj', 'Yuki', 'Omar', 'Zoé', 'Liam', 'Sara', 'Ivan', 'Aiko', 'Tomás', 'Eva', 'Kofi', 'Lina', 'Paul'];
const lastNames = ['Martin', 'Durand', 'Smith', 'Nguyen', 'Sato', 'Silva', 'Khan', 'Müller', 'Rossi', 'Okafor', 'Dubois', 'Brown', 'Haddad', 'Kaur', 'Lopez', 'Ito'];
const departments = ['Finance', 'IT', 'Marketing', 'Sales', 'HR', 'Operations', 'Legal', 'Data'];

export function rng(seed: number): () => number {
  let a = seed >>> 0 || 1;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateTenant(options: TenantOptions): GeneratedTenant {
  const random = rng(options.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const chance = (p: number) => random() < p;
  const domain = `t${options.seed}.example`;
  const totalWeight = zones.reduce((s, z) => s + z.weight, 0);
  const pickZone = () => {
    let r = random() * totalWeight;
    for (const z of zones) if ((r -= z.weight) < 0) return z;
    return zones[0] as (typeof zones)[number];
  };

  // Cohorts straddle March so both DST changes (US 14 March, EU 28 March 2027) and the April southern one fall inside.
  const startDate = Temporal.PlainDate.from('2027-02-01').add({ days: 7 * Math.floor(random() * 5) });
  const weeks = 8 + Math.floor(random() * 19);
  const sessions = 3 + Math.floor(random() * 4);
  const sessionMinutes = pick([30, 45, 60]);
  const now = startDate.subtract({ days: 7 });
  const lastDate = startDate.add({ days: weeks * 7 });

  const people: TenantFixture['people'] = [];
  const hire = (junior: boolean) => Temporal.PlainDate.from('2026-12-01').subtract({ days: junior ? Math.floor(random() * 900) : 1500 + Math.floor(random() * 8000) }).toString();
  const addPerson = (i: number, managerId: string | undefined, zone: (typeof zones)[number], languages: string[], junior: boolean) => {
    const first = pick(firstNames);
    const last = pick(lastNames);
    const id = `p${i}`;
    const email = `${first}.${last}.${i}`.normalize('NFD').replace(/[^A-Za-z.0-9]/g, '').toLowerCase() + `@${domain}`;
    const days = (zone.days ?? ['mon', 'tue', 'wed', 'thu', 'fri']) as ('mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun')[];
    const person: TenantFixture['people'][number] = {
      id, email, name: `${first} ${last}`, jobTitle: junior ? 'Analyst' : 'Manager', department: pick(departments),
      office: zone.zone.split('/')[1] ?? 'HQ', hireDate: hire(junior), timeZone: zone.zone, languages,
      workingHours: { days, start: zone.start, end: zone.end }, busy: [],
      ...(managerId === undefined ? {} : { managerId }),
    };
    person.busy = busyFor(person, now, lastDate, random);
    people.push(person);
    return person;
  };
  for (let i = 0; i < options.people; i++) {
    // One time in three the previous person is the manager: long chains, reporting lines at depth.
    const managerId = i === 0 ? undefined : chance(0.35) ? `p${i - 1}` : `p${Math.floor(random() * i)}`;
    const zone = pickZone();
    addPerson(i, managerId, zone, pick(zone.languages), chance(0.5));
  }

  // The planted chain: mentor k offers themes k and k+1, mentee k wants theme k, all speak only Finnish (nobody
  // else does), so the only perfect matching is mentor k with mentee k while mentor k / mentee k+1 pairs tempt.
  let chain: GeneratedTenant['chain'] = null;
  const chainRows: { email: string; role: 'mentor' | 'mentee'; offers: string[]; wants: string[] }[] = [];
  if (options.plantedChain === true) {
    chain = { mentors: [], mentees: [] };
    const paris = zones[0] as (typeof zones)[number];
    const length = 8;
    for (let k = 0; k < length; k++) {
      const mentor = addPerson(people.length, 'p0', paris, ['fi'], true);
      mentor.busy = [];
      const mentee = addPerson(people.length, 'p0', paris, ['fi'], false);
      mentee.busy = [];
      chain.mentors.push(mentor.email);
      chain.mentees.push(mentee.email);
      chainRows.push({ email: mentor.email, role: 'mentor', offers: [catalogue[k] as string, catalogue[k + 1] as string], wants: [] });
      chainRows.push({ email: mentee.email, role: 'mentee', offers: [], wants: [catalogue[k] as string] });
    }
  }

  const lines: string[] = [];
  const badLines = new Map<number, string>();
  const loaded = new Map<string, EnrolmentFacts>();
  let line = 1;
  const push = (text: string, bad: string | null) => {
    line++;
    if (bad !== null) badLines.set(line, bad);
    lines.push(text);
    line += (text.match(/\n/g) ?? []).length;
  };
  const themes = () => {
    const n = 1 + Math.floor(random() * 3);
    const set = new Set<string>();
    while (set.size < n) set.add(pick(catalogue));
    return [...set];
  };
  const messyEmail = (email: string) => (chance(0.15) ? ` ${email.toUpperCase()} ` : chance(0.1) ? `"${email}"` : email);
  const list = (xs: string[]) => {
    const text = xs.map((x) => (chance(0.05) ? x.toUpperCase() : x)).join(';');
    return text.includes(';') && chance(0.3) ? `"${text}"` : text;
  };
  const volunteers = people.filter((p) => !chainRows.some((r) => r.email === p.email) && chance(options.volunteerShare));
  const rows: { email: string; role: 'mentor' | 'mentee'; offers: string[]; wants: string[]; languages: string; format: string }[] = [];
  for (const p of volunteers) {
    const junior = (p.hireDate ?? '') > '2024-06-01';
    const role = chance(0.85) === junior ? 'mentor' : 'mentee';
    const languageAnswer = chance(0.6) ? '' : chance(0.2) ? p.languages.map((l) => `${l.toUpperCase()}`).join(';') : p.languages.join(';');
    rows.push({ email: p.email, role, offers: role === 'mentor' ? themes() : chance(0.3) ? themes() : [], wants: role === 'mentee' ? themes() : [], languages: languageAnswer, format: pick(['video', 'in-person', 'either', '']) });
  }
  for (const r of chainRows) rows.push({ ...r, languages: 'fi', format: 'video' });
  for (let i = rows.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [rows[i], rows[j]] = [rows[j] as (typeof rows)[number], rows[i] as (typeof rows)[number]];
  }

  const traps: (() => void)[] = [
    () => push(`nobody.${options.seed}@${domain},mentor,ai,,en,video`, 'unknown person'),
    () => push(`${pick(people).email},mentee,,blockchain;ai,,video`, 'unknown theme'),
    () => push(`${pick(people).email},coach,ai,,,video`, 'bad role'),
    () => push(`${pick(people).email},mentor,ai,,en`, 'five fields'),
    () => push(`${pick(people).email},mentee,,ai,en,video,extra`, 'seven fields'),
    () => push(`${pick(people).email},mentee,,data,klingon,video`, 'bad language'),
    () => push(`${pick(people).email},mentee,,data,,teleport`, 'bad format'),
    () => push(`${pick(people).email},mentor,,data,,video`, 'mentor offers nothing'),
    () => push(`not-an-email,mentor,ai,,,video`, 'bad email'),
  ];
  const header = chance(0.5) ? 'email,role,offers,wants,languages,format' : 'Email, Role ,offers,wants,languages,format';
  lines.push(header);
  rows.forEach((r, index) => {
    if (chance(0.04) && traps.length > 0) traps.splice(Math.floor(random() * traps.length), 1)[0]?.();
    if (chance(0.02)) push('', null);
    const roleText = chance(0.05) ? r.role.toUpperCase() : r.role;
    const wants = r.wants.length > 1 && chance(0.05) ? `"${r.wants[0]};\n${r.wants.slice(1).join(';')}"` : list(r.wants);
    push(`${messyEmail(r.email)},${roleText},${list(r.offers)},${wants},${r.languages},${r.format}`, null);
    loaded.set(r.email, { role: r.role, offers: r.offers, wants: r.wants, languages: r.languages.split(';').map((l) => l.toLowerCase()).filter(Boolean) });
    if (index % 17 === 3) push(`${r.email},${r.role},${list(r.offers)},${list(r.wants)},${r.languages},${r.format}`, 'duplicate');
    else if (index % 23 === 5) push(`${r.email},${r.role === 'mentor' ? 'mentee' : 'mentor'},ai,ai,,video`, 'role conflict');
  });
  for (const trap of traps) trap();
  if (options.padToBytes !== undefined) {
    let size = lines.reduce((n, l) => n + l.length + 2, 0);
    for (let k = 0; size < options.padToBytes; k++) {
      const row = `ghost.${k}@${domain},mentee,,ai;data;video,en;fr,either`;
      push(row, 'unknown person (padding)');
      size += row.length + 2;
    }
  }
  const eol = chance(0.5) ? '\r\n' : '\n';
  const bom = chance(0.5) ? '\uFEFF' : '';
  const csv = bom + lines.join(eol) + eol;

  return {
    fixture: { tenant: { id: `t${options.seed}`, name: `Tenant ${options.seed}`, domain, platform: 'microsoft' }, people },
    csv,
    scenario: {
      fixture: 'tenant.json',
      enrolments: 'enrolments.csv',
      now: `${now.toString()}T06:00:00Z`,
      cohort: { name: `Campaign ${options.seed}`, format: 'classic', sessions, sessionMinutes, start: startDate.toString(), weeks },
      ...(options.sandbox === undefined ? {} : { sandbox: options.sandbox }),
    },
    badLines,
    loaded,
    chain,
  };
}

/**
 * Busy time on quarter hours in the person's own zone: a third of people are free,
 * a third have a few meetings a day, a third are booked solid but for an hour or two a week.
 */
function busyFor(person: TenantFixture['people'][number], from: Temporal.PlainDate, to: Temporal.PlainDate, random: () => number) {
  const kind = random();
  const busy: TenantFixture['people'][number]['busy'] = [];
  if (kind < 0.35) return busy;
  const [sh, sm] = person.workingHours.start.split(':').map(Number) as [number, number];
  const [eh, em] = person.workingHours.end.split(':').map(Number) as [number, number];
  const dayStart = sh * 60 + sm;
  const dayEnd = eh * 60 + em;
  const at = (date: Temporal.PlainDate, minutes: number) =>
    date.toZonedDateTime({ timeZone: person.timeZone, plainTime: Temporal.PlainTime.from({ hour: Math.floor(minutes / 60), minute: minutes % 60 }) }).toInstant().toString();
  for (let date = from; Temporal.PlainDate.compare(date, to) < 0; date = date.add({ days: 1 })) {
    if (kind < 0.75) {
      const meetings = Math.floor(random() * 4);
      for (let k = 0; k < meetings; k++) {
        const start = dayStart + 15 * Math.floor((random() * (dayEnd - dayStart - 30)) / 15);
        const end = Math.min(dayEnd, start + 15 * (2 + Math.floor(random() * 6)));
        busy.push({ start: at(date, start), end: at(date, end), subject: 'Meeting' });
      }
    } else if (date.dayOfWeek !== 3 || random() < 0.5) {
      // Booked solid, but on some Wednesdays a single free hour somewhere in the day.
      busy.push({ start: at(date, dayStart), end: at(date, dayEnd), subject: 'Focus' });
    } else {
      const hole = dayStart + 15 * Math.floor((random() * (dayEnd - dayStart - 60)) / 15);
      busy.push({ start: at(date, dayStart), end: at(date, hole), subject: 'Focus' });
      busy.push({ start: at(date, hole + 60), end: at(date, dayEnd), subject: 'Focus' });
    }
  }
  return busy;
}

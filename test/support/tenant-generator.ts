import { Temporal } from 'temporal-polyfill';
import type { TenantFixture } from '../../src/model/fixture.ts';
import type { SpanHours } from '../../src/model/schema.ts';
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
  /** Newer traps, each opt-in so that the tenants of existing seeds stay the same. */
  traps?: Traps;
}

export interface Traps {
  /** Chatham (+12:45/+13:45), Lord Howe (30-minute DST), Tehran (Sat–Wed), Casablanca (Ramadan DST), Kiritimati (+14), Pago Pago (−11), Santiago, Riyadh, Apia, Havana, Azores, Saturday, one-day, night-shift and late workers. */
  exoticZones?: boolean;
  /** Overrides the cohort window: `autumn` spans late-September to November changes north and south, `dstDay` starts on a DST Sunday. */
  season?: 'autumn' | 'dstDay';
  /** Busy time on 5-minute boundaries (Outlook's "end meetings early"), holes exactly one session long, working hours at :50 / :10. */
  offGrid?: boolean;
  /** Manager cycles (2 and 3 long) and a person who is their own manager. */
  orgCycles?: boolean;
  /** Column order shuffled, header case, mixed-case directory emails, language variants (fr-FR, en_GB, fra, eng), blank and whitespace lines, doubled quotes. */
  csvVariants?: boolean;
  /** All-day events (local and UTC midnights), multi-day leave, events touching the edges of working hours, duplicated and overlapping events, offsets other than Z. */
  busyVariants?: boolean;
  /** `long`: 240-minute sessions; `many`: 12 sessions over 26 weeks; `tight`: as many weeks as sessions; `odd`: 25, 50 or 95 minutes. */
  shape?: 'long' | 'many' | 'tight' | 'odd';
  /** `now` falls inside the cohort's first week, so the first days are already past. */
  nowInside?: boolean;
  /** Zones whose Windows name maps back to another IANA zone with another offset (Bishkek → Almaty, Mazatlán → Chihuahua). */
  lossyZones?: boolean;
  /** One person in Europe/Kyiv, a canonical IANA id that the windows-iana data predates. */
  unmappedZone?: boolean;
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

/** Zones for the `exoticZones` trap, mixed with a few common ones so pairs stay possible. */
const exoticZones: typeof zones = [
  { zone: 'Pacific/Chatham', start: '08:00', end: '16:00', languages: [['en']], weight: 2 },
  { zone: 'Australia/Lord_Howe', start: '09:00', end: '17:00', languages: [['en']], weight: 2 },
  { zone: 'Asia/Tehran', start: '08:00', end: '16:00', days: ['sat', 'sun', 'mon', 'tue', 'wed'], languages: [['fa', 'en'], ['fa']], weight: 1 },
  { zone: 'Africa/Casablanca', start: '09:00', end: '18:00', languages: [['fr', 'ar'], ['ar', 'en']], weight: 2 },
  { zone: 'Pacific/Kiritimati', start: '08:00', end: '17:00', languages: [['en']], weight: 1 },
  { zone: 'Pacific/Pago_Pago', start: '08:00', end: '16:00', languages: [['en']], weight: 1 },
  { zone: 'America/Santiago', start: '09:00', end: '18:00', languages: [['es', 'en'], ['es']], weight: 2 },
  { zone: 'Asia/Riyadh', start: '08:00', end: '16:00', days: ['sun', 'mon', 'tue', 'wed', 'thu'], languages: [['ar', 'en']], weight: 1 },
  { zone: 'Pacific/Apia', start: '09:00', end: '17:00', languages: [['en']], weight: 1 },
  { zone: 'America/Havana', start: '08:00', end: '17:00', languages: [['es']], weight: 1 },
  { zone: 'Atlantic/Azores', start: '09:00', end: '17:00', languages: [['pt', 'en']], weight: 1 },
  { zone: 'Asia/Kathmandu', start: '10:00', end: '17:00', languages: [['ne', 'en']], weight: 1 },
  { zone: 'America/St_Johns', start: '08:30', end: '16:30', languages: [['en', 'fr']], weight: 1 },
  { zone: 'Europe/Paris', start: '10:00', end: '19:00', days: ['tue', 'wed', 'thu', 'fri', 'sat'], languages: [['fr', 'en']], weight: 2 },
  { zone: 'Europe/London', start: '09:00', end: '13:00', days: ['wed'], languages: [['en']], weight: 1 },
  { zone: 'Asia/Manila', start: '00:00', end: '08:00', languages: [['en', 'tl']], weight: 1 },
  { zone: 'America/Los_Angeles', start: '14:00', end: '23:30', languages: [['en']], weight: 1 },
  { zone: 'Europe/Paris', start: '09:00', end: '18:00', languages: [['fr', 'en'], ['fr']], weight: 4 },
  { zone: 'America/New_York', start: '09:00', end: '17:00', languages: [['en'], ['en', 'es']], weight: 3 },
];
/** Off-grid working hours for the `offGrid` trap. */
const offGridHours = [['08:50', '17:10'], ['09:05', '16:55'], ['08:10', '16:40'], ['09:25', '17:35']] as const;

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
  const extra = options.traps ?? {};
  // Trap decisions draw from their own stream, so the base stream (and old seeds' tenants) is untouched.
  const trapRandom = rng(options.seed ^ 0x5eed7a9);
  const trapChance = (p: number) => trapRandom() < p;
  const trapPick = <T>(xs: readonly T[]): T => xs[Math.floor(trapRandom() * xs.length)] as T;
  const table = [
    ...(extra.exoticZones === true ? exoticZones : zones),
    ...(extra.lossyZones === true
      ? [
          { zone: 'Asia/Bishkek', start: '09:00', end: '18:00', languages: [['ru', 'en'], ['ky', 'ru']], weight: 3 },
          { zone: 'America/Mazatlan', start: '09:00', end: '17:00', languages: [['es', 'en'], ['es']], weight: 3 },
        ]
      : []),
  ];
  const totalWeight = table.reduce((s, z) => s + z.weight, 0);
  const pickZone = () => {
    let r = random() * totalWeight;
    for (const z of table) if ((r -= z.weight) < 0) return z;
    return table[0] as (typeof zones)[number];
  };

  // Cohorts straddle March so both DST changes (US 14 March, EU 28 March 2027) and the April southern one fall inside.
  let startDate = Temporal.PlainDate.from('2027-02-01').add({ days: 7 * Math.floor(random() * 5) });
  let weeks = 8 + Math.floor(random() * 19);
  let sessions = 3 + Math.floor(random() * 4);
  let sessionMinutes = pick([30, 45, 60]);
  // Southern spring (Chatham 26 Sep, Sydney and Lord Howe 3 Oct, Santiago 5 Sep) and northern autumn (EU 31 Oct, US 7 Nov).
  if (extra.season === 'autumn') startDate = Temporal.PlainDate.from('2027-08-30').add({ days: 7 * Math.floor(trapRandom() * 8) });
  // The cohort's first day is a DST Sunday: the US or EU spring change, the EU or US autumn one, or Sydney's April end.
  if (extra.season === 'dstDay') startDate = Temporal.PlainDate.from(trapPick(['2027-03-14', '2027-03-28', '2027-10-31', '2027-11-07', '2027-04-04']));
  if (extra.shape === 'long') [sessionMinutes, sessions] = [240, 3 + Math.floor(trapRandom() * 2)];
  if (extra.shape === 'many') [sessions, weeks] = [12, 26];
  if (extra.shape === 'tight') sessions = 3 + Math.floor(trapRandom() * 4);
  if (extra.shape === 'tight') weeks = sessions;
  if (extra.shape === 'odd') sessionMinutes = trapPick([25, 50, 95]);
  const now = extra.nowInside === true ? startDate.add({ days: 2 }) : startDate.subtract({ days: 7 });
  const nowTime = extra.nowInside === true ? `T${trapPick(['10:00', '13:37', '22:15'])}:00Z` : 'T06:00:00Z';
  const lastDate = startDate.add({ days: weeks * 7 });

  const people: TenantFixture['people'] = [];
  const hire = (junior: boolean) => Temporal.PlainDate.from('2026-12-01').subtract({ days: junior ? Math.floor(random() * 900) : 1500 + Math.floor(random() * 8000) }).toString();
  const addPerson = (i: number, managerId: string | undefined, zone: (typeof zones)[number], languages: string[], junior: boolean) => {
    const first = pick(firstNames);
    const last = pick(lastNames);
    const id = `p${i}`;
    let email = `${first}.${last}.${i}`.normalize('NFD').replace(/[^A-Za-z.0-9]/g, '').toLowerCase() + `@${domain}`;
    // The directory spells some addresses with capitals (Ana.Martin.3@T1.Example); the CSV then uses another case.
    if (extra.csvVariants === true && trapChance(0.4)) email = `${first}.${last}.${i}`.normalize('NFD').replace(/[^A-Za-z.0-9]/g, '') + `@${domain.toUpperCase()}`;
    const days = (zone.days ?? ['mon', 'tue', 'wed', 'thu', 'fri']) as ('mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun')[];
    const hours = extra.offGrid === true && trapChance(0.3) ? trapPick(offGridHours) : [zone.start, zone.end];
    const person: TenantFixture['people'][number] = {
      id, email, name: `${first} ${last}`, jobTitle: junior ? 'Analyst' : 'Manager', department: pick(departments),
      office: zone.zone.split('/')[1] ?? 'HQ', hireDate: hire(junior), timeZone: zone.zone, languages,
      workingHours: { days, start: hours[0] as string, end: hours[1] as string }, busy: [],
      ...(managerId === undefined ? {} : { managerId }),
    };
    person.busy = busyFor(person, now, lastDate, random);
    if (extra.offGrid === true) person.busy = offGridBusy(person, now, lastDate, sessionMinutes, trapRandom);
    if (extra.busyVariants === true) person.busy.push(...busyVariantsFor(person, now, lastDate, trapRandom));
    people.push(person);
    return person;
  };
  for (let i = 0; i < options.people; i++) {
    // One time in three the previous person is the manager: long chains, reporting lines at depth.
    const managerId = i === 0 ? undefined : chance(0.35) ? `p${i - 1}` : `p${Math.floor(random() * i)}`;
    const zone = pickZone();
    addPerson(i, managerId, zone, pick(zone.languages), chance(0.5));
  }

  if (extra.unmappedZone === true && people[0] !== undefined) people[0].timeZone = 'Europe/Kyiv';
  if (extra.orgCycles === true && people.length >= 6) {
    // A 2-cycle, a 3-cycle (with their reports still hanging below) and someone who manages themself.
    const [a, b, c, d, e, self] = Array.from({ length: 6 }, () => trapPick(people));
    if (a !== undefined && b !== undefined && a !== b) [a.managerId, b.managerId] = [b.id, a.id];
    if (c !== undefined && d !== undefined && e !== undefined && new Set([c, d, e]).size === 3) [c.managerId, d.managerId, e.managerId] = [d.id, e.id, c.id];
    if (self !== undefined) self.managerId = self.id;
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
  // With csvVariants, columns come in another order: every six-field row is written in it (no field holds a comma).
  const order = extra.csvVariants === true && trapChance(0.7) ? shuffled([0, 1, 2, 3, 4, 5], trapRandom) : null;
  const push = (text: string, bad: string | null) => {
    line++;
    if (bad !== null) badLines.set(line, bad);
    const fields = text.split(',');
    if (order !== null && fields.length === 6) text = order.map((k) => fields[k]).join(',');
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
    let languageAnswer = chance(0.6) ? '' : chance(0.2) ? p.languages.map((l) => `${l.toUpperCase()}`).join(';') : p.languages.join(';');
    if (extra.csvVariants === true && languageAnswer !== '') languageAnswer = languageAnswer.split(';').map(languageVariant(trapRandom)).join(';');
    rows.push({ email: p.email, role, offers: role === 'mentor' ? themes() : chance(0.3) ? themes() : [], wants: role === 'mentee' ? themes() : [], languages: languageAnswer, format: pick(['video', 'in-person', 'either', '']) });
  }
  for (const r of chainRows) rows.push({ ...r, languages: 'fi', format: 'video' });
  for (let i = rows.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [rows[i], rows[j]] = [rows[j] as (typeof rows)[number], rows[i] as (typeof rows)[number]];
  }

  const csvTraps: (() => void)[] = [
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
  let header = chance(0.5) ? 'email,role,offers,wants,languages,format' : 'Email, Role ,offers,wants,languages,format';
  if (extra.csvVariants === true) {
    const names = ['email', 'role', 'offers', 'wants', 'languages', 'format'].map((n) => trapPick([n, n.toUpperCase(), ` ${n[0]?.toUpperCase()}${n.slice(1)} `]));
    header = (order ?? [0, 1, 2, 3, 4, 5]).map((k) => names[k]).join(',');
    csvTraps.push(
      () => push(`"${pick(people).email}",mentee,,data,,"vi""deo"`, 'doubled quote in format'),
      () => push(`${pick(people).email},mentee,,données,,video`, 'accented theme'),
      () => push(`${pick(people).email},mentee,,data,fr-FR;xx-YY,video`, 'bad language with region'),
      () => push('   ', null),
      () => push('\t', null),
    );
  }
  lines.push(header);
  rows.forEach((r, index) => {
    if (chance(0.04) && csvTraps.length > 0) csvTraps.splice(Math.floor(random() * csvTraps.length), 1)[0]?.();
    if (chance(0.02)) push('', null);
    const roleText = chance(0.05) ? r.role.toUpperCase() : r.role;
    const wants = r.wants.length > 1 && chance(0.05) ? `"${r.wants[0]};\n${r.wants.slice(1).join(';')}"` : list(r.wants);
    const written = extra.csvVariants === true ? trapPick([r.email, r.email.toLowerCase(), r.email.toUpperCase()]) : r.email;
    push(`${messyEmail(written)},${roleText},${list(r.offers)},${wants},${r.languages},${r.format}`, null);
    loaded.set(r.email.toLowerCase(), { role: r.role, offers: r.offers, wants: r.wants, languages: r.languages.split(';').map((l) => l.toLowerCase()).filter(Boolean) });
    if (index % 17 === 3) push(`${r.email},${r.role},${list(r.offers)},${list(r.wants)},${r.languages},${r.format}`, 'duplicate');
    else if (index % 23 === 5) push(`${r.email},${r.role === 'mentor' ? 'mentee' : 'mentor'},ai,ai,,video`, 'role conflict');
  });
  for (const trap of csvTraps) trap();
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
  const csv = bom + lines.join(eol) + eol + (extra.csvVariants === true ? eol.repeat(1 + Math.floor(trapRandom() * 3)) : '');

  return {
    fixture: { tenant: { id: `t${options.seed}`, name: `Tenant ${options.seed}`, domain, platform: 'microsoft' }, people },
    csv,
    scenario: {
      fixture: 'tenant.json',
      enrolments: 'enrolments.csv',
      now: `${now.toString()}${nowTime}`,
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
/** Generated people work one span a day (the fixture's `{ days, start, end }` form). */
function spanOf(person: TenantFixture['people'][number]): SpanHours {
  const hours = person.workingHours;
  if (hours === undefined || !('days' in hours)) throw new Error(`${person.email}: generated people have one span of working hours`);
  return hours;
}

function busyFor(person: TenantFixture['people'][number], from: Temporal.PlainDate, to: Temporal.PlainDate, random: () => number) {
  const kind = random();
  const busy: TenantFixture['people'][number]['busy'] = [];
  if (kind < 0.35) return busy;
  const [sh, sm] = spanOf(person).start.split(':').map(Number) as [number, number];
  const [eh, em] = spanOf(person).end.split(':').map(Number) as [number, number];
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

function shuffled<T>(xs: T[], random: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const threeLetter: Record<string, string> = { fr: 'fra', en: 'eng', de: 'deu', es: 'spa', pt: 'por', ja: 'jpn', ar: 'ara', fa: 'fas', ne: 'nep', hi: 'hin', fi: 'fin' };

/** How people write a language: fr, fr-FR, FR_fr, fra. */
function languageVariant(random: () => number): (code: string) => string {
  return (code) => {
    const r = random();
    if (r < 0.25) return `${code}-${code.toUpperCase()}`;
    if (r < 0.4) return `${code.toUpperCase()}_${code}`;
    if (r < 0.6) return threeLetter[code] ?? code;
    return code;
  };
}

const localInstant = (person: TenantFixture['people'][number], date: Temporal.PlainDate, minutes: number, withOffset = false) => {
  const zoned = date.toZonedDateTime({ timeZone: person.timeZone, plainTime: Temporal.PlainTime.from({ hour: Math.floor(minutes / 60), minute: minutes % 60 }) });
  return withOffset ? zoned.toString({ timeZoneName: 'never' }) : zoned.toInstant().toString();
};

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
};

/**
 * Outlook-style calendars: meetings that start 5 or 10 minutes late and end 5 or 10 minutes early,
 * and for a third of people a day booked solid but for one hole exactly a session long, on a 5-minute boundary.
 */
function offGridBusy(person: TenantFixture['people'][number], from: Temporal.PlainDate, to: Temporal.PlainDate, sessionMinutes: number, random: () => number) {
  const busy: TenantFixture['people'][number]['busy'] = [];
  const kind = random();
  if (kind < 0.25) return busy;
  const dayStart = minutesOf(spanOf(person).start);
  const dayEnd = minutesOf(spanOf(person).end);
  for (let date = from; Temporal.PlainDate.compare(date, to) < 0; date = date.add({ days: 1 })) {
    if (kind < 0.6) {
      for (let k = Math.floor(random() * 4); k > 0; k--) {
        const slot = dayStart + 30 * Math.floor((random() * (dayEnd - dayStart - 30)) / 30);
        const start = slot + (random() < 0.3 ? 5 : 0);
        const end = Math.min(dayEnd, slot + 30 * (1 + Math.floor(random() * 3)) - (random() < 0.7 ? 5 : 10));
        if (end > start) busy.push({ start: localInstant(person, date, start), end: localInstant(person, date, end), subject: 'Meeting (ends early)' });
      }
    } else {
      const room = dayEnd - dayStart - sessionMinutes;
      if (room < 10) continue;
      const hole = dayStart + 5 + 5 * Math.floor((random() * (room - 10)) / 5);
      const shifted = hole % 15 === 0 ? hole + 5 : hole;
      busy.push({ start: localInstant(person, date, dayStart), end: localInstant(person, date, shifted), subject: 'Focus' });
      busy.push({ start: localInstant(person, date, shifted + sessionMinutes), end: localInstant(person, date, dayEnd), subject: 'Focus' });
    }
  }
  return busy;
}

/**
 * Busy events of unusual shapes, added on top: all-day events at local midnights and at UTC midnights,
 * a week of leave, events that end exactly when work starts or start exactly when it ends, a meeting
 * entered twice, overlapping meetings, events outside the cohort, and times written with the local offset.
 */
function busyVariantsFor(person: TenantFixture['people'][number], from: Temporal.PlainDate, to: Temporal.PlainDate, random: () => number) {
  const busy: TenantFixture['people'][number]['busy'] = [];
  const days = to.since(from).days;
  const day = () => from.add({ days: Math.floor(random() * days) });
  const dayStart = minutesOf(spanOf(person).start);
  const dayEnd = minutesOf(spanOf(person).end);
  if (random() < 0.3) {
    const d = day();
    busy.push({ start: localInstant(person, d, 0), end: localInstant(person, d.add({ days: 1 }), 0), subject: 'Public holiday (all day)' });
  }
  if (random() < 0.2) {
    const d = day();
    busy.push({ start: `${d.toString()}T00:00:00Z`, end: `${d.add({ days: 1 }).toString()}T00:00:00Z`, subject: 'All day (UTC)' });
  }
  if (random() < 0.15) {
    const d = day();
    busy.push({ start: localInstant(person, d, 0, true), end: localInstant(person, d.add({ days: 7 }), 0, true), subject: 'Leave' });
  }
  for (let k = 0; k < 6; k++) {
    const d = day();
    if (dayStart >= 60) busy.push({ start: localInstant(person, d, dayStart - 60), end: localInstant(person, d, dayStart), subject: 'Before work' });
    if (dayEnd <= 23 * 60 - 1) busy.push({ start: localInstant(person, d, dayEnd, true), end: localInstant(person, d, dayEnd + 60, true), subject: 'After work' });
  }
  if (random() < 0.5) {
    const d = day();
    const start = dayStart + 15 * Math.floor((random() * Math.max(1, dayEnd - dayStart - 60)) / 15);
    const meeting = { start: localInstant(person, d, start), end: localInstant(person, d, Math.min(dayEnd, start + 60)), subject: 'Entered twice' };
    busy.push(meeting, { ...meeting });
    busy.push({ start: localInstant(person, d, start + 15, true), end: localInstant(person, d, Math.min(dayEnd, start + 90), true), subject: 'Overlapping' });
  }
  busy.push({ start: localInstant(person, from.subtract({ days: 30 }), dayStart), end: localInstant(person, from.subtract({ days: 30 }), dayEnd), subject: 'Long ago' });
  busy.push({ start: localInstant(person, to.add({ days: 30 }), dayStart), end: localInstant(person, to.add({ days: 30 }), dayEnd), subject: 'Far ahead' });
  return busy;
}

import { weekdays, type Weekday } from '../model/schema.ts';

/** Day names a spreadsheet may hold: the English keys, and French short and long names. */
const dayNames = new Map<string, Weekday>([
  ...weekdays.map((d) => [d, d] as const),
  ['monday', 'mon'],
  ['tuesday', 'tue'],
  ['wednesday', 'wed'],
  ['thursday', 'thu'],
  ['friday', 'fri'],
  ['saturday', 'sat'],
  ['sunday', 'sun'],
  ['lun', 'mon'],
  ['mar', 'tue'],
  ['mer', 'wed'],
  ['jeu', 'thu'],
  ['ven', 'fri'],
  ['sam', 'sat'],
  ['dim', 'sun'],
  ['lundi', 'mon'],
  ['mardi', 'tue'],
  ['mercredi', 'wed'],
  ['jeudi', 'thu'],
  ['vendredi', 'fri'],
  ['samedi', 'sat'],
  ['dimanche', 'sun'],
]);

/** Days in week order, each once; `mon-fri` names a run of days. Null names the first word not understood. */
export function readDays(items: readonly string[]): { days: Weekday[] } | { unknown: string } {
  const chosen = new Set<Weekday>();
  for (const item of items) {
    const [fromName, toName, ...rest] = item.split('-').map((p) => p.trim());
    const from = dayNames.get(fromName ?? '');
    if (from === undefined || rest.length > 0) return { unknown: item };
    if (toName === undefined) {
      chosen.add(from);
      continue;
    }
    const to = dayNames.get(toName);
    if (to === undefined) return { unknown: item };
    const start = weekdays.indexOf(from);
    const end = weekdays.indexOf(to);
    for (let i = start; ; i = (i + 1) % weekdays.length) {
      chosen.add(weekdays[i] as Weekday);
      if (i === end) break;
    }
  }
  return { days: weekdays.filter((d) => chosen.has(d)) };
}

/** `09:00-18:00`, `9:00 - 18:00` or `9h-18h30`, as two HH:MM local times; null when not read. */
export function readHours(value: string): { start: string; end: string } | null {
  const match = /^(\d{1,2})(?:[:h](\d{2})?)?\s*[-–]\s*(\d{1,2})(?:[:h](\d{2})?)?$/i.exec(value.trim());
  if (match === null) return null;
  const time = (h: string | undefined, m: string | undefined): string | null => {
    const hours = Number(h);
    const minutes = m === undefined ? 0 : Number(m);
    if (!Number.isInteger(hours) || hours > 23 || minutes > 59) return null;
    return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
  };
  const start = time(match[1], match[2]);
  const end = time(match[3], match[4]);
  return start === null || end === null ? null : { start, end };
}

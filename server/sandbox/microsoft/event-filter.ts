import type { StoredEvent } from '../state.ts';
import { parseQueryInstant } from '../zones.ts';
import { canonicalPropertyId } from './extended-property.ts';
import { splitTopLevel, type QueryError } from './odata.ts';

/**
 * `$filter` on events and calendarView, as Outlook reads it: clauses joined by `and`
 * / `or` (and binds tighter), each one of
 * - `start/dateTime` or `end/dateTime` with eq, ne, gt, ge, lt, le and a date-time
 *   (read as UTC unless it carries an offset: the filter ignores `Prefer: outlook.timezone`);
 * - `subject` with eq, ne, `startswith(subject,'…')`, `contains(subject,'…')` (without case);
 * - `iCalUId eq|ne '…'`;
 * - `singleValueExtendedProperties/Any(ep: ep/id eq '{id}' and ep/value eq|ne '…'
 *   | startswith(ep/value,'…') | contains(ep/value,'…'))`, the id's name with case, the value without.
 * Anything else is refused rather than ignored.
 */
export type EventPredicate = (event: StoredEvent) => boolean;

const quoted = "'((?:[^']|'')*)'";
const unquote = (value: string) => value.replace(/''/g, "'");
const supported =
  "start/dateTime or end/dateTime (eq, ne, gt, ge, lt, le), subject (eq, ne, startswith, contains), iCalUId (eq, ne), singleValueExtendedProperties/Any(ep: ep/id eq '{id}' and ep/value eq '{value}')";

function refused(clause: string): QueryError {
  return { status: 400, code: 'ErrorInvalidUrlQueryFilter', message: `The sandbox cannot filter events by '${clause}'. It filters by ${supported}, joined by and/or.` };
}

const comparisons: Record<string, (a: number, b: number) => boolean> = {
  eq: (a, b) => a === b,
  ne: (a, b) => a !== b,
  gt: (a, b) => a > b,
  ge: (a, b) => a >= b,
  lt: (a, b) => a < b,
  le: (a, b) => a <= b,
};

function extendedPropertyClause(text: string): EventPredicate | QueryError | null {
  const any = /^singleValueExtendedProperties\/any\(\s*(\w+)\s*:\s*(.*)\)$/is.exec(text);
  if (any === null) return null;
  const v = any[1] ?? '';
  const idClause = new RegExp(`^${v}/id\\s+eq\\s+${quoted}\\s+and\\s+(.*)$`, 'is').exec((any[2] ?? '').trim());
  if (idClause?.[1] === undefined || idClause[2] === undefined) return refused(text);
  const id = canonicalPropertyId(unquote(idClause[1]));
  if (id === null) return { status: 400, code: 'ErrorInvalidExtendedPropertyValue', message: `The extended property id '${unquote(idClause[1])}' is not valid.` };
  const rest = idClause[2].trim();
  const comparison = new RegExp(`^${v}/value\\s+(eq|ne)\\s+${quoted}$`, 'is').exec(rest);
  const fn = new RegExp(`^(startswith|contains)\\(\\s*${v}/value\\s*,\\s*${quoted}\\s*\\)$`, 'is').exec(rest);
  const test = textTest(comparison?.[1] ?? fn?.[1], comparison?.[2] ?? fn?.[2]);
  if (test === null) return refused(text);
  return (event) => event.extendedProperties.some((p) => canonicalPropertyId(p.id) === id && test(p.value));
}

/** eq / ne / startswith / contains on a string, without case. */
function textTest(operator: string | undefined, literal: string | undefined): ((actual: string) => boolean) | null {
  if (operator === undefined || literal === undefined) return null;
  const expected = unquote(literal).toLowerCase();
  switch (operator.toLowerCase()) {
    case 'eq':
      return (a) => a.toLowerCase() === expected;
    case 'ne':
      return (a) => a.toLowerCase() !== expected;
    case 'startswith':
      return (a) => a.toLowerCase().startsWith(expected);
    case 'contains':
      return (a) => a.toLowerCase().includes(expected);
    default:
      return null;
  }
}

function parseClause(text: string): EventPredicate | QueryError {
  const extended = extendedPropertyClause(text);
  if (extended !== null) return extended;
  const time = new RegExp(`^(start|end)/dateTime\\s+(eq|ne|gt|ge|lt|le)\\s+${quoted}$`, 'i').exec(text);
  if (time?.[1] !== undefined && time[2] !== undefined && time[3] !== undefined) {
    const instant = parseQueryInstant(unquote(time[3]));
    if (instant === null) return { status: 400, code: 'ErrorInvalidUrlQueryFilter', message: `The value '${unquote(time[3])}' in the $filter clause '${text}' is not a valid date and time.` };
    const compare = comparisons[time[2].toLowerCase()] ?? comparisons['eq'];
    const field = time[1].toLowerCase() === 'start' ? 'start' : 'end';
    return (event) => compare?.(event[field], instant) === true;
  }
  const subject = new RegExp(`^subject\\s+(eq|ne)\\s+${quoted}$`, 'i').exec(text);
  const subjectFn = new RegExp(`^(startswith|contains)\\(\\s*subject\\s*,\\s*${quoted}\\s*\\)$`, 'i').exec(text);
  const subjectTest = textTest(subject?.[1] ?? subjectFn?.[1], subject?.[2] ?? subjectFn?.[2]);
  if (subjectTest !== null) return (event) => subjectTest(event.subject);
  const iCal = new RegExp(`^iCalUId\\s+(eq|ne)\\s+${quoted}$`, 'i').exec(text);
  const iCalTest = textTest(iCal?.[1], iCal?.[2]);
  if (iCalTest !== null) return (event) => iCalTest(event.iCalUId);
  return refused(text);
}

export function parseEventFilter(value: string | undefined): EventPredicate | null | QueryError {
  if (value === undefined) return null;
  const alternatives: EventPredicate[][] = [];
  for (const alternative of splitTopLevel(value.trim(), 'or')) {
    const all: EventPredicate[] = [];
    for (const clause of splitTopLevel(alternative, 'and')) {
      const parsed = parseClause(clause.trim().replace(/^\((.*)\)$/s, '$1').trim());
      if (typeof parsed !== 'function') return parsed;
      all.push(parsed);
    }
    alternatives.push(all);
  }
  return (event) => alternatives.some((all) => all.every((p) => p(event)));
}

import { splitTopLevel, type QueryError } from './odata.ts';

/**
 * How Graph reads $filter, $orderby and $search on /users, including which parts need
 * the "advanced query" parameters (`ConsistencyLevel: eventual` and, except for
 * $search, `$count=true`): learn.microsoft.com/graph/aad-advanced-queries.
 */

type UserRecord = Record<string, unknown>;
export type UserPredicate = (record: UserRecord) => boolean;

const unsupportedCode = 'Request_UnsupportedQuery';
const advancedHint = 'Try adding $count=true query parameter and ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information';

type Support = 'default' | 'advanced';
interface PropertySupport {
  eq: Support;
  startsWith?: Support;
  endsWith?: Support;
}

/** The user properties the sandbox filters on, with the operator support of Graph's table (filter-directory-objects). */
const filterable: Record<string, PropertySupport> = {
  id: { eq: 'default' },
  displayName: { eq: 'default', startsWith: 'default' },
  givenName: { eq: 'default', startsWith: 'default' },
  surname: { eq: 'default', startsWith: 'default' },
  mail: { eq: 'default', startsWith: 'default', endsWith: 'advanced' },
  userPrincipalName: { eq: 'default', startsWith: 'default', endsWith: 'advanced' },
  department: { eq: 'default', startsWith: 'default' },
  jobTitle: { eq: 'default' },
  officeLocation: { eq: 'advanced', startsWith: 'advanced' },
  preferredLanguage: { eq: 'advanced', startsWith: 'advanced' },
};

/** Properties Graph sorts users by without advanced query parameters. */
const sortableByDefault = ['displayName', 'userPrincipalName'];

function unsupportedClause(property: string): QueryError {
  return { status: 400, code: unsupportedCode, message: `Unsupported or invalid query filter clause specified for property '${property}' of resource 'User'.` };
}

function needsAdvanced(operator: string): QueryError {
  return { status: 400, code: unsupportedCode, message: `Operator '${operator}' is not supported because the required parameters might be missing. ${advancedHint}` };
}

const quoted = "'((?:[^']|'')*)'";
const unquote = (value: string) => value.replace(/''/g, "'").toLowerCase();

function parseClause(clause: string, advanced: boolean): UserPredicate | QueryError {
  const text = clause.trim();
  const comparison = new RegExp(`^(\\w+)\\s+(eq|ne)\\s+${quoted}$`, 'i').exec(text);
  const inList = /^(\w+)\s+in\s+\((.*)\)$/i.exec(text);
  const fn = new RegExp(`^(startswith|endswith)\\(\\s*(\\w+)\\s*,\\s*${quoted}\\s*\\)$`, 'i').exec(text);
  const property = comparison?.[1] ?? inList?.[1] ?? fn?.[2];
  if (property === undefined) return unsupportedClause(text);
  const support = filterable[property];
  if (support === undefined) return unsupportedClause(property);
  const valueOf = (record: UserRecord) => {
    const actual = record[property];
    return typeof actual === 'string' ? actual.toLowerCase() : null;
  };
  const eqAllowed = support.eq === 'default' || advanced;
  if (comparison?.[2] !== undefined && comparison[3] !== undefined) {
    if (!eqAllowed) return unsupportedClause(property);
    const expected = unquote(comparison[3]);
    if (comparison[2].toLowerCase() === 'ne') {
      if (!advanced) return needsAdvanced('ne');
      return (record) => valueOf(record) !== expected;
    }
    return (record) => valueOf(record) === expected;
  }
  if (inList?.[2] !== undefined) {
    // `in` works wherever `eq` works, by default too.
    if (!eqAllowed || property === 'id') return unsupportedClause(property);
    const items = inList[2].split(',').map((s) => s.trim());
    const values: string[] = [];
    for (const item of items) {
      const literal = new RegExp(`^${quoted}$`).exec(item);
      if (literal?.[1] === undefined) return unsupportedClause(property);
      values.push(unquote(literal[1]));
    }
    return (record) => values.includes(valueOf(record) ?? '');
  }
  if (fn?.[1] !== undefined && fn[3] !== undefined) {
    const operator = fn[1].toLowerCase() === 'startswith' ? 'startsWith' : 'endsWith';
    const allowed = support[operator];
    if (allowed === undefined) return unsupportedClause(property);
    if (allowed === 'advanced' && !advanced) return operator === 'endsWith' ? needsAdvanced('endsWith') : unsupportedClause(property);
    const needle = unquote(fn[3]);
    return operator === 'startsWith' ? (record) => valueOf(record)?.startsWith(needle) === true : (record) => valueOf(record)?.endsWith(needle) === true;
  }
  return unsupportedClause(property);
}

/** `$filter` on users: clauses joined by `and`/`or` (and binds tighter), each `eq`, `ne`, `in`, `startswith` or `endswith`. */
export function parseUserFilter(value: string | undefined, advanced: boolean): UserPredicate | null | QueryError {
  if (value === undefined) return null;
  const alternatives: UserPredicate[][] = [];
  for (const alternative of splitTopLevel(value.trim(), 'or')) {
    const all: UserPredicate[] = [];
    for (const clause of splitTopLevel(alternative, 'and')) {
      const parsed = parseClause(clause.replace(/^\((.*)\)$/s, '$1'), advanced);
      if (typeof parsed !== 'function') return parsed;
      all.push(parsed);
    }
    alternatives.push(all);
  }
  return (record) => alternatives.some((all) => all.every((p) => p(record)));
}

/** `$orderby` on users: displayName or userPrincipalName by default; with `$filter`, only in advanced queries. */
export function parseUserOrderBy(value: string | undefined, filtered: boolean, advanced: boolean): ((a: UserRecord, b: UserRecord) => number) | null | QueryError {
  if (value === undefined) return null;
  const match = /^(\w+)(?:\s+(asc|desc))?$/i.exec(value.trim());
  const sortingRefused: QueryError = { status: 400, code: unsupportedCode, message: 'Sorting not supported for current query.' };
  if (match?.[1] === undefined || !sortableByDefault.includes(match[1])) return sortingRefused;
  if (filtered && !advanced) return sortingRefused;
  const property = match[1];
  const sign = match[2]?.toLowerCase() === 'desc' ? -1 : 1;
  const key = (record: UserRecord) => String(record[property] ?? '').toLowerCase();
  return (a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) * sign;
}

/**
 * `$search="property:words"` clauses joined by AND/OR: each word must start a word of
 * the property (Graph's tokenized search). Only with `ConsistencyLevel: eventual`.
 */
export function parseUserSearch(value: string | undefined, consistencyEventual: boolean): UserPredicate | null | QueryError {
  if (value === undefined) return null;
  if (!consistencyEventual) {
    return { status: 400, code: unsupportedCode, message: "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'" };
  }
  const searchable = ['displayName', 'givenName', 'surname', 'mail', 'userPrincipalName', 'jobTitle', 'department'];
  const terms = value.trim().split(/\s+(AND|OR)\s+/);
  const clauses: UserPredicate[] = [];
  const joins: string[] = [];
  for (const [index, term] of terms.entries()) {
    if (index % 2 === 1) {
      joins.push(term);
      continue;
    }
    const match = /^"(\w+):([^"]*)"$/.exec(term);
    if (match?.[1] === undefined || match[2] === undefined || !searchable.includes(match[1])) {
      return { status: 400, code: 'Request_BadRequest', message: `Invalid $search clause '${term}': expected "property:words" on one of ${searchable.join(', ')}.` };
    }
    const property = match[1];
    const words = match[2].toLowerCase().split(/\s+/).filter((w) => w !== '');
    clauses.push((record) => {
      const tokens = String(record[property] ?? '').toLowerCase().split(/[\s.@_-]+/);
      return words.every((w) => tokens.some((t) => t.startsWith(w)));
    });
  }
  return (record) => {
    let result = clauses[0]?.(record) ?? true;
    joins.forEach((join, i) => {
      const next = clauses[i + 1]?.(record) ?? true;
      result = join === 'AND' ? result && next : result || next;
    });
    return result;
  };
}

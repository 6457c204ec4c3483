/** OData query options as Graph reads them, with its refusals as values. */
export type ODataQuery = Record<string, string | undefined>;
export type QueryError = { status: number; code: string; message: string };

export function queryString(query: unknown): ODataQuery {
  const result: ODataQuery = {};
  if (typeof query !== 'object' || query === null) return result;
  for (const [key, value] of Object.entries(query as Record<string, unknown>)) {
    if (typeof value === 'string') result[key] = value;
    else if (Array.isArray(value) && typeof value[0] === 'string') result[key] = value[0];
  }
  return result;
}

/** Refuses `$` options the endpoint does not serve, naming the option. */
export function refuseUnsupported(query: ODataQuery, allowed: string[], code: string): QueryError | null {
  for (const key of Object.keys(query)) {
    if (key.startsWith('$') && !allowed.includes(key.toLowerCase())) {
      return { status: 400, code, message: `'${key}' is not supported by the service.` };
    }
  }
  return null;
}

export function parseTop(value: string | undefined, limits: { default: number; max: number }, code: string): number | QueryError {
  if (value === undefined) return limits.default;
  if (!/^\d+$/.test(value)) return { status: 400, code, message: `Invalid value '${value}' for query option '$top'.` };
  const top = Number(value);
  if (top < 1 || top > limits.max) {
    return { status: 400, code, message: `Invalid page size specified: '${top}'. Must be between 1 and ${limits.max} inclusive.` };
  }
  return top;
}

export function parseSelect(value: string | undefined): string[] | null {
  if (value === undefined || value.trim() === '') return null;
  return value.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

export function encodeToken(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeToken<T>(token: string): T | null {
  try {
    return JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as T;
  } catch {
    return null;
  }
}

/** A link back to the same endpoint with `query` (original options plus the paging token). */
export function linkTo(graphBase: string, path: string, query: ODataQuery): string {
  const params = Object.entries(query)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&');
  return `${graphBase}${path}${params === '' ? '' : `?${params}`}`;
}

export function pick(record: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const key of keys) if (key in record) result[key] = record[key];
  return result;
}

/**
 * An OData action's body with each parameter under its declared name: Graph reads
 * parameter names without regard to case (its own free/busy guide writes `Schedules`,
 * `StartTime`; the Kiota SDKs send `Message`, `SaveToSentItems`). A parameter the
 * action does not declare, or one given twice, is refused with the OData reader's code.
 */
export function readActionParameters(body: unknown, operation: string, parameters: string[]): { value: Record<string, unknown> } | { code: string; message: string } {
  if (body === undefined || body === null) return { value: {} };
  if (typeof body !== 'object' || Array.isArray(body)) {
    return { code: 'RequestBodyRead', message: `The request payload of the operation '${operation}' must be a JSON object.` };
  }
  const declared = new Map(parameters.map((p) => [p.toLowerCase(), p]));
  const value: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(body)) {
    if (key.startsWith('@odata.')) continue;
    const name = declared.get(key.toLowerCase());
    if (name === undefined) {
      return { code: 'RequestBodyRead', message: `The parameter '${key}' in the request payload is not a valid parameter for the operation '${operation}'.` };
    }
    if (name in value) {
      return { code: 'RequestBodyRead', message: `Multiple parameters with the name '${name}' were found in the request payload of the operation '${operation}'.` };
    }
    value[name] = item;
  }
  return { value };
}

/** Splits on a top-level keyword (outside quotes and parentheses). */
export function splitTopLevel(text: string, keyword: 'and' | 'or'): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (c === "'") quoted = !quoted;
    else if (!quoted && c === '(') depth += 1;
    else if (!quoted && c === ')') depth -= 1;
    else if (!quoted && depth === 0 && /\s/.test(c ?? '')) {
      const rest = text.slice(i + 1);
      const match = new RegExp(`^${keyword}\\s+`, 'i').exec(rest);
      if (match !== null) {
        parts.push(text.slice(start, i).trim());
        start = i + 1 + match[0].length;
        i = start - 1;
      }
    }
  }
  parts.push(text.slice(start).trim());
  return parts;
}

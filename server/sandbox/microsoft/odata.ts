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
 * Refuses a parameter an OData action does not declare, with the OData reader's
 * message (Graph compares parameter names case-insensitively). Null when all are known.
 */
export function unknownActionParameter(body: unknown, operation: string, parameters: string[]): { code: string; message: string } | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const known = new Set(parameters.map((p) => p.toLowerCase()));
  const unknown = Object.keys(body).find((key) => !key.startsWith('@odata.') && !known.has(key.toLowerCase()));
  if (unknown === undefined) return null;
  return { code: 'RequestBodyRead', message: `The parameter '${unknown}' in the request payload is not a valid parameter for the operation '${operation}'.` };
}

/**
 * Provider request counts for reports: every HTTP round trip (Graph and token
 * endpoint) and every Graph operation, where each item of a `$batch` is one
 * operation and the batch itself is one round trip.
 */

/** Collections whose next path segment is an id or an address. */
const idCollections = new Set(['users', 'events', 'calendars', 'messages', 'mailfolders', 'groups', 'contacts']);

/** "POST /users/{id}/calendar/getSchedule" from a method and an absolute or relative Graph URL. */
export function endpointLabel(method: string, url: string, versionPrefix = ''): string {
  const path = (url.startsWith('https://') || url.startsWith('http://') ? new URL(url).pathname : url.split('?')[0] ?? '')
    .replace(/\/+$/, '');
  const trimmed = versionPrefix !== '' && path.startsWith(versionPrefix) ? path.slice(versionPrefix.length) : path;
  const segments = trimmed.split('/').filter((s) => s !== '');
  const labelled = segments.map((segment, i) => {
    const previous = segments[i - 1];
    return previous !== undefined && idCollections.has(previous.toLowerCase()) && !segment.startsWith('$') && segment !== 'delta'
      ? '{id}'
      : segment;
  });
  return `${method.toUpperCase()} /${labelled.join('/')}`;
}

/** "POST /{tenant}/oauth2/v2.0/token": one label whatever the tenant id in the path. */
export function tokenEndpointLabel(method: string, url: string): string {
  const segments = new URL(url).pathname.split('/').filter((s) => s !== '');
  return `${method.toUpperCase()} /${['{tenant}', ...segments.slice(1)].join('/')}`;
}

export interface RequestCounts {
  httpRoundTrips: number;
  operations: number;
  byEndpoint: Record<string, number>;
}

export class RequestCounter {
  private roundTrips = 0;
  private ops = 0;
  private readonly endpoints = new Map<string, number>();

  /** One HTTP exchange; `operations` is 0 for a token call, the item count for a batch. */
  roundTrip(label: string, operations: number): void {
    this.roundTrips += 1;
    this.ops += operations;
    this.bump(label);
  }

  /** One operation carried inside a batch. */
  batchItem(label: string): void {
    this.bump(label);
  }

  snapshot(): RequestCounts {
    return {
      httpRoundTrips: this.roundTrips,
      operations: this.ops,
      byEndpoint: Object.fromEntries([...this.endpoints.entries()].sort(([a], [b]) => a.localeCompare(b))),
    };
  }

  private bump(label: string): void {
    this.endpoints.set(label, (this.endpoints.get(label) ?? 0) + 1);
  }
}

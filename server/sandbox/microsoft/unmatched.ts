/**
 * What Graph answers for a URL no route serves: 405 when the resource exists but not
 * with this method, else 400 naming the first path segment it could not resolve
 * ("Resource not found for the segment 'foo'."). Routes are learnt as they register.
 */
export class RouteTable {
  private readonly routes: { method: string; segments: string[] }[] = [];

  add(method: string | string[], url: string): void {
    if (!url.startsWith('/v1.0/')) return;
    // Fastify adds HEAD beside each GET by itself; Graph does not advertise it.
    for (const m of Array.isArray(method) ? method : [method]) {
      if (m.toUpperCase() !== 'HEAD') this.routes.push({ method: m.toUpperCase(), segments: url.split('/').filter((s) => s !== '') });
    }
  }

  /**
   * The URL with each fixed path segment written as its route declares it: Graph
   * resolves segments without regard to case (`getschedule`, `calendarview`), the
   * router does not. Ids and addresses (parameters) keep their case.
   */
  canonical(url: string): string {
    const query = url.indexOf('?');
    const path = query < 0 ? url : url.slice(0, query);
    if (!/^\/v1\.0\//i.test(path)) return url;
    let candidates = this.routes;
    let position = 0;
    const segments = path.split('/').map((segment) => {
      if (segment === '') return segment;
      const lower = decodeSegment(segment).toLowerCase();
      const fixed = candidates.map((r) => r.segments[position]).find((p) => p !== undefined && !p.startsWith(':') && p.toLowerCase() === lower);
      candidates = candidates.filter((r) => {
        const pattern = r.segments[position];
        return pattern !== undefined && (pattern.startsWith(':') || pattern.toLowerCase() === lower);
      });
      position += 1;
      return fixed ?? segment;
    });
    return segments.join('/') + (query < 0 ? '' : url.slice(query));
  }

  explain(method: string, path: string): { kind: 'method'; allowed: string[] } | { kind: 'segment'; segment: string } {
    const segments = path.split('/').filter((s) => s !== '').map(decodeSegment);
    const matches = (pattern: string, actual: string | undefined) => actual !== undefined && (pattern.startsWith(':') || pattern.toLowerCase() === actual.toLowerCase());
    const allowed = this.routes
      .filter((r) => r.method !== method.toUpperCase() && r.segments.length === segments.length && r.segments.every((p, i) => matches(p, segments[i])))
      .map((r) => r.method);
    if (allowed.length > 0) return { kind: 'method', allowed: [...new Set(allowed)] };
    let resolved = 0;
    for (const route of this.routes) {
      let n = 0;
      while (n < route.segments.length && matches(route.segments[n] ?? '', segments[n])) n += 1;
      resolved = Math.max(resolved, n);
    }
    return { kind: 'segment', segment: segments[Math.min(resolved, segments.length - 1)] ?? '' };
  }
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

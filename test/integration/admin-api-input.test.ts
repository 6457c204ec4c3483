import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallTenant } from '../support/small-tenant.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';

const cohort = { name: 'Pilote 2027', format: 'classic', sessions: 4, sessionMinutes: 60, start: '2027-01-11', weeks: 16 };

describe('admin API input checks and framework refusals', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(smallTenant(), { now: '2027-01-04T08:00:00Z' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses a cohort name holding a NUL byte, naming the field, instead of failing on our side', async () => {
    const res = await t.call('POST', '/api/admin/cohorts', { ...cohort, name: 'Pilote\u0000 2027' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'INVALID_INPUT', field: 'name' });
  });

  it('refuses a cohort starting in the past or more than two years ahead, naming the window', async () => {
    for (const start of ['1970-01-05', '2027-01-03', '2029-01-05', '9999-01-04']) {
      const res = await t.call('POST', '/api/admin/cohorts', { ...cohort, start });
      expect(res.status, start).toBe(400);
      expect(res.body).toMatchObject({ code: 'INVALID_INPUT', field: 'start' });
      expect((res.body as { message: string }).message).toContain('2027-01-04');
    }
    const today = await t.call('POST', '/api/admin/cohorts', { ...cohort, start: '2027-01-04' });
    expect(today.status).toBe(201);
  });

  it('refuses more sessions than weeks, since sessions are at least a week apart', async () => {
    const res = await t.call('POST', '/api/admin/cohorts', { ...cohort, sessions: 12, weeks: 1 });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'INVALID_INPUT', field: 'sessions' });
    const fits = await t.call('POST', '/api/admin/cohorts', { ...cohort, name: 'Weekly', sessions: 12, weeks: 12 });
    expect(fits.status).toBe(201);
  });

  it('finds a cohort by its id written in upper case', async () => {
    const created = await t.call('POST', '/api/admin/cohorts', { ...cohort, name: 'Upper' });
    const id = (created.body as { cohortId: string }).cohortId;
    const res = await t.call('GET', `/api/admin/cohorts/${id.toUpperCase()}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ cohortId: id, name: 'Upper' });
  });

  it('answers unparsable JSON and prototype poisoning in the error shape, naming the body', async () => {
    const broken = await t.call('POST', '/api/admin/cohorts', '{"name": ', 'application/json');
    expect(broken.status).toBe(400);
    expect(broken.body).toMatchObject({ code: 'INVALID_JSON', field: 'body' });
    const poisoned = await t.call('POST', '/api/admin/cohorts', `{"__proto__": {"admin": true}, "name": "x"}`, 'application/json');
    expect(poisoned.status).toBe(400);
    expect(poisoned.body).toMatchObject({ code: 'INVALID_JSON', field: 'body' });
    const constructor = await t.call('POST', '/api/admin/cohorts', `{"constructor": {"prototype": {"admin": true}}}`, 'application/json');
    expect(constructor.status).toBe(400);
    expect(constructor.body).toMatchObject({ code: 'INVALID_JSON' });
    const empty = await t.call('POST', '/api/admin/cohorts', '', 'application/json');
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ code: 'INVALID_JSON' });
  });

  it('answers an over-long path parameter and a badly encoded URL in the error shape', async () => {
    const long = await t.call('GET', `/api/admin/cohorts/${'a'.repeat(5000)}`);
    expect(long.status).toBe(414);
    expect(long.body).toMatchObject({ code: 'URL_TOO_LONG' });
    const bad = await t.call('GET', '/api/admin/cohorts/%E0%A4%A');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'BAD_URL' });
  });

  it('answers over-large headers with 431 in the error shape, on a real socket', async () => {
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const address = t.app.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/api/admin/cohorts', headers: { 'x-padding': 'x'.repeat(40_000) } }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(answer.status).toBe(431);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'HEADERS_TOO_LARGE' });
  });

  it('sends security headers on every answer and no CORS permission', async () => {
    for (const url of ['/api/admin/cohorts', '/docs', '/no-such-route']) {
      const res = await t.call('GET', url, undefined, undefined, { origin: 'https://evil.example' });
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  it('publishes an OpenAPI document that names every admin route', async () => {
    const res = await t.call('GET', '/docs/json');
    expect(res.status).toBe(200);
    const paths = Object.keys((res.body as { paths: Record<string, unknown> }).paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/admin/cohorts/{cohortId}/rejections', '/api/admin/enrolment-template', '/api/admin/cohorts/{cohortId}/enrolments']));
  });
});

import { SignJWT, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import { smallEnrolments, smallTenant } from '../support/small-tenant.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';

const cohort = { name: 'Pilote 2027', format: 'classic', sessions: 4, sessionMinutes: 60, start: '2027-01-11', weeks: 16 };
const unknownId = '6f1c1c7e-3a53-4c1c-9a1e-0d1f3f7a9b10';

/** Every admin route, with a cohort id where it takes one. */
const routes = (id: string): [InjectOptions['method'], string][] => [
  ['POST', '/api/admin/cohorts'],
  ['GET', '/api/admin/cohorts'],
  ['GET', `/api/admin/cohorts/${id}`],
  ['POST', `/api/admin/cohorts/${id}/enrolments`],
  ['GET', `/api/admin/cohorts/${id}/enrolments`],
  ['GET', `/api/admin/cohorts/${id}/rejections`],
  ['GET', '/api/admin/enrolment-template'],
  ['POST', `/api/admin/cohorts/${id}/matching`],
  ['GET', `/api/admin/cohorts/${id}/matching`],
  ['POST', `/api/admin/cohorts/${id}/publish`],
  ['POST', `/api/admin/cohorts/${id}/rollout`],
  ['GET', `/api/admin/cohorts/${id}/rollout`],
  ['POST', `/api/admin/cohorts/${id}/rollout/retry`],
];

describe('every admin route answers each of its refusals with a stable code', () => {
  let t: TestApp;
  const create = async (): Promise<string> => ((await t.call('POST', '/api/admin/cohorts', cohort)).body as { cohortId: string }).cohortId;
  beforeAll(async () => {
    t = await buildTestApp(smallTenant());
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses callers without a token (401 TOKEN_MISSING, with a bearer challenge) on every route, changing nothing', async () => {
    for (const [method, url] of routes(unknownId)) {
      const res = await t.app.inject({ method, url, ...(method === 'POST' ? { payload: {} } : {}) });
      expect([res.statusCode, url]).toEqual([401, url]);
      expect(res.json()).toMatchObject({ code: 'TOKEN_MISSING' });
      expect(res.headers['www-authenticate']).toBe('Bearer realm="binome"');
    }
    expect((await t.call('GET', '/api/admin/cohorts')).body).toEqual([]);
  });

  it("refuses another directory's token (401 TOKEN_ISSUER) on every route", async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const tid = '0b0b0b0b-1111-4222-8333-444444444444';
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ iss: `https://login.microsoftonline.com/${tid}/v2.0`, tid, oid: tid, aud: 'api', scp: 'access_as_user', ver: '2.0', iat: now, exp: now + 600 })
      .setProtectedHeader({ alg: 'RS256', kid: 'k' })
      .sign(privateKey);
    for (const [method, url] of routes(unknownId)) {
      const res = await t.call(method, url, method === 'POST' ? {} : undefined, undefined, { authorization: `Bearer ${token}` });
      expect([res.status, url]).toEqual([401, url]);
      expect(res.body).toMatchObject({ code: 'TOKEN_ISSUER' });
    }
  });

  it('answers 404 COHORT_NOT_FOUND, naming cohortId, on every route about one cohort', async () => {
    for (const [method, url] of routes(unknownId).filter(([, u]) => u.includes(unknownId))) {
      const body = url.endsWith('/enrolments') && method === 'POST' ? smallEnrolments : undefined;
      const res = await t.call(method, url, body, body === undefined ? undefined : 'text/csv');
      expect([res.status, url]).toEqual([404, url]);
      expect(res.body).toMatchObject({ code: 'COHORT_NOT_FOUND', field: 'cohortId' });
    }
  });

  it('answers 400 INVALID_INPUT naming params.cohortId for an id that is not a UUID, on every route about one cohort', async () => {
    for (const [method, url] of routes('not-a-uuid').filter(([, u]) => u.includes('not-a-uuid'))) {
      const res = await t.call(method, url, method === 'POST' && url.endsWith('/enrolments') ? 'x' : undefined, 'text/csv');
      expect([res.status, url]).toEqual([400, url]);
      expect(res.body).toMatchObject({ code: 'INVALID_INPUT', field: 'params.cohortId' });
    }
  });

  it('refuses a cohort body of the wrong type (415), too large (413) or missing a field (400)', async () => {
    const xml = await t.call('POST', '/api/admin/cohorts', '<cohort/>', 'application/xml');
    expect([xml.status, (xml.body as { code: string }).code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const large = await t.call('POST', '/api/admin/cohorts', { ...cohort, name: 'x'.repeat(2 * 1024 * 1024) });
    expect([large.status, (large.body as { code: string }).code]).toEqual([413, 'BODY_TOO_LARGE']);
    const missing = await t.call('POST', '/api/admin/cohorts', { ...cohort, format: undefined });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ code: 'INVALID_INPUT', field: 'format' });
  });

  it('refuses an import that is not a file (400), too large (413), refused whole (400 CSV_FILE_INVALID) or on a published cohort (409)', async () => {
    const id = await create();
    const base = `/api/admin/cohorts/${id}`;
    const json = await t.call('POST', `${base}/enrolments`, { rows: [] });
    expect(json.status).toBe(400);
    expect(json.body).toMatchObject({ code: 'INVALID_INPUT', field: 'body' });
    const huge = await t.call('POST', `${base}/enrolments`, Buffer.alloc(26 * 1024 * 1024, 0x61), 'text/csv');
    expect([huge.status, (huge.body as { code: string }).code]).toEqual([413, 'BODY_TOO_LARGE']);
    const header = await t.call('POST', `${base}/enrolments`, 'email,role\nx@acme.example,mentor\n', 'text/csv');
    expect(header.status).toBe(400);
    expect(header.body).toMatchObject({ code: 'CSV_FILE_INVALID', field: 'body' });
    expect((header.body as { message: string }).message).toContain('column "offers" is missing');
    const empty = await t.call('POST', `${base}/enrolments`, '', 'text/csv');
    expect(empty.body).toMatchObject({ code: 'CSV_FILE_INVALID' });

    await t.call('POST', `${base}/enrolments`, smallEnrolments, 'text/csv');
    expect((await t.call('POST', `${base}/matching`)).status).toBe(200);
    expect((await t.call('POST', `${base}/publish`)).status).toBe(200);
    const locked = await t.call('POST', `${base}/enrolments`, smallEnrolments, 'text/csv');
    expect(locked.status).toBe(409);
    expect(locked.body).toMatchObject({ code: 'COHORT_LOCKED', field: 'cohortId' });
    const rematch = await t.call('POST', `${base}/matching`);
    expect(rematch.status).toBe(409);
    expect(rematch.body).toMatchObject({ code: 'COHORT_LOCKED' });
    const again = await t.call('POST', `${base}/publish`);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'ALREADY_PUBLISHED' });
    const retry = await t.call('POST', `${base}/rollout/retry`);
    expect(retry.status).toBe(409);
    expect(retry.body).toMatchObject({ code: 'NOT_ROLLING_OUT' });
  });

  it('refuses to match a cohort with no enrolment, and to publish or roll out a cohort not ready for it', async () => {
    const id = await create();
    const base = `/api/admin/cohorts/${id}`;
    const nothing = await t.call('POST', `${base}/matching`);
    expect(nothing.status).toBe(409);
    expect(nothing.body).toMatchObject({ code: 'NOTHING_TO_MATCH', field: 'cohortId' });
    const publish = await t.call('POST', `${base}/publish`);
    expect(publish.status).toBe(409);
    expect(publish.body).toMatchObject({ code: 'NOT_MATCHED' });
    const rollout = await t.call('POST', `${base}/rollout`);
    expect(rollout.status).toBe(409);
    expect(rollout.body).toMatchObject({ code: 'NOT_PUBLISHED' });

    // Hélène and Chloé are in one reporting line: matching forms no pair, and there is nothing to publish.
    await t.call('POST', `${base}/enrolments`, 'email,role,offers,wants,languages,format\nchloe.martin@acme.example,mentor,ai,,fr,video\nhelene.roux@acme.example,mentee,,ai,fr,video\n', 'text/csv');
    const matched = await t.call('POST', `${base}/matching`);
    expect((matched.body as { pairs: unknown[] }).pairs).toEqual([]);
    const empty = await t.call('POST', `${base}/publish`);
    expect(empty.status).toBe(409);
    expect(empty.body).toMatchObject({ code: 'NOT_MATCHED' });
  });

  it('refuses paging and template queries out of range, naming the query field', async () => {
    const id = await create();
    for (const query of ['offset=-1', 'limit=0', 'limit=1001', 'limit=ten']) {
      const res = await t.call('GET', `/api/admin/cohorts/${id}/rejections?${query}`);
      expect([res.status, query]).toEqual([400, query]);
      expect((res.body as { field: string }).field).toMatch(/^querystring\.(offset|limit)$/);
    }
    const lang = await t.call('GET', '/api/admin/enrolment-template?lang=de');
    expect(lang.status).toBe(400);
    expect(lang.body).toMatchObject({ code: 'INVALID_INPUT', field: 'querystring.lang' });
  });

  it('answers an unknown route with 404 NOT_FOUND in the error shape', async () => {
    const res = await t.call('GET', '/api/admin/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'NOT_FOUND' });
  });
});

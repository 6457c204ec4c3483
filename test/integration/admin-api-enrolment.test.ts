import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../../server/store/schema.ts';
import { firstRejected, listEnrolments, loadDirectory, rejectionPage, replaceDirectory, saveImport } from '../../server/programme/repository.ts';
import { rejectedRowOut } from '../../server/programme/words.ts';
import { smallTenant } from '../support/small-tenant.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';

const cohort = { name: 'Pilote 2027', format: 'classic', sessions: 4, sessionMinutes: 60, start: '2027-01-11', weeks: 16 };
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Report {
  loaded: number;
  rejected: { line: number; field: string | null; code: string; reason: string }[];
  rejectedTotal: number;
}

describe('enrolment files from HR spreadsheets, through the admin API', () => {
  let t: TestApp;
  const newCohort = async (): Promise<string> => `/api/admin/cohorts/${((await t.call('POST', '/api/admin/cohorts', cohort)).body as { cohortId: string }).cohortId}`;
  beforeAll(async () => {
    t = await buildTestApp(smallTenant());
  });
  afterAll(async () => {
    await t.close();
  });

  it('loads a French Excel CSV saved in Windows-1252 with semicolons', async () => {
    const base = await newCohort();
    const text = 'Courriel;Rôle;Propose;Souhaite;Langues;Format\r\nhelene.roux@acme.example;mentee;;ai, data;fr;either\r\nchloe.martin@acme.example;mentor;ai;;fr;vidéo\r\n';
    const bytes = Buffer.from([...text].map((c) => c.charCodeAt(0)));
    const res = await t.call('POST', `${base}/enrolments`, bytes, 'text/csv');
    expect(res.status).toBe(200);
    const report = res.body as Report;
    expect(report.loaded).toBe(1);
    // The accent survived the decoding: the refused format is quoted as typed.
    expect(report.rejected).toEqual([expect.objectContaining({ line: 3, code: 'CSV_BAD_FORMAT', reason: expect.stringContaining('"vidéo"') })]);
  });

  it('loads UTF-16 files with their byte order mark, little- and big-endian', async () => {
    const text = '\ufeffemail\trole\toffers\twants\tlanguages\tformat\nmarc.petit@acme.example\tmentee\t\tdata\tfr\tvideo\n';
    const le = Buffer.from(text, 'utf16le');
    const be = Buffer.from(le);
    be.swap16();
    for (const bytes of [le, be]) {
      const res = await t.call('POST', `${await newCohort()}/enrolments`, bytes, 'text/plain');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ loaded: 1, rejectedTotal: 0 });
    }
  });

  it('refuses a file whose encoding cannot be told, naming the problem, and loads nothing', async () => {
    const base = await newCohort();
    const bytes = Buffer.concat([Buffer.from('email,role,offers,wants,languages,format\nmarc.petit@acme.example,mentee,,data,fr,video'), Buffer.from([0x81, 0x0a])]);
    const res = await t.call('POST', `${base}/enrolments`, bytes, 'text/csv');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'CSV_FILE_INVALID', field: 'body' });
    expect((res.body as { message: string }).message).toContain('neither UTF-8 nor Windows-1252');
    expect((await t.call('GET', `${base}/enrolments`)).body).toEqual([]);
  });

  it('loads the first sheet of an .xlsx workbook, hyperlinked emails and working hours included', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Volontaires');
    sheet.addRow(['E-mail', 'Rôle', 'Propose', 'Souhaite', 'Langues', 'Format', 'Jours', 'Horaires']);
    sheet.addRow([{ text: 'lucas.bernard@acme.example', hyperlink: 'mailto:lucas.bernard@acme.example' }, 'mentor', 'ai; social-networks', '', 'fr, en', 'either', 'lun-jeu', '08:30-16:30']);
    sheet.addRow(['julie.moreau@acme.example', 'mentee', '', 'ai', 'en', 'phone']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const base = await newCohort();
    const res = await t.call('POST', `${base}/enrolments`, bytes, xlsxType);
    expect(res.status).toBe(200);
    expect((res.body as Report).rejected.map((r) => [r.line, r.field, r.code])).toEqual([[3, 'format', 'CSV_BAD_FORMAT']]);
    expect((await t.call('GET', `${base}/enrolments`)).body).toEqual([
      {
        email: 'lucas.bernard@acme.example',
        role: 'mentor',
        offers: ['ai', 'social-networks'],
        wants: [],
        languages: ['fr', 'en'],
        format: 'either',
        workingHours: { days: ['mon', 'tue', 'wed', 'thu'], start: '08:30', end: '16:30' },
      },
    ]);
  });

  it('refuses an Excel 97-2003 workbook and a broken .xlsx, saying what to do', async () => {
    const base = await newCohort();
    const xls = await t.call('POST', `${base}/enrolments`, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'application/octet-stream');
    expect(xls.status).toBe(400);
    expect((xls.body as { message: string }).message).toContain('.xlsx');
    const broken = await t.call('POST', `${base}/enrolments`, Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), xlsxType);
    expect(broken.status).toBe(400);
    expect(broken.body).toMatchObject({ code: 'CSV_FILE_INVALID' });

    // A workbook whose zip directory declares 2 GB per part is refused before anything is inflated.
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('x').addRow(['email']);
    const bomb = Buffer.from(await workbook.xlsx.writeBuffer());
    for (let at = bomb.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); at !== -1; at = bomb.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 4)) {
      bomb.writeUInt32LE(0x7fffffff, at + 24);
    }
    const refused = await t.call('POST', `${base}/enrolments`, bomb, xlsxType);
    expect(refused.status).toBe(400);
    expect((refused.body as { message: string }).message).toContain('unpacks to');
  });

  it('offers templates in French and English, as CSV with a BOM and as .xlsx, that import back', async () => {
    const fr = await t.call('GET', '/api/admin/enrolment-template?format=csv&lang=fr');
    expect(fr.status).toBe(200);
    expect(String(fr.headers['content-type'])).toContain('text/csv');
    expect([...fr.raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(fr.raw.toString('utf8').slice(1).split('\r\n')[0]).toBe('courriel;rôle;propose;souhaite;langues;format;jours;horaires');
    const en = await t.call('GET', '/api/admin/enrolment-template?format=csv&lang=en');
    expect(en.raw.toString('utf8').slice(1).split('\r\n')[0]).toBe('email,role,offers,wants,languages,format,workingDays,workingHours');
    for (const lang of ['fr', 'en']) {
      const xlsx = await t.call('GET', `/api/admin/enrolment-template?format=xlsx&lang=${lang}`);
      expect(xlsx.status).toBe(200);
      expect(String(xlsx.headers['content-disposition'])).toContain('.xlsx');
      for (const [bytes, type] of [[xlsx.raw, xlsxType], [lang === 'fr' ? fr.raw : en.raw, 'text/csv']] as const) {
        const back = await t.call('POST', `${await newCohort()}/enrolments`, bytes, type);
        expect(back.status).toBe(200);
        // The example people are not in the directory; everything else in the rows reads.
        expect((back.body as Report).rejected.map((r) => r.code)).toEqual(['CSV_UNKNOWN_PERSON', 'CSV_UNKNOWN_PERSON']);
      }
    }
    const bad = await t.call('GET', '/api/admin/enrolment-template?format=pdf');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'INVALID_INPUT', field: 'querystring.format' });
  });

  it('stores a file of copies of one bad row as one group, and pages the refusals with totals', async () => {
    const base = await newCohort();
    const row = 'chloe.martin@acme.example,mentor,ai,,fr,video';
    const rows = ['email,role,offers,wants,languages,format', row];
    for (let i = 0; i < 20_000; i++) rows.push(row);
    rows.push('nobody@acme.example,mentor,ai,,fr,video');
    const res = await t.call('POST', `${base}/enrolments`, rows.join('\n'), 'text/csv');
    const report = res.body as Report;
    expect(report).toMatchObject({ loaded: 1, rejectedTotal: 20_001 });
    expect(report.rejected).toHaveLength(1000);
    expect(report.rejected[0]).toMatchObject({ line: 3, code: 'CSV_DUPLICATE' });

    const page = await t.call('GET', `${base}/rejections?limit=1`);
    expect(page.status).toBe(200);
    expect(page.body).toEqual({
      rows: 20_001,
      groups: 2,
      offset: 0,
      limit: 1,
      items: [
        {
          field: 'email',
          code: 'CSV_DUPLICATE',
          params: { context: 'file', email: 'chloe.martin@acme.example', line: 2 },
          detail: 'chloe.martin@acme.example is already enrolled on line 2; a person enrols once per cohort',
          lines: [[3, 20_002]],
          count: 20_000,
        },
      ],
    });
    const second = await t.call('GET', `${base}/rejections?offset=1&limit=10`);
    expect((second.body as { items: { code: string; lines: number[][] }[] }).items).toEqual([
      expect.objectContaining({ code: 'CSV_UNKNOWN_PERSON', lines: [[20_003, 20_003]], count: 1 }),
    ]);
    const view = (await t.call('GET', `${base}/matching`)).body as { rejected: unknown[]; rejectedTotal: number };
    expect(view.rejectedTotal).toBe(20_001);
    expect(view.rejected).toHaveLength(1000);
    const tooMany = await t.call('GET', `${base}/rejections?limit=5000`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toMatchObject({ field: 'querystring.limit' });
  });

  it('stores the refusals of a large import in parts and pages them back whole, in line order', async () => {
    const base = await newCohort();
    const rows = ['email,role,offers,wants,languages,format'];
    for (let i = 0; i < 6000; i++) rows.push(`nobody${i}@acme.example,mentor,ai,,fr,video`);
    const res = await t.call('POST', `${base}/enrolments`, rows.join('\n'), 'text/csv');
    expect(res.body).toMatchObject({ loaded: 0, rejectedTotal: 6000 });
    const imports = await t.store.db.select().from(schema.enrolmentImports).where(eq(schema.enrolmentImports.cohortId, base.split('/').at(-1) ?? ''));
    // One person per group, a quarter of a megabyte of groups per row of the store.
    expect(imports.length).toBeGreaterThan(1);
    const lines: number[] = [];
    for (let offset = 0; offset < 6000; offset += 1000) {
      const page = (await t.call('GET', `${base}/rejections?offset=${offset}&limit=1000`)).body as { rows: number; groups: number; items: { lines: number[][] }[] };
      expect(page).toMatchObject({ rows: 6000, groups: 6000 });
      for (const item of page.items) lines.push(item.lines[0]?.[0] ?? 0);
    }
    expect(lines).toEqual(Array.from({ length: 6000 }, (_, i) => i + 2));
  });

  it('leaves nothing half-written when the store refuses a write part-way through an import or a directory refresh', async () => {
    const base = await newCohort();
    const cohortId = base.split('/').at(-1) ?? '';
    const tenantId = smallTenant().tenant.id;
    const good = await t.call('POST', `${base}/enrolments`, 'email,role,offers,wants,languages,format\nchloe.martin@acme.example,mentor,ai,,fr,video\n', 'text/csv');
    expect(good.body).toMatchObject({ loaded: 1 });
    const importsBefore = await t.store.db.select().from(schema.enrolmentImports).where(eq(schema.enrolmentImports.cohortId, cohortId));
    const enrolment = (i: number) => ({ email: `p${i}@acme.example`, role: 'mentee' as const, offers: [], wants: ['ai'], languages: ['fr'], format: 'video' as const });
    // Several statements' worth of rows; PostgreSQL refuses the NUL of the last one.
    const accepted = [...Array.from({ length: 900 }, (_, i) => enrolment(i)), { ...enrolment(900), email: 'nul\u0000@acme.example' }];
    await expect(saveImport(t.store.db, tenantId, cohortId, 'half-written', accepted, [{ rows: 1, groups: 1, stored: '{}' }])).rejects.toThrow();
    expect((await listEnrolments(t.store.db, tenantId, cohortId)).map((e) => e.email)).toEqual(['chloe.martin@acme.example']);
    expect(await t.store.db.select().from(schema.enrolmentImports).where(eq(schema.enrolmentImports.cohortId, cohortId))).toEqual(importsBefore);

    const directory = await loadDirectory(t.store.db, tenantId);
    expect(directory.length).toBeGreaterThan(0);
    const renamed = Array.from({ length: 450 }, (_, i) => ({ ...directory[0], id: `x${i}`, email: `x${i}@acme.example`, name: i === 449 ? 'NUL\u0000' : `X ${i}` }) as (typeof directory)[number]);
    await expect(replaceDirectory(t.store.db, tenantId, renamed, new Date('2027-01-04T08:00:00Z'))).rejects.toThrow();
    expect(await loadDirectory(t.store.db, tenantId)).toEqual(directory);
  });

  it('keeps answering while it reads a large file, and refuses its over-long cells by line', async () => {
    const base = await newCohort();
    const huge = 'blockchain'.repeat(100_000);
    const rows = ['email,role,offers,wants,languages,format'];
    rows.push(`chloe.martin@acme.example,mentor,${huge},,fr,video`, `lucas.bernard@acme.example,mentor,ai,${huge},fr,video`);
    for (let i = 0; i < 40_000; i++) rows.push(`nobody${i}@acme.example,mentor,ai;data,,fr;en,video`);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    let ticksWhenDone = 0;
    const importing = t.call('POST', `${base}/enrolments`, rows.join('\n'), 'text/csv').then((r) => {
      ticksWhenDone = ticks;
      return r;
    });
    const health = await t.call('GET', '/health');
    const ticksAtHealth = ticks;
    const res = await importing;
    clearInterval(timer);
    expect(health.status).toBe(200);
    // The health check was answered before the import ended, and timers kept firing during it.
    expect(ticksAtHealth).toBeLessThan(ticksWhenDone);
    expect(ticksWhenDone).toBeGreaterThan(5);
    expect((res.body as Report).rejected.slice(0, 2)).toEqual([
      expect.objectContaining({ line: 2, field: 'offers', code: 'CSV_CELL_TOO_LONG' }),
      expect.objectContaining({ line: 3, field: 'wants', code: 'CSV_CELL_TOO_LONG' }),
    ]);
  });
});

describe('the migration to grouped refusals', () => {
  it('keeps the rows earlier imports refused readable, grouped by cause', async () => {
    const migrations = fileURLToPath(new URL('../../server/store/migrations', import.meta.url));
    const dir = mkdtempSync(join(tmpdir(), 'binome-migrations-'));
    try {
      cpSync(migrations, dir, { recursive: true });
      const journalPath = join(dir, 'meta', '_journal.json');
      const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
      const all = journal.entries;
      writeFileSync(journalPath, JSON.stringify({ ...journal, entries: all.filter((e) => e.tag < '0004') }));
      const client = new PGlite();
      const db = drizzle(client);
      await migrate(db, { migrationsFolder: dir });
      await client.exec(`insert into tenants (tenant_id, name, domain, platform) values ('acme', 'Acme', 'acme.example', 'microsoft');
        insert into cohorts (tenant_id, cohort_id, name, format, sessions, session_minutes, start_date, weeks, status)
          values ('acme', 'c1', 'Pilote', 'classic', 4, 60, '2027-01-11', 16, 'draft');`);
      const old = [
        { line: 2, field: 'email', code: 'CSV_UNKNOWN_PERSON', reason: 'line 2, field email: nobody in the directory has the email a@acme.example' },
        { line: 3, field: 'email', code: 'CSV_DUPLICATE', reason: 'line 3, field email: x is already enrolled on line 1; a person enrols once per cohort' },
        { line: 4, field: 'email', code: 'CSV_DUPLICATE', reason: 'line 4, field email: x is already enrolled on line 1; a person enrols once per cohort' },
        { line: 6, field: null, code: 'CSV_MALFORMED', reason: 'line 6: quotes are misplaced' },
        { line: 7, field: 'email', code: 'CSV_DUPLICATE', reason: 'line 7, field email: x is already enrolled on line 1; a person enrols once per cohort' },
      ];
      await client.query(
        `insert into enrolment_imports (tenant_id, cohort_id, import_id, loaded, refused_count, refused) values ('acme', 'c1', 'i1', 3, 5, $1), ('acme', 'c1', 'i2', 1, 0, '[]')`,
        [JSON.stringify(old)],
      );
      writeFileSync(journalPath, JSON.stringify(journal));
      await migrate(db, { migrationsFolder: dir });
      const result = await client.query<{ import_id: string; refused: string; refused_groups: number }>(
        'select import_id, refused, refused_groups from enrolment_imports order by import_id',
      );
      const [first, second] = result.rows;
      expect(first?.refused_groups).toBe(3);
      expect(JSON.parse(first?.refused ?? '')).toEqual([
        { field: 'email', code: 'CSV_UNKNOWN_PERSON', detail: 'nobody in the directory has the email a@acme.example', lines: [[2, 2]], count: 1 },
        { field: 'email', code: 'CSV_DUPLICATE', detail: 'x is already enrolled on line 1; a person enrols once per cohort', lines: [[3, 4], [7, 7]], count: 3 },
        { field: null, code: 'CSV_MALFORMED', detail: 'quotes are misplaced', lines: [[6, 6]], count: 1 },
      ]);
      expect(second).toMatchObject({ refused: '[]', refused_groups: 0 });
      const store = drizzle(client, { schema });
      expect((await rejectionPage(store, 'acme', 'c1', 1, 5)).items.map((g) => g.code)).toEqual(['CSV_DUPLICATE', 'CSV_MALFORMED']);
      const shown = await firstRejected(store, 'acme', 'c1', 3);
      expect(shown.total).toBe(5);
      // Stored before params were kept: the API still spells each row in the English it was stored with.
      expect(shown.rows.map(rejectedRowOut)).toEqual([
        { line: 2, field: 'email', code: 'CSV_UNKNOWN_PERSON', params: {}, reason: 'line 2, field email: nobody in the directory has the email a@acme.example' },
        { line: 3, field: 'email', code: 'CSV_DUPLICATE', params: {}, reason: 'line 3, field email: x is already enrolled on line 1; a person enrols once per cohort' },
        { line: 4, field: 'email', code: 'CSV_DUPLICATE', params: {}, reason: 'line 4, field email: x is already enrolled on line 1; a person enrols once per cohort' },
      ]);
      await client.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

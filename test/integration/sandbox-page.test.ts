import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runSandboxCommand } from '../../server/cli/sandbox.ts';
import { BINOME_PROPERTY_ID } from '../../server/sandbox/microsoft/extended-property.ts';
import { openSandbox, removeState, type SandboxClient } from './sandbox-harness.ts';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let client: SandboxClient;

beforeAll(async () => {
  client = await openSandbox();
  await client.graph('POST', '/users/ana.martin@contoso.example/events', {
    subject: 'Mentorat <IA> & données',
    start: { dateTime: '2027-01-12T10:00:00', timeZone: 'Europe/Paris' },
    end: { dateTime: '2027-01-12T11:00:00', timeZone: 'Europe/Paris' },
    attendees: [{ emailAddress: { address: 'carla.diaz@contoso.example' } }],
    isOnlineMeeting: true,
    singleValueExtendedProperties: [{ id: BINOME_PROPERTY_ID, value: JSON.stringify({ cohortId: 'pilot', pairId: 'pair-7', session: 2 }) }],
  });
});

afterAll(async () => {
  await client.close();
  await removeState(client.stateDir);
});

async function page(query: string) {
  return client.raw(`${client.sandbox.urls.calendarPage}${query}`);
}

describe('the calendar page', () => {
  it('lists the people in French by default, escaped, with a switch to English', async () => {
    const response = await page('');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.text).toContain('<html lang="fr">');
    expect(response.text).toContain('Agendas du bac à sable');
    expect(response.text).toContain('Carla Díaz &lt;CFO&gt;');
    expect(response.text).not.toContain('<CFO>');
    expect(response.text).toContain('href="/calendar?lang=en"');
  });

  it("shows a person's week in their own time zone, highlights Binome sessions and links the neighbouring weeks", async () => {
    const response = await page('?person=carla.diaz%40contoso.example&week=2027-W02');
    expect(response.status).toBe(200);
    expect(response.text).toContain('Mentorat &lt;IA&gt; &amp; données');
    expect(response.text).toContain('class="event binome"');
    expect(response.text).toContain('pair-7');
    expect(response.text).toContain('04:00');
    expect(response.text).toContain('America/New_York');
    expect(response.text).toContain('week=2027-W01');
    expect(response.text).toContain('week=2027-W03');
    expect(response.text).toContain('mardi 12 janvier');
  });

  it('speaks English with lang=en and filters people by the search', async () => {
    const response = await page('?lang=en&q=finance&person=u1&week=2027-W01');
    expect(response.text).toContain('<html lang="en">');
    expect(response.text).toContain('Sandbox calendars');
    expect(response.text).toContain('Monday 4 January');
    expect(response.text).toContain('Team sync');
    expect(response.text).toContain('Ana Martin');
    expect(response.text).not.toContain('Dev Thapa');
  });

  it('explains an unknown person or an unreadable week', async () => {
    expect((await page('?person=ghost')).status).toBe(404);
    const badWeek = await page('?lang=en&person=u1&week=2027-13');
    expect(badWeek.status).toBe(400);
    expect(badWeek.text).toContain('expected YYYY-Wnn');
  });
});

describe('binome sandbox', () => {
  it('refuses an invalid fixture with the path of each issue', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'binome-sandbox-cli-'));
    const path = join(dir, 'bad.json');
    await writeFile(path, JSON.stringify({ tenant: { id: 'Bad Id', name: 'X', domain: 'x.example', platform: 'microsoft' }, people: [{ id: 'u1', email: 'nope', name: 'A', timeZone: 'UTC', workingHours: { days: ['mon'], start: '09:00', end: '08:00' } }] }));
    const written: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    try {
      expect(await runSandboxCommand([path])).toBe(2);
      expect(await runSandboxCommand([])).toBe(2);
    } finally {
      spy.mockRestore();
      await removeState(dir);
    }
    const text = written.join('');
    expect(text).toContain('tenant.id');
    expect(text).toContain('people.0.email');
    expect(text).toContain('people.0.workingHours.end');
    expect(text).toContain('usage: binome sandbox');
  });
});

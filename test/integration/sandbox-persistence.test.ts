import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, fetch } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../server/sandbox/server.ts';
import { openSandbox, removeState, sandboxFixture } from './sandbox-harness.ts';

const dirs: string[] = [];
const children: ChildProcess[] = [];

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  for (const dir of dirs) await removeState(dir);
});

const meeting = (subject: string, day: string) => ({
  subject,
  start: { dateTime: `2027-05-${day}T09:00:00`, timeZone: 'Europe/Paris' },
  end: { dateTime: `2027-05-${day}T10:00:00`, timeZone: 'Europe/Paris' },
  attendees: [{ emailAddress: { address: 'bruno.leroy@contoso.example' } }],
});

describe('sandbox persistence', () => {
  it('finds the same calendars, ids and sent mail after a restart on the same state folder, without seeding twice', async () => {
    const first = await openSandbox();
    dirs.push(first.stateDir);
    const created = await first.graph('POST', '/users/ana.martin@contoso.example/events', meeting('Kept', '03'));
    const moved = await first.graph('POST', '/users/ana.martin@contoso.example/events', meeting('Moved', '04'));
    const gone = await first.graph('POST', '/users/ana.martin@contoso.example/events', meeting('Cancelled', '05'));
    await first.graph('PATCH', `/users/ana.martin@contoso.example/events/${moved.body['id']}`, { start: { dateTime: '2027-05-06T09:00:00Z', timeZone: 'UTC' }, end: { dateTime: '2027-05-06T10:00:00Z', timeZone: 'UTC' } });
    await first.graph('POST', `/users/ana.martin@contoso.example/events/${gone.body['id']}/cancel`, {});
    await first.graph('POST', '/users/ana.martin@contoso.example/sendMail', { message: { subject: 'Hello', toRecipients: [{ emailAddress: { address: 'bruno.leroy@contoso.example' } }] } });
    const before = first.sandbox.calendars();
    const credentials = first.sandbox.credentials;
    await first.close();

    const other = sandboxFixture(3);
    const second = await openSandbox({ stateDir: first.stateDir, fixture: other });
    expect(second.sandbox.calendars()).toEqual(before);
    expect(second.sandbox.credentials).toEqual(credentials);
    expect(second.sandbox.sentMail()).toHaveLength(1);
    expect(second.sandbox.userId('x0')).toBeUndefined();
    expect(before['ana.martin@contoso.example']?.map((e) => e.subject)).toEqual(['Team sync', 'Kept', 'Moved']);
    expect(before['ana.martin@contoso.example']?.[1]?.id).toBe(created.body['id']);
    const next = await second.graph('POST', '/users/ana.martin@contoso.example/events', meeting('After restart', '07'));
    expect(Object.values(before).flat().some((e) => e.id === next.body['id'])).toBe(false);
    await second.close();
  });

  it('keeps every answered change when the process is killed with SIGKILL', async () => {
    const stateDir = await mkdtemp(join(tmpdir(), 'binome-sandbox-kill-'));
    dirs.push(stateDir);
    const fixturePath = join(stateDir, 'input-fixture.json');
    await writeFile(fixturePath, JSON.stringify(sandboxFixture()));
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/main.ts', 'sandbox', fixturePath, '--state', join(stateDir, 'state')], {
      cwd: join(import.meta.dirname, '../..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    const line = await new Promise<string>((resolve, reject) => {
      let buffer = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        if (buffer.includes('\n')) resolve(buffer.split('\n')[0] ?? '');
      });
      child.once('exit', (code) => reject(new Error(`sandbox exited early with ${code}`)));
    });
    const ready = JSON.parse(line) as Record<string, string | null>;
    expect(Object.keys(ready)).toEqual(['graph', 'authority', 'tokenEndpoint', 'issuer', 'jwks', 'googleApiRoot', 'calendarPage', 'clientId', 'clientSecret', 'tenantId', 'serviceAccountKeyFile', 'caCertPath']);
    const agent = new Agent({ connect: { ca: await readFile(String(ready['caCertPath']), 'utf8') } });
    const tokenResponse = await fetch(String(ready['tokenEndpoint']), {
      dispatcher: agent,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: String(ready['clientId']), client_secret: String(ready['clientSecret']), scope: 'https://graph.microsoft.com/.default' }).toString(),
    });
    const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
    const ids: string[] = [];
    for (const day of ['10', '11', '12']) {
      const response = await fetch(`${ready['graph']}/users/ana.martin@contoso.example/events`, {
        dispatcher: agent,
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(meeting(`Before kill ${day}`, day)),
      });
      ids.push(((await response.json()) as { id: string }).id);
    }
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    await agent.close();

    const restarted = await startSandbox({ fixture: sandboxFixture(), stateDir: join(stateDir, 'state') });
    const calendars = restarted.calendars();
    expect(calendars['ana.martin@contoso.example']?.filter((e) => e.subject.startsWith('Before kill')).map((e) => e.id)).toEqual(ids);
    expect(calendars['bruno.leroy@contoso.example']?.filter((e) => e.subject.startsWith('Before kill'))).toHaveLength(3);
    await restarted.close();
  });
});

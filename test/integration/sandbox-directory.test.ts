import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { languagesExtensionProperty } from '../../server/sandbox/microsoft/users.ts';
import { openSandbox, removeState, sandboxFixture, type SandboxClient } from './sandbox-harness.ts';

let client: SandboxClient;

beforeAll(async () => {
  client = await openSandbox({ fixture: sandboxFixture(230) });
});

afterAll(async () => {
  await client.close();
  await removeState(client.stateDir);
});

describe('GET /users', () => {
  it('pages with $top and @odata.nextLink until every user was seen once', async () => {
    const seen: string[] = [];
    let url: string | undefined = '/users?$top=100&$select=id,mail';
    let pages = 0;
    while (url !== undefined) {
      const page = await client.graph('GET', url);
      expect(page.status).toBe(200);
      expect(page.body.value?.length).toBeLessThanOrEqual(100);
      seen.push(...(page.body.value ?? []).map((u) => String(u['id'])));
      url = page.body['@odata.nextLink'] as string | undefined;
      if (url !== undefined) expect(url).toContain('$skiptoken=');
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(seen).toHaveLength(235);
    expect(new Set(seen).size).toBe(235);
  });

  it('returns the default property set without $select, and department or hire date only when selected', async () => {
    const plain = await client.graph('GET', '/users/ana.martin@contoso.example');
    expect(plain.body).toMatchObject({ displayName: 'Ana Martin', mail: 'ana.martin@contoso.example', preferredLanguage: 'fr-FR', officeLocation: 'Paris' });
    expect(plain.body['department']).toBeUndefined();
    const languages = languagesExtensionProperty(client.sandbox.credentials.clientId);
    const selected = await client.graph('GET', `/users/ana.martin@contoso.example?$select=id,department,employeeHireDate,jobTitle,${languages}&$expand=manager($select=id)`);
    expect(selected.body).toMatchObject({ department: 'Finance', employeeHireDate: '2024-09-02T00:00:00Z', jobTitle: 'Data analyst', [languages]: ['fr', 'en'] });
    expect(selected.body['manager']).toEqual({ '@odata.type': '#microsoft.graph.user', id: client.sandbox.userId('u7') });
  });

  it('refuses $skip and a $top above 999 with 400', async () => {
    const skip = await client.graph('GET', '/users?$skip=10');
    expect(skip.status).toBe(400);
    expect(skip.body.error).toMatchObject({ code: 'Request_BadRequest', message: "'$skip' is not supported by the service." });
    const top = await client.graph('GET', '/users?$top=1000');
    expect(top.status).toBe(400);
  });

  it('refuses an unknown property in $select', async () => {
    const response = await client.graph('GET', '/users?$select=id,shoeSize');
    expect(response.status).toBe(400);
    expect(response.body.error?.message).toContain("'shoeSize'");
  });
});

describe('GET /users/{id}/manager', () => {
  it('returns the manager as a directory object', async () => {
    const response = await client.graph('GET', '/users/ana.martin@contoso.example/manager?$select=id,displayName');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ '@odata.type': '#microsoft.graph.user', displayName: 'Eve Moreau' });
  });

  it("answers 404 Request_ResourceNotFound with Graph's message at the top of the tree", async () => {
    const response = await client.graph('GET', '/users/eve.moreau@contoso.example/manager');
    expect(response.status).toBe(404);
    expect(response.body.error).toMatchObject({
      code: 'Request_ResourceNotFound',
      message: "Resource 'manager' does not exist or one of its queried reference-property objects are not present.",
    });
  });
});

describe('GET /users/delta', () => {
  it('pages the first round to a deltaLink, then returns only the changes and removals', async () => {
    let url: string | undefined = '/users/delta?$select=id,displayName,department,manager';
    const first: Record<string, unknown>[] = [];
    let deltaLink: string | undefined;
    while (url !== undefined) {
      const page = await client.graph('GET', url);
      expect(page.status).toBe(200);
      first.push(...(page.body.value ?? []));
      deltaLink = page.body['@odata.deltaLink'] as string | undefined;
      url = page.body['@odata.nextLink'] as string | undefined;
    }
    expect(first).toHaveLength(235);
    expect(first.find((u) => u['displayName'] === 'Ana Martin')?.['manager@delta']).toEqual([{ '@odata.type': '#microsoft.graph.user', id: client.sandbox.userId('u7') }]);
    expect(deltaLink).toContain('$deltatoken=');

    const quiet = await client.graph('GET', deltaLink ?? '');
    expect(quiet.body.value).toEqual([]);

    client.sandbox.updatePerson('u1', { department: 'Data' });
    client.sandbox.removePerson('x3');
    const changes = await client.graph('GET', quiet.body['@odata.deltaLink'] as string);
    expect(changes.body.value).toEqual([
      expect.objectContaining({ id: client.sandbox.userId('u1'), department: 'Data' }),
      { id: expect.any(String), '@removed': { reason: 'changed' } },
    ]);
    const list = await client.graph('GET', '/users?$filter=' + encodeURIComponent("mail eq 'person3@contoso.example'"));
    expect(list.body.value).toEqual([]);
  });
});

describe('GET /users/{id}/mailboxSettings', () => {
  it('gives the time zone and working hours zone by their Windows names', async () => {
    const paris = await client.graph('GET', '/users/ana.martin@contoso.example/mailboxSettings');
    expect(paris.body).toMatchObject({
      timeZone: 'Romance Standard Time',
      language: { locale: 'fr-FR' },
      workingHours: {
        daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
        startTime: '09:00:00.0000000',
        endTime: '18:00:00.0000000',
        timeZone: { name: 'Romance Standard Time' },
      },
    });
    const kathmandu = await client.graph('GET', '/users/dev.thapa@contoso.example/mailboxSettings');
    expect(kathmandu.body['timeZone']).toBe('Nepal Standard Time');
    const newYork = await client.graph('GET', '/users/carla.diaz@contoso.example/mailboxSettings');
    expect(newYork.body['timeZone']).toBe('Eastern Standard Time');
  });

  it('answers 404 ErrorInvalidUser for a mailbox nobody has', async () => {
    const response = await client.graph('GET', '/users/ghost@contoso.example/mailboxSettings');
    expect(response.status).toBe(404);
    expect(response.body.error?.code).toBe('ErrorInvalidUser');
  });
});

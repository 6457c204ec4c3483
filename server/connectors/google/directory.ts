import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { z } from 'zod';
import type { Person } from '../../../src/model/schema.ts';
import type { DirectoryPort } from '../../../src/ports/directory.ts';
import type { GoogleApi } from './google.ts';
import { createMembership } from './membership.ts';
import { managerEmailOf, personFromUser } from './people.ts';
import { HasMember, UserPage, type DirectoryUser } from './schema.ts';
import { readSettings } from './settings.ts';

/** The Admin SDK's largest users.list page. */
export const usersPageSize = 500;
/** 20,000 pages of 500 is ten million people: past this a page token loops. */
const maxPages = 20_000;

export interface DirectoryScope {
  domain: string | null;
  customerId: string | null;
}

export interface GoogleDirectory extends DirectoryPort {
  /** Whether `memberEmail` belongs to the group, directly or through nested groups. */
  hasMember(groupEmail: string, memberEmail: string): Promise<boolean>;
}

/** A delta token: each user's etag when last read, so the next call reports what changed (the Admin SDK keeps no delta for us). */
const Snapshot = z.record(z.string(), z.string());

function encodeSnapshot(etags: Map<string, string>): string {
  return deflateRawSync(Buffer.from(JSON.stringify(Object.fromEntries(etags)), 'utf8')).toString('base64url');
}

function decodeSnapshot(token: string): Map<string, string> {
  let json: unknown;
  try {
    json = JSON.parse(inflateRawSync(Buffer.from(token, 'base64url')).toString('utf8'));
  } catch {
    throw new RangeError('not a Google directory delta token');
  }
  const parsed = Snapshot.safeParse(json);
  if (!parsed.success) throw new RangeError('not a Google directory delta token');
  return new Map(Object.entries(parsed.data));
}

export function createDirectory(api: GoogleApi, scope: DirectoryScope): GoogleDirectory {
  async function listUsers(): Promise<DirectoryUser[]> {
    const users: DirectoryUser[] = [];
    const seen = new Set<string>();
    let pageToken: string | null = null;
    for (let pages = 0; ; pages++) {
      if (pages >= maxPages) throw new RangeError(`users.list stopped after ${maxPages} pages`);
      const params: { maxResults: number; pageToken?: string; domain?: string; customer?: string } = { maxResults: usersPageSize };
      if (scope.domain !== null) params.domain = scope.domain;
      else params.customer = scope.customerId ?? 'my_customer';
      if (pageToken !== null) params.pageToken = pageToken;
      const page = await api.call('GET /admin/directory/v1/users', 'transient', () => api.directory().users.list(params), UserPage);
      users.push(...(page.users ?? []));
      if (page.nextPageToken === null) return users;
      if (seen.has(page.nextPageToken)) throw new RangeError(`users.list loops: page token ${page.nextPageToken} came back twice`);
      seen.add(page.nextPageToken);
      pageToken = page.nextPageToken;
    }
  }

  /** People with their managers resolved by address, and their own zone and hours. */
  async function toPeople(users: readonly DirectoryUser[], all: readonly DirectoryUser[]): Promise<Person[]> {
    const idByEmail = new Map(all.filter((u) => u.primaryEmail !== null).map((u) => [(u.primaryEmail ?? '').toLowerCase(), u.id]));
    const people = users
      .map((user) => {
        const person = personFromUser(user);
        if (person === null) return null;
        const manager = managerEmailOf(user);
        return { ...person, managerId: manager === null ? null : (idByEmail.get(manager) ?? null) };
      })
      .filter((p): p is Person => p !== null);
    const settings = await readSettings(api, people.map((p) => p.email));
    return people.map((p) => {
      const own = settings.get(p.email);
      return own ? { ...p, timeZone: own.timeZone, workingHours: own.workingHours } : p;
    });
  }

  async function listPeople(): Promise<Person[]> {
    const users = await listUsers();
    return toPeople(users, users);
  }

  async function delta(token: string | null): Promise<{ changed: Person[]; removed: string[]; token: string }> {
    const before = token === null ? new Map<string, string>() : decodeSnapshot(token);
    const users = await listUsers();
    const after = new Map(users.map((u) => [u.id, u.etag ?? '']));
    const changedUsers = users.filter((u) => token === null || before.get(u.id) !== after.get(u.id) || after.get(u.id) === '');
    const removed = [...before.keys()].filter((id) => !after.has(id));
    return { changed: await toPeople(changedUsers, users), removed, token: encodeSnapshot(after) };
  }

  async function hasMember(groupEmail: string, memberEmail: string): Promise<boolean> {
    const answer = await api.call(
      'GET /admin/directory/v1/groups/{id}/hasMember/{id}',
      'transient',
      () => api.groups().members.hasMember({ groupKey: groupEmail, memberKey: memberEmail }),
      HasMember,
    );
    return answer.isMember;
  }

  return { listPeople, delta, hasMember, isMemberOf: createMembership(hasMember) };
}

import type { Person } from '../../../src/model/schema.ts';
import type { DirectoryPort } from '../../../src/ports/directory.ts';
import type { GraphApi } from './graph.ts';
import { createMembership } from './membership.ts';
import { collectPages } from './paging.ts';
import { languagesProperty, personFromUser, userSelect } from './people.ts';
import { GraphUser, page } from './schema.ts';

const UserPage = page(GraphUser);

/** Graph's largest page for /users. */
const usersPageSize = 999;

export function createDirectory(graph: GraphApi, clientId: string): DirectoryPort {
  const fetchUsers = (link: string) => graph.call('GET', link, UserPage);
  const languagesKey = languagesProperty(clientId);
  const toPerson = (user: GraphUser) => personFromUser(user, languagesKey);

  async function listPeople(): Promise<Person[]> {
    const first = `/users?$select=${userSelect(languagesKey)}&$expand=${encodeURIComponent('manager($select=id)')}&$top=${usersPageSize}`;
    const { items } = await collectPages(first, fetchUsers);
    return items.map(toPerson).filter((p): p is Person => p !== null);
  }

  async function delta(token: string | null): Promise<{ changed: Person[]; removed: string[]; token: string }> {
    const first = token ?? `/users/delta?$select=${userSelect(languagesKey)},manager`;
    const { items, deltaLink } = await collectPages(first, fetchUsers);
    if (deltaLink === null) throw new Error(`/users/delta ended without an @odata.deltaLink (started at ${first})`);
    const removed = items.filter((u) => u['@removed']).map((u) => u.id);
    const changed = items
      .filter((u) => !u['@removed'])
      .map(toPerson)
      .filter((p): p is Person => p !== null);
    return { changed, removed, token: deltaLink };
  }

  return { listPeople, delta, isMemberOf: createMembership(graph) };
}

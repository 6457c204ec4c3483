import type { Person } from '../model/schema.ts';

/** The org chart, as a provider's directory exposes it. */
export interface DirectoryPort {
  /** Every person of the tenant, with their manager; pages internally. */
  listPeople(): Promise<Person[]>;
  /**
   * Changes since `token` (all people when `token` is null): changed or new
   * people, ids removed, and the token for the next call.
   */
  delta(token: string | null): Promise<{ changed: Person[]; removed: string[]; token: string }>;
  /**
   * Whether the person (by directory id) belongs to the group, nested groups included;
   * `unknown` when the directory could not say, which must never be taken for yes.
   */
  isMemberOf(personId: string, groupId: string): Promise<boolean | 'unknown'>;
}

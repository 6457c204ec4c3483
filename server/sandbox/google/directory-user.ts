import { createHash } from 'node:crypto';
import type { SandboxState, SandboxUser } from '../state.ts';
import { numericId } from './service-account.ts';

/** The Admin SDK's numeric id of a directory user. */
export function directoryUserId(user: SandboxUser): string {
  return numericId('directory-user', user.id);
}

/** The tenant's Workspace customer id (`C0…`), stable per tenant. */
export function customerId(state: SandboxState): string {
  return `C0${createHash('sha1').update(`customer:${state.tenant.id}`).digest('hex').slice(0, 7)}`;
}

/** Who the sandbox makes a super admin: the people at the top of the tree (no manager). */
export function isAdmin(user: SandboxUser): boolean {
  return user.managerId === null;
}

export function etagOf(...parts: string[]): string {
  return `"${createHash('sha1').update(parts.join('\u0000')).digest('base64url')}"`;
}

function splitName(displayName: string): { givenName: string; familyName: string } {
  const words = displayName.trim().split(/\s+/);
  if (words.length < 2) return { givenName: displayName, familyName: displayName };
  return { givenName: words.slice(0, -1).join(' '), familyName: words.at(-1) ?? displayName };
}

/** The languages a user speaks: the first one preferred (Admin SDK `languages[]`). */
function languagesOf(user: SandboxUser) {
  return user.languages.map((code, index) => ({ languageCode: code, preference: index === 0 ? 'preferred' : 'not_preferred' }));
}

/**
 * A directory user resource. `domain_public` is what any user of the domain may read
 * (no manager, languages, locations nor creation time); `admin_view` is everything.
 */
export function directoryUser(state: SandboxState, user: SandboxUser, view: 'admin_view' | 'domain_public') {
  const { givenName, familyName } = splitName(user.displayName);
  const manager = user.managerId === null ? undefined : state.users.get(user.managerId);
  const organizations =
    user.jobTitle === null && user.department === null
      ? undefined
      : [{ ...(user.jobTitle === null ? {} : { title: user.jobTitle }), ...(user.department === null ? {} : { department: user.department }), primary: true, customType: '' }];
  const common = {
    kind: 'admin#directory#user',
    id: directoryUserId(user),
    etag: etagOf(user.id, String(user.version), user.email, user.displayName),
    primaryEmail: user.email,
    name: { givenName, familyName, fullName: user.displayName },
    emails: [{ address: user.email, primary: true }],
    ...(organizations === undefined ? {} : { organizations }),
  };
  if (view === 'domain_public') return common;
  return {
    ...common,
    isAdmin: isAdmin(user),
    isDelegatedAdmin: false,
    lastLoginTime: '1970-01-01T00:00:00.000Z',
    creationTime: user.hireDate === null ? '2020-01-01T00:00:00.000Z' : `${user.hireDate}T00:00:00.000Z`,
    agreedToTerms: true,
    suspended: false,
    archived: false,
    changePasswordAtNextLogin: false,
    ipWhitelisted: false,
    customerId: customerId(state),
    orgUnitPath: '/',
    isMailboxSetup: true,
    isEnrolledIn2Sv: false,
    isEnforcedIn2Sv: false,
    includeInGlobalAddressList: true,
    ...(manager === undefined ? {} : { relations: [{ value: manager.email, type: 'manager' }] }),
    ...(user.officeLocation === null ? {} : { locations: [{ type: 'desk', area: user.officeLocation, buildingId: user.officeLocation }] }),
    ...(user.languages.length === 0 ? {} : { languages: languagesOf(user) }),
  };
}

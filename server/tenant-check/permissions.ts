import { callScopes } from '../connectors/google/auth.ts';
import type { ProbeStep } from '../connectors/shared/permission-probe.ts';
import type { TenantConfig } from '../providers/registry.ts';
import type { DelegationProbe } from './google-delegation.ts';

/** The steps of a tenant check, each exercising one permission of the app. */
export type StepName = 'directory' | 'availability' | 'hrGroup' | ProbeStep | 'event' | 'mail';

/** The Graph application permission each step needs (docs/tenant-setup.md, Microsoft §2). */
const microsoftPermission: Record<StepName, string> = {
  directory: 'User.Read.All',
  availability: 'Calendars.ReadWrite',
  hrGroup: 'GroupMember.Read.All',
  mailboxSettings: 'MailboxSettings.Read',
  event: 'Calendars.ReadWrite',
  mail: 'Mail.Send',
};

/** The delegated scopes each step's calls ask for (server/connectors/google/auth.ts): availability is free/busy as the admin and each person's primary calendar. */
const googleScope: Record<StepName, readonly string[]> = {
  directory: callScopes.directory,
  availability: [...callScopes.freeBusy, ...callScopes.calendarSettings],
  hrGroup: callScopes.groups,
  mailboxSettings: callScopes.calendarSettings,
  event: callScopes.events,
  mail: callScopes.mail,
};

/** Exchange mailbox permissions can be granted per mailbox scope instead of tenant-wide. */
const exchangeScopable = new Set(['Calendars.ReadWrite', 'MailboxSettings.Read', 'Mail.Send']);

function grantMicrosoft(permission: string, clientId: string): string {
  const entra = `grant the Microsoft Graph application permission ${permission} to the app ${clientId} and grant admin consent (Entra admin centre → App registrations → API permissions)`;
  if (!exchangeScopable.has(permission)) return entra;
  return `${entra}, or assign the Exchange role "Application ${permission}" to the app (RBAC for Applications: New-ManagementRoleAssignment -App ${clientId} -Role "Application ${permission}")`;
}

function grantGoogle(scopes: readonly string[], clientId: string | null): string {
  const client = clientId === null ? "the service account's client id" : `client id ${clientId}`;
  return `add ${scopes.join(' and ')} to the domain-wide delegation of ${client} (Google Admin console → Security → Access and data control → API controls → Manage domain-wide delegation)`;
}

/**
 * A membership read that failed says nothing more (the Directory port answers
 * `unknown`, which never grants HR): name both causes, the permission first.
 */
function groupRemedy(tenant: TenantConfig): string {
  const groupId = tenant.hr.groupId ?? '';
  if (tenant.platform === 'microsoft') {
    return `check that ${groupId} (hr.groupId) is the object id of an Entra group, and grant ${microsoftPermission.hrGroup} besides User.Read.All: ${grantMicrosoft(microsoftPermission.hrGroup, tenant.entra.clientId)}`;
  }
  return `check that ${groupId} (hr.groupId) is the address or id of a Google group, and ${grantGoogle(googleScope.hrGroup, null)}`;
}

/** Graph's refusals for a missing application permission: the directory's and Exchange's. */
const graphRefusal = /Authorization_RequestDenied|ErrorAccessDenied|HTTP 403\b/;
/** The token endpoint refusing a delegated token: a requested scope is not granted. */
const delegationRefusal = /unauthorized_client/;
/** An API answering 403 for the token's scopes or the impersonated person's rights. */
const googleRefusal = /insufficientPermissions|\bforbidden\b|HTTP 403\b|ACCESS_TOKEN_SCOPE_INSUFFICIENT/;
const apiDisabled = /accessNotConfigured|SERVICE_DISABLED/;

/**
 * What to tell the administrator about a failed step, in plain words: the missing
 * permission and where to grant it, or null when the failure is not a refusal
 * (no answer, a wrong address) and the provider's own message says it best.
 */
export async function explainRefusal(
  tenant: TenantConfig,
  step: StepName,
  failure: string,
  probeDelegation: () => Promise<DelegationProbe>,
): Promise<string | null> {
  if (step === 'hrGroup') return groupRemedy(tenant);
  if (tenant.platform === 'microsoft') {
    if (!graphRefusal.test(failure)) return null;
    const permission = microsoftPermission[step];
    return `missing permission ${permission}: ${grantMicrosoft(permission, tenant.entra.clientId)}`;
  }
  if (apiDisabled.test(failure)) {
    return 'the Google Cloud project of the service account has this API turned off: enable the Admin SDK API, the Google Calendar API and the Gmail API (APIs & Services → Library)';
  }
  if (delegationRefusal.test(failure)) {
    const probe = await probeDelegation();
    const missing = probe.ungranted.length > 0 ? probe.ungranted : [...googleScope[step]];
    return `missing scope ${missing.join(', ')}: Google refuses the token of every call that asks for a scope the delegation does not grant; ${grantGoogle(missing, probe.clientId)}`;
  }
  if (!googleRefusal.test(failure)) return null;
  const needed = googleScope[step];
  const admin = step === 'directory' ? `, and check that ${tenant.adminUser} (adminUser) is a Workspace admin allowed to read users` : '';
  return `missing scope ${needed.join(' and ')}: ${grantGoogle(needed, null)}${admin}`;
}

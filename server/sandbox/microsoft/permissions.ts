/**
 * Which application permissions (the app token's `roles`) let a Graph route
 * through, per the API references' permission tables: any one option suffices, an
 * option being one permission or, where the table says "A and B", all of several.
 * Without one Graph refuses: the directory with `Authorization_RequestDenied`,
 * Exchange's mailbox routes with `ErrorAccessDenied`.
 */
export interface RequiredPermission {
  anyOf: readonly (string | readonly string[])[];
  code: string;
  message: string;
}

/** Whether the token's roles satisfy one of the options. */
export function grants(required: RequiredPermission, roles: readonly string[]): boolean {
  return required.anyOf.some((option) => (typeof option === 'string' ? [option] : option).every((role) => roles.includes(role)));
}

const directory = {
  anyOf: ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  code: 'Authorization_RequestDenied',
  message: 'Insufficient privileges to complete the operation.',
} as const;
/** directoryObject: checkMemberGroups and user: list memberOf, application column. */
const membership = {
  ...directory,
  anyOf: [['User.Read.All', 'GroupMember.Read.All'], ['User.Read.All', 'Group.Read.All'], 'Directory.Read.All', 'Directory.ReadWrite.All'],
} as const;
const mailboxDenied = { code: 'ErrorAccessDenied', message: 'Access is denied. Check credentials and try again.' } as const;
const calendarsRead = { anyOf: ['Calendars.Read', 'Calendars.ReadWrite'], ...mailboxDenied } as const;

/** The permission an app-only call to `routeUrl` (Fastify's pattern, `/v1.0/users/:id/…`) needs; null for routes outside the v1.0 users tree. */
export function requiredAppPermission(method: string, routeUrl: string): RequiredPermission | null {
  if (!routeUrl.startsWith('/v1.0/users')) return null;
  if (routeUrl.endsWith('/memberOf') || routeUrl.endsWith('/checkMemberGroups')) return membership;
  if (routeUrl.includes('/mailboxSettings')) return { anyOf: ['MailboxSettings.Read', 'MailboxSettings.ReadWrite'], ...mailboxDenied };
  if (routeUrl.endsWith('/sendMail')) return { anyOf: ['Mail.Send'], ...mailboxDenied };
  if (routeUrl.endsWith('/getSchedule')) return { anyOf: ['Calendars.ReadBasic', 'Calendars.Read', 'Calendars.ReadWrite'], ...mailboxDenied };
  if (routeUrl.includes('/events') || routeUrl.includes('/calendarView')) {
    return method === 'GET' ? calendarsRead : { anyOf: ['Calendars.ReadWrite'], ...mailboxDenied };
  }
  return directory;
}

const calendarsReadDelegated = { anyOf: ['Calendars.ReadBasic', 'Calendars.Read', 'Calendars.ReadWrite'], ...mailboxDenied } as const;

/**
 * The delegated permission (a user token's `scp`) a call to `routeUrl` needs, from the same
 * tables' delegated column; null for routes the sandbox does not check. A user token also
 * reaches only its own mailbox (the pipeline checks that).
 */
export function requiredDelegatedPermission(method: string, routeUrl: string): RequiredPermission | null {
  if (!routeUrl.startsWith('/v1.0/users')) return null;
  if (routeUrl.includes('/mailboxSettings')) return { anyOf: ['MailboxSettings.Read', 'MailboxSettings.ReadWrite'], ...mailboxDenied };
  if (routeUrl.endsWith('/sendMail')) return { anyOf: ['Mail.Send'], ...mailboxDenied };
  if (routeUrl.endsWith('/getSchedule')) return calendarsReadDelegated;
  if (routeUrl.includes('/events') || routeUrl.includes('/calendarView')) {
    return method === 'GET' ? calendarsReadDelegated : { anyOf: ['Calendars.ReadWrite'], ...mailboxDenied };
  }
  return null;
}

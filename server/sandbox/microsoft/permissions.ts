/**
 * Which application permissions (the app token's `roles`) let a Graph route
 * through, any one of them sufficing, per the API references' permission tables,
 * and the refusal Graph answers without one: the directory answers
 * `Authorization_RequestDenied`, Exchange's mailbox routes `ErrorAccessDenied`.
 */
export interface RequiredPermission {
  anyOf: readonly string[];
  code: string;
  message: string;
}

const directory = {
  anyOf: ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  code: 'Authorization_RequestDenied',
  message: 'Insufficient privileges to complete the operation.',
} as const;
const mailboxDenied = { code: 'ErrorAccessDenied', message: 'Access is denied. Check credentials and try again.' } as const;
const calendarsRead = { anyOf: ['Calendars.Read', 'Calendars.ReadWrite'], ...mailboxDenied } as const;

/** The permission an app-only call to `routeUrl` (Fastify's pattern, `/v1.0/users/:id/…`) needs; null for routes outside the v1.0 users tree. */
export function requiredAppPermission(method: string, routeUrl: string): RequiredPermission | null {
  if (!routeUrl.startsWith('/v1.0/users')) return null;
  if (routeUrl.includes('/mailboxSettings')) return { anyOf: ['MailboxSettings.Read', 'MailboxSettings.ReadWrite'], ...mailboxDenied };
  if (routeUrl.endsWith('/sendMail')) return { anyOf: ['Mail.Send'], ...mailboxDenied };
  if (routeUrl.endsWith('/getSchedule')) return { anyOf: ['Calendars.ReadBasic', 'Calendars.Read', 'Calendars.ReadWrite'], ...mailboxDenied };
  if (routeUrl.includes('/events') || routeUrl.includes('/calendarView')) {
    return method === 'GET' ? calendarsRead : { anyOf: ['Calendars.ReadWrite'], ...mailboxDenied };
  }
  return directory;
}

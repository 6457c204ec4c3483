/** The OAuth scopes the facade knows, by Google's full names. */
const base = 'https://www.googleapis.com/auth/';
export const scopes = {
  directoryUserReadonly: `${base}admin.directory.user.readonly`,
  directoryUser: `${base}admin.directory.user`,
  directoryGroupMemberReadonly: `${base}admin.directory.group.member.readonly`,
  directoryGroupMember: `${base}admin.directory.group.member`,
  directoryGroupReadonly: `${base}admin.directory.group.readonly`,
  directoryGroup: `${base}admin.directory.group`,
  calendar: `${base}calendar`,
  calendarReadonly: `${base}calendar.readonly`,
  calendarEvents: `${base}calendar.events`,
  calendarEventsReadonly: `${base}calendar.events.readonly`,
  calendarFreebusy: `${base}calendar.freebusy`,
  calendarEventsFreebusy: `${base}calendar.events.freebusy`,
  calendarSettingsReadonly: `${base}calendar.settings.readonly`,
  calendarCalendars: `${base}calendar.calendars`,
  calendarCalendarsReadonly: `${base}calendar.calendars.readonly`,
  gmailSend: `${base}gmail.send`,
  gmailCompose: `${base}gmail.compose`,
  gmailModify: `${base}gmail.modify`,
  mail: 'https://mail.google.com/',
} as const;

/**
 * The scopes the sandbox's service account is authorized for in the tenant's
 * domain-wide delegation (the Admin console's "API controls" list), unless the
 * `google.grantedScopes` knob says otherwise.
 */
export const defaultGrantedScopes: readonly string[] = [
  scopes.directoryUserReadonly,
  scopes.directoryGroupMemberReadonly,
  scopes.directoryGroupReadonly,
  scopes.calendar,
  scopes.calendarEvents,
  scopes.calendarReadonly,
  scopes.calendarFreebusy,
  scopes.calendarSettingsReadonly,
  scopes.calendarCalendarsReadonly,
  scopes.gmailSend,
];

/** Which scopes let a route through (any one of them), per the API references. */
export const routeScopes = {
  directoryUsers: [scopes.directoryUserReadonly, scopes.directoryUser],
  directoryMembers: [scopes.directoryGroupMemberReadonly, scopes.directoryGroupMember, scopes.directoryGroupReadonly, scopes.directoryGroup],
  freeBusy: [scopes.calendar, scopes.calendarReadonly, scopes.calendarFreebusy, scopes.calendarEventsFreebusy],
  calendarRead: [scopes.calendar, scopes.calendarReadonly, scopes.calendarCalendars, scopes.calendarCalendarsReadonly],
  settingsRead: [scopes.calendar, scopes.calendarReadonly, scopes.calendarSettingsReadonly],
  eventsRead: [scopes.calendar, scopes.calendarReadonly, scopes.calendarEvents, scopes.calendarEventsReadonly],
  eventsWrite: [scopes.calendar, scopes.calendarEvents],
  gmailSend: [scopes.gmailSend, scopes.gmailCompose, scopes.gmailModify, scopes.mail],
} as const satisfies Record<string, readonly string[]>;

import type { PermissionProbe } from '../shared/permission-probe.ts';
import type { GraphApi } from './graph.ts';
import { MailboxSettings } from './schema.ts';

/** `/users/{id}/mailboxSettings` (MailboxSettings.Read): the connector reads it only when getSchedule gives no working hours. */
export function mailboxSettingsProbe(graph: GraphApi): PermissionProbe {
  return {
    step: 'mailboxSettings',
    reads: 'mailbox settings',
    async run(email) {
      const settings = await graph.call('GET', `/users/${encodeURIComponent(email)}/mailboxSettings?$select=timeZone,workingHours`, MailboxSettings);
      const zone = settings.timeZone ?? 'no time zone set';
      const hours = settings.workingHours === undefined || settings.workingHours === null ? 'no working hours set' : 'working hours set';
      return `read ${email}'s mailbox settings: ${zone}, ${hours}`;
    },
  };
}

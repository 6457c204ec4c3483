import type { Availability } from '../../../src/ports/calendar.ts';
import type { BatchOperation } from './batch.ts';
import { workingHoursFrom } from './schedule.ts';
import { MailboxSettings } from './schema.ts';
import { zoneFromName } from './zones.ts';

/**
 * getSchedule leaves working hours out for some mailboxes (a behaviour Graph users
 * report without explanation): for those people, and only them, the connector reads
 * `/users/{id}/mailboxSettings` (MailboxSettings.Read), 20 to a `$batch`, for the
 * mailbox's zone and working hours. A person whose settings give a zone but no hours
 * still gets a zone, in which their declared hours or the tenant default are placed.
 */
export function mailboxSettingsOperation(email: string): BatchOperation {
  return { method: 'GET', url: `/users/${encodeURIComponent(email)}/mailboxSettings?$select=timeZone,workingHours` };
}

/** Who needs their mailbox settings read: answered, but without working hours or zone. */
export function missingSettings(answers: readonly Availability[]): Availability[] {
  return answers.filter((a) => a.error === null && (a.workingHours === null || a.timeZone === null));
}

/** The availability with what the mailbox settings add; a refused or odd answer leaves it as it was. */
export function withMailboxSettings(answer: Availability, settings: { status: number; body?: unknown } | undefined, year: number): Availability {
  if (settings?.status !== 200) return answer;
  const parsed = MailboxSettings.safeParse(settings.body);
  if (!parsed.success) return answer;
  const hours = parsed.data.workingHours ? workingHoursFrom(parsed.data.workingHours, year) : { workingHours: null, timeZone: null };
  const mailboxZone = parsed.data.timeZone ? zoneFromName(parsed.data.timeZone) : null;
  return {
    ...answer,
    timeZone: answer.timeZone ?? mailboxZone ?? hours.timeZone,
    workingHours: answer.workingHours ?? hours.workingHours,
  };
}

import type { WorkingHours } from '../../../src/model/schema.ts';
import { maxBatchParts } from './batch.ts';
import { chunk } from '../shared/slices.ts';
import { errorOf } from './errors.ts';
import type { GoogleApi, SubjectPart } from './google.ts';
import { settingsFrom } from './people.ts';
import { PrimaryCalendar } from './schema.ts';

/**
 * Each person's zone and working hours, from their own primary calendar
 * (`calendars.get('primary')`): Google serves working hours to the owner only,
 * so each read is made as that person. The reads go through the batch
 * endpoint, 1000 per round trip; the price is one token grant per person,
 * cached by the JWT clients for the hour the token lives.
 */

export interface PersonSettings {
  timeZone: string | null;
  workingHours: WorkingHours | null;
  error: string | null;
}

export const primaryCalendarPath = '/calendar/v3/calendars/primary?fields=timeZone%2CworkingHours';

export function settingsPart(email: string): SubjectPart {
  return { subject: email, kind: 'calendarSettings', method: 'GET', path: primaryCalendarPath };
}

/** Reads one batch answer of `settingsPart`. */
export function settingsOf(answer: { status: number; body: unknown } | undefined): PersonSettings {
  if (answer === undefined) return { timeZone: null, workingHours: null, error: 'no answer for calendars.get(primary)' };
  if (answer.status !== 200) {
    const { reason, message } = errorOf(answer.body, answer.status);
    return { timeZone: null, workingHours: null, error: `calendars.get(primary): HTTP ${answer.status} ${reason}${message ? `: ${message}` : ''}` };
  }
  const parsed = PrimaryCalendar.safeParse(answer.body);
  if (!parsed.success) return { timeZone: null, workingHours: null, error: `unexpected calendars.get(primary) answer: ${parsed.error.message}` };
  return { ...settingsFrom(parsed.data), error: null };
}

export async function readSettings(api: GoogleApi, emails: readonly string[]): Promise<Map<string, PersonSettings>> {
  const unique = [...new Set(emails.map((e) => e.toLowerCase()))];
  const settings = new Map<string, PersonSettings>();
  for (const group of chunk(unique, maxBatchParts)) {
    const answers = await api.readBatch(group.map(settingsPart));
    group.forEach((email, i) => settings.set(email, settingsOf(answers[i])));
  }
  return settings;
}

import type { Person, WorkingHours } from '../../src/model/schema.ts';
import { describeWeek } from '../../src/model/working-hours.ts';
import type { Connector, TenantConfig } from '../providers/registry.ts';
import type { DelegationProbe } from './google-delegation.ts';
import { explainRefusal, type StepName } from './permissions.ts';

/** One permission tried once: what it showed, or what failed and what to grant. */
export interface StepResult {
  step: StepName;
  ok: boolean;
  /** Plain words: what was read or written, or what failed. */
  summary: string;
  /** The missing permission and where to grant it, when the provider refused. */
  remedy: string | null;
}

export interface CheckOptions {
  /** Also create and cancel one event and send one mail, as the first HR person. */
  write: boolean;
  now: Date;
  probeDelegation: () => Promise<DelegationProbe>;
}

const dayMs = 24 * 3_600_000;
const checkSubject = 'Binome permission check';

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function hours(person: { timeZone: string | null; workingHours: WorkingHours | null }): string {
  const zone = person.timeZone ?? 'no time zone given';
  const working = person.workingHours === null ? 'no working hours given' : `works ${describeWeek(person.workingHours.week)}`;
  return `${zone}, ${working}`;
}

/**
 * Tries each permission Binome needs once, against the tenant's own connector:
 * read the directory, read one person's availability (time zone, working hours,
 * free/busy over a week), the provider's conditional reads (Graph's mailbox
 * settings), the HR group's membership when HR is a group and, only with `write`, book and cancel one tagged event
 * in the first HR person's calendar and send that person one mail. A step that
 * cannot run because an earlier one failed is reported as not tried.
 */
export async function checkTenant(tenant: TenantConfig, connector: Connector, options: CheckOptions): Promise<StepResult[]> {
  const results: StepResult[] = [];
  const failed = async (step: StepName, failure: string, summary: string) => {
    results.push({ step, ok: false, summary: `${summary}: ${failure}`, remedy: await explainRefusal(tenant, step, failure, options.probeDelegation) });
  };

  let people: Person[] | null = null;
  try {
    people = await connector.directory.listPeople();
    results.push({ step: 'directory', ok: true, summary: `read the directory: ${people.length} people`, remedy: null });
  } catch (error) {
    await failed('directory', describe(error), 'could not read the directory');
  }
  const someone = people?.[0];
  if (people === null || someone === undefined) {
    if (people !== null) results.push({ step: 'availability', ok: false, summary: 'not tried: the directory lists nobody', remedy: null });
  } else {
    const window = { start: options.now.toISOString(), end: new Date(options.now.getTime() + 7 * dayMs).toISOString() };
    try {
      const [answer] = await connector.calendar.availability([someone.email], window);
      if (answer === undefined) await failed('availability', 'no answer for this person', `could not read ${someone.email}'s availability`);
      else if (answer.error !== null) await failed('availability', answer.error, `could not read ${someone.email}'s availability`);
      else {
        results.push({
          step: 'availability',
          ok: true,
          summary: `read ${someone.email}'s availability: ${hours(answer)}, ${answer.busy.length} busy slots over the next 7 days`,
          remedy: null,
        });
      }
    } catch (error) {
      await failed('availability', describe(error), `could not read ${someone.email}'s availability`);
    }
    for (const probe of connector.probes) {
      try {
        results.push({ step: probe.step, ok: true, summary: await probe.run(someone.email), remedy: null });
      } catch (error) {
        await failed(probe.step, describe(error), `could not read ${someone.email}'s ${probe.reads}`);
      }
    }
    const groupId = tenant.hr.groupId;
    if (groupId !== undefined) {
      const member = await connector.directory.isMemberOf(someone.id, groupId);
      if (member === 'unknown') await failed('hrGroup', 'refused or unknown group', `could not read the membership of the HR group ${groupId} (hr.groupId)`);
      else results.push({ step: 'hrGroup', ok: true, summary: `read the HR group ${groupId}: ${someone.email} is ${member ? '' : 'not '}a member`, remedy: null });
    }
  }
  if (!options.write) return results;

  const hrId = tenant.hr.people[0];
  const hr = hrId === undefined ? undefined : people?.find((p) => p.id === hrId);
  if (hr === undefined) {
    const why =
      hrId === undefined
        ? 'no HR person is configured (hr.people names HR people by directory id)'
        : people === null
          ? `the directory could not be read to find HR person ${hrId}`
          : `HR person ${hrId} (hr.people) is not in the directory`;
    results.push({ step: 'event', ok: false, summary: `not tried: ${why}`, remedy: null });
    results.push({ step: 'mail', ok: false, summary: `not tried: ${why}`, remedy: null });
    return results;
  }

  const start = new Date(Math.ceil((options.now.getTime() + dayMs) / 3_600_000) * 3_600_000);
  const stamp = options.now.toISOString();
  try {
    const [outcome] = await connector.calendar.createEvents([
      {
        key: `permission-check-${stamp}`,
        organizerEmail: hr.email,
        attendeeEmails: [],
        subject: checkSubject,
        body: 'Binome checks that it may book in this calendar; it cancels this event at once.',
        start: start.toISOString(),
        end: new Date(start.getTime() + 15 * 60_000).toISOString(),
        online: false,
        tag: { cohortId: 'permission-check', pairId: 'permission-check', session: 1 },
      },
    ]);
    if (outcome?.status !== 'created') {
      const failure = outcome === undefined ? 'no answer' : outcome.status === 'rejected' ? `${outcome.code}: ${outcome.message}` : outcome.status === 'unknown' ? outcome.detail : 'throttled';
      await failed('event', failure, `could not create an event in ${hr.email}'s calendar`);
    } else {
      try {
        await connector.calendar.cancelEvent(hr.email, outcome.eventId, 'Binome permission check: cancelled at once.');
        results.push({ step: 'event', ok: true, summary: `created and cancelled one tagged event in ${hr.email}'s calendar`, remedy: null });
      } catch (error) {
        await failed('event', describe(error), `created event ${outcome.eventId} ("${checkSubject}") in ${hr.email}'s calendar but could not cancel it, delete it by hand`);
      }
    }
  } catch (error) {
    await failed('event', describe(error), `could not create an event in ${hr.email}'s calendar`);
  }
  try {
    await connector.mail.send({
      fromEmail: hr.email,
      to: [hr.email],
      subject: checkSubject,
      html: '<p>This is a Binome permission check: Binome may send mail as you (the invitation to volunteer). Nothing to do.</p>',
    });
    results.push({ step: 'mail', ok: true, summary: `sent one mail from and to ${hr.email}`, remedy: null });
  } catch (error) {
    await failed('mail', describe(error), `could not send mail as ${hr.email}`);
  }
  return results;
}

import { randomUUID } from 'node:crypto';
import type { Identity } from '../auth/schema.ts';
import type { Person } from '../../src/model/schema.ts';
import type { PopulationFilter, PopulationMember } from '../../src/model/population.ts';
import { populationMembers } from '../../src/population/members.ts';
import { populationCounts, selectPopulation } from '../../src/population/facets.ts';
import { ProviderCallError } from '../../src/ports/provider-error.ts';
import type { InvitationRun, MemberWithInvitation, PopulationPreview, PopulationView, SavedPopulation } from '../../contract/population.ts';
import { cohortIn, tenantOf, type ProgrammeContext } from '../programme/service.ts';
import * as programmeRepo from '../programme/repository.ts';
import type { CohortRecord, CohortStatus } from '../programme/schema.ts';
import { refuse, type MailFailureCode, type PopulationOutcome } from './errors.ts';
import * as repo from './repository.ts';
import { invitationMail } from './mail.ts';

/** The population may change, and invitations go out, until the cohort is matched. */
const editableIn: CohortStatus[] = ['draft', 'open'];

/** The directory snapshot is read again from the provider when older than this: the org chart moves slowly, and 5,000 people take seconds to read. */
const directoryMaxAgeMs = 15 * 60_000;

/** Invitations in flight at once: they all leave from one mailbox, and Graph lets an app make 4 concurrent requests per mailbox. */
const sendConcurrency = 4;

/** A claim older than this belongs to a run that died: its people are tried again. */
const claimLeaseMs = 10 * 60_000;

const ok = <T>(value: T): PopulationOutcome<T> => ({ ok: true, value });

const dayOf = (at: Date): string => at.toISOString().slice(0, 10);

async function directory(ctx: ProgrammeContext): Promise<{ people: Person[]; syncedAt: Date | null }> {
  const tenantId = tenantOf(ctx);
  const syncedAt = await repo.directorySyncedAt(ctx.db, tenantId);
  const now = ctx.clock();
  if (syncedAt === null || now.getTime() - syncedAt.getTime() > directoryMaxAgeMs) {
    await programmeRepo.ensureTenant(ctx.db, ctx.runtime.tenant);
    await programmeRepo.replaceDirectory(ctx.db, tenantId, await ctx.runtime.directory.listPeople(), now);
    return { people: await programmeRepo.loadDirectory(ctx.db, tenantId), syncedAt: now };
  }
  return { people: await programmeRepo.loadDirectory(ctx.db, tenantId), syncedAt };
}

function frozen<T>(cohort: CohortRecord): PopulationOutcome<T> {
  return refuse('POPULATION_FROZEN', `the cohort is ${cohort.status}: its population is chosen and its invitations sent while it is a draft or open for volunteering`, 'cohortId');
}

/** `CODE: words` as stored; a claim left by a run that died reads as an interrupted send. */
function storedError(lastError: string): { code: string; message: string } {
  if (repo.isClaim(lastError)) return { code: 'SEND_INTERRUPTED' satisfies MailFailureCode, message: 'the run sending this invitation stopped before it knew the outcome' };
  const split = lastError.indexOf(': ');
  return split < 0 ? { code: 'MAIL_FAILED', message: lastError } : { code: lastError.slice(0, split), message: lastError.slice(split + 2) };
}

function invitationState(row: repo.InvitationRow | undefined, staleBefore: Date): Pick<MemberWithInvitation, 'invitation' | 'invitationError'> {
  if (row === undefined) return { invitation: null, invitationError: null };
  if (row.sentAt !== null) return { invitation: 'sent', invitationError: null };
  if (repo.claimIsFresh(row.lastError, staleBefore)) return { invitation: 'sending', invitationError: null };
  return { invitation: 'failed', invitationError: storedError(row.lastError ?? 'SEND_INTERRUPTED: queued, never tried') };
}

/** Everyone of the directory with their facet values and invitation, and the cohort's chosen population. */
export async function populationView(ctx: ProgrammeContext, cohortId: string): Promise<PopulationOutcome<PopulationView>> {
  const found = await cohortIn(ctx, cohortId);
  if (!found.ok) return found;
  const tenantId = tenantOf(ctx);
  const now = ctx.clock();
  const { people, syncedAt } = await directory(ctx);
  const rows = new Map((await repo.listInvitations(ctx.db, tenantId, cohortId)).map((r) => [r.email, r]));
  const staleBefore = new Date(now.getTime() - claimLeaseMs);
  return ok({
    filter: await repo.readPopulation(ctx.db, tenantId, cohortId),
    editable: editableIn.includes(found.value.status),
    asOf: dayOf(now),
    directorySyncedAt: syncedAt?.toISOString() ?? null,
    members: populationMembers(people, dayOf(now)).map((m) => ({ ...m, ...invitationState(rows.get(m.email), staleBefore) })),
  });
}

/** The live counts for a filter, and the first people it chooses. */
export async function previewPopulation(ctx: ProgrammeContext, cohortId: string, filter: PopulationFilter, limit: number): Promise<PopulationOutcome<PopulationPreview>> {
  const found = await cohortIn(ctx, cohortId);
  if (!found.ok) return found;
  const asOf = dayOf(ctx.clock());
  const members = populationMembers((await directory(ctx)).people, asOf);
  const counts = populationCounts(members, filter);
  return ok({ ...counts, people: selectPopulation(members, filter).slice(0, limit), asOf });
}

export async function savePopulation(ctx: ProgrammeContext, cohortId: string, filter: PopulationFilter): Promise<PopulationOutcome<SavedPopulation>> {
  const found = await cohortIn(ctx, cohortId);
  if (!found.ok) return found;
  if (!editableIn.includes(found.value.status)) return frozen(found.value);
  if (!(await repo.savePopulation(ctx.db, tenantOf(ctx), cohortId, filter, editableIn))) {
    const again = await cohortIn(ctx, cohortId);
    return again.ok ? frozen(again.value) : again;
  }
  const members = populationMembers((await directory(ctx)).people, dayOf(ctx.clock()));
  return ok({ filter, total: selectPopulation(members, filter).length });
}

/**
 * Who the invitations come from: the HR person signed in; for an automation token
 * (no person), the tenant's first configured HR person (`hr.people`).
 */
function senderOf(ctx: ProgrammeContext, caller: Identity, people: Person[]): PopulationOutcome<Person> {
  const personId = caller.kind === 'user' ? caller.personId : ctx.runtime.config.hr.people[0];
  const sender = personId === undefined ? undefined : people.find((p) => p.id === personId);
  if (sender !== undefined) return ok(sender);
  return refuse(
    'SENDER_UNKNOWN',
    caller.kind === 'user'
      ? 'the signed-in HR person is not in the directory: invitations leave from their mailbox'
      : 'an automation token sends as the first HR person of the tenant configuration (hr.people), and none is configured or in the directory',
  );
}

function mailFailure(error: unknown): { code: MailFailureCode; message: string } {
  if (error instanceof ProviderCallError) {
    return { code: error.transient ? 'MAIL_PROVIDER_UNAVAILABLE' : 'MAIL_REFUSED', message: `${error.provider}: ${error.message}` };
  }
  return { code: 'MAIL_FAILED', message: error instanceof Error ? error.message : String(error) };
}

/** Runs `task` over `items`, at most `limit` at once. */
async function eachBounded<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

/**
 * Invites everyone of the cohort's population not invited yet, one mail each in their
 * language, and opens a draft for volunteering first (the link must lead somewhere open).
 * Each outcome is recorded as it comes; a person whose mail went out is never sent it
 * again, and sending again retries only the failures.
 */
export async function sendInvitations(ctx: ProgrammeContext, cohortId: string, caller: Identity, volunteerUrl: string): Promise<PopulationOutcome<InvitationRun>> {
  const found = await cohortIn(ctx, cohortId);
  if (!found.ok) return found;
  if (!editableIn.includes(found.value.status)) return frozen(found.value);
  const tenantId = tenantOf(ctx);
  const filter = await repo.readPopulation(ctx.db, tenantId, cohortId);
  if (filter === null) return refuse('POPULATION_NOT_CHOSEN', 'choose the population first (PUT …/population)', 'population');
  const now = ctx.clock();
  const { people } = await directory(ctx);
  const chosen = selectPopulation(populationMembers(people, dayOf(now)), filter);
  if (chosen.length === 0) return refuse('POPULATION_EMPTY', 'the population chosen holds nobody in the directory today', 'population');
  const sender = senderOf(ctx, caller, people);
  if (!sender.ok) return sender;
  if (found.value.status === 'draft') await programmeRepo.stepCohort(ctx.db, tenantId, cohortId, ['draft'], 'open', now);
  const cohort = await cohortIn(ctx, cohortId);
  if (!cohort.ok) return cohort;
  if (cohort.value.status !== 'open') return frozen(cohort.value);

  await repo.queueInvitations(ctx.db, tenantId, cohortId, chosen.map((m) => ({ email: m.email, language: m.language })), now);
  const before = new Map((await repo.listInvitations(ctx.db, tenantId, cohortId)).map((r) => [r.email, r]));
  const alreadyInvited = chosen.filter((m) => before.get(m.email)?.sentAt != null).length;
  const runId = randomUUID();
  const claim = repo.claimOf(now, runId);
  const claimed = await repo.claimInvitations(ctx.db, tenantId, cohortId, chosen.filter((m) => before.get(m.email)?.sentAt == null).map((m) => m.email), claim, new Date(now.getTime() - claimLeaseMs));
  const byEmail = new Map<string, PopulationMember>(chosen.map((m) => [m.email, m]));

  const failed: InvitationRun['failed'] = [];
  const byLanguage = { fr: 0, en: 0 };
  await eachBounded(claimed, sendConcurrency, async ({ email, language }) => {
    const name = byEmail.get(email)?.name ?? email;
    const mail = invitationMail({ cohort: cohort.value, recipientName: name, senderName: sender.value.name, volunteerUrl, language });
    try {
      await ctx.runtime.mail.send({ fromEmail: sender.value.email, to: [email], subject: mail.subject, html: mail.html });
    } catch (error) {
      const failure = mailFailure(error);
      failed.push({ email, name, language, ...failure });
      await repo.recordOutcome(ctx.db, tenantId, cohortId, email, claim, { error: `${failure.code}: ${failure.message}` });
      return;
    }
    byLanguage[language] += 1;
    await repo.recordOutcome(ctx.db, tenantId, cohortId, email, claim, { sentAt: ctx.clock() });
  });
  failed.sort((a, b) => a.email.localeCompare(b.email));
  return ok({
    cohort: cohort.value,
    sender: sender.value.email,
    population: chosen.length,
    sent: claimed.length - failed.length,
    alreadyInvited,
    inProgress: chosen.length - alreadyInvited - claimed.length,
    failed,
    byLanguage,
  });
}

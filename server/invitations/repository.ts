import { and, eq, inArray, isNull, max, sql } from 'drizzle-orm';
import type { Database } from '../store/database.ts';
import { cohorts, invitations, people } from '../store/schema.ts';
import { PopulationFilter, type InvitationLanguage } from '../../src/model/population.ts';
import type { CohortStatus } from '../programme/schema.ts';
import { lockCohortIn } from '../programme/repository.ts';

/** The population HR chose for a cohort; null when not chosen yet (or stored in a shape this version cannot read). */
export async function readPopulation(db: Database, tenantId: string, cohortId: string): Promise<PopulationFilter | null> {
  const [row] = await db
    .select({ population: cohorts.population })
    .from(cohorts)
    .where(and(eq(cohorts.tenantId, tenantId), eq(cohorts.cohortId, cohortId)));
  if (row === undefined || row.population === null) return null;
  const parsed = PopulationFilter.safeParse(row.population);
  return parsed.success ? parsed.data : null;
}

/** Stores the population while the cohort is in one of `allowed`; false when it no longer is. */
export async function savePopulation(db: Database, tenantId: string, cohortId: string, filter: PopulationFilter, allowed: CohortStatus[]): Promise<boolean> {
  return db.transaction(async (tx) => {
    if (!(await lockCohortIn(tx, tenantId, cohortId, allowed))) return false;
    await tx
      .update(cohorts)
      .set({ population: { ...filter } })
      .where(and(eq(cohorts.tenantId, tenantId), eq(cohorts.cohortId, cohortId)));
    return true;
  });
}

/** When the directory snapshot was last read from the provider; null when never. */
export async function directorySyncedAt(db: Database, tenantId: string): Promise<Date | null> {
  const [row] = await db.select({ at: max(people.syncedAt) }).from(people).where(eq(people.tenantId, tenantId));
  return row?.at ?? null;
}

export interface InvitationRow {
  email: string;
  language: InvitationLanguage;
  invitedAt: Date;
  sentAt: Date | null;
  lastError: string | null;
}

export async function listInvitations(db: Database, tenantId: string, cohortId: string): Promise<InvitationRow[]> {
  const rows = await db
    .select()
    .from(invitations)
    .where(and(eq(invitations.tenantId, tenantId), eq(invitations.cohortId, cohortId)));
  return rows.map((r) => ({ email: r.email, language: r.language === 'en' ? 'en' : 'fr', invitedAt: r.invitedAt, sentAt: r.sentAt, lastError: r.lastError }));
}

const chunk = 1000;

/** Queues an invitation for each person not queued yet; a person already queued keeps their row (and its language). */
export async function queueInvitations(db: Database, tenantId: string, cohortId: string, queued: { email: string; language: InvitationLanguage }[], at: Date): Promise<void> {
  for (let i = 0; i < queued.length; i += chunk) {
    await db
      .insert(invitations)
      .values(queued.slice(i, i + chunk).map((q) => ({ tenantId, cohortId, email: q.email, language: q.language, invitedAt: at })))
      .onConflictDoNothing();
  }
}

/**
 * A claim on an unsent invitation is written in `last_error` as `sending:<ISO instant>:<run id>`:
 * instants of one format compare as text, so a claim older than a stale mark is found with `<`.
 */
const claimPrefix = 'sending:';
export const claimOf = (at: Date, runId: string): string => `${claimPrefix}${at.toISOString()}:${runId}`;
export const isClaim = (lastError: string | null): boolean => lastError !== null && lastError.startsWith(claimPrefix);
export const claimIsFresh = (lastError: string | null, staleBefore: Date): boolean => isClaim(lastError) && (lastError ?? '') >= `${claimPrefix}${staleBefore.toISOString()}`;

/**
 * Claims the unsent invitations of these people for one run: those never tried, those
 * that failed, and those whose claim is stale (a run that died mid-way). Two runs never
 * claim the same person, so nobody gets the mail twice from two runs at once.
 */
export async function claimInvitations(
  db: Database,
  tenantId: string,
  cohortId: string,
  emails: string[],
  claim: string,
  staleBefore: Date,
): Promise<{ email: string; language: InvitationLanguage }[]> {
  const claimed: { email: string; language: InvitationLanguage }[] = [];
  for (let i = 0; i < emails.length; i += chunk) {
    const rows = await db
      .update(invitations)
      .set({ lastError: claim })
      .where(
        and(
          eq(invitations.tenantId, tenantId),
          eq(invitations.cohortId, cohortId),
          inArray(invitations.email, emails.slice(i, i + chunk)),
          isNull(invitations.sentAt),
          sql`(${invitations.lastError} is null or ${invitations.lastError} not like ${`${claimPrefix}%`} or ${invitations.lastError} < ${`${claimPrefix}${staleBefore.toISOString()}`})`,
        ),
      )
      .returning({ email: invitations.email, language: invitations.language });
    for (const r of rows) claimed.push({ email: r.email, language: r.language === 'en' ? 'en' : 'fr' });
  }
  return claimed;
}

/** Records one outcome, only while the run still holds the claim. */
export async function recordOutcome(db: Database, tenantId: string, cohortId: string, email: string, claim: string, outcome: { sentAt: Date } | { error: string }): Promise<void> {
  await db
    .update(invitations)
    .set('sentAt' in outcome ? { sentAt: outcome.sentAt, lastError: null } : { lastError: outcome.error })
    .where(and(eq(invitations.tenantId, tenantId), eq(invitations.cohortId, cohortId), eq(invitations.email, email), eq(invitations.lastError, claim)));
}

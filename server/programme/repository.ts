import { TransactionRollbackError, and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../store/database.ts';
import { bookings, cohorts, enrolmentImports, enrolments, pairs, people, tenants, unmatched } from '../store/schema.ts';
import { Enrolment, MessageParams, Person, defaultThemes, type CohortSettings } from '../../src/model/schema.ts';
import { firstRows, type RejectionGroup } from '../../src/enrolment/rejections.ts';
import { CohortRecord, type CohortStatus } from './schema.ts';
import type { LedgerSummary } from './rules.ts';
import type { StoredRefusals } from '../enrolment/summary.ts';
import type { Tenant } from '../../src/model/schema.ts';

export interface PairRecord {
  pairId: string;
  mentorEmail: string;
  menteeEmail: string;
  score: number;
  reasons: StoredReason[];
  sessions: { start: string; end: string }[];
  /** HR locked it: matching again keeps it, changes leave it alone. Read back always set; unset when written means unlocked. */
  locked?: boolean;
}

/** A pair as read back from the store: whether it is locked is always known. */
export type StoredPair = PairRecord & { locked: boolean };

/**
 * A pair's reason as stored: code and params. Proposals formed before params were
 * kept hold the English sentence instead (`message`, params absent).
 */
export interface StoredReason {
  code: string;
  params: MessageParams;
  message?: string;
}

const StoredReasons = z.array(z.object({ code: z.string(), params: MessageParams.default({}), message: z.string().optional() }));

export interface UnmatchedRecord {
  email: string;
  role: 'mentor' | 'mentee';
  code: string;
  params: MessageParams;
  /** The English words, kept beside params (and alone in rows stored before params existed). */
  reason: string;
}

/** A refused row beside its group: the group's params word it, a group stored before params existed has its English detail. */
export interface RejectedRecord {
  line: number;
  group: StoredRejectionGroup;
}

/** A cohort whose proposal is dropped goes back to where it was before matching: open if HR had opened it, else a draft. */
const unmatchedStatus = sql`case when ${cohorts.openedAt} is null then 'draft' else 'open' end`;

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

function toCohortRecord(row: typeof cohorts.$inferSelect): CohortRecord {
  return CohortRecord.parse({
    cohortId: row.cohortId,
    name: row.name,
    format: row.format,
    sessions: row.sessions,
    sessionMinutes: row.sessionMinutes,
    start: row.startDate,
    weeks: row.weeks,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    matchedAt: iso(row.matchedAt),
    publishedAt: iso(row.publishedAt),
    rolloutStartedAt: iso(row.rolloutStartedAt),
    openedAt: iso(row.openedAt),
    closedAt: iso(row.closedAt),
    themes: row.themes ?? [...defaultThemes],
  });
}

export async function ensureTenant(db: Database, tenant: Tenant): Promise<void> {
  await db
    .insert(tenants)
    .values({ tenantId: tenant.id, name: tenant.name, domain: tenant.domain, platform: tenant.platform })
    .onConflictDoUpdate({
      target: tenants.tenantId,
      set: { name: tenant.name, domain: tenant.domain, platform: tenant.platform },
    });
}

export async function insertCohort(
  db: Database,
  tenantId: string,
  cohortId: string,
  settings: CohortSettings & { themes?: readonly string[] | undefined },
): Promise<CohortRecord> {
  const [row] = await db
    .insert(cohorts)
    .values({
      tenantId,
      cohortId,
      name: settings.name,
      format: settings.format,
      sessions: settings.sessions,
      sessionMinutes: settings.sessionMinutes,
      startDate: settings.start,
      weeks: settings.weeks,
      status: 'draft',
      themes: settings.themes === undefined ? null : [...settings.themes],
    })
    .returning();
  if (row === undefined) throw new Error('insert into cohorts returned no row');
  return toCohortRecord(row);
}

export async function findCohort(db: Database, tenantId: string, cohortId: string): Promise<CohortRecord | null> {
  const [row] = await db
    .select()
    .from(cohorts)
    .where(and(eq(cohorts.tenantId, tenantId), eq(cohorts.cohortId, cohortId)));
  return row === undefined ? null : toCohortRecord(row);
}

export async function listCohorts(db: Database, tenantId: string): Promise<CohortRecord[]> {
  const rows = await db.select().from(cohorts).where(eq(cohorts.tenantId, tenantId)).orderBy(asc(cohorts.createdAt));
  return rows.map(toCohortRecord);
}

export async function setCohortStatus(
  db: Database,
  tenantId: string,
  cohortId: string,
  status: CohortStatus,
  at: Date,
): Promise<void> {
  const stamp =
    status === 'matched'
      ? { matchedAt: at }
      : status === 'published'
        ? { publishedAt: at }
        : status === 'rolling_out'
          ? { rolloutStartedAt: at }
          : status === 'open'
            ? { openedAt: at }
            : status === 'closed'
              ? { closedAt: at }
              : {};
  await db
    .update(cohorts)
    .set({ status, ...stamp })
    .where(and(eq(cohorts.tenantId, tenantId), eq(cohorts.cohortId, cohortId)));
}

/**
 * Rows per statement when a replace or an import writes many: each statement runs
 * on the event loop when the store is PGlite (WebAssembly), and its answer resolves
 * without letting timers or I/O run, so the writes give the loop a turn between
 * statements (`nextTurn`) and each holds it a few milliseconds only.
 */
const directoryRowsPerStatement = 50;
const enrolmentRowsPerStatement = 250;

/** A turn of the event loop for everything else (timers, I/O), between two statements of one transaction. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Replaces the tenant's directory snapshot, all or nothing: one transaction, written
 * in bounded statements with a turn of the event loop between them. Meanwhile other
 * queries wait for the transaction on PGlite (one connection), not on PostgreSQL.
 */
export async function replaceDirectory(db: Database, tenantId: string, directory: Person[], at: Date): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(people).where(eq(people.tenantId, tenantId));
    for (let i = 0; i < directory.length; i += directoryRowsPerStatement) {
      await nextTurn();
      const chunk = directory.slice(i, i + directoryRowsPerStatement);
      await tx.insert(people).values(chunk.map((p) => ({ tenantId, personId: p.id, email: p.email, data: p, syncedAt: at })));
    }
  });
}

export async function loadDirectory(db: Database, tenantId: string): Promise<Person[]> {
  const rows = await db.select({ data: people.data }).from(people).where(eq(people.tenantId, tenantId));
  return rows.map((r) => Person.parse(r.data));
}

export async function listEnrolments(db: Database, tenantId: string, cohortId: string): Promise<Enrolment[]> {
  const rows = await db
    .select()
    .from(enrolments)
    .where(and(eq(enrolments.tenantId, tenantId), eq(enrolments.cohortId, cohortId)))
    .orderBy(asc(enrolments.email));
  return rows.map((r) =>
    Enrolment.parse({
      email: r.email,
      role: r.role,
      offers: r.offers,
      wants: r.wants,
      languages: r.languages,
      format: r.format,
      ...(r.workingHours === null ? {} : { workingHours: r.workingHours }),
    }),
  );
}

export type ImportSaved = { saved: false } | { saved: true; proposalDiscarded: boolean };

/**
 * Stores one import in one transaction: its good rows and the rows it refused,
 * all or nothing, in bounded statements with a turn of the event loop between them.
 * A proposal formed before the enrolments changed no longer fits them: it is
 * discarded and the cohort is a draft again, so it cannot be published.
 */
export async function saveImport(
  db: Database,
  tenantId: string,
  cohortId: string,
  importId: string,
  accepted: Enrolment[],
  refused: readonly StoredRefusals[],
): Promise<ImportSaved> {
  return db.transaction(async (tx): Promise<ImportSaved> => {
    const status = await lockCohort(tx, tenantId, cohortId);
    if (status !== 'draft' && status !== 'open' && status !== 'matched') return { saved: false };
    const proposalDiscarded = status === 'matched' && accepted.length > 0;
    if (proposalDiscarded) {
      const scope = (t: typeof pairs | typeof unmatched) => and(eq(t.tenantId, tenantId), eq(t.cohortId, cohortId));
      await tx.delete(pairs).where(scope(pairs));
      await tx.delete(unmatched).where(scope(unmatched));
      await tx
        .update(cohorts)
        .set({ status: unmatchedStatus, matchedAt: null })
        .where(and(eq(cohorts.tenantId, tenantId), eq(cohorts.cohortId, cohortId)));
    }
    for (let i = 0; i < accepted.length; i += enrolmentRowsPerStatement) {
      await nextTurn();
      await tx.insert(enrolments).values(
        accepted.slice(i, i + enrolmentRowsPerStatement).map((e) => ({
          tenantId,
          cohortId,
          email: e.email,
          role: e.role,
          offers: e.offers,
          wants: e.wants,
          languages: e.languages,
          format: e.format,
          workingHours: e.workingHours ?? null,
        })),
      )
        // A row that changes an enrolment already there (same person, same role) replaces it.
        .onConflictDoUpdate({
          target: [enrolments.tenantId, enrolments.cohortId, enrolments.email],
          set: {
            offers: sql`excluded.offers`,
            wants: sql`excluded.wants`,
            languages: sql`excluded.languages`,
            format: sql`excluded.format`,
            workingHours: sql`excluded.working_hours`,
          },
        });
    }
    // One row per part of the refusals (one, empty, when nothing was refused), all stamped with the transaction's
    // time: parts of one import keep their order by their ids, after every earlier import.
    const parts = refused.length === 0 ? [{ rows: 0, groups: 0, stored: '' }] : refused;
    for (const [i, part] of parts.entries()) {
      await nextTurn();
      await tx.insert(enrolmentImports).values({
        tenantId,
        cohortId,
        importId: i === 0 ? importId : `${importId}:${String(i).padStart(6, '0')}`,
        loaded: i === 0 ? accepted.length : 0,
        refusedCount: part.rows,
        refusedGroups: part.groups,
        refused: part.stored,
      });
    }
    return { saved: true, proposalDiscarded };
  });
}

/** How many mentors and mentees the cohort has, counted by the store. */
export async function enrolledCounts(db: Database, tenantId: string, cohortId: string): Promise<{ mentors: number; mentees: number }> {
  const rows = await db
    .select({ role: enrolments.role, count: sql<number>`count(*)::int` })
    .from(enrolments)
    .where(and(eq(enrolments.tenantId, tenantId), eq(enrolments.cohortId, cohortId)))
    .groupBy(enrolments.role);
  const of = (role: string) => rows.find((r) => r.role === role)?.count ?? 0;
  return { mentors: of('mentor'), mentees: of('mentee') };
}

/** Groups written before params were kept hold the English detail instead. */
const RefusedGroup = z.object({
  field: z.string().nullable(),
  code: z.string(),
  params: MessageParams.default({}),
  detail: z.string().optional(),
  lines: z.array(z.tuple([z.number().int(), z.number().int()])),
  count: z.number().int(),
});
export type StoredRejectionGroup = RejectionGroup & { detail?: string };

/** The cohort's imports, oldest first, with their refusal counts; `refused` is read only when asked. */
async function importsOf(db: Database, tenantId: string, cohortId: string) {
  return db
    .select({ importId: enrolmentImports.importId, rows: enrolmentImports.refusedCount, groups: enrolmentImports.refusedGroups })
    .from(enrolmentImports)
    .where(and(eq(enrolmentImports.tenantId, tenantId), eq(enrolmentImports.cohortId, cohortId)))
    .orderBy(asc(enrolmentImports.importedAt), asc(enrolmentImports.importId));
}

/**
 * Groups `from` to `from + count` of one import. Imports write one group per
 * line (JSON Lines), so a page parses only its own groups; the imports that
 * migration 0004 converted hold one JSON array, parsed whole.
 */
async function groupsOf(db: Database, tenantId: string, cohortId: string, importId: string, from: number, count: number): Promise<StoredRejectionGroup[]> {
  const [row] = await db
    .select({ refused: enrolmentImports.refused })
    .from(enrolmentImports)
    .where(and(eq(enrolmentImports.tenantId, tenantId), eq(enrolmentImports.cohortId, cohortId), eq(enrolmentImports.importId, importId)));
  const text = row?.refused ?? '';
  if (text.startsWith('[')) return z.array(RefusedGroup).parse(JSON.parse(text)).slice(from, from + count);
  const groups: StoredRejectionGroup[] = [];
  let at = 0;
  for (let i = 0; at < text.length && i < from + count; i++) {
    const end = text.indexOf('\n', at);
    const stop = end === -1 ? text.length : end;
    if (i >= from) groups.push(RefusedGroup.parse(JSON.parse(text.slice(at, stop))));
    at = stop + 1;
  }
  return groups;
}

/** The first `limit` rows the cohort's imports refused, oldest import first, and how many there are in all. */
export async function firstRejected(db: Database, tenantId: string, cohortId: string, limit: number): Promise<{ rows: RejectedRecord[]; total: number }> {
  const imports = await importsOf(db, tenantId, cohortId);
  const rows: RejectedRecord[] = [];
  for (const i of imports) {
    if (rows.length >= limit) break;
    if (i.rows === 0) continue;
    // Groups come by first line: the first `limit` rows by line lie in the first `limit` groups.
    const wanted = limit - rows.length;
    rows.push(...firstRows(await groupsOf(db, tenantId, cohortId, i.importId, 0, wanted), wanted));
  }
  return { rows, total: imports.reduce((sum, i) => sum + i.rows, 0) };
}

export interface RejectionPage {
  /** Rows refused in all, and the groups they form. */
  rows: number;
  groups: number;
  items: StoredRejectionGroup[];
}

/** Groups `offset` to `offset + limit` of the cohort's refusals, oldest import first; imports before the page are not read. */
export async function rejectionPage(db: Database, tenantId: string, cohortId: string, offset: number, limit: number): Promise<RejectionPage> {
  const imports = await importsOf(db, tenantId, cohortId);
  const items: StoredRejectionGroup[] = [];
  let skipped = 0;
  for (const i of imports) {
    if (items.length >= limit) break;
    if (skipped + i.groups <= offset) {
      skipped += i.groups;
      continue;
    }
    const from = Math.max(0, offset - skipped);
    items.push(...(await groupsOf(db, tenantId, cohortId, i.importId, from, limit - items.length)));
    skipped += i.groups;
  }
  return {
    rows: imports.reduce((sum, i) => sum + i.rows, 0),
    groups: imports.reduce((sum, i) => sum + i.groups, 0),
    items,
  };
}

/** Replaces the cohort's proposal, atomically, and marks the cohort matched. */
export async function saveProposal(
  db: Database,
  tenantId: string,
  cohortId: string,
  proposal: { pairs: PairRecord[]; unmatched: UnmatchedRecord[] },
  at: Date,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    if (!(await lockCohortIn(tx, tenantId, cohortId, ['draft', 'open', 'matched']))) return false;
    const scope = (t: typeof pairs | typeof unmatched) => and(eq(t.tenantId, tenantId), eq(t.cohortId, cohortId));
    await tx.delete(pairs).where(scope(pairs));
    await tx.delete(unmatched).where(scope(unmatched));
    for (let i = 0; i < proposal.pairs.length; i += 500) {
      await tx.insert(pairs).values(proposal.pairs.slice(i, i + 500).map((p) => ({ tenantId, cohortId, ...p })));
    }
    for (let i = 0; i < proposal.unmatched.length; i += 500) {
      await tx
        .insert(unmatched)
        .values(proposal.unmatched.slice(i, i + 500).map((u) => ({ tenantId, cohortId, ...u })));
    }
    await tx
      .update(cohorts)
      .set({ status: 'matched', matchedAt: at })
      .where(and(eq(cohorts.tenantId, tenantId), eq(cohorts.cohortId, cohortId)));
    return true;
  });
}

/**
 * Locks the cohort row for the rest of the transaction and tells whether its
 * status is one of `allowed`: a publish that lands while matching or an import
 * runs is seen here, not after the pairs or enrolments changed under it.
 */
export async function lockCohortIn(db: Database, tenantId: string, cohortId: string, allowed: CohortStatus[]): Promise<boolean> {
  const status = await lockCohort(db, tenantId, cohortId);
  return status !== null && allowed.includes(status);
}

/** Locks the cohort row for the rest of the transaction and reads its status (null: no such cohort). */
async function lockCohort(db: Database, tenantId: string, cohortId: string): Promise<CohortStatus | null> {
  const [row] = await db
    .select({ status: cohorts.status })
    .from(cohorts)
    .where(and(eq(cohorts.tenantId, tenantId), eq(cohorts.cohortId, cohortId)))
    .for('update');
  return row === undefined ? null : CohortRecord.shape.status.parse(row.status);
}

/**
 * The cohort's pairs with their sessions. Before publishing, a pair's sessions are its
 * plan; once published, the booking ledger is their only source (the rollout moves a
 * session there, never in the plan), so they are read from it.
 */
export async function listPairs(db: Database, tenantId: string, cohortId: string): Promise<StoredPair[]> {
  const rows = await db
    .select()
    .from(pairs)
    .where(and(eq(pairs.tenantId, tenantId), eq(pairs.cohortId, cohortId)))
    .orderBy(asc(pairs.pairId));
  const ledger = await db
    .select({ pairId: bookings.pairId, startsAt: bookings.startsAt, endsAt: bookings.endsAt })
    .from(bookings)
    .where(and(eq(bookings.tenantId, tenantId), eq(bookings.cohortId, cohortId)))
    .orderBy(asc(bookings.pairId), asc(bookings.session));
  const booked = new Map<string, { start: string; end: string }[]>();
  for (const b of ledger) {
    const sessions = booked.get(b.pairId) ?? [];
    sessions.push({ start: new Date(b.startsAt).toISOString(), end: new Date(b.endsAt).toISOString() });
    booked.set(b.pairId, sessions);
  }
  return rows.map((r) => ({
    pairId: r.pairId,
    mentorEmail: r.mentorEmail,
    menteeEmail: r.menteeEmail,
    score: r.score,
    reasons: StoredReasons.parse(r.reasons),
    sessions: booked.get(r.pairId) ?? r.sessions,
    locked: r.locked,
  }));
}

export async function listUnmatched(db: Database, tenantId: string, cohortId: string): Promise<UnmatchedRecord[]> {
  const rows = await db
    .select()
    .from(unmatched)
    .where(and(eq(unmatched.tenantId, tenantId), eq(unmatched.cohortId, cohortId)))
    .orderBy(asc(unmatched.email));
  return rows.map((r) => ({
    email: r.email,
    role: r.role === 'mentor' ? 'mentor' : 'mentee',
    code: r.code,
    params: MessageParams.parse(r.params),
    reason: r.reason,
  }));
}

/** Locks or unlocks one pair of a matched cohort; false when the cohort is no longer matched or has no such pair. */
export async function setPairLocked(db: Database, tenantId: string, cohortId: string, pairId: string, locked: boolean): Promise<boolean> {
  return db.transaction(async (tx) => {
    if (!(await lockCohortIn(tx, tenantId, cohortId, ['matched']))) return false;
    const changed = await tx
      .update(pairs)
      .set({ locked })
      .where(and(eq(pairs.tenantId, tenantId), eq(pairs.cohortId, cohortId), eq(pairs.pairId, pairId)))
      .returning({ pairId: pairs.pairId });
    return changed.length === 1;
  });
}

/** A change HR made to a proposal, checked beforehand: pairs undone, pairs formed, people left without a pair. */
export interface ProposalEdit {
  dissolve: string[];
  form: PairRecord[];
  leftOut: (UnmatchedRecord & { params: Record<string, string | number> })[];
}

/**
 * Applies one checked change in one transaction. Refused (false) when the cohort is no
 * longer matched, or a pair to undo is gone or was locked meanwhile: the change was
 * checked against a proposal that no longer is.
 */
export async function applyProposalEdit(db: Database, tenantId: string, cohortId: string, edit: ProposalEdit): Promise<boolean> {
  return db.transaction(async (tx) => {
    if (!(await lockCohortIn(tx, tenantId, cohortId, ['matched']))) return false;
    const scope = (t: typeof pairs | typeof unmatched) => and(eq(t.tenantId, tenantId), eq(t.cohortId, cohortId));
    if (edit.dissolve.length > 0) {
      const undone = await tx
        .delete(pairs)
        .where(and(scope(pairs), inArray(pairs.pairId, edit.dissolve), eq(pairs.locked, false)))
        .returning({ pairId: pairs.pairId });
      if (undone.length !== edit.dissolve.length) {
        tx.rollback();
      }
    }
    const paired = edit.form.flatMap((p) => [p.mentorEmail, p.menteeEmail]);
    if (paired.length > 0) await tx.delete(unmatched).where(and(scope(unmatched), inArray(unmatched.email, paired)));
    if (edit.form.length > 0) await tx.insert(pairs).values(edit.form.map((p) => ({ tenantId, cohortId, ...p })));
    if (edit.leftOut.length > 0) {
      await tx
        .insert(unmatched)
        .values(edit.leftOut.map((u) => ({ tenantId, cohortId, ...u })))
        .onConflictDoUpdate({
          target: [unmatched.tenantId, unmatched.cohortId, unmatched.email],
          set: { role: sql`excluded.role`, code: sql`excluded.code`, reason: sql`excluded.reason`, params: sql`excluded.params` },
        });
    }
    return true;
  }).catch((error: unknown) => {
    if (error instanceof TransactionRollbackError) return false;
    throw error;
  });
}

/** The cohort's sessions as the booking ledger has them: how many, how many booked (a move keeps the event), when the last ends. */
export async function ledgerSummary(db: Database, tenantId: string, cohortId: string): Promise<LedgerSummary> {
  const [row] = await db
    .select({
      total: sql<string>`count(*)`,
      booked: sql<string>`count(*) filter (where ${bookings.state} in ('booked', 'moving'))`,
      lastEnd: sql<string | null>`max(${bookings.endsAt})`,
    })
    .from(bookings)
    .where(and(eq(bookings.tenantId, tenantId), eq(bookings.cohortId, cohortId)));
  return {
    total: Number(row?.total ?? 0),
    booked: Number(row?.booked ?? 0),
    lastEnd: row?.lastEnd == null ? null : Date.parse(String(row.lastEnd)),
  };
}

/**
 * Moves the cohort from `from` to `to` if it is still in `from` (another request may
 * have moved it meanwhile); true when this call made the change.
 */
export async function stepCohort(db: Database, tenantId: string, cohortId: string, from: CohortStatus[], to: CohortStatus, at: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    if (!(await lockCohortIn(tx, tenantId, cohortId, from))) return false;
    await setCohortStatus(tx, tenantId, cohortId, to, at);
    return true;
  });
}

/**
 * Withdraws one volunteer. A proposal formed with them no longer fits: it is
 * discarded and the cohort is a draft again. Null when the cohort no longer takes
 * withdrawals; false for `removed` when the person was not enrolled.
 */
export async function withdrawEnrolment(
  db: Database,
  tenantId: string,
  cohortId: string,
  email: string,
  allowed: CohortStatus[],
): Promise<{ removed: boolean; proposalDiscarded: boolean } | null> {
  return db.transaction(async (tx) => {
    const status = await lockCohort(tx, tenantId, cohortId);
    if (status === null || !allowed.includes(status)) return null;
    const removed = await tx
      .delete(enrolments)
      .where(and(eq(enrolments.tenantId, tenantId), eq(enrolments.cohortId, cohortId), eq(enrolments.email, email)))
      .returning({ email: enrolments.email });
    if (removed.length === 0) return { removed: false, proposalDiscarded: false };
    const proposalDiscarded = status === 'matched';
    if (proposalDiscarded) {
      const scope = (t: typeof pairs | typeof unmatched) => and(eq(t.tenantId, tenantId), eq(t.cohortId, cohortId));
      await tx.delete(pairs).where(scope(pairs));
      await tx.delete(unmatched).where(scope(unmatched));
      await tx
        .update(cohorts)
        .set({ status: unmatchedStatus, matchedAt: null })
        .where(and(eq(cohorts.tenantId, tenantId), eq(cohorts.cohortId, cohortId)));
    }
    return { removed: true, proposalDiscarded };
  });
}

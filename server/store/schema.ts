import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  foreignKey,
  date,
  boolean,
} from 'drizzle-orm/pg-core';

/**
 * One schema for PGlite and PostgreSQL. Every row carries its tenant and every
 * primary and foreign key starts with tenant_id, so the same tables distribute
 * by tenant (Citus) without a query change.
 */

export const tenants = pgTable('tenants', {
  tenantId: text('tenant_id').primaryKey(),
  name: text('name').notNull(),
  domain: text('domain').notNull(),
  platform: text('platform').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The directory as last read from the provider, with the delta token to go on from. */
export const people = pgTable(
  'people',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.tenantId),
    personId: text('person_id').notNull(),
    email: text('email').notNull(),
    data: jsonb('data').notNull(),
    syncedAt: timestamp('synced_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.personId] }), uniqueIndex('people_email').on(t.tenantId, t.email)],
);

export const cohorts = pgTable(
  'cohorts',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.tenantId),
    cohortId: text('cohort_id').notNull(),
    name: text('name').notNull(),
    format: text('format').notNull(),
    sessions: integer('sessions').notNull(),
    sessionMinutes: integer('session_minutes').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    weeks: integer('weeks').notNull(),
    status: text('status').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    matchedAt: timestamp('matched_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    rolloutStartedAt: timestamp('rollout_started_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.cohortId] }),
    check('cohorts_status', sql`${t.status} in ('draft', 'matched', 'published', 'rolling_out')`),
  ],
);

export const enrolments = pgTable(
  'enrolments',
  {
    tenantId: text('tenant_id').notNull(),
    cohortId: text('cohort_id').notNull(),
    email: text('email').notNull(),
    role: text('role').notNull(),
    offers: jsonb('offers').$type<string[]>().notNull(),
    wants: jsonb('wants').$type<string[]>().notNull(),
    languages: jsonb('languages').$type<string[]>().notNull(),
    format: text('format').notNull(),
    /** What the volunteer declared ({ days, start, end } in their own zone); null when they declared nothing. */
    workingHours: jsonb('working_hours').$type<{ days: string[]; start: string; end: string }>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.cohortId, t.email] }),
    foreignKey({ columns: [t.tenantId, t.cohortId], foreignColumns: [cohorts.tenantId, cohorts.cohortId] }),
  ],
);

/**
 * Each import's refused rows, grouped by cause (field, code, detail) with their
 * line ranges, as one text: a 20 MB file can refuse hundreds of thousands
 * of rows, one value stores and reads back in a fraction of the time rows would
 * take, and a file of copies of one bad row is one group. `refused_count` counts
 * rows and `refused_groups` groups, so a page can skip whole imports unread.
 */
export const enrolmentImports = pgTable(
  'enrolment_imports',
  {
    tenantId: text('tenant_id').notNull(),
    cohortId: text('cohort_id').notNull(),
    importId: text('import_id').notNull(),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
    loaded: integer('loaded').notNull(),
    refusedCount: integer('refused_count').notNull(),
    refusedGroups: integer('refused_groups').notNull().default(0),
    /**
     * { field, code, detail, lines: [[first, last], …], count } by first line: one JSON
     * object per line (JSON Lines), or one JSON array in imports migration 0004 converted.
     */
    refused: text('refused').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.cohortId, t.importId] }),
    foreignKey({ columns: [t.tenantId, t.cohortId], foreignColumns: [cohorts.tenantId, cohorts.cohortId] }),
  ],
);

/** The matching proposal (and, once published, the programme's pairs). */
export const pairs = pgTable(
  'pairs',
  {
    tenantId: text('tenant_id').notNull(),
    cohortId: text('cohort_id').notNull(),
    pairId: text('pair_id').notNull(),
    mentorEmail: text('mentor_email').notNull(),
    menteeEmail: text('mentee_email').notNull(),
    score: integer('score').notNull(),
    reasons: jsonb('reasons').$type<{ code: string; message: string }[]>().notNull(),
    sessions: jsonb('sessions').$type<{ start: string; end: string }[]>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.cohortId, t.pairId] }),
    uniqueIndex('pairs_mentor').on(t.tenantId, t.cohortId, t.mentorEmail),
    uniqueIndex('pairs_mentee').on(t.tenantId, t.cohortId, t.menteeEmail),
    foreignKey({ columns: [t.tenantId, t.cohortId], foreignColumns: [cohorts.tenantId, cohorts.cohortId] }),
  ],
);

export const unmatched = pgTable(
  'unmatched',
  {
    tenantId: text('tenant_id').notNull(),
    cohortId: text('cohort_id').notNull(),
    email: text('email').notNull(),
    role: text('role').notNull(),
    code: text('code').notNull(),
    reason: text('reason').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.cohortId, t.email] }),
    foreignKey({ columns: [t.tenantId, t.cohortId], foreignColumns: [cohorts.tenantId, cohorts.cohortId] }),
  ],
);

/**
 * The booking ledger: one row per (pair, session). `idempotency_key` is
 * deterministic, so a retry, a restart or a second worker asks the provider
 * for the same event. `state`: planned → booking (claimed) → booked | failed;
 * `needs_lookup` marks rows whose last attempt had an unknown outcome.
 */
export const bookings = pgTable(
  'bookings',
  {
    tenantId: text('tenant_id').notNull(),
    cohortId: text('cohort_id').notNull(),
    pairId: text('pair_id').notNull(),
    session: integer('session').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    organizerEmail: text('organizer_email').notNull(),
    attendeeEmail: text('attendee_email').notNull(),
    subject: text('subject').notNull(),
    online: boolean('online').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true, mode: 'string' }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true, mode: 'string' }).notNull(),
    state: text('state').notNull(),
    needsLookup: integer('needs_lookup').notNull().default(0),
    attempts: integer('attempts').notNull().default(0),
    notBefore: timestamp('not_before', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    claimedBy: text('claimed_by'),
    claimExpiresAt: timestamp('claim_expires_at', { withTimezone: true, mode: 'string' }),
    eventId: text('event_id'),
    onlineMeetingUrl: text('online_meeting_url'),
    lastError: text('last_error'),
    /** Set with state 'failed' only: one of bookingFailureCodes. */
    failureCode: text('failure_code'),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.cohortId, t.pairId, t.session] }),
    uniqueIndex('bookings_key').on(t.tenantId, t.idempotencyKey),
    // What workers claim, across tenants: due planned rows and expired leases.
    index('bookings_due').on(t.notBefore).where(sql`${t.state} = 'planned'`),
    index('bookings_leased').on(t.claimExpiresAt).where(sql`${t.state} = 'booking'`),
    foreignKey({
      columns: [t.tenantId, t.cohortId, t.pairId],
      foreignColumns: [pairs.tenantId, pairs.cohortId, pairs.pairId],
    }),
    check('bookings_state', sql`${t.state} in ('planned', 'booking', 'booked', 'failed')`),
    check('bookings_failure_code', sql`(${t.state} = 'failed') = (${t.failureCode} is not null)`),
  ],
);

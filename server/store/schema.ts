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
    /** The themes this cohort offers; null means the default catalogue. */
    themes: jsonb('themes').$type<string[]>(),
    /** Who HR chose to invite (departments, offices, seniority or hire-date bands); null: nobody chosen yet. */
    population: jsonb('population').$type<Record<string, unknown>>(),
    openedAt: timestamp('opened_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.cohortId] }),
    check('cohorts_status', sql`${t.status} in ('draft', 'open', 'matched', 'published', 'rolling_out', 'running', 'closed')`),
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
    /** 'import' (HR's file) or 'volunteer' (the person, through a participant surface). */
    source: text('source').notNull().default('import'),
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
    /** { code, params } each; proposals stored before params were kept hold { code, message } (English). */
    reasons: jsonb('reasons').$type<{ code: string; params?: Record<string, string | number>; message?: string }[]>().notNull(),
    sessions: jsonb('sessions').$type<{ start: string; end: string }[]>().notNull(),
    /** HR locked this pair: a re-run of matching keeps it as it is. */
    locked: boolean('locked').notNull().default(false),
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
    /** What each edge needs to word the reason in the viewer's language. */
    params: jsonb('params').$type<Record<string, string | number>>().notNull().default({}),
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
    failureParams: jsonb('failure_params').$type<Record<string, string | number>>(),
    /**
     * A move in flight (state 'moving'): the slot asked for. starts_at/ends_at stay the
     * truth until the provider confirms the update of the same event.
     */
    moveStartsAt: timestamp('move_starts_at', { withTimezone: true, mode: 'string' }),
    moveEndsAt: timestamp('move_ends_at', { withTimezone: true, mode: 'string' }),
    moveRequestedBy: text('move_requested_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.cohortId, t.pairId, t.session] }),
    uniqueIndex('bookings_key').on(t.tenantId, t.idempotencyKey),
    // What workers claim, across tenants: due planned rows and expired leases.
    index('bookings_due').on(t.notBefore).where(sql`${t.state} = 'planned'`),
    index('bookings_leased').on(t.claimExpiresAt).where(sql`${t.state} = 'booking'`),
    index('bookings_moving').on(t.claimExpiresAt).where(sql`${t.state} = 'moving'`),
    foreignKey({
      columns: [t.tenantId, t.cohortId, t.pairId],
      foreignColumns: [pairs.tenantId, pairs.cohortId, pairs.pairId],
    }),
    check('bookings_state', sql`${t.state} in ('planned', 'booking', 'booked', 'failed', 'moving')`),
    check('bookings_move', sql`(${t.state} = 'moving') = (${t.moveStartsAt} is not null and ${t.moveEndsAt} is not null)`),
    check('bookings_failure_code', sql`(${t.state} = 'failed') = (${t.failureCode} is not null)`),
  ],
);

/** Who HR invited to volunteer, and when the mail went (null: queued, not sent yet). */
export const invitations = pgTable(
  'invitations',
  {
    tenantId: text('tenant_id').notNull(),
    cohortId: text('cohort_id').notNull(),
    email: text('email').notNull(),
    language: text('language').notNull(),
    invitedAt: timestamp('invited_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    lastError: text('last_error'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.cohortId, t.email] }),
    foreignKey({ columns: [t.tenantId, t.cohortId], foreignColumns: [cohorts.tenantId, cohorts.cohortId] }),
  ],
);

/** Each partner's acceptance of the pair's charter, in the charter version they read. */
export const charterAcceptances = pgTable(
  'charter_acceptances',
  {
    tenantId: text('tenant_id').notNull(),
    cohortId: text('cohort_id').notNull(),
    pairId: text('pair_id').notNull(),
    email: text('email').notNull(),
    charterVersion: integer('charter_version').notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.cohortId, t.pairId, t.email] }),
    foreignKey({ columns: [t.tenantId, t.cohortId, t.pairId], foreignColumns: [pairs.tenantId, pairs.cohortId, pairs.pairId] }),
  ],
);

/** A participant's notes on a session: the author's own unless shared with the pair; HR never reads them. */
export const sessionNotes = pgTable(
  'session_notes',
  {
    tenantId: text('tenant_id').notNull(),
    noteId: text('note_id').notNull(),
    cohortId: text('cohort_id').notNull(),
    pairId: text('pair_id').notNull(),
    session: integer('session').notNull(),
    authorEmail: text('author_email').notNull(),
    body: text('body').notNull(),
    shared: boolean('shared').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.noteId] }),
    index('session_notes_session').on(t.tenantId, t.cohortId, t.pairId, t.session),
    foreignKey({ columns: [t.tenantId, t.cohortId, t.pairId], foreignColumns: [pairs.tenantId, pairs.cohortId, pairs.pairId] }),
  ],
);

/** One participant's feedback on one ended session. */
export const sessionFeedback = pgTable(
  'session_feedback',
  {
    tenantId: text('tenant_id').notNull(),
    cohortId: text('cohort_id').notNull(),
    pairId: text('pair_id').notNull(),
    session: integer('session').notNull(),
    authorEmail: text('author_email').notNull(),
    satisfaction: integer('satisfaction').notNull(),
    wouldRecommend: boolean('would_recommend').notNull(),
    learnt: text('learnt').notNull(),
    comment: text('comment').notNull(),
    givenAt: timestamp('given_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.cohortId, t.pairId, t.session, t.authorEmail] }),
    foreignKey({ columns: [t.tenantId, t.cohortId, t.pairId], foreignColumns: [pairs.tenantId, pairs.cohortId, pairs.pairId] }),
    check('session_feedback_satisfaction', sql`${t.satisfaction} between 1 and 5`),
  ],
);

/** HR's edits of the training content, in the order made; src/training lays them over the built-in content. */
export const trainingOverrides = pgTable(
  'training_overrides',
  {
    tenantId: text('tenant_id').notNull(),
    overrideId: text('override_id').notNull(),
    kind: text('kind').notNull(),
    key: text('key').notNull(),
    version: integer('version').notNull(),
    item: jsonb('item').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.overrideId] }),
    uniqueIndex('training_overrides_version').on(t.tenantId, t.kind, t.key, t.version),
    check('training_overrides_kind', sql`${t.kind} in ('guide', 'document', 'charter')`),
  ],
);

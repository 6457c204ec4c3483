CREATE TABLE "charter_acceptances" (
	"tenant_id" text NOT NULL,
	"cohort_id" text NOT NULL,
	"pair_id" text NOT NULL,
	"email" text NOT NULL,
	"charter_version" integer NOT NULL,
	"accepted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "charter_acceptances_tenant_id_cohort_id_pair_id_email_pk" PRIMARY KEY("tenant_id","cohort_id","pair_id","email")
);
--> statement-breakpoint
CREATE TABLE "invitations" (
	"tenant_id" text NOT NULL,
	"cohort_id" text NOT NULL,
	"email" text NOT NULL,
	"language" text NOT NULL,
	"invited_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"last_error" text,
	CONSTRAINT "invitations_tenant_id_cohort_id_email_pk" PRIMARY KEY("tenant_id","cohort_id","email")
);
--> statement-breakpoint
CREATE TABLE "session_feedback" (
	"tenant_id" text NOT NULL,
	"cohort_id" text NOT NULL,
	"pair_id" text NOT NULL,
	"session" integer NOT NULL,
	"author_email" text NOT NULL,
	"satisfaction" integer NOT NULL,
	"would_recommend" boolean NOT NULL,
	"learnt" text NOT NULL,
	"comment" text NOT NULL,
	"given_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "session_feedback_tenant_id_cohort_id_pair_id_session_author_email_pk" PRIMARY KEY("tenant_id","cohort_id","pair_id","session","author_email"),
	CONSTRAINT "session_feedback_satisfaction" CHECK ("session_feedback"."satisfaction" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "session_notes" (
	"tenant_id" text NOT NULL,
	"note_id" text NOT NULL,
	"cohort_id" text NOT NULL,
	"pair_id" text NOT NULL,
	"session" integer NOT NULL,
	"author_email" text NOT NULL,
	"body" text NOT NULL,
	"shared" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "session_notes_tenant_id_note_id_pk" PRIMARY KEY("tenant_id","note_id")
);
--> statement-breakpoint
CREATE TABLE "training_overrides" (
	"tenant_id" text NOT NULL,
	"override_id" text NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"version" integer NOT NULL,
	"item" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_overrides_tenant_id_override_id_pk" PRIMARY KEY("tenant_id","override_id"),
	CONSTRAINT "training_overrides_kind" CHECK ("training_overrides"."kind" in ('guide', 'document', 'charter'))
);
--> statement-breakpoint
ALTER TABLE "bookings" DROP CONSTRAINT "bookings_state";--> statement-breakpoint
ALTER TABLE "cohorts" DROP CONSTRAINT "cohorts_status";--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "failure_params" jsonb;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "move_starts_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "move_ends_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "move_requested_by" text;--> statement-breakpoint
ALTER TABLE "cohorts" ADD COLUMN "themes" jsonb;--> statement-breakpoint
ALTER TABLE "cohorts" ADD COLUMN "population" jsonb;--> statement-breakpoint
ALTER TABLE "cohorts" ADD COLUMN "opened_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cohorts" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "enrolments" ADD COLUMN "source" text DEFAULT 'import' NOT NULL;--> statement-breakpoint
ALTER TABLE "pairs" ADD COLUMN "locked" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "unmatched" ADD COLUMN "params" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "charter_acceptances" ADD CONSTRAINT "charter_acceptances_tenant_id_cohort_id_pair_id_pairs_tenant_id_cohort_id_pair_id_fk" FOREIGN KEY ("tenant_id","cohort_id","pair_id") REFERENCES "public"."pairs"("tenant_id","cohort_id","pair_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_tenant_id_cohort_id_cohorts_tenant_id_cohort_id_fk" FOREIGN KEY ("tenant_id","cohort_id") REFERENCES "public"."cohorts"("tenant_id","cohort_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_feedback" ADD CONSTRAINT "session_feedback_tenant_id_cohort_id_pair_id_pairs_tenant_id_cohort_id_pair_id_fk" FOREIGN KEY ("tenant_id","cohort_id","pair_id") REFERENCES "public"."pairs"("tenant_id","cohort_id","pair_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_notes" ADD CONSTRAINT "session_notes_tenant_id_cohort_id_pair_id_pairs_tenant_id_cohort_id_pair_id_fk" FOREIGN KEY ("tenant_id","cohort_id","pair_id") REFERENCES "public"."pairs"("tenant_id","cohort_id","pair_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "session_notes_session" ON "session_notes" USING btree ("tenant_id","cohort_id","pair_id","session");--> statement-breakpoint
CREATE UNIQUE INDEX "training_overrides_version" ON "training_overrides" USING btree ("tenant_id","kind","key","version");--> statement-breakpoint
CREATE INDEX "bookings_moving" ON "bookings" USING btree ("claim_expires_at") WHERE "bookings"."state" = 'moving';--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_move" CHECK (("bookings"."state" = 'moving') = ("bookings"."move_starts_at" is not null and "bookings"."move_ends_at" is not null));--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_state" CHECK ("bookings"."state" in ('planned', 'booking', 'booked', 'failed', 'moving'));--> statement-breakpoint
ALTER TABLE "cohorts" ADD CONSTRAINT "cohorts_status" CHECK ("cohorts"."status" in ('draft', 'open', 'matched', 'published', 'rolling_out', 'running', 'closed'));
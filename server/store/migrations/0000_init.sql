CREATE TABLE "bookings" (
	"tenant_id" text NOT NULL,
	"cohort_id" text NOT NULL,
	"pair_id" text NOT NULL,
	"session" integer NOT NULL,
	"idempotency_key" text NOT NULL,
	"organizer_email" text NOT NULL,
	"attendee_email" text NOT NULL,
	"subject" text NOT NULL,
	"online" boolean NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"state" text NOT NULL,
	"needs_lookup" integer DEFAULT 0 NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"not_before" timestamp with time zone DEFAULT now() NOT NULL,
	"claimed_by" text,
	"claim_expires_at" timestamp with time zone,
	"event_id" text,
	"online_meeting_url" text,
	"last_error" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bookings_tenant_id_cohort_id_pair_id_session_pk" PRIMARY KEY("tenant_id","cohort_id","pair_id","session"),
	CONSTRAINT "bookings_state" CHECK ("bookings"."state" in ('planned', 'booking', 'booked', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "cohorts" (
	"tenant_id" text NOT NULL,
	"cohort_id" text NOT NULL,
	"name" text NOT NULL,
	"format" text NOT NULL,
	"sessions" integer NOT NULL,
	"session_minutes" integer NOT NULL,
	"start_date" date NOT NULL,
	"weeks" integer NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"matched_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"rollout_started_at" timestamp with time zone,
	CONSTRAINT "cohorts_tenant_id_cohort_id_pk" PRIMARY KEY("tenant_id","cohort_id"),
	CONSTRAINT "cohorts_status" CHECK ("cohorts"."status" in ('draft', 'matched', 'published', 'rolling_out'))
);
--> statement-breakpoint
CREATE TABLE "enrolments" (
	"tenant_id" text NOT NULL,
	"cohort_id" text NOT NULL,
	"email" text NOT NULL,
	"role" text NOT NULL,
	"offers" jsonb NOT NULL,
	"wants" jsonb NOT NULL,
	"languages" jsonb NOT NULL,
	"format" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enrolments_tenant_id_cohort_id_email_pk" PRIMARY KEY("tenant_id","cohort_id","email")
);
--> statement-breakpoint
CREATE TABLE "pairs" (
	"tenant_id" text NOT NULL,
	"cohort_id" text NOT NULL,
	"pair_id" text NOT NULL,
	"mentor_email" text NOT NULL,
	"mentee_email" text NOT NULL,
	"score" integer NOT NULL,
	"reasons" jsonb NOT NULL,
	"sessions" jsonb NOT NULL,
	CONSTRAINT "pairs_tenant_id_cohort_id_pair_id_pk" PRIMARY KEY("tenant_id","cohort_id","pair_id")
);
--> statement-breakpoint
CREATE TABLE "people" (
	"tenant_id" text NOT NULL,
	"person_id" text NOT NULL,
	"email" text NOT NULL,
	"data" jsonb NOT NULL,
	"synced_at" timestamp with time zone NOT NULL,
	CONSTRAINT "people_tenant_id_person_id_pk" PRIMARY KEY("tenant_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "rejected_rows" (
	"tenant_id" text NOT NULL,
	"cohort_id" text NOT NULL,
	"import_id" text NOT NULL,
	"line" integer NOT NULL,
	"field" text,
	"code" text NOT NULL,
	"reason" text NOT NULL,
	CONSTRAINT "rejected_rows_tenant_id_cohort_id_import_id_line_pk" PRIMARY KEY("tenant_id","cohort_id","import_id","line")
);
--> statement-breakpoint
CREATE TABLE "tenants" (
	"tenant_id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"domain" text NOT NULL,
	"platform" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "unmatched" (
	"tenant_id" text NOT NULL,
	"cohort_id" text NOT NULL,
	"email" text NOT NULL,
	"role" text NOT NULL,
	"code" text NOT NULL,
	"reason" text NOT NULL,
	CONSTRAINT "unmatched_tenant_id_cohort_id_email_pk" PRIMARY KEY("tenant_id","cohort_id","email")
);
--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_tenant_id_cohort_id_pair_id_pairs_tenant_id_cohort_id_pair_id_fk" FOREIGN KEY ("tenant_id","cohort_id","pair_id") REFERENCES "public"."pairs"("tenant_id","cohort_id","pair_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohorts" ADD CONSTRAINT "cohorts_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_tenant_id_cohort_id_cohorts_tenant_id_cohort_id_fk" FOREIGN KEY ("tenant_id","cohort_id") REFERENCES "public"."cohorts"("tenant_id","cohort_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairs" ADD CONSTRAINT "pairs_tenant_id_cohort_id_cohorts_tenant_id_cohort_id_fk" FOREIGN KEY ("tenant_id","cohort_id") REFERENCES "public"."cohorts"("tenant_id","cohort_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rejected_rows" ADD CONSTRAINT "rejected_rows_tenant_id_cohort_id_cohorts_tenant_id_cohort_id_fk" FOREIGN KEY ("tenant_id","cohort_id") REFERENCES "public"."cohorts"("tenant_id","cohort_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unmatched" ADD CONSTRAINT "unmatched_tenant_id_cohort_id_cohorts_tenant_id_cohort_id_fk" FOREIGN KEY ("tenant_id","cohort_id") REFERENCES "public"."cohorts"("tenant_id","cohort_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_key" ON "bookings" USING btree ("tenant_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "bookings_claimable" ON "bookings" USING btree ("tenant_id","state","not_before");--> statement-breakpoint
CREATE UNIQUE INDEX "pairs_mentor" ON "pairs" USING btree ("tenant_id","cohort_id","mentor_email");--> statement-breakpoint
CREATE UNIQUE INDEX "pairs_mentee" ON "pairs" USING btree ("tenant_id","cohort_id","mentee_email");--> statement-breakpoint
CREATE UNIQUE INDEX "people_email" ON "people" USING btree ("tenant_id","email");
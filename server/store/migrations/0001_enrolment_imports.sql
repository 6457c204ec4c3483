CREATE TABLE "enrolment_imports" (
	"tenant_id" text NOT NULL,
	"cohort_id" text NOT NULL,
	"import_id" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"loaded" integer NOT NULL,
	"refused_count" integer NOT NULL,
	"refused" text NOT NULL,
	CONSTRAINT "enrolment_imports_tenant_id_cohort_id_import_id_pk" PRIMARY KEY("tenant_id","cohort_id","import_id")
);
--> statement-breakpoint
-- Keep what earlier imports refused (their loaded count was not recorded: 0).
INSERT INTO "enrolment_imports" ("tenant_id", "cohort_id", "import_id", "loaded", "refused_count", "refused")
SELECT "tenant_id", "cohort_id", "import_id", 0, count(*),
       json_agg(json_build_object('line', "line", 'field', "field", 'code', "code", 'reason', "reason") ORDER BY "line")::text
  FROM "rejected_rows" GROUP BY "tenant_id", "cohort_id", "import_id";--> statement-breakpoint
DROP TABLE "rejected_rows" CASCADE;--> statement-breakpoint
ALTER TABLE "enrolment_imports" ADD CONSTRAINT "enrolment_imports_tenant_id_cohort_id_cohorts_tenant_id_cohort_id_fk" FOREIGN KEY ("tenant_id","cohort_id") REFERENCES "public"."cohorts"("tenant_id","cohort_id") ON DELETE no action ON UPDATE no action;
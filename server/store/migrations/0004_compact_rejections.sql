ALTER TABLE "enrolment_imports" ADD COLUMN "refused_groups" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "enrolments" ADD COLUMN "working_hours" jsonb;--> statement-breakpoint
-- Earlier imports kept one { line, field, code, reason } per refused row: group them by cause,
-- with consecutive lines as [first, last] ranges, in the order of each group's first line.
WITH "rows" AS (
  SELECT i."tenant_id", i."cohort_id", i."import_id", (r->>'line')::int AS "line", r->>'field' AS "field", r->>'code' AS "code",
         regexp_replace(r->>'reason', '^line [0-9]+(, field [^:]+)?: ', '') AS "detail"
    FROM "enrolment_imports" i CROSS JOIN LATERAL jsonb_array_elements(i."refused"::jsonb) r
   WHERE jsonb_typeof(i."refused"::jsonb) = 'array' AND jsonb_array_length(i."refused"::jsonb) > 0
), "islands" AS (
  SELECT *, "line" - row_number() OVER (PARTITION BY "tenant_id", "cohort_id", "import_id", "field", "code", "detail" ORDER BY "line") AS "island"
    FROM "rows"
), "ranges" AS (
  SELECT "tenant_id", "cohort_id", "import_id", "field", "code", "detail", min("line") AS "first", max("line") AS "last", count(*) AS "n"
    FROM "islands" GROUP BY "tenant_id", "cohort_id", "import_id", "field", "code", "detail", "island"
), "groups" AS (
  SELECT "tenant_id", "cohort_id", "import_id", "field", "code", "detail", min("first") AS "first",
         jsonb_agg(jsonb_build_array("first", "last") ORDER BY "first") AS "lines", sum("n")::int AS "count"
    FROM "ranges" GROUP BY "tenant_id", "cohort_id", "import_id", "field", "code", "detail"
), "per_import" AS (
  SELECT "tenant_id", "cohort_id", "import_id", count(*)::int AS "n",
         jsonb_agg(jsonb_build_object('field', "field", 'code', "code", 'detail', "detail", 'lines', "lines", 'count', "count") ORDER BY "first") AS "refused"
    FROM "groups" GROUP BY "tenant_id", "cohort_id", "import_id"
)
UPDATE "enrolment_imports" i SET "refused" = p."refused"::text, "refused_groups" = p."n"
  FROM "per_import" p
 WHERE i."tenant_id" = p."tenant_id" AND i."cohort_id" = p."cohort_id" AND i."import_id" = p."import_id";

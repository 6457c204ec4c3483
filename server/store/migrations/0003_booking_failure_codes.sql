ALTER TABLE "bookings" ADD COLUMN "failure_code" text;--> statement-breakpoint
-- Rows that failed before codes existed get the code their message implies.
UPDATE "bookings" SET "failure_code" = CASE
  WHEN "last_error" LIKE 'outcome unknown%' THEN 'OUTCOME_UNKNOWN'
  WHEN "last_error" LIKE 'SLOT_TAKEN%' THEN 'NO_FREE_SLOT'
  WHEN "last_error" LIKE 'gave up after % attempts: free/busy%' THEN 'CALENDAR_UNREADABLE'
  WHEN "last_error" LIKE 'gave up after%' THEN 'RETRIES_EXHAUSTED'
  ELSE 'PROVIDER_REFUSED' END
WHERE "state" = 'failed';--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_failure_code" CHECK (("bookings"."state" = 'failed') = ("bookings"."failure_code" is not null));

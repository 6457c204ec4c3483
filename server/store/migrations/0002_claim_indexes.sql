DROP INDEX "bookings_claimable";--> statement-breakpoint
CREATE INDEX "bookings_due" ON "bookings" USING btree ("not_before") WHERE "bookings"."state" = 'planned';--> statement-breakpoint
CREATE INDEX "bookings_leased" ON "bookings" USING btree ("claim_expires_at") WHERE "bookings"."state" = 'booking';
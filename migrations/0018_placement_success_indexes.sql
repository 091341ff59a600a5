-- Placement success reads a period's matches by the day of the decision, of moving in and of an ending,
-- and children by the day their outcome was recorded: indexes so a year of a large service is not a
-- scan of every match and child.
CREATE INDEX IF NOT EXISTS "matches_decision_date_idx" ON "matches" USING btree ("decision_date") WHERE "decision_date" IS NOT NULL;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "matches_placement_date_idx" ON "matches" USING btree ("placement_date") WHERE "placement_date" IS NOT NULL;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "matches_disruption_date_idx" ON "matches" USING btree ("disruption_date") WHERE "disruption_date" IS NOT NULL;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "children_outcome_date_idx" ON "children" USING btree ("outcome_date") WHERE "outcome" IS NOT NULL;

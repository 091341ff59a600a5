-- Retention (src/modules/retention/README.md): when a child's record is destroyed and a sibling stays
-- on record, the sibling group's free-text assessment reasons go, in the group and in every copy its
-- history kept, because words written about the children together may name the destroyed child.
-- These say when that happened, so the group's page, its history and the sibling's chronology can
-- say the reasons were removed and why rather than show nothing. The group's marker is cleared by
-- the next assessment a worker writes; a history row keeps its own. The tables' existing grants and
-- row-level security cover the new columns.
ALTER TABLE "sibling_groups" ADD COLUMN "assessment_reasons_removed_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "sibling_group_history" ADD COLUMN "reasons_removed_at" timestamp with time zone;

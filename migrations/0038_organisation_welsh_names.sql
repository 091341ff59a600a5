-- An organisation's name in Welsh, shown to people who read the platform in Welsh (issue 15). Optional:
-- many English authorities have none, and readers then see the English name marked as English.
-- The table's existing grants and row-level security cover the new column.
ALTER TABLE "organisations" ADD COLUMN "name_cy" text;
--> statement-breakpoint
-- An invoice keeps the authority's names as they were when it was issued (it is a document sent out):
-- the English one it always kept, and now the Welsh one, so a Welsh invoice names the authority in Welsh.
ALTER TABLE "invoices" ADD COLUMN "authority_name_cy" text;

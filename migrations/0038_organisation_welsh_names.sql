-- An organisation's name in Welsh, shown to people who read the platform in Welsh (issue 15). Optional:
-- many English authorities have none, and readers then see the English name marked as English.
-- The table's existing grants and row-level security cover the new column.
ALTER TABLE "organisations" ADD COLUMN "name_cy" text;

-- Issuing a month's invoices writes a line per fee (issue 13's benchmark: a year of 20,000 lines for
-- 50 authorities in under a second). The lines' two foreign keys checked each line on its own (two
-- look-ups and two row locks per line, a third of the insert's time); one check per statement now
-- says the same thing: every line names an invoice (or credit note) and, if it bills one, a fee
-- that exist. What the keys also did, stop a named row going away, holds because neither can go:
-- issued invoices already refuse change and removal (0019), and fee events now do too (a fee is
-- cancelled by a reversal, never edited or deleted: src/modules/finance/README.md). No query reads
-- lines by child, so that index (one more write per line) goes.
DROP INDEX IF EXISTS "invoice_lines_child_idx";
--> statement-breakpoint
ALTER TABLE "invoice_lines" DROP CONSTRAINT "invoice_lines_invoice_id_invoices_id_fk";
--> statement-breakpoint
ALTER TABLE "invoice_lines" DROP CONSTRAINT "invoice_lines_fee_event_id_fee_events_id_fk";
--> statement-breakpoint
-- Runs as the person issuing (row-level security applies): the app role's lines are its own
-- agency's, and so are the invoices and fees they name, which it can read; a line naming a row it
-- cannot see is refused as if the row did not exist.
CREATE OR REPLACE FUNCTION finance_lines_name_what_exists() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM added_lines a WHERE NOT EXISTS (SELECT 1 FROM invoices i WHERE i.id = a.invoice_id)) THEN
    RAISE EXCEPTION 'an invoice line must belong to an issued invoice or credit note that exists'
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  IF EXISTS (SELECT 1 FROM added_lines a WHERE a.fee_event_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM fee_events e WHERE e.id = a.fee_event_id)) THEN
    RAISE EXCEPTION 'an invoice line can bill only a fee event that exists'
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER invoice_lines_name_what_exists AFTER INSERT ON invoice_lines
  REFERENCING NEW TABLE AS added_lines FOR EACH STATEMENT EXECUTE FUNCTION finance_lines_name_what_exists();
--> statement-breakpoint
-- Fee events are financial records: never changed or removed, whoever asks, the owner included.
CREATE OR REPLACE FUNCTION finance_fee_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a fee event cannot be changed or removed: a reversal cancels it'
    USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER fee_events_never_change BEFORE UPDATE OR DELETE ON fee_events FOR EACH ROW EXECUTE FUNCTION finance_fee_events_refuse_change();
--> statement-breakpoint
CREATE TRIGGER fee_events_never_truncated BEFORE TRUNCATE ON fee_events FOR EACH STATEMENT EXECUTE FUNCTION finance_fee_events_refuse_change();

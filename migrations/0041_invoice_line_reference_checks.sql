-- An invoice line names its invoice and its fee. Checked row by row (a foreign key), a year's 20,000
-- lines cost 40,000 look-ups and row locks, about as much as writing the lines; checked once per
-- statement over the lines it wrote, one join. What the keys promised still holds: a line is
-- refused unless its invoice and its fee exist, and neither can be removed afterwards (invoices
-- never change or go, see 0019; fee events now neither).
ALTER TABLE invoice_lines DROP CONSTRAINT invoice_lines_invoice_id_invoices_id_fk;--> statement-breakpoint
ALTER TABLE invoice_lines DROP CONSTRAINT invoice_lines_fee_event_id_fee_events_id_fk;--> statement-breakpoint
-- As the owner (SECURITY DEFINER): like a foreign key, it sees rows the writer's row-level security hides.
CREATE OR REPLACE FUNCTION invoice_lines_check_references() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM written_lines l WHERE NOT EXISTS (SELECT 1 FROM invoices i WHERE i.id = l.invoice_id)) THEN
    RAISE EXCEPTION 'an invoice line must name an invoice that exists' USING ERRCODE = 'foreign_key_violation';
  END IF;
  IF EXISTS (SELECT 1 FROM written_lines l WHERE l.fee_event_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM fee_events f WHERE f.id = l.fee_event_id)) THEN
    RAISE EXCEPTION 'an invoice line must name a fee event that exists' USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER invoice_lines_references AFTER INSERT ON invoice_lines REFERENCING NEW TABLE AS written_lines
  FOR EACH STATEMENT EXECUTE FUNCTION invoice_lines_check_references();--> statement-breakpoint
-- Fee events are never removed, nor their id changed, whoever asks (the app roles already may not):
-- an invoice line's fee stays there. A reversal is a new fee event.
CREATE OR REPLACE FUNCTION fee_events_refuse_removal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a fee event cannot be removed or renumbered: record a reversal' USING ERRCODE = 'insufficient_privilege';
END $$;--> statement-breakpoint
CREATE TRIGGER fee_events_never_removed BEFORE DELETE OR UPDATE OF id ON fee_events FOR EACH ROW EXECUTE FUNCTION fee_events_refuse_removal();--> statement-breakpoint
CREATE TRIGGER fee_events_never_truncated BEFORE TRUNCATE ON fee_events FOR EACH STATEMENT EXECUTE FUNCTION fee_events_refuse_removal();

ALTER TABLE "audit_log" ALTER COLUMN "prev_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "seq" bigint;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_seq_unique" UNIQUE("seq");--> statement-breakpoint
-- Rows written before sealing existed were chained in id order as they were appended.
ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;--> statement-breakpoint
UPDATE audit_log a SET seq = o.position FROM (SELECT id, row_number() OVER (ORDER BY id) AS position FROM audit_log) o WHERE o.id = a.id;--> statement-breakpoint
UPDATE audit_chain_head SET last_id = (SELECT coalesce(max(seq), 0) FROM audit_log) WHERE id = 1;--> statement-breakpoint
ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;--> statement-breakpoint
-- Ids used to be given by the chain head, not the sequence: move the sequence past them.
SELECT setval(pg_get_serial_sequence('audit_log', 'id'), coalesce(max(id), 0) + 1, false) FROM audit_log;--> statement-breakpoint
-- Appending no longer locks the chain head: a request writes its row in its own transaction and
-- the sealer chains committed rows shortly after, one sealer at a time (the head row's lock).
-- The only change ever allowed to a row is sealing it once: setting seq, prev_hash and hash.
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.hash IS NULL AND OLD.seq IS NULL AND NEW.hash IS NOT NULL AND NEW.seq IS NOT NULL
     AND (NEW.id, NEW.at, NEW.user_id, NEW.organisation_id, NEW.role, NEW.action, NEW.resource_type, NEW.resource_id,
          NEW.outcome, NEW.request_id, NEW.channel, NEW.detail)
         IS NOT DISTINCT FROM
         (OLD.id, OLD.at, OLD.user_id, OLD.organisation_id, OLD.role, OLD.action, OLD.resource_type, OLD.resource_id,
          OLD.outcome, OLD.request_id, OLD.channel, OLD.detail) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only';
END $$;--> statement-breakpoint
CREATE POLICY audit_log_seal ON audit_log FOR UPDATE USING (app_is_system()) WITH CHECK (app_is_system());--> statement-breakpoint
CREATE INDEX audit_log_unsealed_idx ON audit_log (id) WHERE seq IS NULL;

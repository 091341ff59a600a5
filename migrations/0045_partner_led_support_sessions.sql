-- A clinical partner's psychologist may lead a family's post-placement support sessions (dyadic
-- developmental psychotherapy and the like). The session stays the agency's (organisation_id); its
-- worker reads and updates that one row, and nothing else of the family's support or record.
-- Permissive policies add to support_sessions_scope: reading (SELECT) and recording delivery and
-- notes (UPDATE, and the row lock the update takes) only. Inserting and deleting sessions stays with
-- the organisation's practitioners, and a worker cannot hand the row to someone else (WITH CHECK).
CREATE POLICY support_sessions_led_read ON support_sessions FOR SELECT USING (
  (SELECT app_is_practitioner()) AND worker_id = (SELECT app_user_id())
);
--> statement-breakpoint
CREATE POLICY support_sessions_led_update ON support_sessions FOR UPDATE
  USING ((SELECT app_is_practitioner()) AND worker_id = (SELECT app_user_id()))
  WITH CHECK ((SELECT app_is_practitioner()) AND worker_id = (SELECT app_user_id()));
--> statement-breakpoint
-- WITH CHECK sees only the new row: a worker from another organisation could otherwise move the
-- session to another family (and so learn its reference below). They record delivery and notes;
-- the family, the match, the organisation and the worker stay as the agency set them.
CREATE OR REPLACE FUNCTION support_sessions_led_keeps_family() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT app_is_system() AND OLD.organisation_id IS DISTINCT FROM app_org_id()
     AND (NEW.organisation_id, NEW.household_id, NEW.match_id, NEW.worker_id) IS DISTINCT FROM (OLD.organisation_id, OLD.household_id, OLD.match_id, OLD.worker_id) THEN
    RAISE EXCEPTION 'a session''s worker from another organisation records its delivery and notes only' USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER support_sessions_led_keeps_family BEFORE UPDATE ON support_sessions
  FOR EACH ROW EXECUTE FUNCTION support_sessions_led_keeps_family();
--> statement-breakpoint
-- The family of a session is shown to its worker by reference only: the household row stays
-- invisible to a partner's psychologist. This function (run as the owner, so past households'
-- policy) returns the reference of those of the given households for which the person asking leads
-- a support session they can see, and nothing for anyone else.
CREATE OR REPLACE FUNCTION app_led_support_household_references(ids uuid[]) RETURNS TABLE (id uuid, reference text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT h.id, h.reference FROM households h
  WHERE h.id = ANY (ids)
    AND app_is_practitioner()
    AND EXISTS (SELECT 1 FROM support_sessions s WHERE s.household_id = h.id AND s.worker_id = app_user_id())
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_led_support_household_references(uuid[]) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_led_support_household_references(uuid[]) TO together_app;

-- Issue 11: the cohort's copy of each child's placement date (outcome_trajectories.placement_date, the
-- "period of placement" filter) follows matching's placements whenever they change: a child placed,
-- a placement disrupted, a placement date corrected, a match removed. The rule is matching's own
-- (placementsOfChildren): the latest placement date of a match not ended by a disruption, else none.
-- A trigger catches every path that changes a match (the workflow's steps, a correction, a script),
-- in the same transaction, as the trigger on children keeps who may see the child in step.
CREATE OR REPLACE FUNCTION outcome_trajectories_placement_of(child uuid) RETURNS date LANGUAGE sql STABLE AS $$
  SELECT m.placement_date FROM matches m
   WHERE m.child_ids @> ARRAY[child] AND m.placement_date IS NOT NULL AND m.disruption_date IS NULL
   ORDER BY m.placement_date DESC LIMIT 1
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION outcome_trajectories_follow_placement() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  affected uuid[];
BEGIN
  affected := CASE TG_OP WHEN 'INSERT' THEN NEW.child_ids WHEN 'DELETE' THEN OLD.child_ids ELSE OLD.child_ids || NEW.child_ids END;
  UPDATE outcome_trajectories t
     SET placement_date = outcome_trajectories_placement_of(t.child_id), updated_at = now()
   WHERE t.child_id = ANY (affected)
     AND t.placement_date IS DISTINCT FROM outcome_trajectories_placement_of(t.child_id);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER outcome_trajectories_follow_placement AFTER INSERT OR DELETE OR UPDATE OF placement_date, disruption_date, child_ids ON matches
  FOR EACH ROW EXECUTE FUNCTION outcome_trajectories_follow_placement();

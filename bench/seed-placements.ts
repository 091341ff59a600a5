import type { BenchEnvironment } from './support.ts';

/**
 * Matches as the workflow leaves them, for the agency's children already seeded (placement success and
 * the funders' report benchmarks), written set-wise as the owner (seed data, not under test): about 45%
 * of matching units (a sibling group or a child alone) matched, most placed and many adopted, a few
 * disrupted; and 3% of the children not matched with their plan changed. Families are written for the
 * matches ('BENCH-PS-n').
 */
export async function seedPlacements(env: BenchEnvironment, agencyId: string, today: string): Promise<void> {
  // Matches as the workflow leaves them, written set-wise as the owner (seed data, not under test).
  // A unit is a sibling group or a child alone; its dates follow its placement order.
  await env.admin(
    `WITH units AS (
       SELECT coalesce(m.group_id, c.id) AS unit_key, min(c.organisation_id::text)::uuid AS organisation_id, array_agg(c.id) AS child_ids,
              max(c.placement_order_date) AS placement_order_date
       FROM children c LEFT JOIN sibling_group_members m ON m.child_id = c.id AND m.active
       WHERE $1::uuid = ANY (c.shared_with) AND c.placement_order_date IS NOT NULL
       GROUP BY coalesce(m.group_id, c.id)),
     drawn AS (
       SELECT u.*, ((hashtext(u.unit_key::text) & 2147483647) % 10000) / 10000.0 AS r, ((hashtext(u.unit_key::text || 'd') & 2147483647) % 10000) / 10000.0 AS s
       FROM units u),
     chosen AS (
       SELECT d.*, row_number() OVER () AS n, least(d.placement_order_date + (30 + (d.s * 330)::int), $2::date - 1) AS decision_date
       FROM drawn d WHERE d.r < 0.45),
     dated AS (
       SELECT c.*, CASE WHEN c.decision_date + 35 <= $2::date THEN c.decision_date + 35 END AS placement_date FROM chosen c),
     ended AS (
       SELECT d.*,
              CASE WHEN d.placement_date IS NOT NULL AND d.r >= 0.43 AND d.placement_date + 120 <= $2::date THEN d.placement_date + 120 END AS disruption_date,
              CASE WHEN d.placement_date IS NOT NULL AND d.r < 0.30 AND d.placement_date + 300 <= $2::date THEN d.placement_date + 300 END AS adoption_order_date
       FROM dated d),
     families AS (
       INSERT INTO households (organisation_id, reference, stage, stage_since, enquiry_date, approved_date, matched_date, placed_date, email)
       SELECT $1, 'BENCH-PS-' || e.n, CASE WHEN e.placement_date IS NULL THEN 'matched' ELSE 'placed' END, e.decision_date, e.decision_date - 500,
              e.decision_date - 200, e.decision_date, e.placement_date, 'bench-ps-' || e.n || '@bench.invalid'
       FROM ended e RETURNING id, reference)
     INSERT INTO matches (organisation_id, child_organisation_id, shared_with, household_id, child_ids, unit_key, stage, stage_since, source, linked_date,
                          decision_date, decision, placement_date, adoption_order_date, disruption_date, disruption_reasons)
     SELECT $1, e.organisation_id, ARRAY[$1::uuid, e.organisation_id], f.id, e.child_ids, e.unit_key,
            CASE WHEN e.disruption_date IS NOT NULL THEN 'disrupted' WHEN e.adoption_order_date IS NOT NULL THEN 'adoption_order'
                 WHEN e.placement_date IS NOT NULL THEN 'placed' ELSE 'introductions' END,
            coalesce(e.disruption_date, e.adoption_order_date, e.placement_date, e.decision_date), 'manual', e.decision_date - 90,
            e.decision_date, 'match', e.placement_date, e.adoption_order_date, e.disruption_date,
            CASE WHEN e.disruption_date IS NOT NULL THEN 'Synthetic reasons' END
     FROM ended e JOIN families f ON f.reference = 'BENCH-PS-' || e.n`,
    [agencyId, today],
  );
  await env.admin(
    `UPDATE children c SET outcome = 'plan_changed_long_term_fostering', outcome_reason = 'Synthetic reason', outcome_date = least(c.referral_date + 240, $2::date), status = 'closed'
     WHERE $1::uuid = ANY (c.shared_with) AND (hashtext(c.id::text || 'p') & 2147483647) % 100 < 3
       AND NOT EXISTS (SELECT 1 FROM matches m WHERE c.id = ANY (m.child_ids))`,
    [agencyId, today],
  );
}

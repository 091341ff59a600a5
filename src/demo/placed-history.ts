import { sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../platform/policy/actor.ts';
import type { UseCaseRunner } from '../platform/use-case.ts';
import { addDays, addMonths, type IsoDate } from '../platform/dates/dates.ts';

/**
 * The service's placed history before the story begins: about four children a year placed with
 * their adoptive families since 2018 (the service's first year), most of them adopted since. The
 * story itself places only a few children, and the financial return counts every placement that
 * lasted, so without this history the demo's return would be a fraction of what a service of this
 * size reports. Synthetic records only ("(fictional)"), written straight into the tables as seed
 * data in five statements (the demo's seeding stays quick): the children (placed, their plan at
 * referral foster care, a few residential care) with their accepted referrals, one family each, the
 * family's applicant, the match.
 */

const GIVEN = ['Alys', 'Bedwyr', 'Cadi', 'Dylan', 'Efa', 'Ffion', 'Gwion', 'Hari', 'Ifan', 'Lowri', 'Macsen', 'Nel', 'Osian', 'Pedr'];
const FAMILY = ['Bryn', 'Celyn', 'Derwen', 'Eithin', 'Grug', 'Helyg', 'Llwyn', 'Onnen'];
/** Placements a year, 2018–19 onwards (the service grew): about 28 children in all. */
const PER_YEAR = [3, 4, 4, 4, 5, 4, 4];

export type PlacedHistoryChild = { id: string; authorityId: string; dateOfBirth: IsoDate; placementDate: IsoDate; residential: boolean; adopted: boolean };

/** The history's children, worked out from the seed alone (no clock, no randomness). */
export function placedHistory(options: { today: IsoDate; authorityIds: readonly string[]; seed: number }): PlacedHistoryChild[] {
  const children: PlacedHistoryChild[] = [];
  let n = 0;
  for (const [y, count] of PER_YEAR.entries()) {
    for (let i = 0; i < count; i++, n++) {
      const k = n * 7 + options.seed;
      // Placed through the financial year 2018–19 + y, never later than about 14 months ago.
      const placementDate = addDays(`${2018 + y}-05-01`, Math.floor((i * 300) / count) + (k % 23));
      if (placementDate > addMonths(options.today, -14)) continue;
      // Ages at placement 2 to 10, a mean of about 6 (older children wait longest for a family).
      const ageMonths = 24 + ((k * 37) % 97);
      children.push({
        id: randomUUID(),
        authorityId: options.authorityIds[n % options.authorityIds.length]!,
        dateOfBirth: addMonths(placementDate, -ageMonths),
        placementDate,
        // One child in ten had a residential placement in view (the plan at referral).
        residential: n % 10 === 9,
        adopted: addMonths(placementDate, 9) < options.today,
      });
    }
  }
  return children;
}

export async function seedDemoPlacedHistory(
  runner: UseCaseRunner,
  ctx: RequestContext,
  options: { today: IsoDate; agencyId: string; authorityIds: readonly string[]; referrerOf: (authorityId: string) => string; seed: number },
): Promise<PlacedHistoryChild[]> {
  const history = placedHistory(options);
  const rows = history.map((c, n) => {
    const householdId = randomUUID();
    const given = GIVEN[(n * 5 + options.seed) % GIVEN.length]!;
    const family = FAMILY[(n * 3 + options.seed) % FAMILY.length]!;
    return {
      child_id: c.id,
      referral_id: randomUUID(),
      referred_by: options.referrerOf(c.authorityId),
      household_id: householdId,
      authority_id: c.authorityId,
      given,
      family: `${family} (fictional)`,
      date_of_birth: c.dateOfBirth,
      sex: n % 2 === 0 ? 'female' : 'male',
      referral_date: addMonths(c.placementDate, -10),
      placement_order_date: addMonths(c.placementDate, -12),
      current_placement: c.residential ? 'Residential children’s home (fictional)' : 'Foster care with local authority carers (fictional)',
      reference: `AT-HIST-${String(n + 1).padStart(3, '0')}`,
      applicant: `${GIVEN[(n * 11 + 3) % GIVEN.length]!} ${family}`,
      linked_date: addMonths(c.placementDate, -4),
      panel_date: addMonths(c.placementDate, -2),
      decision_date: addDays(addMonths(c.placementDate, -2), 10),
      placement_date: c.placementDate,
      order_date: c.adopted ? addMonths(c.placementDate, 9) : null,
      stage: c.adopted ? 'adoption_order' : 'placed',
    };
  });
  if (rows.length === 0) return history;
  const json = JSON.stringify(rows);
  const recordset = sql`jsonb_to_recordset(${json}::jsonb) as r(child_id uuid, referral_id uuid, referred_by uuid, household_id uuid, authority_id uuid, given text, family text, date_of_birth date,
    sex text, referral_date date, placement_order_date date, current_placement text, reference text, applicant text, linked_date date, panel_date date,
    decision_date date, placement_date date, order_date date, stage text)`;
  await runner.run(ctx, async (tx) => {
    // Each child came through a referral from their authority, accepted a week later.
    await tx.execute(sql`insert into referrals (id, organisation_id, agency_id, referred_by, status, legal_basis, submitted_at, decided_at, created_at)
      select referral_id, authority_id, ${options.agencyId}::uuid, referred_by, 'accepted', 'adoption_agencies_wales_regulations',
        referral_date::timestamptz, (referral_date + 7)::timestamptz, referral_date::timestamptz
      from ${recordset}`);
    await tx.execute(sql`insert into children (id, referral_id, organisation_id, legal_given_names, legal_family_name, date_of_birth, sex, ethnicity, legal_status,
        placement_order_date, referral_date, current_placement, shared_with, status, outcome, outcome_date)
      select child_id, referral_id, authority_id, given, family, date_of_birth, sex, (array['white_british','white_british','white_other','mixed_white_black_caribbean'])[1 + (extract(day from date_of_birth)::int % 4)], 'placement_order', placement_order_date, referral_date,
        current_placement, array[${options.agencyId}::uuid], 'placed', 'placed_for_adoption', placement_date
      from ${recordset}`);
    await tx.execute(sql`insert into households (id, organisation_id, reference, stage, stage_since, email, enquiry_date, approved_date)
      select household_id, ${options.agencyId}::uuid, reference, 'placed', placement_date, lower(reference) || '@example.invalid',
        (linked_date - interval '18 months')::date, (linked_date - interval '3 months')::date
      from ${recordset}`);
    await tx.execute(sql`insert into applicants (household_id, organisation_id, given_names, family_name)
      select household_id, ${options.agencyId}::uuid, split_part(applicant, ' ', 1), split_part(applicant, ' ', 2) || ' (fictional)' from ${recordset}`);
    await tx.execute(sql`insert into matches (organisation_id, child_organisation_id, shared_with, household_id, child_ids, unit_key, stage, stage_since, source,
        linked_date, panel_date, panel_recommendation, decision, decision_date, decision_maker, introductions_date, placement_date, adoption_order_date, closed_date)
      select ${options.agencyId}::uuid, authority_id, array[${options.agencyId}::uuid, authority_id], household_id, array[child_id], child_id, stage,
        coalesce(order_date, placement_date), 'manual', linked_date, panel_date, 'match', 'match', decision_date, 'Agency decision maker (fictional)',
        (placement_date - 14), placement_date, order_date, order_date
      from ${recordset}`);
  });
  return history;
}

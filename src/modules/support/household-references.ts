import type { Tx } from '../../platform/db/pool.ts';
import { householdLabelsOf } from '../recruitment/index.ts';

/**
 * Support's rows name a household by id; pages show its reference (and check its allocated worker).
 * Recruitment owns households, so they are read through its front door and joined here, leaving out
 * the rows whose household the actor may not see, as a join in SQL did. With `byReference` the rows
 * come in order of reference.
 */
export async function withHouseholds<R>(tx: Tx, rows: readonly R[], householdIdOf: (row: R) => string, options: { byReference?: boolean } = {}) {
  const labels = await householdLabelsOf(tx, rows.map(householdIdOf));
  const order = new Map([...labels.keys()].map((id, i) => [id, i]));
  const kept = rows.filter((row) => labels.has(householdIdOf(row)));
  if (options.byReference) kept.sort((x, y) => order.get(householdIdOf(x))! - order.get(householdIdOf(y))!);
  return kept.map((row) => {
    const household = labels.get(householdIdOf(row))!;
    return { row, householdReference: household.reference, householdSocialWorkerId: household.socialWorkerId };
  });
}

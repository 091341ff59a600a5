import { sql } from 'drizzle-orm';
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

/**
 * Support sessions' rows with their family's reference. A family the reader may not see appears
 * only where the reader leads one of its sessions (a clinical partner's psychologist): then by its
 * reference alone, through the database function app_led_support_household_references (migration
 * 0045), and without its allocated worker; the household's row stays out of their reach. Rows keep
 * their order.
 */
export async function withSessionHouseholds<R>(tx: Tx, rows: readonly R[], householdIdOf: (row: R) => string) {
  const labels = await householdLabelsOf(tx, rows.map(householdIdOf));
  const unseen = [...new Set(rows.map(householdIdOf).filter((id) => !labels.has(id)))];
  const led = await ledHouseholdReferences(tx, unseen);
  return rows.flatMap((row) => {
    const household = labels.get(householdIdOf(row));
    if (household) return [{ row, householdReference: household.reference, householdSocialWorkerId: household.socialWorkerId }];
    const reference = led.get(householdIdOf(row));
    return reference ? [{ row, householdReference: reference, householdSocialWorkerId: null as string | null }] : [];
  });
}

async function ledHouseholdReferences(tx: Tx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const result = await tx.execute(sql`select id, reference from app_led_support_household_references(${`{${ids.join(',')}}`}::uuid[])`);
  return new Map((result.rows as { id: string; reference: string }[]).map((r) => [r.id, r.reference]));
}

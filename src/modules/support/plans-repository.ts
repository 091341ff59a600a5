import { and, asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { keyset, pageOf, type PageRequest } from '../../platform/db/keyset.ts';
import { matches } from '../matching/schema.ts';
import { households } from '../recruitment/schema.ts';
import { supportPlanItems, supportPlans } from './schema.ts';

/** Adoption support plans and their items: needs, agreed support, who provides it. */

export type PlanRow = typeof supportPlans.$inferSelect;
export type PlanItemRow = typeof supportPlanItems.$inferSelect;

export async function insertPlan(tx: Tx, values: typeof supportPlans.$inferInsert): Promise<PlanRow> {
  const [row] = await tx.insert(supportPlans).values(values).returning();
  return row!;
}

export async function getPlan(tx: Tx, id: string): Promise<PlanRow | undefined> {
  const [row] = await tx.select().from(supportPlans).where(eq(supportPlans.id, id));
  return row;
}

export async function planOfMatch(tx: Tx, matchId: string): Promise<PlanRow | undefined> {
  const [row] = await tx.select().from(supportPlans).where(eq(supportPlans.matchId, matchId));
  return row;
}

/** Updates only when the version read is still current; undefined means someone else changed it. */
export async function updatePlan(tx: Tx, id: string, version: number, values: Partial<typeof supportPlans.$inferInsert>): Promise<PlanRow | undefined> {
  const [row] = await tx
    .update(supportPlans)
    .set({ ...values, version: sql`${supportPlans.version} + 1`, updatedAt: new Date() })
    .where(and(eq(supportPlans.id, id), eq(supportPlans.version, version)))
    .returning();
  return row;
}

export async function itemsOfPlan(tx: Tx, planId: string): Promise<PlanItemRow[]> {
  return tx.select().from(supportPlanItems).where(eq(supportPlanItems.planId, planId)).orderBy(asc(supportPlanItems.need), asc(supportPlanItems.id));
}

export async function insertItem(tx: Tx, values: typeof supportPlanItems.$inferInsert): Promise<PlanItemRow> {
  const [row] = await tx.insert(supportPlanItems).values(values).returning();
  return row!;
}

export async function deleteItem(tx: Tx, planId: string, itemId: string): Promise<boolean> {
  const rows = await tx
    .delete(supportPlanItems)
    .where(and(eq(supportPlanItems.id, itemId), eq(supportPlanItems.planId, planId)))
    .returning({ id: supportPlanItems.id });
  return rows.length > 0;
}

/** Next review first; a plan without a review date last. */
const planOrder = keyset(sql`coalesce(${supportPlans.nextReviewDate}, '9999-12-31'::date)`, supportPlans.id, 'asc', 'date');

/** The organisation's plans with their family, match stage and placement date; next review first, keyset-paginated. */
export async function listPlans(tx: Tx, organisationId: string, page: PageRequest) {
  const rows = await tx
    .select({
      sortValue: planOrder.value,
      plan: supportPlans,
      householdReference: households.reference,
      stage: matches.stage,
      placementDate: matches.placementDate,
      childCount: sql<number>`cardinality(${matches.childIds})`,
      items: sql<number>`(select count(*)::int from support_plan_items i where i.plan_id = "support_plans"."id")`,
    })
    .from(supportPlans)
    .innerJoin(households, eq(households.id, supportPlans.householdId))
    .innerJoin(matches, eq(matches.id, supportPlans.matchId))
    .where(and(eq(supportPlans.organisationId, organisationId), planOrder.after(page.after)))
    .orderBy(...planOrder.orderBy)
    .limit(page.limit + 1);
  return pageOf(rows, page.limit, (r) => ({ value: r.sortValue, id: r.plan.id }));
}

/** A household's plans (one per match), newest first. */
export async function plansOfHousehold(tx: Tx, householdId: string): Promise<PlanRow[]> {
  return tx.select().from(supportPlans).where(eq(supportPlans.householdId, householdId)).orderBy(sql`${supportPlans.agreedDate} desc`).limit(50);
}

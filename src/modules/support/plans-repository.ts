import { and, asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { keyset, pageOf, type PageRequest } from '../../platform/db/keyset.ts';
import { matchSummariesOf } from '../matching/index.ts';
import { householdLabelsOf } from '../recruitment/index.ts';
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

/**
 * The organisation's plans with their family, match stage and placement date; next review first,
 * keyset-paginated. The family's reference and the match come from recruitment's and matching's
 * front doors; a plan whose family or match the reader may not see is left out, as a join did.
 */
export async function listPlans(tx: Tx, organisationId: string, page: PageRequest) {
  const rows = await tx
    .select({
      sortValue: planOrder.value,
      plan: supportPlans,
      items: sql<number>`(select count(*)::int from support_plan_items i where i.plan_id = "support_plans"."id")`,
    })
    .from(supportPlans)
    .where(and(eq(supportPlans.organisationId, organisationId), planOrder.after(page.after)))
    .orderBy(...planOrder.orderBy)
    .limit(page.limit + 1);
  const listed = pageOf(rows, page.limit, (r) => ({ value: r.sortValue, id: r.plan.id }));
  const households = await householdLabelsOf(
    tx,
    listed.items.map((r) => r.plan.householdId),
  );
  const matches = await matchSummariesOf(
    tx,
    listed.items.map((r) => r.plan.matchId),
  );
  const items = listed.items
    .filter((r) => households.has(r.plan.householdId) && matches.has(r.plan.matchId))
    .map((r) => {
      const match = matches.get(r.plan.matchId)!;
      return {
        sortValue: r.sortValue,
        plan: r.plan,
        householdReference: households.get(r.plan.householdId)!.reference,
        stage: match.stage,
        placementDate: match.placementDate,
        childCount: match.childCount,
        items: r.items,
      };
    });
  return { ...listed, items };
}

/** A household's plans (one per match), newest first. */
export async function plansOfHousehold(tx: Tx, householdId: string): Promise<PlanRow[]> {
  return tx
    .select()
    .from(supportPlans)
    .where(eq(supportPlans.householdId, householdId))
    .orderBy(sql`${supportPlans.agreedDate} desc`)
    .limit(50);
}

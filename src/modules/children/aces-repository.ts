import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { addMonths, type IsoDate } from '../../platform/dates/dates.ts';
import type { AceAnalyticsFilters } from './inputs.ts';
import type { AceEntry, AceCounts } from './aces.ts';
import { aceCategories, childAces, childEvents, children } from './schema.ts';
import { AGE_BAND_YEARS, priorityReasonCondition, type PriorityThresholds } from './repository.ts';

export async function acesOf(tx: Tx, childId: string): Promise<(AceEntry & { updatedAt: Date })[]> {
  return tx
    .select({
      category: childAces.category,
      status: childAces.status,
      source: childAces.source,
      recordedOn: childAces.recordedOn,
      updatedAt: childAces.updatedAt,
    })
    .from(childAces)
    .where(eq(childAces.childId, childId))
    .orderBy(asc(childAces.category));
}

/**
 * Locks the child's row until the transaction ends and answers the ACE record's version: how many
 * times it has been saved (0 before the first save). Two people saving from the same version wait
 * for each other here, so the second finds the version moved on.
 */
export async function lockAceVersion(tx: Tx, childId: string): Promise<number> {
  await tx.select({ id: children.id }).from(children).where(eq(children.id, childId)).for('update');
  return aceVersion(tx, childId);
}

/** The ACE record's version as a form shows it (see lockAceVersion), without a lock. */
export async function aceVersion(tx: Tx, childId: string): Promise<number> {
  const [row] = await tx
    .select({ saves: sql<number>`count(*)::int` })
    .from(childEvents)
    .where(and(eq(childEvents.childId, childId), eq(childEvents.event, 'aces.recorded')));
  return row?.saves ?? 0;
}

/** Replaces the child's ACE record and its counts together. */
export async function replaceAces(
  tx: Tx,
  childId: string,
  organisationId: string,
  recordedBy: string | null,
  entries: readonly AceEntry[],
  counts: AceCounts,
): Promise<void> {
  await tx.delete(childAces).where(eq(childAces.childId, childId));
  if (entries.length) await tx.insert(childAces).values(entries.map((e) => ({ ...e, childId, organisationId, recordedBy })));
  await tx.update(children).set({ aceKnown: counts.known, aceKnownOrSuspected: counts.knownOrSuspected }).where(eq(children.id, childId));
}

export type AceCategoryRow = typeof aceCategories.$inferSelect;

/** Extended categories offered for new records (retired ones are not). */
export async function extendedCategories(tx: Tx): Promise<AceCategoryRow[]> {
  return tx.select().from(aceCategories).where(eq(aceCategories.active, true)).orderBy(asc(aceCategories.code));
}

/** Every extended category, retired ones too (the settings page, and children who have them recorded). */
export async function allExtendedCategories(tx: Tx): Promise<AceCategoryRow[]> {
  return tx.select().from(aceCategories).orderBy(desc(aceCategories.active), asc(aceCategories.code));
}

export async function getExtendedCategory(tx: Tx, code: string): Promise<AceCategoryRow | undefined> {
  const [row] = await tx.select().from(aceCategories).where(eq(aceCategories.code, code));
  return row;
}

/** Adds a category; undefined when the code is already taken (by an active or a retired one). */
export async function insertExtendedCategory(
  tx: Tx,
  values: { code: string; nameEn: string; nameCy: string; description: string | null; descriptionCy: string | null },
): Promise<AceCategoryRow | undefined> {
  const [row] = await tx.insert(aceCategories).values(values).onConflictDoNothing({ target: aceCategories.code }).returning();
  return row;
}

/** Changes a category when the version read is still current; undefined means someone else changed it. */
export async function updateExtendedCategory(
  tx: Tx,
  code: string,
  version: number,
  values: Partial<Pick<AceCategoryRow, 'nameEn' | 'nameCy' | 'description' | 'descriptionCy' | 'active'>>,
): Promise<AceCategoryRow | undefined> {
  const [row] = await tx
    .update(aceCategories)
    .set({ ...values, version: sql`${aceCategories.version} + 1`, updatedAt: new Date() })
    .where(and(eq(aceCategories.code, code), eq(aceCategories.version, version)))
    .returning();
  return row;
}

/**
 * The distribution of ACE counts (0..10) over a cohort, computed in the database: one row per
 * count with the number of children. Only children with an ACE record are counted.
 */
export async function aceDistribution(
  tx: Tx,
  filters: AceAnalyticsFilters,
  today: IsoDate,
  options: { organisationId?: string; thresholds: PriorityThresholds },
): Promise<{ count: number; children: number }[]> {
  const conditions: SQL[] = [];
  if (options.organisationId) conditions.push(eq(children.organisationId, options.organisationId));
  if (filters.referralYear)
    conditions.push(
      sql`${children.referralDate} >= ${`${filters.referralYear}-01-01`}::date and ${children.referralDate} < ${`${filters.referralYear + 1}-01-01`}::date`,
    );
  if (filters.region) conditions.push(eq(children.region, filters.region));
  if (filters.ageBand) {
    const [low, high] = AGE_BAND_YEARS[filters.ageBand];
    conditions.push(sql`${children.dateOfBirth} > ${addMonths(today, -(high + 1) * 12)} and ${children.dateOfBirth} <= ${addMonths(today, -low * 12)}`);
  }
  if (filters.priorityReason) conditions.push(priorityReasonCondition(filters.priorityReason, today, options.thresholds));
  if (filters.outcome === 'none') conditions.push(sql`${children.outcome} is null`);
  else if (filters.outcome) conditions.push(eq(children.outcome, filters.outcome));
  const measure = filters.measure === 'known' ? children.aceKnown : children.aceKnownOrSuspected;
  conditions.push(sql`${measure} is not null`);
  const rows = await tx
    .select({ count: sql<number>`${measure}`, children: sql<number>`count(*)::int` })
    .from(children)
    .where(and(...conditions))
    .groupBy(measure)
    .orderBy(measure);
  return rows;
}

import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import type { Hold, RetentionClass } from './rules.ts';
import { retentionClasses, retentionHolds, retentionTombstones } from './schema.ts';

/** The retention module's own tables: classes (read only), holds and tombstones. */

/** The classes, longest kept first (the audit log, kept for ever, last). */
export async function classes(tx: Tx): Promise<RetentionClass[]> {
  return tx
    .select()
    .from(retentionClasses)
    .orderBy(sql`${retentionClasses.periodMonths} desc nulls last`, asc(retentionClasses.code));
}

export async function holdsInForce(tx: Tx, organisationId: string): Promise<Hold[]> {
  return tx
    .select({
      id: retentionHolds.id,
      recordKind: retentionHolds.recordKind,
      recordId: retentionHolds.recordId,
      reason: retentionHolds.reason,
      placedAt: retentionHolds.placedAt,
      version: retentionHolds.version,
    })
    .from(retentionHolds)
    .where(and(eq(retentionHolds.organisationId, organisationId), isNull(retentionHolds.liftedAt)))
    .orderBy(desc(retentionHolds.placedAt));
}

/** A new hold; undefined when one is already in force on the record (the unique index refused it). */
export async function insertHold(tx: Tx, values: typeof retentionHolds.$inferInsert): Promise<{ id: string } | undefined> {
  const [row] = await tx.insert(retentionHolds).values(values).onConflictDoNothing().returning({ id: retentionHolds.id });
  return row;
}

export async function getHold(tx: Tx, organisationId: string, id: string) {
  const [row] = await tx
    .select()
    .from(retentionHolds)
    .where(and(eq(retentionHolds.id, id), eq(retentionHolds.organisationId, organisationId)));
  return row;
}

/** Lifts a hold at the version the person saw; false when someone changed it first. */
export async function liftHold(tx: Tx, id: string, version: number, values: { liftedBy: string | null; liftReason: string }): Promise<boolean> {
  const rows = await tx
    .update(retentionHolds)
    .set({ ...values, liftedAt: new Date(), version: version + 1 })
    .where(and(eq(retentionHolds.id, id), eq(retentionHolds.version, version), isNull(retentionHolds.liftedAt)))
    .returning({ id: retentionHolds.id });
  return rows.length > 0;
}

export async function insertTombstone(tx: Tx, values: typeof retentionTombstones.$inferInsert): Promise<string> {
  const [row] = await tx.insert(retentionTombstones).values(values).returning({ id: retentionTombstones.id });
  return row!.id;
}

export async function recentTombstones(tx: Tx, organisationId: string, limit: number) {
  return tx
    .select()
    .from(retentionTombstones)
    .where(eq(retentionTombstones.organisationId, organisationId))
    .orderBy(desc(retentionTombstones.destroyedAt), desc(retentionTombstones.id))
    .limit(limit);
}

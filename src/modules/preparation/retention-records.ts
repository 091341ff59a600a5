import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { consultations, formulations, tacMeetings } from './schema.ts';

/**
 * What the retention module needs of therapeutic preparation, through this front door: taking a
 * destroyed child out of their Team Around the Child meetings (with attendees and actions),
 * consultations and formulations. A record about this child alone goes; one shared with a sibling
 * still on record stays for the sibling, with this child's id taken off it. The caller has checked
 * that the child is of the organisation destroying it (whichever agency recorded the meeting, it
 * is part of that child's case record). Returns how many records went.
 */
export async function removeChildFromPreparationInTx(tx: Tx, childId: string): Promise<number> {
  let removed = 0;
  for (const table of [tacMeetings, consultations, formulations]) {
    const gone = await tx
      .delete(table)
      .where(sql`${childId}::uuid = ANY(${table.childIds}) AND cardinality(array_remove(${table.childIds}, ${childId}::uuid)) = 0`)
      .returning({ id: table.id });
    removed += gone.length;
    await tx
      .update(table)
      .set({ childIds: sql`array_remove(${table.childIds}, ${childId}::uuid)` })
      .where(sql`${childId}::uuid = ANY(${table.childIds})`);
  }
  return removed;
}

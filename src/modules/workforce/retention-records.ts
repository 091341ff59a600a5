import { and, count, eq, inArray } from 'drizzle-orm';
import { users } from '../../platform/auth/schema.ts';
import type { Tx } from '../../platform/db/pool.ts';
import { calendarFeeds, staffTraining } from './schema.ts';

/**
 * What the retention module needs of staff training records and calendar feeds, through this front door: whose
 * training one organisation holds (a count, no course), and destroying one person's training record
 * once their leavers' period is over. Run in the retention job's transaction, narrowed to the organisation.
 */
export async function staffTrainingHoldersOf(tx: Tx, organisationId: string): Promise<{ userId: string; entries: number }[]> {
  return tx
    .select({ userId: staffTraining.userId, entries: count() })
    .from(staffTraining)
    .where(eq(staffTraining.organisationId, organisationId))
    .groupBy(staffTraining.userId);
}

/** Removes every training entry of one member of staff of the organisation; false when there was none. */
export async function destroyStaffTrainingOfInTx(tx: Tx, organisationId: string, userId: string): Promise<boolean> {
  const removed = await tx
    .delete(staffTraining)
    .where(and(eq(staffTraining.organisationId, organisationId), eq(staffTraining.userId, userId)))
    .returning({ id: staffTraining.id });
  return removed.length > 0;
}

/**
 * Removes every calendar feed address of one member of staff of the organisation, revoked or not,
 * when their leaver's account is destroyed: a feed is theirs alone and would otherwise outlive the
 * account it served. Answers how many went.
 */
export async function destroyCalendarFeedsOfInTx(tx: Tx, organisationId: string, userId: string): Promise<number> {
  const ofOrganisation = tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.organisationId, organisationId)));
  const removed = await tx.delete(calendarFeeds).where(inArray(calendarFeeds.userId, ofOrganisation)).returning({ id: calendarFeeds.id });
  return removed.length;
}

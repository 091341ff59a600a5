import { and, asc, eq, isNotNull, lte, or, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { households } from './schema.ts';

/**
 * Approved families still waiting for a match on `on` (outcomes module's placement success page):
 * approved on or before `approvedBy`, not matched, placed or closed by `on`. The agency's own, or
 * every agency's for an aggregate made by the platform.
 */
export async function familiesWaitingForMatchOn(tx: Tx, options: { on: string; approvedBy: string; agencyId?: string }) {
  return tx
    .select({ id: households.id, reference: households.reference, approvedDate: sql<string>`${households.approvedDate}` })
    .from(households)
    .where(
      and(
        options.agencyId ? eq(households.organisationId, options.agencyId) : undefined,
        isNotNull(households.approvedDate),
        lte(households.approvedDate, options.approvedBy),
        or(sql`${households.matchedDate} IS NULL`, sql`${households.matchedDate} > ${options.on}`),
        or(sql`${households.placedDate} IS NULL`, sql`${households.placedDate} > ${options.on}`),
        or(sql`${households.closedDate} IS NULL`, sql`${households.closedDate} > ${options.on}`),
      ),
    )
    .orderBy(asc(households.approvedDate), asc(households.reference));
}

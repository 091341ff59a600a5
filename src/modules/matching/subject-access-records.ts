import { arrayContains, asc, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { expressionsOfInterest, matches } from './schema.ts';

/** What a subject access request for a child needs of matching, through this front door: every match the child was part of. */
export async function childMatchesForSubjectAccess(tx: Tx, childId: string) {
  return tx
    .select()
    .from(matches)
    .where(arrayContains(matches.childIds, [childId]));
}

/**
 * What a subject access request for an applicant needs of family finding, through this front door:
 * the family's expressions of interest (their message, what became of it, the reason the agency
 * gave), with the children's ids for the caller to mask their names; who answered is left out
 * (staff are not named).
 */
export async function householdInterestsForSubjectAccess(tx: Tx, householdId: string) {
  return tx
    .select({
      id: expressionsOfInterest.id,
      childIds: expressionsOfInterest.childIds,
      expressedAt: expressionsOfInterest.createdAt,
      message: expressionsOfInterest.message,
      status: expressionsOfInterest.status,
      reason: expressionsOfInterest.reason,
      reasonLanguage: expressionsOfInterest.reasonLanguage,
      answeredAt: expressionsOfInterest.answeredAt,
      withdrawnAt: expressionsOfInterest.withdrawnAt,
    })
    .from(expressionsOfInterest)
    .where(eq(expressionsOfInterest.householdId, householdId))
    .orderBy(asc(expressionsOfInterest.createdAt));
}

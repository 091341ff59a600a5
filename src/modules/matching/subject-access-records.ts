import { arrayContains } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { matches } from './schema.ts';

/** What a subject access request for a child needs of matching, through this front door: every match the child was part of. */
export async function childMatchesForSubjectAccess(tx: Tx, childId: string) {
  return tx
    .select()
    .from(matches)
    .where(arrayContains(matches.childIds, [childId]));
}

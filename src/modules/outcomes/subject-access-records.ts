import { eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { outcomeAdministrations } from './schema.ts';

/** What a subject access request for a child needs of outcomes, through this front door: every measure taken about the child. */
export async function childOutcomesForSubjectAccess(tx: Tx, childId: string) {
  return tx.select().from(outcomeAdministrations).where(eq(outcomeAdministrations.childId, childId));
}

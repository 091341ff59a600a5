import { eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { children } from './schema.ts';

/**
 * What the retention module needs of children, through this front door: the children whose record
 * one organisation owns (their local authority), by id with the authority's own reference as the
 * label, never a name. Run in the retention job's transaction.
 */
export async function childrenForRetention(tx: Tx, organisationId: string): Promise<{ id: string; reference: string | null }[]> {
  return tx.select({ id: children.id, reference: children.localAuthorityReference }).from(children).where(eq(children.organisationId, organisationId));
}

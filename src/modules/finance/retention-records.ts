import { eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { financeCareChoices } from './costs-schema.ts';

/**
 * What the retention module needs of finance, through this front door: removing the care choice
 * recorded for a destroyed child (the kind of care they would otherwise have had, for the cost
 * comparison). Fee events and invoices keep the child's id and label (an initial and a short
 * reference): they are the agency's accounts, which never change and are kept by their own rules.
 */
export async function removeCareChoicesOfChildInTx(tx: Tx, childId: string): Promise<number> {
  const removed = await tx.delete(financeCareChoices).where(eq(financeCareChoices.childId, childId)).returning({ id: financeCareChoices.id });
  return removed.length;
}

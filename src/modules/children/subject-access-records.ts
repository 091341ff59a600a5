import { eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { childAces, children, referrals, siblingGroupMembers } from './schema.ts';

/**
 * What a subject access request for a child needs of the children module, through this front door:
 * the child's record, the referral that brought them, their adverse childhood experiences, and the
 * sibling groups they belong or belonged to (by id: documents filed on a group are the child's too).
 * Read in the subject-access job's transaction; the caller redacts other people.
 */
export async function childForSubjectAccess(tx: Tx, childId: string) {
  const [child] = await tx.select().from(children).where(eq(children.id, childId));
  if (!child) return undefined;
  const [referral] = child.referralId ? await tx.select().from(referrals).where(eq(referrals.id, child.referralId)) : [];
  const aces = await tx.select().from(childAces).where(eq(childAces.childId, childId));
  const groups = await tx.select({ groupId: siblingGroupMembers.groupId }).from(siblingGroupMembers).where(eq(siblingGroupMembers.childId, childId));
  return { child, referral, aces, siblingGroupIds: groups.map((g) => g.groupId) };
}

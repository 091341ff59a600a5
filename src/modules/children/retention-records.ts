import { and, eq, inArray, isNotNull, or, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { addEvent } from './repository.ts';
import { children, referrals, siblingGroupHistory, siblingGroupMembers, siblingGroups } from './schema.ts';

/**
 * What the retention module needs of children, through this front door: the children whose record
 * one organisation owns (their local authority), by id with the authority's own reference as the
 * label, never a name; and destroying one child's record. Run in the retention job's transaction.
 */
export async function childrenForRetention(tx: Tx, organisationId: string): Promise<{ id: string; reference: string | null }[]> {
  return tx.select({ id: children.id, reference: children.localAuthorityReference }).from(children).where(eq(children.organisationId, organisationId));
}

/**
 * Removes a child's record of the organisation. The database's cascades take what hangs from the
 * child alone: ACEs, needs, the record's history (its chronology entries), sharing grants, the
 * child's membership of a sibling group and their sibling relationships, and outcome measures. A
 * sibling still on record keeps the group and their own relationships, but not its assessment's
 * free-text reasons (see removeAssessmentReasons); a group left with nobody goes too unless a match
 * or meeting still names it. The referral goes when no other child or group came with it; when it
 * stays (for a sibling) its free text goes (see removeReferralText).
 * The caller has first removed what other modules hold on the child (case documents, meetings,
 * consultations, formulations, matches, care costs). False when there is no such child of that
 * organisation.
 */
export async function destroyChildInTx(tx: Tx, organisationId: string, childId: string): Promise<boolean> {
  const [child] = await tx
    .select({ id: children.id, referralId: children.referralId })
    .from(children)
    .where(and(eq(children.id, childId), eq(children.organisationId, organisationId)));
  if (!child) return false;
  const groups = await tx.select({ groupId: siblingGroupMembers.groupId }).from(siblingGroupMembers).where(eq(siblingGroupMembers.childId, childId));
  await tx.delete(children).where(eq(children.id, childId));
  for (const { groupId } of groups) {
    await removeGroupLeftEmpty(tx, groupId);
    await removeAssessmentReasons(tx, groupId);
  }
  if (child.referralId) {
    await tx
      .delete(referrals)
      .where(
        and(
          eq(referrals.id, child.referralId),
          sql`NOT EXISTS (SELECT 1 FROM ${children} WHERE ${children.referralId} = ${referrals.id})`,
          sql`NOT EXISTS (SELECT 1 FROM ${siblingGroups} WHERE ${siblingGroups.referralId} = ${referrals.id})`,
        ),
      );
    await removeReferralText(tx, child.referralId);
  }
  return true;
}

/**
 * A referral that stays for a sibling still on record loses its free text (the notes on the legal
 * basis, the reason for declining, any draft answers): written about the children together, it may
 * name the destroyed child, and no one can safely pick out which words are about whom. The
 * structured facts stay (status, legal basis, dates, who referred and decided), as do the sibling's
 * own record; each sibling's history says the notes were removed and why, and the referral's page
 * says so where the notes were. Nothing happens to a referral already gone or without free text.
 */
async function removeReferralText(tx: Tx, referralId: string): Promise<void> {
  const emptied = await tx
    .update(referrals)
    .set({ legalBasisNotes: null, declineReason: null, draft: null, version: sql`${referrals.version} + 1`, updatedAt: new Date() })
    .where(and(eq(referrals.id, referralId), or(isNotNull(referrals.legalBasisNotes), isNotNull(referrals.declineReason), isNotNull(referrals.draft))))
    .returning({ id: referrals.id });
  if (emptied.length === 0) return;
  const siblings = await tx.select({ id: children.id, organisationId: children.organisationId }).from(children).where(eq(children.referralId, referralId));
  for (const sibling of siblings)
    await addEvent(tx, { childId: sibling.id, organisationId: sibling.organisationId, actorId: null, event: 'referral.text-removed' });
}

/**
 * A sibling group that stays (for a sibling still on record, or empty because a match or meeting
 * names it) loses its assessment's free-text reasons, now and in every copy its history kept: like a
 * referral's notes, they were written about the children together and may name the destroyed child.
 * The facts stay (together, apart or not yet assessed, the date, the members still on record). The
 * group is marked when its current reasons went (the page says so until the next assessment
 * replaces them), each emptied history row is marked, a history row says when and why, and each
 * member still on record has a line on their history. The version moves on, so a form opened
 * before is refused as stale. Nothing happens to a group gone or without reasons anywhere.
 */
async function removeAssessmentReasons(tx: Tx, groupId: string): Promise<void> {
  const now = new Date();
  const reasonsInHistory = sql`EXISTS (SELECT 1 FROM ${siblingGroupHistory} WHERE ${siblingGroupHistory.groupId} = ${siblingGroups.id} AND ${siblingGroupHistory.reasons} IS NOT NULL)`;
  const [group] = await tx
    .update(siblingGroups)
    .set({
      assessmentReasons: null,
      assessmentReasonsRemovedAt: sql`CASE WHEN ${siblingGroups.assessmentReasons} IS NOT NULL THEN ${now.toISOString()}::timestamptz ELSE ${siblingGroups.assessmentReasonsRemovedAt} END`,
      version: sql`${siblingGroups.version} + 1`,
      updatedAt: now,
    })
    .where(and(eq(siblingGroups.id, groupId), or(isNotNull(siblingGroups.assessmentReasons), reasonsInHistory)))
    .returning({ organisationId: siblingGroups.organisationId, assessment: siblingGroups.assessment, assessmentDate: siblingGroups.assessmentDate });
  if (!group) return;
  await tx
    .update(siblingGroupHistory)
    .set({ reasons: null, reasonsRemovedAt: now })
    .where(and(eq(siblingGroupHistory.groupId, groupId), isNotNull(siblingGroupHistory.reasons)));
  await tx.insert(siblingGroupHistory).values({ groupId, ...group, changedBy: null, reasons: null, event: 'reasons-removed' });
  const members = await tx
    .select({ childId: siblingGroupMembers.childId, organisationId: children.organisationId })
    .from(siblingGroupMembers)
    .innerJoin(children, eq(children.id, siblingGroupMembers.childId))
    .where(eq(siblingGroupMembers.groupId, groupId));
  for (const member of members)
    await addEvent(tx, { childId: member.childId, organisationId: member.organisationId, actorId: null, event: 'sibling-group.reasons-removed' });
}

/** A sibling group with no member left goes (its history with it), unless another record still names it: then it stays, empty. */
async function removeGroupLeftEmpty(tx: Tx, groupId: string): Promise<void> {
  const [member] = await tx.select({ childId: siblingGroupMembers.childId }).from(siblingGroupMembers).where(eq(siblingGroupMembers.groupId, groupId)).limit(1);
  if (member) return;
  await tx.execute(sql`savepoint retention_sibling_group`);
  try {
    await tx.delete(siblingGroups).where(inArray(siblingGroups.id, [groupId]));
    await tx.execute(sql`release savepoint retention_sibling_group`);
  } catch (error) {
    if ((error as { cause?: { code?: string }; code?: string }).cause?.code !== '23503' && (error as { code?: string }).code !== '23503') throw error;
    await tx.execute(sql`rollback to savepoint retention_sibling_group`);
  }
}

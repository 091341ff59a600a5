import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { applicants, enquiries, householdMembers, households, householdChecks } from './schema.ts';
import { CLOSED_STAGES } from './vocabulary.ts';

/**
 * What the retention module (src/modules/retention) needs of households, through this front door:
 * the closed households of one organisation (ids, reference and dates, no names), and destroying
 * one with everything hanging off it. Run in the retention job's transaction, always narrowed to
 * the organisation asked for.
 */

export type ClosedHousehold = {
  id: string;
  organisationId: string;
  reference: string;
  closedDate: string | null;
  registrationDate: string | null;
  approvedDate: string | null;
};

export async function closedHouseholdsOf(tx: Tx, organisationId: string): Promise<ClosedHousehold[]> {
  return tx
    .select({
      id: households.id,
      organisationId: households.organisationId,
      reference: households.reference,
      closedDate: households.closedDate,
      registrationDate: households.registrationDate,
      approvedDate: households.approvedDate,
    })
    .from(households)
    .where(and(eq(households.organisationId, organisationId), inArray(households.stage, [...CLOSED_STAGES]), isNotNull(households.closedDate)));
}

/**
 * Removes a household of the organisation: the enquiries that made it (their link would only be
 * cleared), then the household, whose applicants, members, checks, visits, stage history and
 * consideration profiles go with it (ON DELETE CASCADE). Returns false when there is no such
 * household of that organisation. Other records that still refer to it (a match, support) make
 * the database refuse, and the caller reports the household as blocked.
 */
export async function destroyHouseholdInTx(tx: Tx, organisationId: string, householdId: string): Promise<boolean> {
  await tx.delete(enquiries).where(and(eq(enquiries.householdId, householdId), eq(enquiries.organisationId, organisationId)));
  const removed = await tx
    .delete(households)
    .where(and(eq(households.id, householdId), eq(households.organisationId, organisationId)))
    .returning({ id: households.id });
  return removed.length > 0;
}

/** Everything recruitment holds on one household, for a subject access request (the caller redacts). */
export async function householdForSubjectAccess(tx: Tx, householdId: string) {
  const [household] = await tx.select().from(households).where(eq(households.id, householdId));
  if (!household) return undefined;
  return {
    household,
    applicants: await tx.select().from(applicants).where(eq(applicants.householdId, householdId)),
    members: await tx.select().from(householdMembers).where(eq(householdMembers.householdId, householdId)),
    checks: await tx.select().from(householdChecks).where(eq(householdChecks.householdId, householdId)),
    enquiries: await tx.select().from(enquiries).where(eq(enquiries.householdId, householdId)),
  };
}

/** The applicant with this id, or the one whose adopter account this is. */
export async function applicantForSubjectAccess(tx: Tx, personId: string) {
  const [row] = await tx.select().from(applicants).where(eq(applicants.id, personId));
  if (row) return row;
  const [byUser] = await tx.select().from(applicants).where(eq(applicants.userId, personId));
  return byUser;
}

/** The organisation's approved families (ids and references, no names): their records follow the children adopted by them. */
export async function approvedHouseholdsOf(tx: Tx, organisationId: string): Promise<{ id: string; reference: string }[]> {
  return tx
    .select({ id: households.id, reference: households.reference })
    .from(households)
    .where(and(eq(households.organisationId, organisationId), isNotNull(households.approvedDate)));
}

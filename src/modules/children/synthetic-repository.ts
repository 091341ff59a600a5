import type { Tx } from '../../platform/db/pool.ts';
import { childAces, childEvents, childNeeds, children, sharingGrants, siblingGroupMembers, siblingGroups } from './schema.ts';
import type { SyntheticChild } from './synthetic.ts';

/**
 * Writes synthetic children in bulk (demo data, benchmarks): batches of multi-row inserts,
 * already accepted by the agency and allocated to its family finders.
 */
export async function insertSyntheticChildren(
  tx: Tx,
  rows: SyntheticChild[],
  options: { organisations: { id: string; region: string | null }[]; agencyId: string; familyFinderIds: string[] },
): Promise<number> {
  const BATCH = 500;
  const groupIds = new Map<number, string>();
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    const inserted = await tx
      .insert(children)
      .values(
        batch.map((c, i) => {
          const organisation = options.organisations[c.organisationIndex % options.organisations.length]!;
          return {
            organisationId: organisation.id,
            region: organisation.region,
            status: 'family_finding' as const,
            legalGivenNames: c.legalGivenNames,
            legalFamilyName: c.legalFamilyName,
            dateOfBirth: c.dateOfBirth,
            sex: c.sex,
            ethnicity: c.ethnicity,
            religion: c.religion,
            languages: c.languages,
            legalStatus: c.legalStatus,
            enteredCareDate: c.enteredCareDate,
            placementOrderDate: c.placementOrderDate,
            adoptionPlanDate: c.adoptionPlanDate,
            referralDate: c.referralDate,
            developmentalUncertainty: c.developmentalUncertainty,
            priorityReasons: c.priorityReasons,
            needCategories: c.needs.map((n) => n.category),
            sharedWith: [options.agencyId],
            aceKnown: c.aceKnown,
            aceKnownOrSuspected: c.aceKnownOrSuspected,
            requiredContact: c.requiredContact,
            identityConsiderations: c.identityConsiderations,
            birthFamilyPostcodes: c.birthFamilyPostcodes,
            importantContactPostcodes: c.importantContactPostcodes,
            familyFinderId: options.familyFinderIds.length ? options.familyFinderIds[(start + i) % options.familyFinderIds.length]! : null,
          };
        }),
      )
      .returning({ id: children.id, organisationId: children.organisationId });
    const ids = inserted.map((r) => r.id);
    const needs = batch.flatMap((c, i) =>
      c.needs.map((n) => ({ childId: ids[i]!, organisationId: inserted[i]!.organisationId, category: n.category, severity: n.severity })),
    );
    if (needs.length) await tx.insert(childNeeds).values(needs);
    await tx.insert(childAces).values(batch.flatMap((c, i) => c.aces.map((a) => ({ ...a, childId: ids[i]!, organisationId: inserted[i]!.organisationId }))));
    await tx.insert(sharingGrants).values(
      batch.map((_c, i) => ({
        childId: ids[i]!,
        organisationId: options.agencyId,
        ownerOrganisationId: inserted[i]!.organisationId,
        purpose: 'family_finding' as const,
      })),
    );
    // Dated on the day of the referral (mid-morning in Wales), not on the day the rows were written.
    await tx.insert(childEvents).values(
      batch.map((c, i) => ({
        childId: ids[i]!,
        organisationId: inserted[i]!.organisationId,
        event: 'referred',
        version: 1,
        at: new Date(`${c.referralDate}T10:00:00Z`),
      })),
    );
    const members: (typeof siblingGroupMembers.$inferInsert)[] = [];
    for (const [i, c] of batch.entries()) {
      if (c.siblingGroup === null) continue;
      let groupId = groupIds.get(c.siblingGroup);
      if (!groupId) {
        const [group] = await tx
          .insert(siblingGroups)
          .values({
            organisationId: inserted[i]!.organisationId,
            assessment: 'together',
            assessmentReasons: 'Synthetic demo assessment',
            assessmentDate: c.referralDate,
          })
          .returning({ id: siblingGroups.id });
        groupId = group!.id;
        groupIds.set(c.siblingGroup, groupId);
      }
      members.push({ groupId, childId: ids[i]!, organisationId: inserted[i]!.organisationId, active: true });
    }
    if (members.length) await tx.insert(siblingGroupMembers).values(members);
  }
  return rows.length;
}

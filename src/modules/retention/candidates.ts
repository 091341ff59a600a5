import { dateInWales, type IsoDate } from '../../platform/dates/dates.ts';
import type { Tx } from '../../platform/db/pool.ts';
import { caseDocumentsOfOrganisation } from '../case-documents/index.ts';
import { childrenForRetention } from '../children/index.ts';
import { adoptionOutcomesOf } from '../matching/index.ts';
import { leaversOf } from '../organisations/index.ts';
import { conversationsOfHouseholds } from '../portal/index.ts';
import { approvedHouseholdsOf, closedHouseholdsOf } from '../recruitment/index.ts';
import { supportActivityOf } from '../support/index.ts';
import { staffTrainingHoldersOf } from '../workforce/index.ts';
import { adoptionOrderDateOf, approvedFamilyEventDate, caseDocumentClass, childAdoptionOrderDate, leftOn, supportEndedDate } from './classes.ts';
import { conversationEventDate, householdClass, type Candidate } from './rules.ts';

/**
 * The organisation's records with a retention clock running, as their owning modules describe
 * them (ids, references and dates): closed households and their conversations, adopted children,
 * approved families with a child adopted, families whose support has ended, case documents (their
 * case's clock), and staff who have left with their training records.
 */
export async function candidatesOf(tx: Tx, organisationId: string, today: IsoDate): Promise<Candidate[]> {
  const candidates: Candidate[] = [];
  const add = (c: Omit<Candidate, 'organisationId' | 'protectedBy'> & { protectedBy?: Candidate['protectedBy'] }) =>
    candidates.push({ organisationId, protectedBy: [], ...c });

  // Closed households (an enquiry, an application) and their conversations.
  const closed = await closedHouseholdsOf(tx, organisationId);
  const threads = await conversationsOfHouseholds(
    tx,
    organisationId,
    closed.map((h) => h.id),
  );
  const byHousehold = new Map(closed.map((h) => [h.id, h]));
  const householdCase = new Map<string, { classCode: string; eventDate: IsoDate }>();
  for (const household of closed) {
    const classCode = householdClass({ ...household, closed: true });
    if (!classCode) continue;
    householdCase.set(household.id, { classCode, eventDate: household.closedDate! });
    add({
      kind: 'household',
      id: household.id,
      label: household.reference,
      classCode,
      eventDate: household.closedDate!,
      protectedBy: threads.filter((t) => t.householdId === household.id).map((t) => ({ kind: 'portal_thread' as const, id: t.id })),
    });
  }
  for (const thread of threads) {
    const household = byHousehold.get(thread.householdId)!;
    add({
      kind: 'portal_thread',
      id: thread.id,
      label: household.reference,
      classCode: 'portal_messages_closed_case',
      eventDate: conversationEventDate(household.closedDate!, dateInWales(thread.lastMessageAt)),
      protectedBy: [{ kind: 'household', id: household.id }],
    });
  }

  const documents = await caseDocumentsOfOrganisation(tx, organisationId);
  const childDocuments = (childId: string) =>
    documents.filter((d) => d.ownerKind === 'child' && d.ownerId === childId).map((d) => ({ kind: 'case_document' as const, id: d.id }));

  // Adopted children and the families they were adopted by: 100 years from the adoption order.
  const outcomes = await adoptionOutcomesOf(tx, organisationId);
  const childCase = new Map<string, IsoDate>();
  for (const child of await childrenForRetention(tx, organisationId)) {
    const eventDate = childAdoptionOrderDate(child.id, outcomes);
    if (!eventDate) continue;
    childCase.set(child.id, eventDate);
    add({ kind: 'child', id: child.id, label: child.reference ?? child.id.slice(0, 8), classCode: 'adoption_case_record', eventDate });
  }
  const references = new Map<string, string>();
  for (const family of await approvedHouseholdsOf(tx, organisationId)) {
    references.set(family.id, family.reference);
    const eventDate = approvedFamilyEventDate(family.id, outcomes);
    if (!eventDate) continue;
    householdCase.set(family.id, { classCode: 'approved_family_record', eventDate });
    add({ kind: 'household', id: family.id, label: family.reference, classCode: 'approved_family_record', eventDate });
  }

  // Adoption support: 75 years from the end of support (the household's support records as one).
  for (const activity of await supportActivityOf(tx, organisationId, today)) {
    const eventDate = supportEndedDate(activity);
    if (!eventDate) continue;
    add({
      kind: 'support',
      id: activity.householdId,
      label: references.get(activity.householdId) ?? activity.householdId.slice(0, 8),
      classCode: 'adoption_support_record',
      eventDate,
    });
  }

  // A hold on one of a child's documents keeps the child's record too (destroying the child takes them).
  for (const candidate of candidates) if (candidate.kind === 'child') candidate.protectedBy.push(...childDocuments(candidate.id));

  // Case documents follow their case: a child's, a sibling group's or a match's adoption order; a household's class.
  const groupOrMatch = (ownerKind: string, ownerId: string): IsoDate | null => {
    const of = outcomes.filter((o) => (ownerKind === 'match' ? o.matchId === ownerId : o.siblingGroupId === ownerId)).map(adoptionOrderDateOf);
    return of.reduce<IsoDate | null>((max, d) => (d && (!max || d > max) ? d : max), null);
  };
  for (const document of documents) {
    const owner = { kind: document.ownerKind === 'child' || document.ownerKind === 'household' ? document.ownerKind : null, id: document.ownerId };
    const caseRecord =
      document.ownerKind === 'household'
        ? (householdCase.get(document.ownerId) ?? null)
        : document.ownerKind === 'child'
          ? childCase.has(document.ownerId)
            ? { classCode: 'adoption_case_record', eventDate: childCase.get(document.ownerId)! }
            : null
          : (() => {
              const eventDate = groupOrMatch(document.ownerKind, document.ownerId);
              return eventDate ? { classCode: 'adoption_case_record', eventDate } : null;
            })();
    const judged = caseDocumentClass(document.ownerKind, caseRecord);
    if (!judged) continue;
    add({
      kind: 'case_document',
      id: document.id,
      label: document.id.slice(0, 8),
      ...judged,
      // A hold on the case keeps its documents too.
      protectedBy: owner.kind ? [{ kind: owner.kind, id: owner.id }] : [],
    });
  }

  // Staff who have left: their account and their training record, the agency's leavers' period from the day they left.
  const training = new Set((await staffTrainingHoldersOf(tx, organisationId)).map((t) => t.userId));
  for (const leaver of await leaversOf(tx, organisationId)) {
    const eventDate = leftOn({ disabledOn: dateInWales(leaver.disabledAt) });
    if (!eventDate) continue;
    const label = leaver.id.slice(0, 8);
    add({ kind: 'user_account', id: leaver.id, label, classCode: 'leaver_account', eventDate, protectedBy: [{ kind: 'staff_training', id: leaver.id }] });
    if (training.has(leaver.id))
      add({
        kind: 'staff_training',
        id: leaver.id,
        label,
        classCode: 'staff_training_record',
        eventDate,
        protectedBy: [{ kind: 'user_account', id: leaver.id }],
      });
  }
  return candidates;
}

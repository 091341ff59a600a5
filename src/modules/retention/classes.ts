import type { IsoDate } from '../../platform/dates/dates.ts';

/**
 * Which class a record falls in, and the day its period runs from: pure rules for the records the
 * owning modules describe (ids and dates only, no personal data). A null answer means the record's
 * clock has not started (no adoption order yet, support still going on, a member of staff still
 * working): it is not on the review list at all.
 */

/** A placement's legal outcome as matching records it: the children of the match and the day of their adoption order. */
export type AdoptionOutcome = { householdId: string; childIds: readonly string[]; stage: string; adoptionOrderDate: IsoDate | null; stageSince: IsoDate };

/**
 * The day of a placement's adoption order. Matching records it when the match moves to
 * `adoption_order`; a match that reached that stage before the date was kept (an older record) runs
 * from the day it moved there, the nearest recorded day to the order.
 */
export function adoptionOrderDateOf(outcome: AdoptionOutcome): IsoDate | null {
  if (outcome.adoptionOrderDate) return outcome.adoptionOrderDate;
  return outcome.stage === 'adoption_order' ? outcome.stageSince : null;
}

const latest = (dates: readonly (IsoDate | null)[]): IsoDate | null =>
  dates.reduce<IsoDate | null>((max, d) => (d !== null && (max === null || d > max) ? d : max), null);

/** An adopted child's case record runs 100 years from their adoption order: the latest, if a child was ever adopted twice. */
export function childAdoptionOrderDate(childId: string, outcomes: readonly AdoptionOutcome[]): IsoDate | null {
  return latest(outcomes.filter((o) => o.childIds.includes(childId)).map(adoptionOrderDateOf));
}

/**
 * An approved family's records are kept with the records of the children adopted by them (the
 * domain's rule is silent on adopters; the family's assessment and approval are part of each
 * child's adoption case): 100 years from the latest adoption order of a child placed with them.
 * A family with no child adopted has no adoption case to follow, so this answers null.
 */
export function approvedFamilyEventDate(householdId: string, outcomes: readonly AdoptionOutcome[]): IsoDate | null {
  return latest(outcomes.filter((o) => o.householdId === householdId).map(adoptionOrderDateOf));
}

/** A household's adoption support as support records it: dates of what happened, and whether anything is still open. */
export type SupportActivity = {
  /** Plans agreed, sessions delivered or cancelled, requests closed: the days support was last given or decided. */
  activityDates: readonly IsoDate[];
  /** A request waiting or allocated, a session still planned, or a plan with a review to come. */
  open: boolean;
};

/**
 * The end of a family's adoption support, from which its records are kept 75 years. Support has no
 * "ended" field: it has ended when nothing is open any more, and then on the last day anything
 * happened. While anything is open the clock has not started.
 */
export function supportEndedDate(activity: SupportActivity): IsoDate | null {
  if (activity.open) return null;
  return latest(activity.activityDates);
}

/** The kinds of record a case document can be filed on (case-documents' owners). */
export type CaseKind = 'child' | 'sibling_group' | 'household' | 'match';

/**
 * A case document follows its case: filed on a child, a sibling group or a match it is part of the
 * children's adoption case record; filed on a household, it goes with the household's own class
 * (an enquiry's, an unsuccessful application's or an approved family's). Its clock is its case's:
 * the caller passes the case's class and event date, or null when the case's clock has not started.
 */
export function caseDocumentClass(
  ownerKind: CaseKind,
  caseRecord: { classCode: string; eventDate: IsoDate } | null,
): { classCode: string; eventDate: IsoDate } | null {
  if (!caseRecord) return null;
  if (ownerKind !== 'household') return { classCode: 'adoption_case_record', eventDate: caseRecord.eventDate };
  return caseRecord;
}

/** A member of staff has left when their account was disabled: the day the agency's leavers' period runs from. */
export function leftOn(account: { disabledOn: IsoDate | null }): IsoDate | null {
  return account.disabledOn;
}

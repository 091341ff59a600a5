import { ageInYears, type IsoDate } from '../../platform/dates/dates.ts';

/**
 * Showing a child's profile to the agency's approved families (Link Maker's practice of profiles
 * families may see, without a link made first). Pure rules: who may be shown, and what a family
 * sees of them. The child's worker chooses; these say when the choice is not theirs to make.
 */

/** Why a child's profile may not be shown now. */
export const SHARING_REFUSALS = ['noProfile', 'noAdoptionPlan', 'inActiveMatch'] as const;
export type SharingRefusal = (typeof SHARING_REFUSALS)[number];

/** What the rule reads of each child of the unit (a sibling group placed together, or one child). */
export type SharingFacts = { status: string; profileEn: string | null; profileCy: string | null };

/**
 * A family is looked for (the agency accepted the referral and finds a family, or links are being
 * explored). Matched and placed children are in THE match of their sibling group: matching moves a
 * child to `matched` in the same transaction as its match enters one of ACTIVE_MATCH_STAGES.
 */
const ADOPTION_PLAN_ACTIVE = ['family_finding', 'linked'];
const IN_ACTIVE_MATCH = ['matched', 'placed'];

/**
 * Why the unit's profiles may not be shown (none: they may). Brothers and sisters placed together
 * are shown as one entry, so every one of them needs a profile written for families and a plan
 * for adoption still looking for a family.
 */
export function whyNotShown(unit: readonly SharingFacts[]): SharingRefusal[] {
  const reasons = new Set<SharingRefusal>();
  for (const child of unit) {
    if (!child.profileEn?.trim() && !child.profileCy?.trim()) reasons.add('noProfile');
    if (IN_ACTIVE_MATCH.includes(child.status)) reasons.add('inActiveMatch');
    else if (!ADOPTION_PLAN_ACTIVE.includes(child.status)) reasons.add('noAdoptionPlan');
  }
  return SHARING_REFUSALS.filter((r) => reasons.has(r));
}

/** A child as a family sees them before any link: a first name, an age in years and the profile written for families. */
export type AnonymisedChild = { firstName: string; age: number; profileEn: string | null; profileCy: string | null };

/**
 * The anonymised child: no family name, no date of birth (age in whole years), nothing of where
 * they live; the first name the child is known by (their preferred name, or their first given name).
 */
export function anonymise(
  child: { preferredName: string | null; legalGivenNames: string; dateOfBirth: IsoDate; profileEn: string | null; profileCy: string | null },
  today: IsoDate,
): AnonymisedChild {
  const firstName = child.preferredName?.trim() || child.legalGivenNames.trim().split(/\s+/)[0] || '';
  return { firstName, age: ageInYears(child.dateOfBirth, today), profileEn: child.profileEn, profileCy: child.profileCy };
}

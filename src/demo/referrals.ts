import type { RequestContext } from '../platform/policy/actor.ts';
import { addDays, type IsoDate } from '../platform/dates/dates.ts';
import { referralInput } from '../modules/children/index.ts';
import type { ChildrenService } from '../modules/children/index.ts';
import { generateChildren, type SyntheticChild } from '../modules/children/index.ts';
import type { SetDay } from '../modules/matching/index.ts';

export type DemoAuthority = { referrer: RequestContext; organisationId: string; postcodes: readonly string[] };

/** Brothers and sisters referred together, or a child on their own, in the order generated. */
function referralUnits(children: readonly SyntheticChild[]): SyntheticChild[][] {
  const units: SyntheticChild[][] = [];
  const groups = new Map<number, SyntheticChild[]>();
  for (const child of children) {
    if (child.siblingGroup === null) units.push([child]);
    else if (groups.has(child.siblingGroup)) groups.get(child.siblingGroup)!.push(child);
    else {
      const unit = [child];
      groups.set(child.siblingGroup, unit);
      units.push(unit);
    }
  }
  return units;
}

/** A referral as the authority's referrer fills the form in: the children, how they are related, the together-or-apart assessment. */
function referralOf(unit: readonly SyntheticChild[], agencyId: string) {
  return referralInput.parse({
    agencyId,
    legalBasis: 'adoption_agencies_wales_regulations',
    legalBasisNotes: 'Synthetic demo referral',
    children: unit.map((c) => ({
      legalGivenNames: c.legalGivenNames,
      legalFamilyName: c.legalFamilyName,
      localAuthorityReference: c.localAuthorityReference,
      dateOfBirth: c.dateOfBirth,
      sex: c.sex,
      ethnicity: c.ethnicity,
      religion: c.religion,
      languages: c.languages,
      preferredLanguage: c.languages.includes('cy') ? 'cy' : 'en',
      developmentalUncertainty: c.developmentalUncertainty,
      legalStatus: c.legalStatus,
      enteredCareDate: c.enteredCareDate,
      placementOrderDate: c.placementOrderDate,
      adoptionPlanDate: c.adoptionPlanDate,
      currentPlacement: 'Foster care with demo carers (fictional)',
      needs: c.needs,
      requiredContact: c.requiredContact,
      identityConsiderations: c.identityConsiderations,
      birthFamilyPostcodes: c.birthFamilyPostcodes,
      importantContactPostcodes: c.importantContactPostcodes,
    })),
    siblingRelationships: unit.slice(1).map((c, i) => ({ child: i + 1, sibling: 0, relationship: c.relationshipToFirst ?? 'full' })),
    siblingAssessment:
      unit.length > 1
        ? {
            assessment: 'together',
            reasons: 'Synthetic demo assessment: they have always lived together and are close; their plan is to be placed together.',
            assessmentDate: addDays(unit[0]!.referralDate, -14),
          }
        : undefined,
  });
}

/**
 * The demo's children, referred by the two demo local authorities through the children service as
 * their referrers would, each on the day of the referral, with the children's ACEs; the agency's
 * family finder accepts each referral a few days later. The referrals of the last week still wait
 * for the agency's decision, as on any working day.
 */
export async function referDemoChildren(
  children: ChildrenService,
  options: {
    count: number;
    seed: number;
    today: IsoDate;
    agencyId: string;
    authorities: readonly DemoAuthority[];
    familyFinder: RequestContext & { userId: string };
    setDay: SetDay;
  },
): Promise<{ children: number; referrals: number }> {
  const generated = generateChildren({
    count: options.count,
    seed: options.seed,
    today: options.today,
    organisations: options.authorities.length,
    postcodes: options.authorities.map((a) => a.postcodes),
  });
  const units = referralUnits(generated).sort((a, b) => a[0]!.referralDate.localeCompare(b[0]!.referralDate));
  for (const [n, unit] of units.entries()) {
    const first = unit[0]!;
    const authority = options.authorities[first.organisationIndex % options.authorities.length]!;
    options.setDay(first.referralDate, '10:00');
    const { referralId, childIds } = await children.submitReferral(authority.referrer, referralOf(unit, options.agencyId));
    for (const [i, id] of childIds.entries()) await children.putAces(authority.referrer, id, unit[i]!.aces);
    const decidedOn = addDays(first.referralDate, 2 + (n % 6));
    if (decidedOn >= options.today) continue;
    options.setDay(decidedOn, '14:00');
    await children.decideReferral(options.familyFinder, referralId, { decision: 'accept', familyFinderId: options.familyFinder.userId });
  }
  options.setDay();
  return { children: generated.length, referrals: units.length };
}

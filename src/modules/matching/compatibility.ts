/**
 * Compatibility of a sibling group (a child on their own is a group of one) with an approved
 * household: which of the family's stated limits the pair breaks, and a score out of 100 with the
 * reasons behind every point. Pure: no database, no clock, no I/O.
 *
 * How a score is made (the same rules run in the fast matrix of compatibility-matrix.ts):
 * - A pair that breaks a hard limit is excluded and NOT scored (score null). Every limit broken is
 *   listed. A number beside a family who said no invites a worker to argue them past their own
 *   limits, the failure that sank algorithmic matching elsewhere (domain.md, "Family finding today").
 * - Each soft criterion yields a fraction between 0 and 1. A criterion that does not apply to the
 *   children (no Welsh to keep, no one to stay near) or whose data is unknown counts NEITHER for
 *   nor against: it is left out, and the 100 points are shared among the criteria that could be
 *   assessed, in proportion to the agency's weights. Unknowns are listed in `missing` and shown as
 *   unknown, never as a silent zero; `coverage` says how much of the weight that applies was
 *   actually assessed, so a 90 resting on half the picture is visible as such.
 * - Points are kept in tenths: each criterion's available tenths come from a largest-remainder
 *   share of 1,000, its contribution is round(available × fraction), and the score is the sum of
 *   contributions. A worker adding up the reasons gets the score exactly.
 */
import { NEED_CATEGORIES, type Severity } from '../children/index.ts';
import { CONTACT_ARRANGEMENTS } from '../recruitment/index.ts';
import {
  SEVERITY_INDEX,
  ageFit,
  childrenUpperLimit,
  compileConfig,
  completedYears,
  contactCredit,
  distinctPostcodes,
  ethnicityTargets,
  heritageMask,
  householdLanguageCodes,
  knownEthnicity,
  needsFraction,
  normaliseReligion,
  religionTargets,
  statusOf,
  type CompiledConfig,
} from './compatibility-rules.ts';
import { chord2, findCentroid, kmFromChord2, toUnitVector, type CentroidLookup, type UnitVector } from './geography.ts';
import { CRITERIA, DEFAULT_MATCHING_CONFIG, type Criterion, type MatchingConfig } from './matching-config.ts';

import type {
  ChildInput,
  ConsiderationProfileInput,
  HouseholdInput,
  IdentityConsiderations,
  LanguageCode,
  ReasonStatus,
  SiblingGroupInput,
} from './compatibility-inputs.ts';

export type { ChildInput, ConsiderationProfileInput, HouseholdInput, IdentityConsiderations, LanguageCode, ReasonStatus, SiblingGroupInput };

/** The hard limits, in the order they are listed. */
export const EXCLUSION_CODES = ['children_count', 'sibling_group', 'age', 'need', 'need_not_rated', 'contact', 'safety_distance'] as const;
export type ExclusionCode = (typeof EXCLUSION_CODES)[number];

/** Data that could not be used, in the order it is listed. */
export const MISSING_CODES = [
  'child_age',
  'household_location',
  'birth_family_location',
  'contact_location',
  'household_languages',
  'identity_not_recorded',
  'religion_to_reflect',
  'household_religion',
  'ethnicity_to_reflect',
  'household_ethnicity',
  'experience',
  'support_network',
  'therapeutic_preparation',
] as const;
export type MissingCode = (typeof MISSING_CODES)[number];

export type Params = Record<string, string | number | boolean | readonly (string | number)[]>;
export type Exclusion = { code: ExclusionCode; params: Params };
export type MissingData = { code: MissingCode; params: Params };

export type Reason = {
  criterion: Criterion;
  /** The agency's configured weight. */
  weight: number;
  /** Points this criterion could earn for this pair (its share of 100 among the assessed criteria). */
  available: number;
  /** Points earned: round(available × fraction), in tenths. */
  contribution: number;
  status: ReasonStatus;
  params: Params;
};

export type CompatibilityResult = {
  groupId: string;
  householdId: string;
  eligible: boolean;
  /** 0–100 to one decimal, the sum of the contributions; null when excluded (not scored). */
  score: number | null;
  /** Every hard limit the pair breaks (empty when eligible). */
  exclusions: Exclusion[];
  /** Every soft criterion in CRITERIA order when eligible; empty when excluded. */
  reasons: Reason[];
  /** What could not be checked or assessed (hard-limit data always; soft criteria when eligible). */
  missing: MissingData[];
  /** Assessed weight ÷ weight of the criteria that apply (1 when nothing was unknown); null when excluded. */
  coverage: number | null;
};

// ---------------------------------------------------------------------------------------------

/**
 * Scores one pair with every reason (the explained path). For ranking thousands of pairs use
 * eligiblePairs (compatibility-matrix.ts), which gives the same eligibility and the same score.
 */
export function score(
  group: SiblingGroupInput,
  household: HouseholdInput,
  config: MatchingConfig = DEFAULT_MATCHING_CONFIG,
  centroids?: CentroidLookup,
): CompatibilityResult {
  if (group.children.length === 0) throw new RangeError(`sibling group ${group.id} has no children`);
  const cc = compileConfig(config);
  const profile = household.profile;
  const size = group.children.length;
  const exclusions: Exclusion[] = [];
  const missing: MissingData[] = [];

  if (size < profile.childrenMin || size > childrenUpperLimit(profile.childrenMax)) {
    exclusions.push({ code: 'children_count', params: { size, min: profile.childrenMin, max: profile.childrenMax } });
  }
  if (size >= 2 && !profile.siblingGroups) exclusions.push({ code: 'sibling_group', params: { size } });

  const knownAges: number[] = [];
  for (const child of group.children) {
    const age = completedYears(child.ageYears);
    if (age === null) continue;
    knownAges.push(age);
    if (age < profile.ageMin || age > profile.ageMax)
      exclusions.push({ code: 'age', params: { childId: child.id, age, min: profile.ageMin, max: profile.ageMax } });
  }
  if (knownAges.length < size) missing.push({ code: 'child_age', params: { unknown: size - knownAges.length, size } });

  for (const category of NEED_CATEGORIES) {
    let worst = -1;
    for (const child of group.children) for (const need of child.needs) if (need.category === category) worst = Math.max(worst, SEVERITY_INDEX[need.severity]);
    if (worst < 0) continue;
    const level = profile.needs[category];
    if (level === 'cannot') exclusions.push({ code: 'need', params: { need: category, severity: SEVERITY_NAMES[worst]! } });
    else if (level !== 'can' && level !== 'with_support')
      exclusions.push({ code: 'need_not_rated', params: { need: category, severity: SEVERITY_NAMES[worst]! } });
  }

  for (const contact of CONTACT_ARRANGEMENTS) {
    if (group.requiredContact.includes(contact) && !profile.contact.includes(contact)) exclusions.push({ code: 'contact', params: { contact } });
  }

  const homePoint = findCentroid(centroids, household.postcode);
  const home = homePoint ? toUnitVector(homePoint) : null;
  const birthFamily = distinctPostcodes(group.birthFamilyPostcodes);
  const contacts = distinctPostcodes(group.importantContactPostcodes);
  if (!home && (birthFamily.length > 0 || contacts.length > 0)) {
    missing.push({ code: 'household_location', params: { birthFamily: birthFamily.length > 0, contacts: contacts.length > 0 } });
  }
  if (birthFamily.length > 0) {
    let unknown = 0;
    for (const postcode of birthFamily) {
      const point = findCentroid(centroids, postcode);
      if (!point) {
        unknown++;
        continue;
      }
      if (!home) continue;
      const p = toUnitVector(point);
      const c2 = chord2(home.x, home.y, home.z, p.x, p.y, p.z);
      if (c2 <= cc.safetyChord2)
        exclusions.push({ code: 'safety_distance', params: { distanceKm: Math.round(kmFromChord2(c2) * 10) / 10, limitKm: config.safetyDistanceKm } });
    }
    if (unknown > 0) missing.push({ code: 'birth_family_location', params: { unknown, total: birthFamily.length } });
  }

  if (exclusions.length > 0)
    return { groupId: group.id, householdId: household.id, eligible: false, score: null, exclusions, reasons: [], missing, coverage: null };

  const fractions = new Map<Criterion, { fraction: number | null; params: Params }>();
  fractions.set('needs', needsCriterion(group, profile, config));
  fractions.set('age', knownAges.length === 0 ? { fraction: null, params: {} } : ageCriterion(knownAges, profile, config));
  fractions.set('language', languageCriterion(group, household, missing));
  fractions.set('identity', identityCriterion(group, household, config, missing));
  fractions.set('experience', booleanCriterion(household.experienceOfChildren, 'experience', missing));
  fractions.set(
    'supportNetwork',
    household.supportNetwork === null
      ? (missing.push({ code: 'support_network', params: {} }), { fraction: null, params: {} })
      : { fraction: config.supportNetworkCredit[household.supportNetwork], params: { level: household.supportNetwork } },
  );
  fractions.set('therapeuticPreparation', booleanCriterion(household.therapeuticPreparationComplete, 'therapeutic_preparation', missing));
  fractions.set('contactDistance', contactCriterion(contacts, home, cc, centroids, missing));

  let mask = 0;
  let applicable = 0;
  let assessed = 0;
  CRITERIA.forEach((criterion, i) => {
    const f = fractions.get(criterion)!;
    if (f.fraction === NOT_APPLICABLE) return;
    applicable += cc.weights[i]!;
    if (f.fraction === null) return;
    mask |= 1 << i;
    assessed += cc.weights[i]!;
  });
  let total = 0;
  const reasons: Reason[] = CRITERIA.map((criterion, i) => {
    const { fraction, params } = fractions.get(criterion)!;
    const weight = config.weights[criterion];
    if (fraction === NOT_APPLICABLE) return { criterion, weight, available: 0, contribution: 0, status: 'not_applicable', params };
    if (fraction === null) return { criterion, weight, available: 0, contribution: 0, status: 'unknown', params };
    const available = cc.allocation[mask * CRITERIA.length + i]!;
    const contribution = Math.round(available * fraction);
    total += contribution;
    return { criterion, weight, available: available / 10, contribution: contribution / 10, status: statusOf(fraction), params };
  });
  missing.sort((a, b) => MISSING_CODES.indexOf(a.code) - MISSING_CODES.indexOf(b.code));
  return {
    groupId: group.id,
    householdId: household.id,
    eligible: true,
    score: total / 10,
    exclusions,
    reasons,
    missing,
    coverage: coverageOf(assessed, applicable),
  };
}

const SEVERITY_NAMES: readonly Severity[] = ['mild', 'moderate', 'severe'];

/** A fraction in 0–1; null = unknown; NOT_APPLICABLE = the criterion does not apply to these children. */
const NOT_APPLICABLE = -1;
type Assessment = { fraction: number | null; params: Params };

function coverageOf(assessed: number, applicable: number): number {
  return applicable > 0 ? assessed / applicable : 1;
}

function needsCriterion(group: SiblingGroupInput, profile: ConsiderationProfileInput, config: MatchingConfig): Assessment {
  let total = 0;
  let can = 0;
  const withSupport = [0, 0, 0];
  for (const child of group.children) {
    for (const need of child.needs) {
      total++;
      if (profile.needs[need.category] === 'can') can++;
      else withSupport[SEVERITY_INDEX[need.severity]]!++;
    }
  }
  if (total === 0) return { fraction: NOT_APPLICABLE, params: { total: 0 } };
  const [mild = 0, moderate = 0, severe = 0] = withSupport;
  return {
    fraction: needsFraction(can, mild, moderate, severe, total, config.withSupportCredit),
    params: { total, can, withSupport: mild + moderate + severe },
  };
}

function ageCriterion(ages: readonly number[], profile: ConsiderationProfileInput, config: MatchingConfig): Assessment {
  let sum = 0;
  for (const age of ages) sum += ageFit(age, profile.ageMin, profile.ageMax, config.ageEdgeCredit);
  return { fraction: sum / ages.length, params: { ages: [...ages], min: profile.ageMin, max: profile.ageMax } };
}

function languageCriterion(group: SiblingGroupInput, household: HouseholdInput, missing: MissingData[]): Assessment {
  const childSpeaks = group.children.some((c) => c.languages.includes('cy'));
  if (!childSpeaks && !group.identity?.welshLanguageImportant) return { fraction: NOT_APPLICABLE, params: {} };
  const because = childSpeaks ? 'child' : 'important';
  const codes = householdLanguageCodes(household.languages);
  if (codes === null) {
    missing.push({ code: 'household_languages', params: {} });
    return { fraction: null, params: { because } };
  }
  return { fraction: codes.has('cy') ? 1 : 0, params: { because } };
}

function identityCriterion(group: SiblingGroupInput, household: HouseholdInput, config: MatchingConfig, missing: MissingData[]): Assessment {
  const identity = group.identity;
  if (identity === null) {
    missing.push({ code: 'identity_not_recorded', params: {} });
    return { fraction: null, params: {} };
  }
  if (!identity.religionImportant && !identity.ethnicityImportant) return { fraction: NOT_APPLICABLE, params: {} };
  let sum = 0;
  let known = 0;
  const params: Params = { religion: 'not_important', ethnicity: 'not_important' };
  if (identity.religionImportant) {
    const targets = religionTargets(group);
    const theirs = normaliseReligion(household.religion);
    if (targets.length === 0) {
      params.religion = 'unknown';
      missing.push({ code: 'religion_to_reflect', params: {} });
    } else if (theirs === null) {
      params.religion = 'unknown';
      missing.push({ code: 'household_religion', params: {} });
    } else {
      const shared = targets.includes(theirs);
      params.religion = shared ? 'shared' : 'not_shared';
      sum += shared ? 1 : 0;
      known++;
    }
  }
  if (identity.ethnicityImportant) {
    const targets = ethnicityTargets(group);
    if (targets.length === 0) {
      params.ethnicity = 'unknown';
      missing.push({ code: 'ethnicity_to_reflect', params: {} });
    } else if (!knownEthnicity(household.ethnicity)) {
      params.ethnicity = 'unknown';
      missing.push({ code: 'household_ethnicity', params: {} });
    } else {
      const theirs = household.ethnicity;
      const exact = targets.includes(theirs);
      const broad = !exact && targets.some((e) => (heritageMask(e) & heritageMask(theirs)) !== 0);
      params.ethnicity = exact ? 'shared' : broad ? 'broad' : 'not_shared';
      sum += exact ? 1 : broad ? config.ethnicityBroadGroupCredit : 0;
      known++;
    }
  }
  return { fraction: known === 0 ? null : sum / known, params };
}

function booleanCriterion(value: boolean | null, code: MissingCode, missing: MissingData[]): Assessment {
  if (value === null) {
    missing.push({ code, params: {} });
    return { fraction: null, params: {} };
  }
  return { fraction: value ? 1 : 0, params: {} };
}

function contactCriterion(
  contacts: readonly string[],
  home: UnitVector | null,
  cc: CompiledConfig,
  centroids: CentroidLookup | undefined,
  missing: MissingData[],
): Assessment {
  const config = cc.config;
  if (contacts.length === 0) return { fraction: NOT_APPLICABLE, params: {} };
  const params = { fullKm: config.contactFullCreditKm, maxKm: config.contactMaxKm };
  const points: UnitVector[] = [];
  for (const postcode of contacts) {
    const point = findCentroid(centroids, postcode);
    if (point) points.push(toUnitVector(point));
  }
  if (points.length < contacts.length) missing.push({ code: 'contact_location', params: { unknown: contacts.length - points.length, total: contacts.length } });
  if (!home || points.length === 0) return { fraction: null, params };
  let sum = 0;
  const distances: number[] = [];
  for (const p of points) {
    const c2 = chord2(home.x, home.y, home.z, p.x, p.y, p.z);
    distances.push(Math.round(kmFromChord2(c2)));
    sum += contactCredit(c2, cc);
  }
  return { fraction: sum / points.length, params: { ...params, distances } };
}

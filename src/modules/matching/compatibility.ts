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
import { ETHNICITIES, NEED_CATEGORIES, type Ethnicity, type LANGUAGE_CODES, type NeedCategory, type Severity } from '../children/vocabulary.ts';
import { CONTACT_ARRANGEMENTS, MAX_CHILDREN_CONSIDERED, type ConsiderationLevel, type ContactArrangement } from '../recruitment/vocabulary.ts';
import { chord2, chord2ForKm, findCentroid, kmFromChord2, postcodeKey, toUnitVector, type CentroidLookup, type UnitVector } from './geography.ts';
import { CRITERIA, DEFAULT_MATCHING_CONFIG, type Criterion, type MatchingConfig, type SupportNetworkLevel } from './matching-config.ts';

export type LanguageCode = (typeof LANGUAGE_CODES)[number];

export type ChildInput = {
  id: string;
  /** Age in completed years; null when not known (then the age limit cannot be checked for this child). */
  ageYears: number | null;
  needs: readonly { category: NeedCategory; severity: Severity }[];
  /** The languages the child speaks. */
  languages: readonly LanguageCode[];
  ethnicity: Ethnicity | null;
  religion: string | null;
};

/**
 * What the children's worker has recorded about identity: whether the family should share the
 * children's religion, reflect their heritage, and speak Welsh with them. In Wales an adoption
 * agency must give due consideration to the child's religious persuasion, racial origin and
 * cultural and linguistic background (Adoption and Children Act 2002, s.1(5)); it is the worker's
 * judgement for each child, so the score follows what the worker recorded and never infers that
 * ethnicity or religion matters merely because one is recorded on the child's file.
 */
export type IdentityConsiderations = {
  religionImportant: boolean;
  /** The religion a family should share; null = the children's own recorded religion. */
  religion: string | null;
  ethnicityImportant: boolean;
  /** The heritage a family should reflect; empty = the children's own recorded ethnicities. */
  ethnicities: readonly Ethnicity[];
  welshLanguageImportant: boolean;
};

/** The children matched as one unit: the matcher scores and places a group whole, never split. */
export type SiblingGroupInput = {
  id: string;
  children: readonly ChildInput[];
  /** The contact the children's plan requires after placement. */
  requiredContact: readonly ContactArrangement[];
  /** null = not recorded by the children's worker (shown as unknown). */
  identity: IdentityConsiderations | null;
  /** Birth family postcodes: a household within the safety distance of any of them is excluded. */
  birthFamilyPostcodes: readonly string[];
  /** People the children should stay near (a sibling placed elsewhere, a grandparent). */
  importantContactPostcodes: readonly string[];
  /** Days waited. Not part of compatibility: the assignment adds its own priority bonus for waiting. */
  waitingDays: number;
};

/** The family's current consideration profile (recruitment's consideration_profiles). */
export type ConsiderationProfileInput = {
  childrenMin: number;
  /** 4 means "4 or more". */
  childrenMax: number;
  ageMin: number;
  ageMax: number;
  siblingGroups: boolean;
  /** A need category the family has not rated excludes children with that need until they say. */
  needs: Partial<Record<NeedCategory, ConsiderationLevel>>;
  contact: readonly ContactArrangement[];
};

export type HouseholdInput = {
  id: string;
  profile: ConsiderationProfileInput;
  /** Free text as recorded ("Welsh", "Cymraeg", "English"); empty = not recorded. */
  languages: readonly string[];
  ethnicity: Ethnicity | null;
  religion: string | null;
  postcode: string | null;
  experienceOfChildren: boolean | null;
  supportNetwork: SupportNetworkLevel | null;
  therapeuticPreparationComplete: boolean | null;
  /** How many groups the family may take at once (default 1); used by the assignment, not the score. */
  capacity?: number;
};

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

/** 'not_applicable' and 'unknown' criteria earn no points and are left out of the share of 100. */
export type ReasonStatus = 'met' | 'partly' | 'not_met' | 'unknown' | 'not_applicable';

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
// Rules shared by this explained path and the fast matrix: one formula each, so both agree exactly.

export type CompiledConfig = {
  config: MatchingConfig;
  weights: Float64Array;
  /** Available tenths per criterion for each mask of assessed criteria: [mask * CRITERIA.length + i]. */
  allocation: Int32Array;
  safetyChord2: number;
  contactFullChord2: number;
  contactMaxChord2: number;
};

const compiledConfigs = new WeakMap<MatchingConfig, CompiledConfig>();

/** Weights, the allocation table and the safety chord, computed once per configuration object. */
export function compileConfig(config: MatchingConfig): CompiledConfig {
  const cached = compiledConfigs.get(config);
  if (cached) return cached;
  const n = CRITERIA.length;
  const weights = Float64Array.from(CRITERIA, (c) => config.weights[c]);
  const allocation = new Int32Array((1 << n) * n);
  for (let mask = 0; mask < 1 << n; mask++) allocation.set(allocateTenths(weights, mask), mask * n);
  const compiled = {
    config,
    weights,
    allocation,
    safetyChord2: chord2ForKm(config.safetyDistanceKm),
    contactFullChord2: chord2ForKm(config.contactFullCreditKm),
    contactMaxChord2: chord2ForKm(config.contactMaxKm),
  };
  compiledConfigs.set(config, compiled);
  return compiled;
}

/**
 * Shares 1,000 tenths among the criteria in `mask` in proportion to their weights, by largest
 * remainder (ties to the earlier criterion), so the available points always add up to 100.
 */
export function allocateTenths(weights: ArrayLike<number>, mask: number): Int32Array {
  const n = weights.length;
  const out = new Int32Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) if (mask & (1 << i)) total += weights[i]!;
  if (total <= 0) return out;
  const remainders: { i: number; r: number }[] = [];
  let given = 0;
  for (let i = 0; i < n; i++) {
    if (!(mask & (1 << i))) continue;
    const exact = (1000 * weights[i]!) / total;
    out[i] = Math.floor(exact);
    given += out[i]!;
    remainders.push({ i, r: exact - out[i]! });
  }
  remainders.sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; given < 1000; k++, given++) out[remainders[k % remainders.length]!.i]! += 1;
  return out;
}

/** Needs: full credit for each need the family can consider, the severity's credit for "with support". */
export function needsFraction(can: number, mild: number, moderate: number, severe: number, total: number, c: MatchingConfig['withSupportCredit']): number {
  return (can + mild * c.mild + moderate * c.moderate + severe * c.severe) / total;
}

/** Age fit of one child: 1 at the middle of the family's range, `edge` at either end. */
export function ageFit(age: number, ageMin: number, ageMax: number, edge: number): number {
  const half = (ageMax - ageMin) / 2;
  if (half <= 0) return 1;
  return 1 - ((1 - edge) * Math.abs(age - (ageMin + ageMax) / 2)) / half;
}

/**
 * Distance credit for one important person, from the squared chord to them (geography.ts): 1 within
 * the full-credit distance, 0 from the maximum, a straight line in km between. The two thresholds
 * are compared as chords, so most pairs need no arcsine.
 */
export function contactCredit(c2: number, cc: CompiledConfig): number {
  if (c2 <= cc.contactFullChord2) return 1;
  if (c2 >= cc.contactMaxChord2) return 0;
  const { contactFullCreditKm: fullKm, contactMaxKm: maxKm } = cc.config;
  return Math.min(1, Math.max(0, (maxKm - kmFromChord2(c2)) / (maxKm - fullKm)));
}

/** Ages are compared in completed years. */
export function completedYears(age: number | null): number | null {
  return age === null || !Number.isFinite(age) ? null : Math.floor(age);
}

/** The largest number a family can consider: 4 is "4 or more". */
export function childrenUpperLimit(childrenMax: number): number {
  return childrenMax >= MAX_CHILDREN_CONSIDERED ? Number.POSITIVE_INFINITY : childrenMax;
}

const WELSH_NAMES = new Set(['welsh', 'cymraeg', 'cy', 'cym', 'wel']);
const ENGLISH_NAMES = new Set(['english', 'saesneg', 'en', 'eng']);

function plain(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * The household's languages as codes. Only a plain language name counts ("Welsh", "Cymraeg",
 * "cy", "Welsh (fluent)"); "learning Welsh" is another matter for the worker, not a Welsh speaker.
 * null when nothing is recorded.
 */
export function householdLanguageCodes(languages: readonly string[]): Set<LanguageCode> | null {
  const codes = new Set<LanguageCode>();
  for (const raw of languages) {
    const name = plain(raw.replace(/\([^)]*\)/g, ''));
    if (name === '') continue;
    codes.add(WELSH_NAMES.has(name) ? 'cy' : ENGLISH_NAMES.has(name) ? 'en' : 'other');
  }
  return codes.size === 0 ? null : codes;
}

/** Religions are free text: compared ignoring case, accents and spacing. */
export function normaliseReligion(text: string | null): string | null {
  if (text === null) return null;
  const p = plain(text);
  return p === '' ? null : p;
}

/** An ethnicity that says something (not "not known" or "not stated"). */
export function knownEthnicity(e: Ethnicity | null | undefined): e is Ethnicity {
  return !!e && e !== 'not_known' && e !== 'not_stated' && ETHNICITIES.includes(e);
}

/**
 * The broad heritage an ethnic group shares with others: its Census heading, and for a mixed
 * group each heritage it mixes (a child of White and Asian heritage shares part of it with a
 * White family and with an Asian one). "Any other ethnic group" shares nothing broader than itself.
 */
export const BROAD_HERITAGE = ['asian', 'black', 'mixed', 'white', 'arab'] as const;
const HERITAGE: Record<Ethnicity, readonly (typeof BROAD_HERITAGE)[number][]> = {
  asian_bangladeshi: ['asian'],
  asian_chinese: ['asian'],
  asian_indian: ['asian'],
  asian_pakistani: ['asian'],
  asian_other: ['asian'],
  black_african: ['black'],
  black_caribbean: ['black'],
  black_other: ['black'],
  mixed_white_asian: ['mixed', 'white', 'asian'],
  mixed_white_black_african: ['mixed', 'white', 'black'],
  mixed_white_black_caribbean: ['mixed', 'white', 'black'],
  mixed_other: ['mixed'],
  white_british: ['white'],
  white_irish: ['white'],
  white_gypsy_irish_traveller: ['white'],
  white_roma: ['white'],
  white_other: ['white'],
  other_arab: ['arab'],
  other_any: [],
  not_known: [],
  not_stated: [],
};

/** The broad heritage of an ethnic group as a bitmask over BROAD_HERITAGE. */
export function heritageMask(e: Ethnicity): number {
  let mask = 0;
  for (const h of HERITAGE[e]) mask |= 1 << BROAD_HERITAGE.indexOf(h);
  return mask;
}

/** Postcodes counted once each (same postcode however typed). */
export function distinctPostcodes(postcodes: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of postcodes) {
    const key = postcodeKey(raw) ?? raw.trim().toUpperCase();
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(raw);
  }
  return out;
}

export function statusOf(fraction: number): ReasonStatus {
  return fraction >= 1 ? 'met' : fraction <= 0 ? 'not_met' : 'partly';
}

const round1 = (x: number) => Math.round(x * 10) / 10;

// ---------------------------------------------------------------------------------------------

/**
 * Scores one pair with every reason (the explained path). For ranking thousands of pairs use
 * eligiblePairs (compatibility-matrix.ts), which gives the same eligibility and the same score.
 */
export function score(group: SiblingGroupInput, household: HouseholdInput, config: MatchingConfig = DEFAULT_MATCHING_CONFIG, centroids?: CentroidLookup): CompatibilityResult {
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
    if (age < profile.ageMin || age > profile.ageMax) exclusions.push({ code: 'age', params: { childId: child.id, age, min: profile.ageMin, max: profile.ageMax } });
  }
  if (knownAges.length < size) missing.push({ code: 'child_age', params: { unknown: size - knownAges.length, size } });

  for (const category of NEED_CATEGORIES) {
    let worst = -1;
    for (const child of group.children) for (const need of child.needs) if (need.category === category) worst = Math.max(worst, SEVERITY_INDEX[need.severity]);
    if (worst < 0) continue;
    const level = profile.needs[category];
    if (level === 'cannot') exclusions.push({ code: 'need', params: { need: category, severity: SEVERITY_NAMES[worst]! } });
    else if (level !== 'can' && level !== 'with_support') exclusions.push({ code: 'need_not_rated', params: { need: category, severity: SEVERITY_NAMES[worst]! } });
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
      if (c2 <= cc.safetyChord2) exclusions.push({ code: 'safety_distance', params: { distanceKm: round1(kmFromChord2(c2)), limitKm: config.safetyDistanceKm } });
    }
    if (unknown > 0) missing.push({ code: 'birth_family_location', params: { unknown, total: birthFamily.length } });
  }

  if (exclusions.length > 0) return { groupId: group.id, householdId: household.id, eligible: false, score: null, exclusions, reasons: [], missing, coverage: null };

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
  return { groupId: group.id, householdId: household.id, eligible: true, score: total / 10, exclusions, reasons, missing, coverage: coverageOf(assessed, applicable) };
}

/** A fraction in 0–1; null = unknown; NOT_APPLICABLE = the criterion does not apply to these children. */
const NOT_APPLICABLE = -1;
type Assessment = { fraction: number | null; params: Params };

function coverageOf(assessed: number, applicable: number): number {
  return applicable > 0 ? assessed / applicable : 1;
}

export const SEVERITY_INDEX: Record<Severity, number> = { mild: 0, moderate: 1, severe: 2 };
const SEVERITY_NAMES: readonly Severity[] = ['mild', 'moderate', 'severe'];

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
  return { fraction: needsFraction(can, mild, moderate, severe, total, config.withSupportCredit), params: { total, can, withSupport: mild + moderate + severe } };
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

/** The religions a family should share: the one the worker named, else the children's own. */
export function religionTargets(group: SiblingGroupInput): string[] {
  const named = normaliseReligion(group.identity?.religion ?? null);
  if (named !== null) return [named];
  const out: string[] = [];
  for (const child of group.children) {
    const r = normaliseReligion(child.religion);
    if (r !== null && !out.includes(r)) out.push(r);
  }
  return out;
}

/** The heritage a family should reflect: the worker's list, else the children's own recorded ethnicities. */
export function ethnicityTargets(group: SiblingGroupInput): Ethnicity[] {
  const named = (group.identity?.ethnicities ?? []).filter(knownEthnicity);
  if (named.length > 0) return [...new Set(named)];
  return [...new Set(group.children.map((c) => c.ethnicity).filter(knownEthnicity))];
}

function booleanCriterion(value: boolean | null, code: MissingCode, missing: MissingData[]): Assessment {
  if (value === null) {
    missing.push({ code, params: {} });
    return { fraction: null, params: {} };
  }
  return { fraction: value ? 1 : 0, params: {} };
}

function contactCriterion(contacts: readonly string[], home: UnitVector | null, cc: CompiledConfig, centroids: CentroidLookup | undefined, missing: MissingData[]): Assessment {
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

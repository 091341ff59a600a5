/**
 * The fast matrix's view of its inputs: every household and every group compiled once into typed
 * arrays (bitmasks for needs and contact, unit vectors for postcodes, interned religions) and the
 * distance-free hard limits as household bitsets. The same rules as the explained path
 * (compatibility-rules.ts); nothing here decides a score.
 */
import { ETHNICITIES, NEED_CATEGORIES } from '../children/index.ts';
import { CONTACT_ARRANGEMENTS } from '../recruitment/index.ts';
import {
  SEVERITY_INDEX,
  childrenUpperLimit,
  completedYears,
  distinctPostcodes,
  ethnicityTargets,
  heritageMask,
  householdLanguageCodes,
  knownEthnicity,
  normaliseReligion,
  religionTargets,
} from './compatibility-rules.ts';
import type { HouseholdInput, SiblingGroupInput } from './compatibility.ts';
import { findCentroid, toUnitVector, type CentroidLookup, type LatLon } from './geography.ts';
import type { MatchingConfig } from './matching-config.ts';

export const NO_LIMIT = 0x7fffffff;
/** A household fact not known. */
export const UNKNOWN = -1;

export type HouseholdTable = ReturnType<typeof compileHouseholds>;
export type GroupTable = ReturnType<typeof compileGroups>;

export function compileHouseholds(
  households: readonly HouseholdInput[],
  config: MatchingConfig,
  centroids: CentroidLookup | undefined,
  religions: Map<string, number>,
) {
  const n = households.length;
  const t = {
    childrenMin: new Int32Array(n),
    childrenMax: new Int32Array(n),
    ageMin: new Float64Array(n),
    ageMax: new Float64Array(n),
    siblings: new Uint8Array(n),
    /** Need categories rated "cannot" or not rated: a child with one excludes the pair. */
    blockedNeeds: new Int32Array(n),
    canNeeds: new Int32Array(n),
    contact: new Int32Array(n),
    located: new Uint8Array(n),
    x: new Float64Array(n),
    y: new Float64Array(n),
    z: new Float64Array(n),
    welsh: new Int8Array(n),
    religion: new Int32Array(n),
    ethnicity: new Int8Array(n),
    heritage: new Int32Array(n),
    experience: new Int8Array(n),
    support: new Float64Array(n),
    therapeutic: new Int8Array(n),
  };
  for (let i = 0; i < n; i++) {
    const h = households[i]!;
    const p = h.profile;
    t.childrenMin[i] = p.childrenMin;
    t.childrenMax[i] = Math.min(NO_LIMIT, childrenUpperLimit(p.childrenMax));
    t.ageMin[i] = p.ageMin;
    t.ageMax[i] = p.ageMax;
    t.siblings[i] = p.siblingGroups ? 1 : 0;
    let can = 0;
    let blocked = 0;
    for (let bit = 0; bit < NEED_CATEGORIES.length; bit++) {
      const level = p.needs[NEED_CATEGORIES[bit]!];
      if (level === 'can') can |= 1 << bit;
      else if (level !== 'with_support') blocked |= 1 << bit;
    }
    t.canNeeds[i] = can;
    t.blockedNeeds[i] = blocked;
    t.contact[i] = contactMask(p.contact);
    const home = findCentroid(centroids, h.postcode);
    if (home) {
      const v = toUnitVector(home);
      t.located[i] = 1;
      t.x[i] = v.x;
      t.y[i] = v.y;
      t.z[i] = v.z;
    }
    const languages = householdLanguageCodes(h.languages);
    t.welsh[i] = languages === null ? UNKNOWN : languages.has('cy') ? 1 : 0;
    const religion = normaliseReligion(h.religion);
    t.religion[i] = religion === null ? UNKNOWN : intern(religions, religion);
    const known = knownEthnicity(h.ethnicity);
    t.ethnicity[i] = known ? ETHNICITIES.indexOf(h.ethnicity!) : UNKNOWN;
    t.heritage[i] = known ? heritageMask(h.ethnicity!) : 0;
    t.experience[i] = h.experienceOfChildren === null ? UNKNOWN : h.experienceOfChildren ? 1 : 0;
    t.support[i] = h.supportNetwork === null ? UNKNOWN : config.supportNetworkCredit[h.supportNetwork];
    t.therapeutic[i] = h.therapeuticPreparationComplete === null ? UNKNOWN : h.therapeuticPreparationComplete ? 1 : 0;
  }
  return t;
}

function contactMask(arrangements: readonly string[]): number {
  let mask = 0;
  for (let bit = 0; bit < CONTACT_ARRANGEMENTS.length; bit++) if (arrangements.includes(CONTACT_ARRANGEMENTS[bit]!)) mask |= 1 << bit;
  return mask;
}

function intern(ids: Map<string, number>, value: string): number {
  let id = ids.get(value);
  if (id === undefined) ids.set(value, (id = ids.size));
  return id;
}

/** Identity: 0 not recorded (unknown), 1 nothing to reflect (not applicable), 2 to assess. */
export const IDENTITY_UNKNOWN = 0;
export const IDENTITY_NOT_APPLICABLE = 1;

export function compileGroups(groups: readonly SiblingGroupInput[], centroids: CentroidLookup | undefined, religions: Map<string, number>) {
  const n = groups.length;
  const ages: number[] = [];
  const needs: number[] = []; // per entry: category bit, mild, moderate, severe
  const birthFamily: number[] = []; // x, y, z
  const contacts: number[] = [];
  const religionList: number[] = [];
  const t = {
    size: new Int32Array(n),
    ageStart: new Uint32Array(n + 1),
    needMask: new Int32Array(n),
    needTotal: new Int32Array(n),
    needStart: new Uint32Array(n + 1),
    contact: new Int32Array(n),
    birthStart: new Uint32Array(n + 1),
    welshApplies: new Uint8Array(n),
    identity: new Uint8Array(n),
    religionImportant: new Uint8Array(n),
    religionStart: new Uint32Array(n + 1),
    ethnicityImportant: new Uint8Array(n),
    ethnicityExact: new Int32Array(n),
    ethnicityBroad: new Int32Array(n),
    contactsApply: new Uint8Array(n),
    contactStart: new Uint32Array(n + 1),
    ages: new Float64Array(0),
    needs: new Int32Array(0),
    birthFamily: new Float64Array(0),
    contacts: new Float64Array(0),
    religions: new Int32Array(0),
  };
  const counts = new Int32Array(NEED_CATEGORIES.length * 3);
  for (let i = 0; i < n; i++) {
    const g = groups[i]!;
    if (g.children.length === 0) throw new RangeError(`sibling group ${g.id} has no children`);
    t.size[i] = g.children.length;
    let welsh = g.identity?.welshLanguageImportant === true;
    counts.fill(0);
    for (const child of g.children) {
      const age = completedYears(child.ageYears);
      if (age !== null) ages.push(age);
      for (const need of child.needs) counts[3 * NEED_CATEGORIES.indexOf(need.category) + SEVERITY_INDEX[need.severity]]!++;
      if (child.languages.includes('cy')) welsh = true;
    }
    t.ageStart[i + 1] = ages.length;

    for (let bit = 0; bit < NEED_CATEGORIES.length; bit++) {
      const mild = counts[3 * bit]!;
      const moderate = counts[3 * bit + 1]!;
      const severe = counts[3 * bit + 2]!;
      if (mild + moderate + severe === 0) continue;
      t.needMask[i]! |= 1 << bit;
      t.needTotal[i]! += mild + moderate + severe;
      needs.push(1 << bit, mild, moderate, severe);
    }
    t.needStart[i + 1] = needs.length / 4;

    t.contact[i] = contactMask(g.requiredContact);
    for (const postcode of distinctPostcodes(g.birthFamilyPostcodes)) pushPoint(birthFamily, findCentroid(centroids, postcode));
    t.birthStart[i + 1] = birthFamily.length / 3;

    t.welshApplies[i] = welsh ? 1 : 0;
    const identity = g.identity;
    t.identity[i] = identity === null ? IDENTITY_UNKNOWN : !identity.religionImportant && !identity.ethnicityImportant ? IDENTITY_NOT_APPLICABLE : 2;
    t.religionImportant[i] = identity?.religionImportant ? 1 : 0;
    if (identity?.religionImportant) for (const r of religionTargets(g)) religionList.push(intern(religions, r));
    t.religionStart[i + 1] = religionList.length;
    t.ethnicityImportant[i] = identity?.ethnicityImportant ? 1 : 0;
    if (identity?.ethnicityImportant) {
      for (const e of ethnicityTargets(g)) {
        t.ethnicityExact[i]! |= 1 << ETHNICITIES.indexOf(e);
        t.ethnicityBroad[i]! |= heritageMask(e);
      }
    }
    const important = distinctPostcodes(g.importantContactPostcodes);
    t.contactsApply[i] = important.length > 0 ? 1 : 0;
    for (const postcode of important) pushPoint(contacts, findCentroid(centroids, postcode));
    t.contactStart[i + 1] = contacts.length / 3;
  }
  t.ages = Float64Array.from(ages);
  t.needs = Int32Array.from(needs);
  t.birthFamily = Float64Array.from(birthFamily);
  t.contacts = Float64Array.from(contacts);
  t.religions = Int32Array.from(religionList);
  return t;
}

function pushPoint(points: number[], point: LatLon | null): void {
  if (!point) return;
  const v = toUnitVector(point);
  points.push(v.x, v.y, v.z);
}

/**
 * The hard limits that need no distance, as bitsets over households (bit h of word h >> 5): for
 * each need category the households that rated it "can" or "with support", for each contact
 * arrangement those that can support it, and (made when first asked) for each group size and
 * each age those whose limits allow it. A group's candidates are the AND of the sets its
 * children call for: exactly the households no such limit excludes.
 */
export function hardLimitFilters(gs: GroupTable, hs: HouseholdTable) {
  const H = hs.childrenMin.length;
  const words = (H + 31) >>> 5;
  const needsAllowed = new Int32Array(NEED_CATEGORIES.length * words);
  const contactSupported = new Int32Array(CONTACT_ARRANGEMENTS.length * words);
  for (let h = 0; h < H; h++) {
    const word = h >>> 5;
    const bit = 1 << (h & 31);
    for (let c = 0; c < NEED_CATEGORIES.length; c++) if ((hs.blockedNeeds[h]! & (1 << c)) === 0) needsAllowed[c * words + word]! |= bit;
    for (let c = 0; c < CONTACT_ARRANGEMENTS.length; c++) if ((hs.contact[h]! & (1 << c)) !== 0) contactSupported[c * words + word]! |= bit;
  }
  const bySize = new Map<number, Int32Array>();
  const byAge = new Map<number, Int32Array>();
  const setOf = (allows: (h: number) => boolean) => {
    const set = new Int32Array(words);
    for (let h = 0; h < H; h++) if (allows(h)) set[h >>> 5]! |= 1 << (h & 31);
    return set;
  };
  const sizeSet = (size: number) => {
    let set = bySize.get(size);
    if (!set) bySize.set(size, (set = setOf((h) => size >= hs.childrenMin[h]! && size <= hs.childrenMax[h]! && (size === 1 || hs.siblings[h] === 1))));
    return set;
  };
  const ageSet = (age: number) => {
    let set = byAge.get(age);
    if (!set) byAge.set(age, (set = setOf((h) => age >= hs.ageMin[h]! && age <= hs.ageMax[h]!)));
    return set;
  };
  const scratch = new Int32Array(words);
  return {
    words,
    /** The households group g may be paired with as far as these limits go (reused between calls). */
    candidates(g: number): Int32Array {
      scratch.set(sizeSet(gs.size[g]!));
      const needMask = gs.needMask[g]!;
      for (let c = 0; c < NEED_CATEGORIES.length; c++) {
        if ((needMask & (1 << c)) === 0) continue;
        for (let w = 0, o = c * words; w < words; w++) scratch[w]! &= needsAllowed[o + w]!;
      }
      const required = gs.contact[g]!;
      for (let c = 0; c < CONTACT_ARRANGEMENTS.length; c++) {
        if ((required & (1 << c)) === 0) continue;
        for (let w = 0, o = c * words; w < words; w++) scratch[w]! &= contactSupported[o + w]!;
      }
      for (let a = gs.ageStart[g]!; a < gs.ageStart[g + 1]!; a++) {
        const set = ageSet(gs.ages[a]!);
        for (let w = 0; w < words; w++) scratch[w]! &= set[w]!;
      }
      return scratch;
    },
  };
}

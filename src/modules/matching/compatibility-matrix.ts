/**
 * The fast path of the compatibility score: every group against every household, for the
 * assignment and for ranked recommendations. Same rules, same numbers as `score` in
 * compatibility.ts (a property test holds them equal), but built for millions of pairs:
 *
 * - each household and each group is compiled ONCE into typed arrays (bitmasks for needs and
 *   contact, unit vectors for postcodes, interned religions), so the pair loop allocates nothing;
 * - hard limits are tested first, cheapest first, and a pair that breaks one costs a few
 *   comparisons; only eligible pairs are scored;
 * - reasons are not built here: ask `score` for the pairs a person looks at.
 */
import { ETHNICITIES, NEED_CATEGORIES } from '../children/vocabulary.ts';
import { CONTACT_ARRANGEMENTS } from '../recruitment/vocabulary.ts';
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
  type HouseholdInput,
  type SiblingGroupInput,
} from './compatibility.ts';
import { chord2, findCentroid, toUnitVector, type CentroidLookup, type LatLon } from './geography.ts';
import { CRITERIA, DEFAULT_MATCHING_CONFIG, type MatchingConfig } from './matching-config.ts';

export type EligiblePairsOptions = {
  /** Postcode centroids for the safety distance and the distance to important people. */
  centroids?: CentroidLookup;
  /** Keep only pairs scoring at least this (0–100). */
  minScore?: number;
  /** Keep only the best K households of each group (highest score; ties to the earlier household). */
  topK?: number;
};

/**
 * The allowed pairs, grouped by sibling group (compressed rows): the pairs of group g are at
 * positions offsets[g] to offsets[g + 1] - 1, each a household index and its score in tenths. Within a
 * group, households are in input order; with topK, best first.
 */
export type EligiblePairs = {
  groupCount: number;
  householdCount: number;
  offsets: Uint32Array;
  households: Uint32Array;
  /** Each pair's score × 10, an exact whole number 0–1000 (the score is kept in tenths of a point). */
  tenths: Uint16Array;
  count: number;
};

const NO_LIMIT = 0x7fffffff;
const UNKNOWN = -1;
const HOUSEHOLD_BITS = 22; // topK keys pack the household index into 22 bits

type HouseholdTable = ReturnType<typeof compileHouseholds>;
type GroupTable = ReturnType<typeof compileGroups>;

function compileHouseholds(households: readonly HouseholdInput[], config: MatchingConfig, centroids: CentroidLookup | undefined, religions: Map<string, number>) {
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
const IDENTITY_UNKNOWN = 0;
const IDENTITY_NOT_APPLICABLE = 1;

function compileGroups(groups: readonly SiblingGroupInput[], centroids: CentroidLookup | undefined, religions: Map<string, number>) {
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
 * Every allowed (eligible) pair of group and household with its score, the same score as
 * `score(group, household, config, centroids).score`. For 3,000 × 3,000 this takes well under a
 * second (bench/scoring.bench.ts).
 */
export function eligiblePairs(groups: readonly SiblingGroupInput[], households: readonly HouseholdInput[], config: MatchingConfig = DEFAULT_MATCHING_CONFIG, options: EligiblePairsOptions = {}): EligiblePairs {
  const topK = options.topK;
  if (topK !== undefined && (!Number.isInteger(topK) || topK < 1)) throw new RangeError('topK must be a positive whole number');
  if (households.length >= 1 << HOUSEHOLD_BITS) throw new RangeError(`at most ${(1 << HOUSEHOLD_BITS) - 1} households`);
  const religions = new Map<string, number>();
  const hs = compileHouseholds(households, config, options.centroids, religions);
  const gs = compileGroups(groups, options.centroids, religions);
  return scorePairs(gs, hs, config, options.minScore ?? Number.NEGATIVE_INFINITY, topK ?? 0);
}

function scorePairs(gs: GroupTable, hs: HouseholdTable, config: MatchingConfig, minScore: number, topK: number): EligiblePairs {
  const cc = compileConfig(config);
  const G = gs.size.length;
  const H = hs.childrenMin.length;
  const allocation = cc.allocation;
  const width = CRITERIA.length;
  const safety = cc.safetyChord2;
  const { ageEdgeCredit: edge, ethnicityBroadGroupCredit: broadCredit, withSupportCredit } = config;
  const { ageMin, ageMax, canNeeds, located, x, y, z, welsh, religion, ethnicity, heritage, experience, support, therapeutic } = hs;
  const { ages, needs, birthFamily, contacts, religions } = gs;
  const filters = hardLimitFilters(gs, hs);
  const words = filters.words;

  const offsets = new Uint32Array(G + 1);
  let capacity = Math.max(1024, topK > 0 ? G * Math.min(topK, H) : G * 64);
  let outHouseholds = new Uint32Array(capacity);
  let outTenths = new Uint16Array(capacity);
  let count = 0;
  const heap = new Float64Array(topK > 0 ? topK : 0);
  const indexSpan = 1 << HOUSEHOLD_BITS;

  for (let g = 0; g < G; g++) {
    const needTotal = gs.needTotal[g]!;
    const needFrom = gs.needStart[g]!;
    const needTo = gs.needStart[g + 1]!;
    const birthFrom = gs.birthStart[g]!;
    const birthTo = gs.birthStart[g + 1]!;
    const ageFrom = gs.ageStart[g]!;
    const ageTo = gs.ageStart[g + 1]!;
    const welshApplies = gs.welshApplies[g]!;
    const identity = gs.identity[g]!;
    const religionImportant = gs.religionImportant[g]!;
    const religionFrom = gs.religionStart[g]!;
    const religionTo = gs.religionStart[g + 1]!;
    const ethnicityImportant = gs.ethnicityImportant[g]!;
    const exactMask = gs.ethnicityExact[g]!;
    const broadMask = gs.ethnicityBroad[g]!;
    const contactsApply = gs.contactsApply[g]!;
    const contactFrom = gs.contactStart[g]!;
    const contactTo = gs.contactStart[g + 1]!;
    let heapSize = 0;
    if (topK === 0 && count + H > capacity) ({ outHouseholds, outTenths, capacity } = grow(outHouseholds, outTenths, count + H));

    // Hard limits on size, siblings, needs, contact and ages: one AND of household bitsets per
    // limit the group brings, instead of a test per pair. Survivors come out in household order.
    const candidates = filters.candidates(g);
    for (let word = 0; word < words; word++) {
      let bits = candidates[word]!;
      pairs: while (bits !== 0) {
        const low = bits & -bits;
        bits ^= low;
        const h = (word << 5) + 31 - Math.clz32(low);
        const hx = x[h]!;
        const hy = y[h]!;
        const hz = z[h]!;
        const isLocated = located[h] === 1;
        if (isLocated) {
          for (let b = birthFrom; b < birthTo; b++) {
            if (chord2(hx, hy, hz, birthFamily[3 * b]!, birthFamily[3 * b + 1]!, birthFamily[3 * b + 2]!) <= safety) continue pairs;
          }
        }

        // Soft criteria, in CRITERIA order: bit i of `mask` set when criterion i was assessed.
        let mask = 0;
        let f0 = 0, f1 = 0, f2 = 0, f3 = 0, f4 = 0, f5 = 0, f6 = 0, f7 = 0;
        if (needTotal > 0) {
          const can = canNeeds[h]!;
          let nCan = 0, mild = 0, moderate = 0, severe = 0;
          for (let e = needFrom; e < needTo; e++) {
            const k = 4 * e;
            if ((needs[k]! & can) !== 0) nCan += needs[k + 1]! + needs[k + 2]! + needs[k + 3]!;
            else {
              mild += needs[k + 1]!;
              moderate += needs[k + 2]!;
              severe += needs[k + 3]!;
            }
          }
          f0 = needsFraction(nCan, mild, moderate, severe, needTotal, withSupportCredit);
          mask |= 1;
        }
        if (ageTo > ageFrom) {
          let sum = 0;
          for (let a = ageFrom; a < ageTo; a++) sum += ageFit(ages[a]!, ageMin[h]!, ageMax[h]!, edge);
          f1 = sum / (ageTo - ageFrom);
          mask |= 2;
        }
        if (welshApplies === 1 && welsh[h] !== UNKNOWN) {
          f2 = welsh[h]!;
          mask |= 4;
        }
        if (identity > IDENTITY_NOT_APPLICABLE) {
          let sum = 0;
          let known = 0;
          if (religionImportant === 1 && religionTo > religionFrom && religion[h] !== UNKNOWN) {
            let shared = 0;
            for (let r = religionFrom; r < religionTo; r++) if (religions[r] === religion[h]) shared = 1;
            sum += shared;
            known++;
          }
          if (ethnicityImportant === 1 && exactMask !== 0 && ethnicity[h] !== UNKNOWN) {
            sum += (exactMask >>> ethnicity[h]!) & 1 ? 1 : (broadMask & heritage[h]!) !== 0 ? broadCredit : 0;
            known++;
          }
          if (known > 0) {
            f3 = sum / known;
            mask |= 8;
          }
        }
        if (experience[h] !== UNKNOWN) {
          f4 = experience[h]!;
          mask |= 16;
        }
        if (support[h] !== UNKNOWN) {
          f5 = support[h]!;
          mask |= 32;
        }
        if (therapeutic[h] !== UNKNOWN) {
          f6 = therapeutic[h]!;
          mask |= 64;
        }
        if (contactsApply === 1 && isLocated && contactTo > contactFrom) {
          let sum = 0;
          for (let c = contactFrom; c < contactTo; c++) {
            sum += contactCredit(chord2(hx, hy, hz, contacts[3 * c]!, contacts[3 * c + 1]!, contacts[3 * c + 2]!), cc);
          }
          f7 = sum / (contactTo - contactFrom);
          mask |= 128;
        }
        const base = mask * width;
        let tenths = 0;
        if (mask & 1) tenths += Math.round(allocation[base]! * f0);
        if (mask & 2) tenths += Math.round(allocation[base + 1]! * f1);
        if (mask & 4) tenths += Math.round(allocation[base + 2]! * f2);
        if (mask & 8) tenths += Math.round(allocation[base + 3]! * f3);
        if (mask & 16) tenths += Math.round(allocation[base + 4]! * f4);
        if (mask & 32) tenths += Math.round(allocation[base + 5]! * f5);
        if (mask & 64) tenths += Math.round(allocation[base + 6]! * f6);
        if (mask & 128) tenths += Math.round(allocation[base + 7]! * f7);
        if (tenths / 10 < minScore) continue pairs;

        if (topK === 0) {
          outHouseholds[count] = h;
          outTenths[count] = tenths;
          count++;
        } else {
          // A min-heap of the K best: key = score in tenths, then the earlier household first.
          const key = tenths * indexSpan + (indexSpan - 1 - h);
          if (heapSize < topK) {
            let i = heapSize++;
            while (i > 0) {
              const parent = (i - 1) >> 1;
              if (heap[parent]! <= key) break;
              heap[i] = heap[parent]!;
              i = parent;
            }
            heap[i] = key;
          } else if (key > heap[0]!) {
            siftDown(heap, heapSize, key);
          }
        }
      }
    }

    if (topK > 0) {
      if (count + heapSize > capacity) ({ outHouseholds, outTenths, capacity } = grow(outHouseholds, outTenths, count + heapSize));
      // Pop the heap from worst to best, writing backwards: the group's pairs end best first.
      for (let n = heapSize; n > 0; n--) {
        const key = heap[0]!;
        const last = heap[n - 1]!;
        if (n > 1) siftDown(heap, n - 1, last);
        const tenths = Math.floor(key / indexSpan);
        outHouseholds[count + n - 1] = indexSpan - 1 - (key - tenths * indexSpan);
        outTenths[count + n - 1] = tenths;
      }
      count += heapSize;
    }
    offsets[g + 1] = count;
  }
  return { groupCount: G, householdCount: H, offsets, households: outHouseholds.subarray(0, count), tenths: outTenths.subarray(0, count), count };
}

/**
 * The hard limits that need no distance, as bitsets over households (bit h of word h >> 5): for
 * each need category the households that rated it "can" or "with support", for each contact
 * arrangement those that can support it, and (made when first asked) for each group size and
 * each age those whose limits allow it. A group's candidates are the AND of the sets its
 * children call for: exactly the households no such limit excludes.
 */
function hardLimitFilters(gs: GroupTable, hs: HouseholdTable) {
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

/** Puts `key` at the root of a min-heap of `size` keys and sifts it down. */
function siftDown(heap: Float64Array, size: number, key: number): void {
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= size) break;
    const right = left + 1;
    const child = right < size && heap[right]! < heap[left]! ? right : left;
    if (heap[child]! >= key) break;
    heap[i] = heap[child]!;
    i = child;
  }
  heap[i] = key;
}

function grow(households: Uint32Array, tenths: Uint16Array, needed: number) {
  let capacity = households.length;
  while (capacity < needed) capacity *= 2;
  const h = new Uint32Array(capacity);
  h.set(households);
  const s = new Uint16Array(capacity);
  s.set(tenths);
  return { outHouseholds: h, outTenths: s, capacity };
}

/** The score of one pair in the result, or null when the pair is not in it (excluded or filtered out). */
export function pairScore(pairs: EligiblePairs, group: number, household: number): number | null {
  for (let i = pairs.offsets[group]!; i < pairs.offsets[group + 1]!; i++) if (pairs.households[i] === household) return pairs.tenths[i]! / 10;
  return null;
}

/** The pairs as `together match` reads them: { group, family, score } by id. */
export function pairList(pairs: EligiblePairs, groups: readonly { id: string }[], households: readonly { id: string }[]): { group: string; family: string; score: number }[] {
  const out: { group: string; family: string; score: number }[] = [];
  for (let g = 0; g < pairs.groupCount; g++) {
    for (let i = pairs.offsets[g]!; i < pairs.offsets[g + 1]!; i++) out.push({ group: groups[g]!.id, family: households[pairs.households[i]!]!.id, score: pairs.tenths[i]! / 10 });
  }
  return out;
}

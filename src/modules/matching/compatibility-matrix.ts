/**
 * The fast path of the compatibility score: every group against every household, for the
 * assignment and for ranked recommendations. Same rules, same numbers as `score` in
 * compatibility.ts (a property test holds them equal), but built for millions of pairs:
 *
 * - each household and each group is compiled ONCE into typed arrays (compatibility-features.ts),
 *   so the pair loop allocates nothing;
 * - the hard limits that need no distance are household bitsets ANDed once per group, so a pair
 *   they exclude costs next to nothing; the safety distance is then a chord comparison, and only
 *   eligible pairs are scored;
 * - reasons are not built here: ask `score` for the pairs a person looks at.
 *
 * Scores are kept in tenths of a point (whole numbers), as in `score`.
 */
import { ageFit, compileConfig, contactCredit, needsFraction, type CompiledConfig } from './compatibility-rules.ts';
import type { HouseholdInput, SiblingGroupInput } from './compatibility.ts';
import {
  IDENTITY_NOT_APPLICABLE,
  UNKNOWN,
  compileGroups,
  compileHouseholds,
  hardLimitFilters,
  type GroupTable,
  type HouseholdTable,
} from './compatibility-features.ts';
import { chord2, type CentroidLookup } from './geography.ts';
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
 * positions offsets[g] to offsets[g + 1] - 1, each a household index and its score in tenths.
 * Within a group, households are in input order; with topK, best first.
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

const HOUSEHOLD_BITS = 22; // topK keys pack the household index into 22 bits

/**
 * Every allowed (eligible) pair of group and household with its score, the same score as
 * `score(group, household, config, centroids).score`. For 3,000 × 3,000 this takes well under a
 * second (bench/scoring.bench.ts).
 */
export function eligiblePairs(
  groups: readonly SiblingGroupInput[],
  households: readonly HouseholdInput[],
  config: MatchingConfig = DEFAULT_MATCHING_CONFIG,
  options: EligiblePairsOptions = {},
): EligiblePairs {
  const topK = options.topK;
  if (topK !== undefined && (!Number.isInteger(topK) || topK < 1)) throw new RangeError('topK must be a positive whole number');
  if (households.length >= 1 << HOUSEHOLD_BITS) throw new RangeError(`at most ${(1 << HOUSEHOLD_BITS) - 1} households`);
  const religions = new Map<string, number>();
  const hs = compileHouseholds(households, config, options.centroids, religions);
  const gs = compileGroups(groups, options.centroids, religions);
  return scorePairs(gs, hs, config, options.minScore ?? Number.NEGATIVE_INFINITY, topK ?? 0);
}

function scorePairs(gs: GroupTable, hs: HouseholdTable, config: MatchingConfig, minScore: number, topK: number): EligiblePairs {
  const G = gs.size.length;
  const H = hs.childrenMin.length;
  // Room for every pair kept under topK, else for a quarter of all pairs (up to 4 million) to start with.
  const capacity = Math.max(1024, topK > 0 ? G * Math.min(topK, H) : Math.ceil(Math.min((G * H) / 4, 1 << 22)));
  const state: PairState = {
    gs,
    hs,
    cc: compileConfig(config),
    filters: hardLimitFilters(gs, hs),
    minScore,
    topK,
    heap: new Float64Array(topK > 0 ? topK : 0),
    households: new Uint32Array(capacity),
    tenths: new Uint16Array(capacity),
    count: 0,
  };
  const offsets = new Uint32Array(G + 1);
  // One call per group (rather than one long loop) lets the engine optimise the pair loop early.
  for (let g = 0; g < G; g++) {
    scoreGroup(state, g);
    offsets[g + 1] = state.count;
  }
  const count = state.count;
  return { groupCount: G, householdCount: H, offsets, households: state.households.subarray(0, count), tenths: state.tenths.subarray(0, count), count };
}

type PairState = {
  gs: GroupTable;
  hs: HouseholdTable;
  cc: CompiledConfig;
  filters: ReturnType<typeof hardLimitFilters>;
  minScore: number;
  topK: number;
  heap: Float64Array;
  households: Uint32Array;
  tenths: Uint16Array;
  count: number;
};

/** Scores group g against every household its hard limits allow, appending the pairs kept. */
function scoreGroup(state: PairState, g: number): void {
  const { gs, hs, cc, filters, minScore, topK, heap } = state;
  const H = hs.childrenMin.length;
  const { allocation, safetyChord2: safety } = cc;
  const width = CRITERIA.length;
  const { ageEdgeCredit: edge, ethnicityBroadGroupCredit: broadCredit, withSupportCredit } = cc.config;
  const { ageMin, ageMax, canNeeds, located, x, y, z, welsh, religion, ethnicity, heritage, experience, support, therapeutic } = hs;
  const { ages, needs, birthFamily, contacts, religions } = gs;
  const words = filters.words;
  const indexSpan = 1 << HOUSEHOLD_BITS;
  let outHouseholds = state.households;
  let outTenths = state.tenths;
  let count = state.count;

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
  if (topK === 0 && count + H > outHouseholds.length) ({ outHouseholds, outTenths } = grow(outHouseholds, outTenths, count + H));

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
      let f0 = 0,
        f1 = 0,
        f2 = 0,
        f3 = 0,
        f4 = 0,
        f5 = 0,
        f6 = 0,
        f7 = 0;
      if (needTotal > 0) {
        const can = canNeeds[h]!;
        let nCan = 0,
          mild = 0,
          moderate = 0,
          severe = 0;
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
    if (count + heapSize > outHouseholds.length) ({ outHouseholds, outTenths } = grow(outHouseholds, outTenths, count + heapSize));
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
  state.households = outHouseholds;
  state.tenths = outTenths;
  state.count = count;
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
export function pairList(
  pairs: EligiblePairs,
  groups: readonly { id: string }[],
  households: readonly { id: string }[],
): { group: string; family: string; score: number }[] {
  const out: { group: string; family: string; score: number }[] = [];
  for (let g = 0; g < pairs.groupCount; g++) {
    for (let i = pairs.offsets[g]!; i < pairs.offsets[g + 1]!; i++)
      out.push({ group: groups[g]!.id, family: households[pairs.households[i]!]!.id, score: pairs.tenths[i]! / 10 });
  }
  return out;
}

/**
 * The recruitment gap (issue 14): for 200 candidate family profiles and K = 1…5 families of each
 * added to today's approved pool (3,000 waiting groups × 3,000 approved households), how many
 * more children the optimal assignment would place. Target: < 5 s for all 1,000 what-ifs.
 * Printed beside the same 1,000 what-ifs each solved again from scratch (which must agree, child
 * for child and to 1e-6 in total score). Pure computation: it uses none of the environment's database.
 *
 * It needs no database, so it also runs on its own: `node --import tsx bench/recruitment-gap.bench.ts`.
 */
import os from 'node:os';
import { marginalGains, prepareGap, solveIndexedAssignment, type IndexedAssignmentProblem } from '../src/modules/matching/index.ts';
import type { Benchmark } from './support.ts';

const CANDIDATES = 200;
const MAX_K = 5;
const INSTANCE = { groups: 3_000, families: 3_000, pairsPerGroup: 30, seed: 1 };
/** BENCH_GAP_SCRATCH=n solves only the first n what-ifs from scratch (the comparison is then scaled up and says so). */
const SCRATCH = Math.min(1_000, Number(process.env.BENCH_GAP_SCRATCH ?? 1_000));

/**
 * A pool shaped like the real one: most approved families want one child, few a group of three or
 * four, so brothers and sisters wait; each group has up to 30 families whose limits it fits.
 */
function pool(options: typeof INSTANCE): IndexedAssignmentProblem {
  const random = seededRandom(options.seed);
  const groupSizes = new Int32Array(options.groups);
  for (let g = 0; g < options.groups; g++) {
    const r = random();
    groupSizes[g] = r < 0.5 ? 1 : r < 0.8 ? 2 : r < 0.95 ? 3 : 4;
  }
  const eligible: number[][] = [[], [], [], [], []];
  for (let f = 0; f < options.families; f++) {
    const r = random();
    const most = r < 0.6 ? 1 : r < 0.9 ? 2 : r < 0.98 ? 3 : 4;
    for (let s = 1; s <= most; s++) eligible[s]!.push(f);
  }
  const pairStart = new Int32Array(options.groups + 1);
  const pairFamily: number[] = [];
  const pairScore: number[] = [];
  const chosen = new Int32Array(options.families).fill(-1);
  for (let g = 0; g < options.groups; g++) {
    pairStart[g] = pairFamily.length;
    const from = eligible[groupSizes[g]!]!;
    const wanted = Math.min(options.pairsPerGroup, from.length);
    for (let count = 0; count < wanted;) {
      const f = from[Math.floor(random() * from.length)]!;
      if (chosen[f] === g) continue;
      chosen[f] = g;
      pairFamily.push(f);
      pairScore.push(Math.round(random() * 10000) / 100);
      count++;
    }
  }
  pairStart[options.groups] = pairFamily.length;
  return {
    groupSizes,
    familyCapacities: new Float64Array(options.families).fill(1),
    pairStart,
    pairFamily: Int32Array.from(pairFamily),
    pairScore: Float64Array.from(pairScore),
  };
}
const TARGET_MS = 5_000;

/** A small seeded generator (mulberry32): the same instance on every machine. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const fixed = (value: number, digits = 0) => value.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** A candidate profile's pairs: the groups up to a size it can take, a share of them (its ages, needs, area), scores 0–100. */
function candidates(problem: IndexedAssignmentProblem, count: number, seed: number) {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const most = 1 + Math.floor(random() * 4);
    const share = 0.02 + random() * 0.2;
    const groups: number[] = [];
    const scores: number[] = [];
    for (let g = 0; g < problem.groupSizes.length; g++) {
      if (problem.groupSizes[g]! > most || random() >= share) continue;
      groups.push(g);
      scores.push(Math.round(random() * 10000) / 100);
    }
    return { groups, scores };
  });
}

/** The problem with k families of the candidate added (capacity 1 each), as a new solve from scratch would be given it. */
function withFamilies(problem: IndexedAssignmentProblem, candidate: { groups: number[]; scores: number[] }, k: number): IndexedAssignmentProblem {
  const G = problem.groupSizes.length;
  const F = problem.familyCapacities.length;
  const extraOf = new Int32Array(G).fill(-1);
  candidate.groups.forEach((g, i) => (extraOf[g] = i));
  const pairs = problem.pairFamily.length + k * candidate.groups.length;
  const pairStart = new Int32Array(G + 1);
  const pairFamily = new Int32Array(pairs);
  const pairScore = new Float64Array(pairs);
  let e = 0;
  for (let g = 0; g < G; g++) {
    pairStart[g] = e;
    for (let p = problem.pairStart[g]!; p < problem.pairStart[g + 1]!; p++) {
      pairFamily[e] = problem.pairFamily[p]!;
      pairScore[e++] = problem.pairScore[p]!;
    }
    const i = extraOf[g]!;
    if (i < 0) continue;
    for (let j = 0; j < k; j++) {
      pairFamily[e] = F + j;
      pairScore[e++] = candidate.scores[i]!;
    }
  }
  pairStart[G] = e;
  const familyCapacities = new Float64Array(F + k);
  familyCapacities.set(Array.from(problem.familyCapacities));
  familyCapacities.fill(1, F);
  return { groupSizes: problem.groupSizes, familyCapacities, pairStart, pairFamily, pairScore };
}

function timed<T>(work: () => T): { value: T; ms: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const value = work();
  const ms = performance.now() - t0;
  const used = process.cpuUsage(cpu);
  return { value, ms, cpuMs: (used.user + used.system) / 1000 };
}

export const recruitmentGapBenchmark: Benchmark = {
  name: 'recruitment gap: 200 candidate profiles × K = 1…5 families, exact marginal gain',
  run() {
    const problem = pool(INSTANCE);
    const profiles = candidates(problem, CANDIDATES, 14);
    const today = timed(() => prepareGap(problem));
    const base = today.value;
    const G = problem.groupSizes.length;
    const unplaced = G - base.matchedGroups;
    console.log(
      `${fixed(INSTANCE.groups)} waiting groups × ${fixed(INSTANCE.families)} approved households, ${fixed(problem.pairFamily.length)} allowed pairs ` +
        `(synthetic, seed ${INSTANCE.seed}); today's optimum places ${fixed(base.matchedChildren)} children, ${fixed(unplaced)} groups wait; ` +
        `${CANDIDATES} candidate profiles of ${fixed(Math.min(...profiles.map((p) => p.groups.length)))}–${fixed(Math.max(...profiles.map((p) => p.groups.length)))} groups each`,
    );

    // Warm-up (compiling the code), then the measured run of every candidate and K.
    marginalGains(base, profiles[0]!, MAX_K);
    const incremental = timed(() => profiles.map((p) => marginalGains(base, p, MAX_K)));

    // The same 1,000 what-ifs, each solved again from scratch (building each problem is not counted).
    let scratchMs = 0;
    let scratchCpuMs = 0;
    let disagreements = 0;
    let solves = 0;
    profiles.forEach((profile, c) => {
      for (let k = 1; k <= MAX_K; k++) {
        if (solves++ >= SCRATCH) return;
        const grown = withFamilies(problem, profile, k);
        const solved = timed(() => solveIndexedAssignment(grown));
        scratchMs += solved.ms;
        scratchCpuMs += solved.cpuMs;
        if (solved.value.matchedChildren - base.matchedChildren !== incremental.value[c]![k - 1]!.moreChildren) disagreements++;
      }
    });

    const gains = incremental.value.map((g) => g[MAX_K - 1]!.moreChildren);
    const best = Math.max(...gains);
    const ms = (value: number) => (value >= 10_000 ? `${fixed(value / 1000, 1)} s` : `${fixed(value)} ms`);
    console.log(
      [
        `today's optimum with its duals: ${ms(today.ms)}`,
        `incremental (warm-started from today's optimum), 1,000 what-ifs: ${ms(incremental.ms)} wall, ${ms(incremental.cpuMs)} CPU ` +
          `(${fixed(incremental.ms / (CANDIDATES * MAX_K), 2)} ms each); target < ${fixed(TARGET_MS / 1000)} s: ${incremental.ms < TARGET_MS ? 'met' : incremental.cpuMs < TARGET_MS ? 'met in CPU time, NOT in wall time' : 'NOT met'}`,
        SCRATCH === CANDIDATES * MAX_K
          ? `from scratch, the same 1,000 solves: ${ms(scratchMs)} wall, ${ms(scratchCpuMs)} CPU (${fixed(scratchMs / SCRATCH, 1)} ms each): ` +
            `${fixed(scratchMs / incremental.ms, 0)}× the incremental time (${fixed(scratchCpuMs / incremental.cpuMs, 0)}× in CPU time)`
          : `from scratch, ${SCRATCH} of the 1,000 solves (BENCH_GAP_SCRATCH): ${ms(scratchMs)} wall, ${ms(scratchCpuMs)} CPU (${fixed(scratchMs / SCRATCH, 1)} ms each); ` +
            `1,000 would take about ${ms((scratchMs / SCRATCH) * 1000)}`,
        `answers that differ from the solves from scratch: ${disagreements} of ${SCRATCH}`,
        `best profile places ${best} more children with ${MAX_K} families; ${gains.filter((g) => g === 0).length} profiles place nobody more`,
        `load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`,
      ].join('\n'),
    );
    return Promise.resolve({ ok: disagreements === 0 });
  },
};

if (import.meta.url === `file://${process.argv[1]}`) {
  recruitmentGapBenchmark.run(undefined as never, undefined as never).then(
    ({ ok }) => process.exit(ok ? 0 : 1),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}

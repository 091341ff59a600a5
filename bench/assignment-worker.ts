/**
 * The large assignment instance, solved in a child process of its own (see assignment.bench.ts)
 * so that its peak memory is its own, not that of the benchmarks run before it or of HiGHS.
 * Receives the instance's parameters over IPC and sends back times, objectives and memory.
 */
import { solveAssignment, solveIndexedAssignment } from '../src/modules/matching/index.ts';
// The checking harness loads HiGHS (a dev dependency), so it is not part of matching's front door.
import { assertFeasible, syntheticIndexedProblem, withIds } from '../src/modules/matching/assignment-check.ts';

export type LargeInstanceReport = {
  pairs: number;
  children: number;
  rssAtStartMiB: number;
  rssBeforeMiB: number;
  indexed: { seconds: number; cpuSeconds: number; matchedGroups: number; matchedChildren: number; totalScore: number; peakRssMiB: number };
  withIds: { seconds: number; matchedChildren: number; totalScore: number; peakRssMiB: number };
};

const MiB = 2 ** 20;
const peakRssMiB = () => (process.resourceUsage().maxRSS * 1024) / MiB;

process.once('message', (options: { groups: number; families: number; pairsPerGroup: number; seed: number }) => {
  try {
    const rssAtStartMiB = process.memoryUsage().rss / MiB;
    const problem = syntheticIndexedProblem(options);
    const rssBeforeMiB = process.memoryUsage().rss / MiB;
    const started = performance.now();
    const cpu = process.cpuUsage();
    const solved = solveIndexedAssignment(problem);
    const cpuUsed = process.cpuUsage(cpu);
    const indexed = {
      seconds: (performance.now() - started) / 1000,
      cpuSeconds: (cpuUsed.user + cpuUsed.system) / 1e6,
      matchedGroups: solved.matchedGroups,
      matchedChildren: solved.matchedChildren,
      totalScore: solved.totalScore,
      peakRssMiB: peakRssMiB(),
    };
    // As the command line and the app call it: ids in, ids out (a million pair objects).
    const objects = withIds(problem);
    const t0 = performance.now();
    const result = solveAssignment(objects);
    const seconds = (performance.now() - t0) / 1000;
    assertFeasible(objects, result);
    let children = 0;
    for (let g = 0; g < problem.groupSizes.length; g++) children += problem.groupSizes[g]!;
    const report: LargeInstanceReport = {
      pairs: problem.pairFamily.length,
      children,
      rssAtStartMiB,
      rssBeforeMiB,
      indexed,
      withIds: { seconds, matchedChildren: result.matchedChildren, totalScore: result.totalScore, peakRssMiB: peakRssMiB() },
    };
    process.send!({ report }, () => process.exit(0));
  } catch (error) {
    process.send!({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }, () => process.exit(1));
  }
});

/**
 * `npm run bench`: starts its own embedded PostgreSQL in a temporary folder, runs each benchmark
 * in turn and prints its figures, then stops the server and removes the folder.
 * Exits 0 when every request succeeded and the audit chain held (the figures themselves are a
 * measurement, not a pass/fail), non-zero otherwise.
 *
 * Adding a benchmark: a bench/<name>.bench.ts exporting a Benchmark (see support.ts), listed below.
 */
import os from 'node:os';
import { apiListBenchmark } from './api-list.bench.ts';
import { assignmentBenchmark } from './assignment.bench.ts';
import { childrenBenchmark } from './children.bench.ts';
import { demoSeedBenchmark } from './demo-seed.bench.ts';
import { campaignsBenchmark } from './campaigns.bench.ts';
import { financeCostsBenchmark } from './finance-costs.bench.ts';
import { cliStartBenchmark } from './cli-start.ts';
import { reportIssueBenchmark } from './report-issue.bench.ts';
import { reportRenderBenchmark } from './report-render.bench.ts';
import { researchExtractBenchmark } from './research-extract.bench.ts';
import { scoringBenchmark } from './scoring.bench.ts';
import { invoicesBenchmark } from './invoices.bench.ts';
import { outcomesBenchmark } from './outcomes.bench.ts';
import { placementSuccessBenchmark } from './placement-success.bench.ts';
import { recruitmentGapBenchmark } from './recruitment-gap.bench.ts';
import { loadSettings, machineLine, startEnvironment, type Benchmark } from './support.ts';

// BENCH_ONLY=children runs only the benchmarks whose name contains the word (in any case: api finds the API list).
const benchmarks: Benchmark[] = [
  apiListBenchmark,
  childrenBenchmark,
  campaignsBenchmark,
  financeCostsBenchmark,
  researchExtractBenchmark,
  reportRenderBenchmark,
  reportIssueBenchmark,
  placementSuccessBenchmark,
  scoringBenchmark,
  invoicesBenchmark,
  outcomesBenchmark,
  assignmentBenchmark,
  recruitmentGapBenchmark,
  demoSeedBenchmark,
  cliStartBenchmark,
].filter((b) => !process.env.BENCH_ONLY || b.name.toLowerCase().includes(process.env.BENCH_ONLY.toLowerCase()));

async function main(): Promise<number> {
  const load = loadSettings();
  const started = Date.now();
  const env = await startEnvironment();
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await env.close();
  };
  const onSignal = () => void stop().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let ok = true;
  try {
    console.log(`embedded PostgreSQL ${env.postgresVersion} started in ${((Date.now() - started) / 1000).toFixed(1)} s under ${env.dir}`);
    console.log(machineLine(env));
    console.log(
      `load average at start: ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(', ')} (1, 5, 15 min); other work on the machine skews every figure`,
    );
    for (const benchmark of benchmarks) {
      console.log(`\n== ${benchmark.name} ==`);
      const result = await benchmark.run(env, load);
      ok &&= result.ok;
    }
  } finally {
    await stop();
  }
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);

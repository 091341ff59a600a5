/**
 * The demo's seeding time: what a newcomer waits for on the first `npm run demo` (organisations,
 * one person per role, 60 children referred by the two demo authorities, 40 households, and the
 * story across the modules). It runs on a fresh cluster of its own, so the other benchmarks' rows
 * (100,000 children) neither slow it nor end up in the demo's story. Also times the second run,
 * which only reads the sign-ins back.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seedDemo } from '../src/demo.ts';
import { fixed, startEnvironment, type Benchmark } from './support.ts';

export const demoSeedBenchmark: Benchmark = {
  name: 'demo seeding: `npm run demo` on an empty database',
  async run() {
    const env = await startEnvironment();
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'together-bench-demo-'));
    try {
      const t0 = performance.now();
      const first = await seedDemo(env.services, dataDir, { seed: 1 });
      const seeding = (performance.now() - t0) / 1000;
      const t1 = performance.now();
      const again = await seedDemo(env.services, dataDir, { seed: 1 });
      const reuse = performance.now() - t1;
      const [counts] = await env.admin<{ children: string; referrals: string; households: string; audit: string }>(
        'select (select count(*) from children) as children, (select count(*) from referrals) as referrals, (select count(*) from households) as households, (select count(*) from audit_log) as audit',
      );
      console.log(
        `first run: seeded ${counts!.children} children (${counts!.referrals} referrals), ${counts!.households} households and the story in ${fixed(seeding, 1)} s (${counts!.audit} audit rows)`,
      );
      console.log(`second run (data present, sign-ins read back): ${fixed(reuse, 1)} ms`);
      return { ok: first.created && !again.created };
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      await env.close();
    }
  },
};

/**
 * Children's outcomes at scale (issue 11): 100,000 synthetic children with 4 SDQ administrations
 * each (400,000 rows), and the cohort's reliable change over them.
 *
 *   C  the cohort report (share reliably improved / unchanged / deteriorated per scale, with 95%
 *      Wilson intervals) for the agency's service manager, through the service: policy, row-level
 *      security, audit row. Target median < 500 ms.
 *   N  beside it, a plain count of the same rows (children with two or more administrations),
 *      through the service and straight on the owner connection, to show what the report adds.
 */
import { seedSyntheticChildren } from '../src/modules/children/index.ts';
import { SHIPPED_INSTRUMENTS } from '../src/modules/outcomes/index.ts';
import { dateInWales } from '../src/platform/dates/dates.ts';
import { fixed, table, type Benchmark, type BenchEnvironment } from './support.ts';

const CHILDREN = Number(process.env.BENCH_CHILDREN ?? 100_000);
const ADMINISTRATIONS = 4;
const TARGET_MS = 500;
const SDQ = SHIPPED_INSTRUMENTS.find((d) => d.code === 'sdq-parent')!;

async function seed(env: BenchEnvironment) {
  const { services, system } = env;
  const agency = await services.organisations.createOrganisation(system, {
    slug: 'bench-outcomes-agency',
    name: 'Bench Outcomes Agency (fictional)',
    type: 'agency',
    region: null,
  });
  const authorities = [];
  for (const slug of ['bench-outcomes-north', 'bench-outcomes-south']) {
    authorities.push(
      (await services.organisations.createOrganisation(system, { slug, name: `${slug} council (fictional)`, type: 'local_authority', region: null })).id,
    );
  }
  const manager = await services.organisations.createUser(system, {
    email: 'bench.outcomes.manager@bench.invalid',
    name: 'Bench Service Manager',
    organisationId: agency.id,
    roles: ['service_manager'],
    preferredLanguage: 'en',
    password: 'bench password nobody uses',
  });
  const started = Date.now();
  await seedSyntheticChildren(services.runner, system, {
    count: CHILDREN,
    seed: 111,
    today: dateInWales(new Date()),
    localAuthorityIds: authorities,
    agencyId: agency.id,
    familyFinderIds: [manager.id],
  });
  const childrenSeconds = (Date.now() - started) / 1000;

  // Four administrations per child, six months apart, each scale drifting from its own start:
  // written in one statement on the owner connection (seeding is not what is measured).
  const t0 = Date.now();
  await env.admin(
    `INSERT INTO outcome_administrations (child_id, organisation_id, entered_by_organisation_id, instrument_code, instrument_version, completed_on, respondent, scores)
     SELECT c.id, c.organisation_id, $1, 'sdq-parent', 1, (current_date - (((${ADMINISTRATIONS} - k) * 182) || ' days')::interval)::date, 'parent_carer',
            jsonb_build_object('emotional', e, 'conduct', co, 'hyperactivity', h, 'peer', p, 'prosocial', pr, 'impact', i, 'total', e + co + h + p)
     FROM children c, generate_series(1, ${ADMINISTRATIONS}) k,
     LATERAL (SELECT least(10, greatest(0, (abs(hashtext(c.id::text)) % 9) + 1 - k * ((abs(hashtext(c.id::text || 'd')) % 5) - 1) / 2)) AS e,
                     least(10, greatest(0, (abs(hashtext(c.id::text || 'c')) % 8) - k * ((abs(hashtext(c.id::text || 'd')) % 4) - 1) / 2)) AS co,
                     least(10, greatest(0, (abs(hashtext(c.id::text || 'h')) % 10) - k * ((abs(hashtext(c.id::text || 'd')) % 3) - 1) / 2)) AS h,
                     least(10, greatest(0, (abs(hashtext(c.id::text || 'p')) % 7) - k * ((abs(hashtext(c.id::text || 'd')) % 4) - 1) / 3)) AS p,
                     least(10, greatest(0, (abs(hashtext(c.id::text || 'r')) % 8) + k * ((abs(hashtext(c.id::text || 'd')) % 4) - 1) / 2)) AS pr,
                     least(10, greatest(0, (abs(hashtext(c.id::text || 'i')) % 6) - k)) AS i) s`,
    [agency.id],
  );
  // The first-to-latest change per child, classified by the same rule as the service (|difference| beyond
  // 1.96 × √2 × SD × √(1 − r), direction by the scale), as the service keeps it when scores are entered.
  const scales = SDQ.scales.filter((s) => s.norms);
  const changes = scales
    .map((s) => {
      const threshold = 1.96 * Math.SQRT2 * s.norms!.sd * Math.sqrt(1 - s.norms!.reliability);
      const d = `((l.scores->>'${s.code}')::int - (f.scores->>'${s.code}')::int)`;
      const better = s.higherIsBetter ? `${d} > ${threshold}` : `${d} < -${threshold}`;
      const worse = s.higherIsBetter ? `${d} < -${threshold}` : `${d} > ${threshold}`;
      return `'${s.code}', CASE WHEN ${better} THEN 'improved' WHEN ${worse} THEN 'deteriorated' ELSE 'no_reliable_change' END`;
    })
    .join(', ');
  await env.admin(
    `INSERT INTO outcome_trajectories (child_id, instrument_code, organisation_id, shared_with, family_finder_id, social_worker_id, placement_date, administrations, first_on, latest_on, changes)
     SELECT f.child_id, 'sdq-parent', c.organisation_id, c.shared_with, c.family_finder_id, c.social_worker_id, (f.completed_on + 7), ${ADMINISTRATIONS}, f.completed_on, l.completed_on, jsonb_build_object(${changes})
     FROM (SELECT DISTINCT ON (child_id) * FROM outcome_administrations ORDER BY child_id, completed_on) f
     JOIN (SELECT DISTINCT ON (child_id) * FROM outcome_administrations ORDER BY child_id, completed_on DESC) l USING (child_id)
     JOIN children c ON c.id = f.child_id`,
  );
  await env.admin('vacuum analyze outcome_administrations');
  await env.admin('vacuum analyze outcome_trajectories');
  const outcomesSeconds = (Date.now() - t0) / 1000;
  const actor = await services.organisations.actorForEmail(system, 'bench.outcomes.manager@bench.invalid');
  return { ctx: { ...system, actor, channel: 'api' as const }, childrenSeconds, outcomesSeconds };
}

const median = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;

async function timed<T>(runs: number, work: () => Promise<T>): Promise<{ times: number[]; result: T }> {
  const times: number[] = [];
  let result!: T;
  for (let i = 0; i < runs + 2; i++) {
    const t0 = performance.now();
    result = await work();
    if (i >= 2) times.push(performance.now() - t0);
  }
  return { times, result };
}

export const outcomesBenchmark: Benchmark = {
  name: `outcomes: cohort reliable change over ${CHILDREN.toLocaleString('en-GB')} children × ${ADMINISTRATIONS} administrations`,
  async run(env: BenchEnvironment) {
    const seeded = await seed(env);
    console.log(
      `seeded ${CHILDREN.toLocaleString('en-GB')} children in ${fixed(seeded.childrenSeconds, 1)} s and ${(CHILDREN * ADMINISTRATIONS).toLocaleString('en-GB')} administrations with their trajectories in ${fixed(seeded.outcomesSeconds, 1)} s`,
    );
    const outcomes = env.services.outcomes;
    // The seeded changes agree with the service's own working for a sample of children (read through the service).
    const sample = await env.admin<{ child_id: string; changes: Record<string, string> }>(
      'SELECT child_id, changes FROM outcome_trajectories ORDER BY child_id LIMIT 25',
    );
    let agree = 0;
    for (const row of sample) {
      const read = await outcomes.childOutcomes(seeded.ctx, row.child_id);
      const own = read.instruments[0]!.scales.filter((s) => s.change).every((s) => s.change!.change === row.changes[s.scale.code]);
      if (own) agree += 1;
    }
    console.log(`the service's reliable change agrees with the seeded rows for ${agree} of ${sample.length} children checked`);

    const report = await timed(10, () => outcomes.cohort(seeded.ctx, {}));
    const countService = await timed(10, () => outcomes.cohortRowCount(seeded.ctx, {}));
    const countPlain = await timed(10, () =>
      env.admin<{ n: string }>("SELECT count(*) AS n FROM outcome_trajectories WHERE instrument_code = 'sdq-parent' AND administrations >= 2"),
    );
    const total = report.result.scales.find((s) => s.scale.code === 'total')!;
    console.log(
      table(
        ['what (10 runs after 2 warm-up)', 'rows', 'median ms', 'slowest ms', 'target'],
        [
          [
            'C cohort reliable change, service (policy, RLS, audit)',
            String(total.children),
            fixed(median(report.times), 1),
            fixed(Math.max(...report.times), 1),
            median(report.times) < TARGET_MS ? `< ${TARGET_MS} ms met` : `< ${TARGET_MS} ms NOT met`,
          ],
          [
            'N plain count of the same rows, service (policy, RLS)',
            String(countService.result),
            fixed(median(countService.times), 1),
            fixed(Math.max(...countService.times), 1),
            '',
          ],
          [
            'N plain count of the same rows, owner connection (no RLS)',
            String(countPlain.result[0]!.n),
            fixed(median(countPlain.times), 1),
            fixed(Math.max(...countPlain.times), 1),
            '',
          ],
        ],
      ),
    );
    console.log(
      `total difficulties: improved ${String(total.counts.improved)}, no reliable change ${String(total.counts.no_reliable_change)}, deteriorated ${String(total.counts.deteriorated)}`,
    );
    return { ok: agree === sample.length && Number(total.children) === CHILDREN };
  },
};

/**
 * Issuing invoices at scale (issue 13: a year of invoices for 50 local authorities from 20,000 fee
 * events in under 1 s).
 *
 *   I  the finance officer issues each month's invoices (one per authority, from its uninvoiced
 *      fees of the month) for twelve months, through the service: policy, row-level security, the
 *      locked gapless number sequence, lines, VAT, audit rows. The figure is the year's total.
 *
 * The fees are seed data written straight into the table (the workflow raises them one by one in
 * real life). BENCH_FEES overrides the number of fee events, BENCH_AUTHORITIES the authorities.
 */
import { addDays } from '../src/platform/dates/dates.ts';
import { cpuClock, fixed, type Benchmark, type BenchEnvironment } from './support.ts';

const FEES = Number(process.env.BENCH_FEES ?? 20_000);
const AUTHORITIES = Number(process.env.BENCH_AUTHORITIES ?? 50);
const TARGET_MS = 1000;
const YEAR = 2025;

export async function seedInvoices(env: BenchEnvironment) {
  const { services, system } = env;
  const agency = await services.organisations.createOrganisation(system, {
    slug: 'bench-invoices-agency',
    name: 'Bench Invoices Agency (fictional)',
    type: 'agency',
    region: null,
  });
  const authorities: string[] = [];
  for (let n = 1; n <= AUTHORITIES; n++) {
    const la = await services.organisations.createOrganisation(system, {
      slug: `bench-invoices-la-${n}`,
      name: `Bench Council ${n} (fictional)`,
      type: 'local_authority',
      region: null,
    });
    authorities.push(la.id);
  }
  await services.organisations.createUser(system, {
    email: 'bench.finance@bench.invalid',
    name: 'Bench Finance Officer',
    organisationId: agency.id,
    roles: ['finance_officer'],
    preferredLanguage: 'en',
    password: 'bench password nobody uses',
  });
  const actor = await services.organisations.actorForEmail(system, 'bench.finance@bench.invalid');
  const ctx = { ...system, actor, channel: 'api' as const };
  for (const [n, id] of authorities.entries()) {
    await services.billing.createAgreement(ctx, {
      name: `Bench SLA ${n + 1}`,
      reference: `BENCH-${n + 1}`,
      party: 'local_authority',
      authorityIds: [id],
      language: n % 3 === 0 ? 'cy' : 'en',
      terms: {
        effectiveFrom: `${YEAR}-04-01`,
        periodStart: `${YEAR}-04-01`,
        periodEnd: null,
        services: [],
        feeSchedule: [{ trigger: 'placement', amountPence: 600_000, vatStatus: 'exempt', label: null, labelCy: null }],
        uplift: { kind: 'none' },
        childCapPerYear: null,
        supportHourlyPence: null,
        paymentTermsDays: 30,
        signatories: [],
        notes: null,
      },
    });
  }
  // 20,000 fees across the year and the authorities, under each authority's agreement.
  await env.admin(
    `insert into fee_events (organisation_id, local_authority_id, agreement_id, agreement_version_id, child_id, child_label, trigger, trigger_key, occurred_on, basis, amount_pence, vat_status, description, description_cy)
     select $1, a.authority, a.agreement, a.version, gen_random_uuid(), 'B. ' || i, (array['referral_accepted','placement','support_year'])[1 + i % 3], 'bench-' || i,
       $2::date + (i % 365), 'agreement', 100000 + (i % 7) * 25050, case when i % 10 = 0 then 'standard' else 'exempt' end, 'Bench fee', 'Ffi mainc'
     from generate_series(1, $3::int) i
     join (select row_number() over (order by a.id) - 1 as n, a.authority_ids[1] as authority, a.id as agreement, v.id as version
           from agreements a join agreement_versions v on v.agreement_id = a.id where a.organisation_id = $1) a on a.n = i % $4`,
    [agency.id, `${YEAR}-04-01`, FEES, AUTHORITIES],
  );
  await env.admin('vacuum analyze fee_events');
  await env.admin('checkpoint');
  return { ctx, agencyId: agency.id };
}

export const invoicesBenchmark: Benchmark = {
  name: `invoices: a year for ${AUTHORITIES} authorities from ${FEES.toLocaleString('en-GB')} fee events`,
  async run(env: BenchEnvironment) {
    const { ctx } = await seedInvoices(env);
    const months: number[] = [];
    let invoices = 0;
    const cpu = cpuClock(env.postmasterPid);
    const started = performance.now();
    for (let m = 0; m < 12; m++) {
      const first = new Date(Date.UTC(YEAR, 3 + m + 1, 1)).toISOString().slice(0, 10);
      const t0 = performance.now();
      const issued = await env.services.billing.issueInvoices(ctx, { upTo: addDays(first, -1), issuedOn: first });
      months.push(performance.now() - t0);
      invoices += issued.invoices.length;
    }
    const total = performance.now() - started;
    const used = cpu();
    const [check] = await env.admin<{ lines: string; numbers: string; max: string }>(
      `select (select count(*) from invoice_lines)::text as lines, count(distinct sequence_number)::text as numbers, max(sequence_number)::text as max from invoices`,
    );
    const gapless = Number(check!.numbers) === invoices && Number(check!.max) === invoices;
    const ok = Number(check!.lines) === FEES && gapless;
    months.sort((a, b) => a - b);
    console.log(`issued ${invoices} invoices with ${check!.lines} lines in twelve monthly runs, through the service as a finance officer:`);
    console.log(`  the year: ${fixed(total, 0)} ms (a month: median ${fixed(months[6]!, 1)} ms, slowest ${fixed(months[11]!, 1)} ms)`);
    console.log(`  CPU time for the year: server (Node) ${fixed(used.nodeMs, 0)} ms, PostgreSQL ${fixed(used.postgresMs, 0)} ms`);
    console.log(
      `  year / target = ${fixed(total / TARGET_MS, 2)} (target < ${TARGET_MS} ms: ${total < TARGET_MS ? 'met' : 'NOT met'}); numbers gapless: ${gapless ? 'yes' : 'NO'}`,
    );
    return { ok };
  },
};

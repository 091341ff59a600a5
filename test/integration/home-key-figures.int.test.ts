import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { DemoSignIn } from '../../src/demo.ts';
import { Browser, startDemoApp, type TestApp } from '../support/app.ts';

/**
 * Children waiting today, written out again in plain SQL as the second opinion: accepted (a child
 * written in without a referral counts from their referral date), no closing outcome, not matched by
 * the manager's agency ($1). Closed children without an outcome date and declined ones never wait.
 */
const WAITING_TODAY = `left join referrals r on r.id = c.referral_id
  where c.status <> 'declined' and not (c.status = 'closed' and c.outcome_date is null)
    and (case when c.referral_id is null then c.referral_date <= current_date
         else r.status = 'accepted' and (r.decided_at at time zone 'Europe/London')::date <= current_date end)
    and (c.outcome_date is null or c.outcome_date > current_date)
    and not exists (select 1 from matches m where m.decision = 'match' and m.decision_date <= current_date and m.organisation_id = $1 and c.id = any(m.child_ids))`;

/** The service manager's home page carries the agency's key figures, matching the records; nobody else's does. */
describe('the service manager’s key figures', () => {
  let t: TestApp & { signIns: DemoSignIn[] };
  let signIns: DemoSignIn[];

  before(async () => {
    t = await startDemoApp();
    signIns = t.signIns;
  });
  after(async () => {
    await t?.close();
  });

  async function as(signIn: DemoSignIn) {
    const user = (await t.database.adminQuery('select id, organisation_id from users where email = $1', [signIn.email])).rows[0] as Record<string, string>;
    const browser = new Browser(t.app);
    assert.equal((await browser.post('/sign-in', { email: signIn.email, password: signIn.password })).statusCode, 303);
    if (signIn.totpKey) {
      const code = await t.nextCode({
        id: user.id!,
        email: signIn.email,
        roles: [signIn.role],
        organisationId: user.organisation_id!,
        totpSecret: signIn.totpKey,
      });
      assert.equal((await browser.post('/sign-in/second-factor', { code })).statusCode, 303);
    }
    return { browser, organisationId: user.organisation_id! };
  }

  const figure = (body: string, id: string) => new RegExp(`data-testid="figure-${id}">([^<]*)<`).exec(body)?.[1];
  const one = async (sql: string, params: unknown[] = []) => (await t.database.adminQuery(sql, params)).rows[0] as Record<string, unknown>;
  const waitingText = (count: number, median: number | null) =>
    `${count} (median wait ${median === null ? 'None' : median === 1 ? '1 day' : `${median} days`})`;

  it('shows children waiting, placements, households by stage, support waiting and supervision as the records say', async () => {
    const manager = signIns.find((s) => s.role === 'service_manager')!;
    const { browser, organisationId } = await as(manager);
    const home = await browser.get('/?lang=en');
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /Key figures/);

    const children = await one(
      `select count(*)::int as n, round(percentile_cont(0.5) within group (order by current_date - c.referral_date)::numeric)::int as median
       from children c ${WAITING_TODAY}`,
      [organisationId],
    );
    assert.equal(figure(home.body, 'children-waiting'), waitingText(Number(children.n), children.median === null ? null : Number(children.median)));

    const placed = await one(
      `select coalesce(sum(cardinality(child_ids)), 0)::int as n from matches
       where placement_date between (case when extract(month from current_date) >= 4 then make_date(extract(year from current_date)::int, 4, 1)
                                          else make_date(extract(year from current_date)::int - 1, 4, 1) end) and current_date`,
    );
    assert.equal(figure(home.body, 'placements'), String(placed.n));

    for (const stage of ['registration', 'stage1', 'stage2', 'panel']) {
      const households = await one('select count(*)::int as n from households where organisation_id = $1 and stage = $2', [organisationId, stage]);
      assert.equal(figure(home.body, `assessment-${stage}`), String(households.n), stage);
    }

    const support = await one(
      `select count(*)::int as n,
         round(percentile_cont(0.5) within group (order by current_date - (requested_at at time zone 'Europe/London')::date)::numeric)::int as median
       from support_requests where organisation_id = $1 and status = 'waiting'`,
      [organisationId],
    );
    assert.equal(figure(home.body, 'support-waiting'), waitingText(Number(support.n), support.median === null ? null : Number(support.median)));

    // The demo has a worker overdue for supervision, so fewer than all are up to date.
    assert.match(figure(home.body, 'supervision') ?? '', /^\d+% \(not overdue: \d+ of \d+ supervised\)$/);
    assert.doesNotMatch(figure(home.body, 'supervision') ?? '', /^100%/);
    assert.match(figure(home.body, 'disruptions') ?? '', /^\d+$/);

    // Each figure links to its list.
    for (const href of ['/children', '/matches', '/households?stage=stage1', '/support/requests?status=waiting', '/workforce/supervision'])
      assert.ok(home.body.includes(`href="${href}"`), href);

    const welsh = await browser.get('/?lang=cy');
    assert.match(welsh.body, /Ffigurau allweddol/);
  });

  it('compares this period with the last, shows what authorities owe and the share reliably improved, and charts 12 months as its table says', async () => {
    const manager = signIns.find((s) => s.role === 'service_manager')!;
    const { browser, organisationId } = await as(manager);
    const home = await browser.get('/?lang=en');
    assert.match(home.body, /data-testid="trend-children-waiting">A year ago: \d+</);
    const lastYear = await one(
      `select coalesce(sum(cardinality(child_ids)), 0)::int as n from matches where placement_date between
         (case when extract(month from current_date) >= 4 then make_date(extract(year from current_date)::int - 1, 4, 1)
               else make_date(extract(year from current_date)::int - 2, 4, 1) end) and (current_date - interval '12 months')::date`,
    );
    assert.equal(/data-testid="trend-placements">The same time last year: (\d+)</.exec(home.body)?.[1], String(lastYear.n));

    // Money: every invoice's total less credits and payments, and the part past its due date.
    const money = await one(
      `with docs as (select i.id, i.due_on, i.total_pence
          - coalesce((select sum(c.total_pence) from invoices c where c.credits_invoice_id = i.id), 0)
          - coalesce((select sum(p.amount_pence) from payments p where p.invoice_id = i.id), 0) as owed
        from invoices i where i.kind = 'invoice' and i.organisation_id = $1)
       select coalesce(sum(greatest(owed, 0)), 0)::bigint as owed, coalesce(sum(owed) filter (where owed > 0 and due_on < current_date), 0)::bigint as overdue from docs`,
      [organisationId],
    );
    const owedText = figure(home.body, 'owed') ?? '';
    assert.match(owedText, /^£[\d,]+\.\d\d$/);
    assert.equal(Number(owedText.replace(/[£,.]/g, '')), Number(money.owed), 'what authorities owe, to the penny');
    assert.match(figure(home.body, 'overdue') ?? '', /^£[\d,]+\.\d\d \(\d+ invoices? past (its|their) due date\)$/);

    // Outcomes: a share, or "c" when the counts are too small to publish.
    assert.match(figure(home.body, 'improvement') ?? '', /^(\d+% of \d+ children? measured twice or more|c \(too few children to publish the share\)|None)$/);

    // The charts draw the figures their table lists, month by month.
    const table = /data-testid="trend-table"[\s\S]*?<\/table>/.exec(home.body)?.[0] ?? '';
    const rows = [...table.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)]
      .map((m) => [...m[1]!.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((c) => c[1]!.trim()))
      .filter((cells) => /^\d+$/.test(cells[1] ?? ''));
    assert.equal(rows.length, 12);
    for (const [chart, column] of [
      ['trend-waiting', 1],
      ['trend-placed', 2],
    ] as const) {
      const svg = new RegExp(`<svg[^>]*id="${chart}"[\\s\\S]*?</svg>`).exec(home.body)?.[0] ?? '';
      const bars = new Map([...svg.matchAll(/<rect[^>]*><title>([^<]*): (\d+)<\/title>/g)].map((m) => [m[1]!, Number(m[2])]));
      for (const cells of rows) assert.equal(bars.get(cells[0]!) ?? 0, Number(cells[column]), `${chart} ${cells[0]}`);
    }
    const waitingNow = await one(`select count(*)::int as n from children c ${WAITING_TODAY}`, [organisationId]);
    assert.equal(rows.at(-1)![1], String(waitingNow.n), 'this month’s bar counts the children waiting today');
    const headline = /^(\d+) \(/.exec(figure(home.body, 'children-waiting') ?? '')?.[1];
    assert.equal(headline, rows.at(-1)![1], 'the headline and this month’s bar are the same count');

    const welsh = await browser.get('/?lang=cy');
    assert.match(welsh.body, /Y 12 mis diwethaf/);
    assert.match(welsh.body, /Flwyddyn yn ôl: \d+/);
  });

  it('is not on the family finder’s home page', async () => {
    const { browser } = await as(signIns.find((s) => s.role === 'family_finder')!);
    const home = await browser.get('/');
    assert.equal(home.statusCode, 200);
    assert.doesNotMatch(home.body, /data-testid="key-figures"/);
  });
});

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type Browser, type TestApp } from '../support/app.ts';
import { dateInWales } from '../../src/platform/dates/dates.ts';

/**
 * The ACE analysis as a funder or research partner sees it: fixed tables only (a filtered view
 * compared with the whole would give back the counts suppressed in each), and a mean or median
 * only where no cell beside it is suppressed. The agency keeps its filters and exact figures.
 */
describe('ACE analysis outside the agency', () => {
  let t: TestApp;
  let tokens: Record<'referrer' | 'finder' | 'funder' | 'researcher', string>;
  let funderBrowser: Browser;
  let finderBrowser: Browser;
  const thisYear = Number(dateInWales(new Date()).slice(0, 4));

  async function api(token: string, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      payload: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.statusCode, type: String(response.headers['content-type']), body: response.body ? JSON.parse(response.body) : undefined };
  }

  /** Refers one child and records its ACEs (two known, or none). */
  async function childWithAces(given: string, knownAces: 0 | 2) {
    const referral = await api(tokens.referrer, 'POST', '/api/v1/referrals', {
      legalBasis: 'consent',
      children: [
        {
          legalGivenNames: given,
          legalFamilyName: 'Cohort',
          dateOfBirth: '2018-05-01',
          sex: 'female',
          ethnicity: 'white_british',
          legalStatus: 'placement_order',
          placementOrderDate: '2025-01-10',
          needs: [],
        },
      ],
    });
    assert.equal(referral.status, 201, JSON.stringify(referral.body));
    const entries =
      knownAces === 2
        ? [
            { category: 'physical_abuse', status: 'known' },
            { category: 'domestic_violence', status: 'known' },
          ]
        : [];
    const saved = await api(tokens.finder, 'PUT', `/api/v1/children/${referral.body.childIds[0]}/aces`, { entries });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
  }

  /** The summary list's value for a row whose key matches. */
  const statistic = (body: string, key: RegExp) => {
    const list = /data-testid="ace-statistics"[\s\S]*?<\/dl>/.exec(body)?.[0] ?? assert.fail('no summary on the page');
    const row = [...list.matchAll(/<dt[^>]*>([\s\S]*?)<\/dt>\s*<dd[^>]*>([\s\S]*?)<\/dd>/g)].find((m) => key.test(m[1]!)) ?? assert.fail(`no ${key} row`);
    return row[2]!.trim();
  };

  before(async () => {
    t = await startTestApp();
    const agency = await t.organisation('agency', 'agency');
    const north = await t.organisation('north', 'local_authority');
    const fund = await t.organisation('fund', 'funder');
    const university = await t.organisation('university', 'research_partner');
    const referrer = await t.user(['la_referrer'], north);
    const finder = await t.user(['family_finder'], agency);
    const funder = await t.user(['funder'], fund);
    const researcher = await t.user(['research_partner'], university);
    tokens = { referrer: await t.token(referrer), finder: await t.token(finder), funder: await t.token(funder), researcher: await t.token(researcher) };
    funderBrowser = await t.signIn(funder);
    finderBrowser = await t.signIn(finder);
    for (const given of ['Anwen', 'Bethan', 'Ceri', 'Dafydd', 'Eirlys']) await childWithAces(given, 2);
  });
  after(async () => t.close());

  it('shows an outside reader the mean and median when every cell is shown and five children stand behind them', async () => {
    const figures = await api(tokens.funder, 'GET', '/api/v1/analytics/aces');
    assert.equal(figures.status, 200);
    assert.equal(figures.body.disclosed, true);
    assert.equal(figures.body.distribution[2], 5);
    assert.equal(figures.body.mean, 2);
    assert.equal(figures.body.median, 2);
  });

  it('refuses a funder’s and a researcher’s filtered view in the API, with a message in their language', async () => {
    const filtered = await api(tokens.funder, 'GET', `/api/v1/analytics/aces?referralYear=${thisYear}`);
    assert.equal(filtered.status, 403);
    assert.match(filtered.type, /application\/problem\+json/);
    assert.match(filtered.body.detail, /published as fixed tables, so it cannot be filtered/);
    const welsh = await api(tokens.researcher, 'GET', '/api/v1/analytics/aces?ageBand=7-9', undefined, { 'accept-language': 'cy' });
    assert.equal(welsh.status, 403);
    assert.match(welsh.body.detail, /cyhoeddir y dadansoddiad ACE fel tablau sefydlog, felly ni ellir ei hidlo/);
    for (const filter of ['region=North', 'priorityReason=age', 'outcome=none']) {
      assert.equal((await api(tokens.researcher, 'GET', `/api/v1/analytics/aces?${filter}`)).status, 403, filter);
    }
    const measure = await api(tokens.funder, 'GET', '/api/v1/analytics/aces?measure=knownOrSuspected');
    assert.equal(measure.status, 200, 'the measure chooses one of two fixed tables, it narrows no cohort');

    const audit = await t.database.adminQuery("select detail from audit_log where action = 'analytics.aces' and outcome = 'denied' order by id");
    assert.deepEqual(audit.rows[0].detail, { filters: 'referralYear' }, 'the refusal is audited by filter name');
  });

  it('refuses a funder’s filtered CSV with a message, and gives the fixed one', async () => {
    const filtered = await funderBrowser.get('/analytics/aces.csv?region=North');
    assert.equal(filtered.statusCode, 403);
    assert.match(filtered.body, /published as fixed tables, so it cannot be filtered/);
    const fixed = await funderBrowser.get('/analytics/aces.csv');
    assert.equal(fixed.statusCode, 200);
    assert.match(fixed.body, /Mean number of ACEs,2/);
  });

  it('offers a funder no filter form on the page, only the two fixed tables', async () => {
    const page = await funderBrowser.get('/analytics/aces');
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /data-testid="analytics-filters"/);
    assert.doesNotMatch(page.body, /<form[^>]*action="\/analytics\/aces"/);
    assert.doesNotMatch(page.body, /name="(referralYear|region|ageBand|priorityReason|outcome)"/);
    assert.match(page.body, /data-testid="fixed-tables-note"/);
    assert.match(page.body, /href="\/analytics\/aces\?measure=knownOrSuspected"/);
    const filtered = await funderBrowser.get(`/analytics/aces?referralYear=${thisYear}`);
    assert.equal(filtered.statusCode, 403);
    assert.match(filtered.body, /published as fixed tables, so it cannot be filtered/);
    const welsh = await funderBrowser.get('/analytics/aces?lang=cy');
    assert.match(welsh.body, /cyhoeddir y ffigurau hyn fel tablau sefydlog, heb hidlyddion/);
    await funderBrowser.get('/analytics/aces?lang=en');
  });

  it('hides the mean and median from a funder once a cell of the table is suppressed, while the agency still sees them', async () => {
    await childWithAces('Ffion', 0);
    const figures = await api(tokens.funder, 'GET', '/api/v1/analytics/aces');
    assert.equal(figures.body.distribution[0], 'c', 'one child with no ACEs is too few to show');
    assert.equal(figures.body.mean, 'c', 'six children, but the mean would give the suppressed cell back');
    assert.equal(figures.body.median, 'c');

    const page = await funderBrowser.get('/analytics/aces');
    assert.equal(statistic(page.body, /Mean number of ACEs/), 'c');
    assert.equal(statistic(page.body, /Median number of ACEs/), 'c');
    assert.match(page.body, /The mean and median are not shown/);
    assert.doesNotMatch(page.body, /This cohort’s mean/, 'no line for the mean on the chart');
    const csv = await funderBrowser.get('/analytics/aces.csv');
    assert.match(csv.body, /Mean number of ACEs,c/);
    assert.match(csv.body, /Median number of ACEs,c/);

    const agency = await api(tokens.finder, 'GET', '/api/v1/analytics/aces');
    assert.equal(agency.body.disclosed, false);
    assert.deepEqual([agency.body.distribution[0], agency.body.distribution[2]], [1, 5]);
    assert.equal(agency.body.mean, 1.7);
    assert.equal(agency.body.median, 2);
  });

  it('lets agency staff filter as before, in the API, the CSV and on the page', async () => {
    const thisYears = await api(tokens.finder, 'GET', `/api/v1/analytics/aces?referralYear=${thisYear}&outcome=none`);
    assert.equal(thisYears.status, 200);
    assert.equal(thisYears.body.children, 6);
    const noneThatYear = await api(tokens.finder, 'GET', '/api/v1/analytics/aces?referralYear=2001');
    assert.equal(noneThatYear.status, 200);
    assert.equal(noneThatYear.body.children, 0);
    const page = await finderBrowser.get('/analytics/aces?referralYear=2001');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /data-testid="analytics-filters"/);
    assert.match(page.body, /name="referralYear"[^>]*value="2001"/);
    const csv = await finderBrowser.get(`/analytics/aces.csv?referralYear=${thisYear}`);
    assert.equal(csv.statusCode, 200);
    assert.match(csv.body, /Children with an ACE record,6/);
  });
});

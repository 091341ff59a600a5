import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type Browser, type TestApp, type TestUser } from '../support/app.ts';
import { callApi } from '../support/api-client.ts';
import { addMonths, dateInWales } from '../../src/platform/dates/dates.ts';

/**
 * The agency's settings for children who wait, as a service manager changes them and as everyone
 * else notices: the family finder's home page and list, the ACE analysis inside and outside the
 * agency, and the extended ACE categories offered on a child's record.
 */

/** The record version a form was read at (its hidden field), sent back with the save. */
const versionIn = (body: string) => body.match(/name="version" value="(\d+)"/)?.[1] ?? '';
describe('settings for children who wait', () => {
  let t: TestApp;
  let manager: TestUser;
  let finder: TestUser;
  let referrer: TestUser;
  let managerBrowser: Browser;
  let finderBrowser: Browser;
  let referrerBrowser: Browser;
  let tokens: Record<'manager' | 'finder' | 'referrer', string>;
  const today = () => dateInWales(new Date());
  /** Gwen's placement order was 4 months ago: within the standard 6-month warning. */
  let gwen: string;
  /** Hedd's placement order was 2 months ago: within any warning time the tests set. */
  let hedd: string;
  let ifan: string;

  async function api(token: string, method: 'GET' | 'PUT', url: string, body?: unknown, headers: Record<string, string> = {}) {
    return callApi(t, token, method, url, body, headers);
  }

  const problems = (body: string) => [...body.matchAll(/<a href="#([^"]+)">([^<]+)<\/a>/g)].map((m) => `${m[1]}: ${m[2]}`).join('; ') || body.slice(0, 400);
  const savedVersions = async () => (await t.database.adminQuery('select version, config, change_reason from children_settings order by version')).rows;

  /** The settings form as it stands, with some boxes changed. */
  async function settingsForm(browser: Browser, changes: Record<string, string>) {
    const page = await browser.get('/children/settings');
    assert.equal(page.statusCode, 200);
    const value = (name: string) => new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(page.body)?.[1] ?? assert.fail(`no ${name} on the settings page`);
    const rounding = /name="roundTotalsTo" type="radio" value="(\d+)" checked/.exec(page.body)?.[1] ?? '5';
    return {
      version: value('version'),
      minimumAgeYears: value('minimumAgeYears'),
      waitingMonths: value('waitingMonths'),
      warningMonths: value('warningMonths'),
      urgentMonths: value('urgentMonths'),
      comparatorMean: value('comparatorMean'),
      comparatorLabelEn: value('comparatorLabelEn'),
      comparatorLabelCy: value('comparatorLabelCy'),
      minimumCount: value('minimumCount'),
      roundTotalsTo: rounding,
      changeReason: 'Agreed at the service meeting',
      ...changes,
    };
  }

  async function refer(given: string, dateOfBirth: string, placementOrderDate: string): Promise<string> {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/referrals',
      headers: { authorization: `Bearer ${tokens.referrer}`, 'content-type': 'application/json' },
      payload: JSON.stringify({
        legalBasis: 'adoption_agencies_wales_regulations',
        children: [
          {
            legalGivenNames: given,
            legalFamilyName: 'Settings',
            dateOfBirth,
            sex: 'female',
            ethnicity: 'white_british',
            legalStatus: 'placement_order',
            placementOrderDate,
            needs: [],
          },
        ],
      }),
    });
    assert.equal(response.statusCode, 201, response.body);
    const created = JSON.parse(response.body) as { referralId: string; childIds: string[] };
    const accepted = await t.app.inject({
      method: 'POST',
      url: `/api/v1/referrals/${created.referralId}/decision`,
      headers: { authorization: `Bearer ${tokens.finder}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ decision: 'accept', familyFinderId: finder.id }),
    });
    assert.equal(accepted.statusCode, 200, accepted.body);
    return created.childIds[0]!;
  }

  async function recordAces(childId: string, entries: { category: string; status: string }[]) {
    const response = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/children/${childId}/aces`,
      headers: { authorization: `Bearer ${tokens.referrer}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ entries }),
    });
    assert.equal(response.statusCode, 200, response.body);
  }

  before(async () => {
    t = await startTestApp();
    const agency = await t.organisation('agency', 'agency');
    const north = await t.organisation('north', 'local_authority');
    manager = await t.user(['service_manager'], agency);
    finder = await t.user(['family_finder'], agency);
    referrer = await t.user(['la_referrer'], north);
    tokens = { manager: await t.token(manager), finder: await t.token(finder), referrer: await t.token(referrer) };
    gwen = await refer('Gwen', addMonths(today(), -12 * 3 - 2), addMonths(today(), -4));
    hedd = await refer('Hedd', addMonths(today(), -12 * 6), addMonths(today(), -2));
    ifan = await refer('Ifan', addMonths(today(), -12 * 7), addMonths(today(), -2));
    // Three children with two known ACEs each: fewer than 5, so "c" outside the agency by default.
    for (const id of [gwen, hedd, ifan])
      await recordAces(id, [
        { category: 'physical_abuse', status: 'known' },
        { category: 'domestic_violence', status: 'known' },
      ]);
    managerBrowser = await t.signIn(manager);
    finderBrowser = await t.signIn(finder);
    referrerBrowser = await t.signIn(referrer);
  });
  after(async () => t.close());

  it('moves a child onto the family finder’s home page and list when the warning time is shortened', async () => {
    const homeBefore = await finderBrowser.get('/');
    const panelBefore = /data-testid="children-attention"[\s\S]*?<\/section>/.exec(homeBefore.body)?.[0] ?? assert.fail('no attention panel');
    assert.doesNotMatch(panelBefore, /Gwen/, 'four months since the placement order is within the standard six');
    const listBefore = await finderBrowser.get('/children');
    assert.doesNotMatch(listBefore.body, /Over 3 months/);
    assert.match(listBefore.body, /Aged 4 or over at referral/, 'Hedd and Ifan are over the standard age');

    const saved = await managerBrowser.post(
      '/children/settings',
      await settingsForm(managerBrowser, { warningMonths: '3', urgentMonths: '9', minimumAgeYears: '3', waitingMonths: '3' }),
    );
    assert.equal(saved.statusCode, 303, problems(saved.body));
    assert.equal(saved.headers.location, '/children/settings');

    const home = await finderBrowser.get('/');
    const panel = /data-testid="children-attention"[\s\S]*?<\/section>/.exec(home.body)?.[0] ?? assert.fail('no attention panel');
    assert.match(panel, /Gwen Settings/);
    assert.match(panel, /Over 3 months/, 'the level is worded with the agency’s threshold');
    assert.doesNotMatch(panel, /Hedd|Ifan/, 'two months is still within the warning time');

    const list = await finderBrowser.get('/children');
    const gwenRow = new RegExp(`href="/children/${gwen}"[\\s\\S]*?</tr>`).exec(list.body)?.[0] ?? assert.fail('Gwen is not listed');
    assert.match(gwenRow, /Over 3 months/);
    assert.match(gwenRow, /Aged 3 or over at referral/, 'the age reason follows the new threshold');
    assert.match(gwenRow, /Waiting over 3 months since the placement order/);
    const filtered = await finderBrowser.get('/children?priorityReason=age');
    assert.match(filtered.body, /Gwen Settings/, 'the filter follows the new age threshold too');

    const child = await finderBrowser.get(`/children/${gwen}`);
    assert.match(child.body, /Aged 3 at referral/);

    const audit = await t.database.adminQuery("select outcome from audit_log where action = 'children.configure'");
    assert.deepEqual(
      audit.rows.map((r: { outcome: string }) => r.outcome),
      ['success'],
    );
  });

  it('shows the agency’s comparison mean and cohort on the ACE analysis and in its CSV, in both languages', async () => {
    const saved = await managerBrowser.post(
      '/children/settings',
      await settingsForm(managerBrowser, {
        comparatorMean: '3.5',
        comparatorLabelEn: 'Welsh adoption cohort study',
        comparatorLabelCy: 'Astudiaeth carfan fabwysiadu Cymru',
      }),
    );
    assert.equal(saved.statusCode, 303, problems(saved.body));

    const analysis = await finderBrowser.get('/analytics/aces');
    assert.match(analysis.body, /Comparison mean 3\.5/);
    assert.match(analysis.body, /Welsh adoption cohort study/);
    assert.match(analysis.body, /fewer than the comparison cohort’s 3\.5/, 'a mean of 2 is compared with the new comparator');
    const csv = await finderBrowser.get('/analytics/aces.csv');
    assert.match(csv.body, /Mean in the comparison cohort,3\.5/);
    assert.match(csv.body, /The comparison cohort,Welsh adoption cohort study/);

    const welsh = await finderBrowser.get('/analytics/aces?lang=cy');
    assert.match(welsh.body, /Cymedr cymharu 3\.5/);
    assert.match(welsh.body, /Astudiaeth carfan fabwysiadu Cymru/);
    await finderBrowser.get('/?lang=en');
  });

  it('changes what a local authority sees suppressed when the disclosure threshold changes', async () => {
    const before = await referrerBrowser.get('/analytics/aces');
    const tableBefore = /data-testid="ace-table"[\s\S]*?<\/table>/.exec(before.body)?.[0] ?? assert.fail('no table');
    assert.match(tableBefore, /<td[^>]*>2<\/td>\s*<td[^>]*>c<\/td>/, 'three children with two ACEs are fewer than 5: shown as c');
    assert.match(before.body, /fewer than 5/);

    const saved = await managerBrowser.post('/children/settings', await settingsForm(managerBrowser, { minimumCount: '3', roundTotalsTo: '1' }));
    assert.equal(saved.statusCode, 303, problems(saved.body));

    const afterChange = await referrerBrowser.get('/analytics/aces');
    const table = /data-testid="ace-table"[\s\S]*?<\/table>/.exec(afterChange.body)?.[0] ?? assert.fail('no table');
    assert.match(table, /<td[^>]*>2<\/td>\s*<td[^>]*>3<\/td>/, 'three is now shown');
    assert.match(afterChange.body, /fewer than 3/);
    assert.match(afterChange.body, /Totals are not rounded/);
    const csv = await referrerBrowser.get('/analytics/aces.csv');
    assert.match(csv.body, /Children with an ACE record,3/);
  });

  it('refuses a stale edit with a message, and keeps the settings saved first', async () => {
    const versionsBefore = (await savedVersions()).length;
    const mine = await settingsForm(managerBrowser, { warningMonths: '4', changeReason: 'Mine' });
    const theirs = await settingsForm(managerBrowser, { warningMonths: '5', changeReason: 'Theirs' });
    const first = await managerBrowser.post('/children/settings', theirs);
    assert.equal(first.statusCode, 303, problems(first.body));
    const stale = await managerBrowser.post('/children/settings', mine);
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Someone else changed the settings while you were editing them/);
    assert.match(stale.body, /name="warningMonths"[^>]*value="5"/, 'the settings in force are shown');
    const versions = await savedVersions();
    assert.equal(versions.length, versionsBefore + 1, 'only the first change was saved');
    assert.equal(versions.at(-1).change_reason, 'Theirs');
    assert.equal(versions.at(-1).config.clocks.warningMonths, 5);
  });

  it('refuses bad settings with a message by each box, in English and Welsh, and saves nothing', async () => {
    const versionsBefore = await savedVersions();
    const bad = await settingsForm(managerBrowser, { warningMonths: '9', urgentMonths: '9', minimumAgeYears: '2.5', changeReason: '' });
    const refused = await managerBrowser.post('/children/settings', bad);
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /There is a problem/);
    assert.match(refused.body, /The urgent time must be later than the warning time/);
    assert.match(refused.body, /href="#urgentMonths"/);
    assert.match(refused.body, /Enter the age at referral as a whole number of years, like 4/);
    assert.match(refused.body, /Give the reason for the change/);
    assert.match(refused.body, /name="minimumAgeYears"[^>]*value="2.5"/, 'what was typed is kept');

    await managerBrowser.get('/children/settings?lang=cy');
    const welsh = await managerBrowser.post('/children/settings', bad);
    assert.equal(welsh.statusCode, 400);
    assert.match(welsh.body, /Mae problem/);
    assert.match(welsh.body, /Rhaid i’r amser brys fod yn hwyrach na’r amser rhybuddio/);
    assert.match(welsh.body, /Rhowch y rheswm dros y newid/);
    await managerBrowser.get('/?lang=en');

    assert.deepEqual(await savedVersions(), versionsBefore, 'nothing was saved');
  });

  it('keeps the settings for the service manager: others are refused, another organisation finds nothing', async () => {
    assert.equal((await finderBrowser.get('/children/settings')).statusCode, 403);
    assert.equal((await finderBrowser.post('/children/settings', { warningMonths: '1' }, { csrfFrom: '/account' })).statusCode, 403);
    assert.equal((await finderBrowser.get('/children/settings/ace-categories')).statusCode, 403);
    assert.equal((await referrerBrowser.get('/children/settings')).statusCode, 403);
    const council = await t.organisation('north', 'local_authority');
    const councilManager = await t.signIn(await t.user(['service_manager'], council));
    assert.equal((await councilManager.get('/children/settings')).statusCode, 404, 'a local authority’s manager has no agency settings');
    const administrator = await t.signIn(await t.user(['administrator'], await t.organisation('agency', 'agency')));
    assert.equal((await administrator.get('/children/settings')).statusCode, 403);
    assert.equal((await administrator.get('/children/settings/ace-categories')).statusCode, 200, 'the administrator keeps the ACE categories');
    assert.equal((await api(tokens.finder, 'GET', '/api/v1/children/settings')).status, 403);

    const list = await managerBrowser.get('/children');
    assert.match(list.body, /data-testid="children-settings-link"/, 'the manager finds the settings from the children list');
    assert.doesNotMatch((await finderBrowser.get('/children')).body, /data-testid="children-settings-link"/);
  });

  it('reads and replaces the settings through the API with ETag and If-Match', async () => {
    const current = await api(tokens.manager, 'GET', '/api/v1/children/settings');
    assert.equal(current.status, 200);
    assert.equal(current.headers.etag, `"v${current.body.version}"`);
    const next = { ...current.body.settings, clocks: { warningMonths: 6, urgentMonths: 12 } };
    assert.equal((await api(tokens.manager, 'PUT', '/api/v1/children/settings', { settings: next, changeReason: 'Back to standard' })).status, 428);
    const stale = await api(
      tokens.manager,
      'PUT',
      '/api/v1/children/settings',
      { settings: next, changeReason: 'Back to standard' },
      { 'if-match': `"v${current.body.version - 1}"` },
    );
    assert.equal(stale.status, 412);
    const bad = await api(
      tokens.manager,
      'PUT',
      '/api/v1/children/settings',
      { settings: { ...next, clocks: { warningMonths: 12, urgentMonths: 6 } }, changeReason: 'Oops' },
      { 'if-match': current.headers.etag, 'accept-language': 'cy' },
    );
    assert.equal(bad.status, 400);
    assert.match(JSON.stringify(bad.body), /Rhaid i’r amser brys fod yn hwyrach na’r amser rhybuddio/);
    const saved = await api(
      tokens.manager,
      'PUT',
      '/api/v1/children/settings',
      { settings: next, changeReason: 'Back to standard' },
      { 'if-match': current.headers.etag },
    );
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.equal(saved.headers.etag, `"v${current.body.version + 1}"`);
    const home = await finderBrowser.get('/');
    assert.doesNotMatch(
      /data-testid="children-attention"[\s\S]*?<\/section>/.exec(home.body)?.[0] ?? '',
      /Gwen/,
      'back to six months: Gwen is within the warning time again',
    );
  });

  it('offers a new extended ACE category on children’s records, and stops offering it once retired', async () => {
    const oneLanguage = await managerBrowser.post('/children/settings/ace-categories?lang=cy', {
      code: 'young_carer',
      nameEn: 'Young carer',
      nameCy: 'Gofalwr ifanc',
      description: 'Cared for a parent or sibling',
    });
    assert.equal(oneLanguage.statusCode, 400);
    assert.match(oneLanguage.body, /Rhowch y disgrifiad yn Gymraeg hefyd/);
    const added = await managerBrowser.post('/children/settings/ace-categories', {
      code: 'young_carer',
      nameEn: 'Young carer',
      nameCy: 'Gofalwr ifanc',
      description: 'Cared for a parent or sibling',
      descriptionCy: 'Wedi gofalu am riant neu frawd neu chwaer',
    });
    assert.equal(added.statusCode, 303, problems(added.body));
    assert.match(
      (await managerBrowser.get('/children/settings/ace-categories?lang=cy')).body,
      /Wedi gofalu am riant neu frawd neu chwaer/,
      'the Welsh page shows the Welsh description',
    );
    await managerBrowser.get('/children/settings/ace-categories?lang=en'); // back to English for the rest
    const duplicate = await managerBrowser.post('/children/settings/ace-categories', { code: 'young_carer', nameEn: 'Again', nameCy: 'Eto' });
    assert.equal(duplicate.statusCode, 400);
    assert.match(duplicate.body, /An experience with this code already exists/);
    const standard = await managerBrowser.post('/children/settings/ace-categories', { code: 'physical_abuse', nameEn: 'Again', nameCy: 'Eto' });
    assert.match(standard.body, /This code belongs to one of the ten standard ACEs/);

    const form = await finderBrowser.get(`/children/${gwen}/aces/change`);
    assert.match(form.body, /name="status-young_carer"/, 'the new category is offered');
    const recorded = await finderBrowser.post(`/children/${gwen}/aces/change`, {
      version: versionIn(form.body),
      'status-physical_abuse': 'known',
      'status-domestic_violence': 'known',
      'status-young_carer': 'suspected',
    });
    assert.equal(recorded.statusCode, 303, problems(recorded.body));

    const categories = await managerBrowser.get('/children/settings/ace-categories');
    const version = new RegExp('data-testid="category-young_carer"').test(categories.body)
      ? (await managerBrowser.get('/children/settings/ace-categories/young_carer')).body.match(/name="version" value="(\d+)"/)?.[1]
      : undefined;
    assert.ok(version, 'the category is listed with a page of its own');
    const renamed = await managerBrowser.post('/children/settings/ace-categories/young_carer', {
      version,
      nameEn: 'Young carer for a parent',
      nameCy: 'Gofalwr ifanc i riant',
      description: '',
    });
    assert.equal(renamed.statusCode, 303, problems(renamed.body));
    const retired = await managerBrowser.post(
      '/children/settings/ace-categories/young_carer/retire',
      { version: String(Number(version) + 1) },
      { csrfFrom: '/children/settings/ace-categories/young_carer' },
    );
    assert.equal(retired.statusCode, 303, problems(retired.body));

    const hedds = await finderBrowser.get(`/children/${hedd}/aces/change`);
    assert.doesNotMatch(hedds.body, /name="status-young_carer"/, 'a retired category is not offered for a new record');
    const refusedByApi = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/children/${hedd}/aces`,
      headers: { authorization: `Bearer ${tokens.referrer}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ entries: [{ category: 'young_carer', status: 'known' }] }),
    });
    assert.equal(refusedByApi.statusCode, 400);

    const gwens = await finderBrowser.get(`/children/${gwen}/aces/change`);
    assert.match(gwens.body, /Young carer for a parent \(retired\)/, 'still shown, renamed, on the child who has it');
    assert.match(gwens.body, /name="status-young_carer" type="radio" value="suspected" checked/);
    const kept = await finderBrowser.post(`/children/${gwen}/aces/change`, {
      version: versionIn(gwens.body),
      'status-physical_abuse': 'known',
      'status-young_carer': 'known',
    });
    assert.equal(kept.statusCode, 303, problems(kept.body));
    const stored = await t.database.adminQuery("select status from child_aces where child_id = $1 and category = 'young_carer'", [gwen]);
    assert.deepEqual(stored.rows, [{ status: 'known' }]);

    const audit = await t.database.adminQuery(
      "select detail->>'change' as change from audit_log where action = 'aceCategories.manage' and outcome = 'success' order by id",
    );
    assert.deepEqual(
      audit.rows.map((r: { change: string }) => r.change),
      ['added', 'renamed', 'retired'],
    );
    const deleted = await t.database.adminQuery("select active from ace_categories where code = 'young_carer'");
    assert.deepEqual(deleted.rows, [{ active: false }], 'retired, never deleted');
  });

  it('brings a retired ACE category back: offered again on children’s records, audited, a stale page refused', async () => {
    const page = await managerBrowser.get('/children/settings/ace-categories/young_carer');
    assert.match(page.body, /data-testid="reinstate-category"/, 'a retired category offers to reinstate it');
    assert.doesNotMatch(page.body, /data-testid="retire-category"/);
    const version = page.body.match(/name="version" value="(\d+)"/)?.[1] ?? assert.fail('no version on the page');
    const list = await managerBrowser.get('/children/settings/ace-categories');
    assert.match(list.body, /Rename or reinstate<span class="govuk-visually-hidden"> Young carer for a parent/);

    const stale = await managerBrowser.post(
      '/children/settings/ace-categories/young_carer/reinstate',
      { version: String(Number(version) - 1) },
      { csrfFrom: '/children/settings/ace-categories/young_carer' },
    );
    assert.equal(stale.statusCode, 409);
    assert.doesNotMatch((await finderBrowser.get(`/children/${hedd}/aces/change`)).body, /name="status-young_carer"/, 'a stale page reinstates nothing');

    const reinstated = await managerBrowser.post(
      '/children/settings/ace-categories/young_carer/reinstate',
      { version },
      { csrfFrom: '/children/settings/ace-categories/young_carer' },
    );
    assert.equal(reinstated.statusCode, 303, problems(reinstated.body));
    const flash = await managerBrowser.get(reinstated.headers.location as string);
    assert.match(flash.body, /The experience has been reinstated/);
    assert.match(flash.body, /data-testid="category-young_carer"[\s\S]*?Offered/);

    const hedds = await finderBrowser.get(`/children/${hedd}/aces/change`);
    assert.match(hedds.body, /name="status-young_carer"/, 'offered again for a new record');
    assert.match(hedds.body, /Young carer for a parent/);
    assert.doesNotMatch(hedds.body, /Young carer for a parent \(retired\)/);
    const recorded = await finderBrowser.post(`/children/${hedd}/aces/change`, {
      version: versionIn(hedds.body),
      'status-physical_abuse': 'known',
      'status-domestic_violence': 'known',
      'status-young_carer': 'known',
    });
    assert.equal(recorded.statusCode, 303, problems(recorded.body));

    const audit = await t.database.adminQuery(
      "select detail->>'change' as change from audit_log where action = 'aceCategories.manage' and outcome = 'success' order by id",
    );
    assert.deepEqual(
      audit.rows.map((r: { change: string }) => r.change),
      ['added', 'renamed', 'retired', 'reinstated'],
    );
    const row = await t.database.adminQuery("select active, name_en from ace_categories where code = 'young_carer'");
    assert.deepEqual(row.rows, [{ active: true, name_en: 'Young carer for a parent' }], 'the same category, under its last names');
  });
});

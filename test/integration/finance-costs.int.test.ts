import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp, type TestUser } from '../support/app.ts';
import { callApi, type ApiAnswer } from '../support/api-client.ts';
import { discountTable, discountedCarePence } from '../../src/modules/finance/financial-return.ts';

/**
 * What the work cost, cost recovery and the financial return, on real records: the staff time of
 * each kind of work at the agency's rates, shared work shared among the children, a clinical
 * partner's work counted only about children referred to the agency, another agency's work never;
 * the return of the placements with its assumptions. Who may see it (the agency's finance people,
 * not a local authority), audit, versions, and bad input that changes nothing.
 */
describe('finance: costs, cost recovery and the financial return', () => {
  let t: TestApp;
  let agency: string;
  let partner: string;
  let elsewhere: string;
  let north: string;
  let south: string;
  const users: Record<string, TestUser> = {};
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const year2025 = '?from=2025-04-01&to=2026-03-31';

  async function api(who: string, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiAnswer> {
    return callApi(t, tokens[who]!, method, url, body, headers);
  }
  const q = (text: string, values?: unknown[]) => t.database.adminQuery(text, values);
  const one = async (text: string, values?: unknown[]) => (await q(text, values)).rows[0] as Record<string, unknown>;
  const count = async (table: string) => Number((await one(`select count(*) from ${table}`)).count);

  async function child(name: string, organisationId: string, dateOfBirth: string, currentPlacement: string | null) {
    const row = await one(
      `insert into children (organisation_id, legal_given_names, legal_family_name, date_of_birth, sex, ethnicity, legal_status, referral_date, current_placement, shared_with, status)
       values ($1, $2, 'Testfamily', $3, 'female', 'white_british', 'placement_order', '2025-01-10', $4, $5, 'placed') returning id`,
      [organisationId, name, dateOfBirth, currentPlacement, [agency, partner]],
    );
    return row.id as string;
  }

  before(async () => {
    t = await startTestApp();
    agency = await t.organisation('agency', 'agency');
    partner = await t.organisation('partner', 'clinical_partner');
    elsewhere = await t.organisation('elsewhere', 'agency');
    north = await t.organisation('north', 'local_authority');
    south = await t.organisation('south', 'local_authority');
    users.manager = await t.user(['service_manager'], agency);
    users.finance = await t.user(['finance_officer'], agency);
    users.worker = await t.user(['social_worker'], agency);
    users.psychologist = await t.user(['clinical_psychologist'], partner);
    users.referrer = await t.user(['la_referrer'], north);
    users.outsider = await t.user(['service_manager'], elsewhere);
    for (const [name, user] of Object.entries(users)) tokens[name] = await t.token(user, 'write');

    ids.ayla = await child('Ayla', north, '2019-06-15', 'Foster care with carers');
    ids.bryn = await child('Bryn', north, '2017-01-10', 'Residential unit since 2022');
    ids.cai = await child('Cai', south, '2020-03-01', null);
    const household = await one(
      `insert into households (organisation_id, reference, stage, stage_since, email, enquiry_date) values ($1, 'AT-T-1', 'placed', '2025-06-15', 'family@test.invalid', '2024-01-01') returning id`,
      [agency],
    );
    ids.household = household.id as string;
    const match = await one(
      `insert into matches (organisation_id, child_organisation_id, shared_with, household_id, child_ids, unit_key, stage, stage_since, source, linked_date, panel_date, placement_date)
       values ($1, $2, $3, $4, $5, $6, 'placed', '2025-06-15', 'manual', '2025-03-01', '2025-05-20', '2025-06-15') returning id`,
      [agency, north, [agency, north], ids.household, [ids.ayla, ids.bryn], ids.ayla],
    );
    ids.match = match.id as string;
    // 90 minutes about Ayla and Bryn; a consultation about Cai by the clinical partner; a home-study visit (no duration).
    await q(`insert into tac_meetings (organisation_id, child_ids, starts_at, ends_at) values ($1, $2, '2025-05-01T09:00:00Z', '2025-05-01T10:30:00Z')`, [
      agency,
      [ids.ayla, ids.bryn],
    ]);
    await q(
      `insert into consultations (organisation_id, child_ids, psychologist_id, consultation_date, duration_minutes) values ($1, $2, $3, '2025-07-01', 60)`,
      [partner, [ids.cai], users.psychologist.id],
    );
    await q(`insert into home_study_visits (household_id, organisation_id, visit_date) values ($1, $2, '2025-05-10')`, [ids.household, agency]);
    await q(
      `insert into support_sessions (organisation_id, household_id, match_id, kind, worker_id, starts_at, duration_minutes, mode, status)
       values ($1, $2, $3, 'theraplay', $4, '2025-08-01T10:00:00Z', 60, 'in_person', 'delivered'),
              ($1, $2, $3, 'theraplay', $4, '2025-08-08T10:00:00Z', 60, 'in_person', 'planned')`,
      [agency, ids.household, ids.match, users.worker.id],
    );
    await q(
      `insert into supervision_sessions (organisation_id, supervisor_id, supervisee_id, session_date, duration_minutes, case_references) values ($1, $2, $3, '2025-09-01', 90, '{}')`,
      [agency, users.manager.id, users.worker.id],
    );
    // Another agency's work is never this agency's cost.
    await q(
      `insert into consultations (organisation_id, child_ids, psychologist_id, consultation_date, duration_minutes) values ($1, $2, $3, '2025-07-02', 600)`,
      [elsewhere, [ids.cai], users.psychologist.id],
    );
  });
  after(async () => t?.close());

  it('sets an hourly rate for a year, refusing a stale version with 412 and bad input with nothing changed', async () => {
    const set = await api('finance', 'PUT', '/api/v1/finance/hourly-rates', {
      role: 'clinical_psychologist',
      financialYear: 2025,
      pencePerHour: 7333,
      version: 0,
    });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    assert.equal(set.body.version, 1);
    const stale = await api(
      'finance',
      'PUT',
      '/api/v1/finance/hourly-rates',
      { role: 'clinical_psychologist', financialYear: 2025, pencePerHour: 9999 },
      { 'if-match': '"0"' },
    );
    assert.equal(stale.status, 412);
    const bad = await api(
      'finance',
      'PUT',
      '/api/v1/finance/hourly-rates',
      { role: 'clinical_psychologist', financialYear: 2025, pencePerHour: 12.5, version: 1 },
      { 'accept-language': 'cy' },
    );
    assert.equal(bad.status, 400);
    assert.match(JSON.stringify(bad.body), /geiniog/);
    assert.equal((await one(`select pence_per_hour from finance_hourly_rates`)).pence_per_hour, 7333);
    const audit = await one(
      `select count(*) from audit_log where action = 'financeCosts.configure' and resource_type = 'finance-hourly-rate' and user_id = $1`,
      [users.finance!.id],
    );
    assert.equal(Number(audit.count), 1);
  });

  it('records a direct cost for an authority from the page, in pounds, and refuses a bad one with nothing written', async () => {
    const browser = await t.signIn(users.manager!);
    const before = await count('finance_direct_costs');
    const bad = await browser.post('/finance/costs/direct-costs', {
      'incurredOn-day': '31',
      'incurredOn-month': '2',
      'incurredOn-year': '2025',
      category: 'interpreter',
      description: '',
      amountPence: '12.5.0',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /The date of the cost must be a real date/);
    assert.match(bad.body, /Describe the cost/);
    assert.equal(await count('finance_direct_costs'), before);
    const good = await browser.post('/finance/costs/direct-costs', {
      'incurredOn-day': '3',
      'incurredOn-month': '5',
      'incurredOn-year': '2025',
      category: 'interpreter',
      description: 'Interpreter for a TAC meeting',
      amountPence: '120.50',
      localAuthorityId: north,
    });
    assert.equal(good.statusCode, 303);
    assert.equal((await one(`select amount_pence from finance_direct_costs`)).amount_pence, 12_050);
    const shared = await api('finance', 'POST', '/api/v1/finance/direct-costs', {
      incurredOn: '2025-06-01',
      category: 'venue',
      description: 'Room hire',
      amountPence: 20_000,
    });
    assert.equal(shared.status, 201);
  });

  it('costs the work of a year: rates × durations, shared work shared, the partner’s work about referred children only', async () => {
    const answer = await api('finance', 'GET', `/api/v1/finance/cost-recovery${year2025}`);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const byActivity = Object.fromEntries(answer.body.activities.map((a: { activity: string; pence: number }) => [a.activity, a.pence]));
    assert.deepEqual(byActivity, {
      home_study_visit: 15_000, // 180 default minutes of a social worker at £50
      matching_panel: 17_250, // 90 default minutes: family finder £50 + service manager £65
      tac_meeting: 26_750, // 90 minutes: psychologist £73.33 (10,999.5p → 11,000p, half to even) + TSW £55 + family finder £50
      consultation: 7_333, // 60 minutes at £73.33; the other agency's 600 minutes are not counted
      support_session: 5_500, // the delivered session only
      supervision: 18_500, // 90 minutes: psychologist 11,000p + social worker 7,500p
    });
    const total = answer.body.total;
    assert.equal(total.staffPence, 90_333);
    assert.equal(total.directPence, 12_050 + 20_000);
    assert.equal(total.costPence, 122_383);
    assert.equal(total.sharedPence, 15_000 + 18_500 + 20_000);
    assert.equal(total.children, 3);
    assert.equal(total.surplusPence, -122_383);
    const la = Object.fromEntries(answer.body.localAuthorities.map((r: { localAuthorityId: string; costPence: number }) => [r.localAuthorityId, r.costPence]));
    assert.equal(la[north] + la[south], total.costPence);
    const shares = answer.body.children.map((c: { sharedPence: number }) => c.sharedPence).sort();
    assert.deepEqual(shares, [17_833, 17_833, 17_834]);
  });

  it('shows cost recovery in Welsh with its chart and the table beside it', async () => {
    const browser = await t.signIn(users.finance!);
    const page = await browser.get('/finance/cost-recovery?year=2025&lang=cy');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Adennill costau/);
    assert.match(page.body, /<svg[^>]+id="recovery-chart"/);
    assert.match(page.body, /data-testid="year-table"/);
    assert.match(page.body, /£1,223\.83/);
    await browser.get('/?lang=en');
  });

  it('works out the financial return of the year’s placements with every assumption, and lets the care be changed', async () => {
    const answer = await api('manager', 'GET', `/api/v1/finance/financial-return${year2025}`);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const { assumptions, children, totals } = answer.body;
    assert.equal(assumptions.reportYear, 2025);
    assert.equal(assumptions.discountBasisPoints, 350);
    const foster = assumptions.unitCosts.find((u: { careKind: string }) => u.careKind === 'foster_care');
    assert.equal(foster.weeklyAtReportYearPence, 83_980); // £646 × 130.0 / 100.0
    const ayla = children.find((c: { childId: string }) => c.childId === ids.ayla);
    const bryn = children.find((c: { childId: string }) => c.childId === ids.bryn);
    assert.equal(ayla.weeksAvoided, 626);
    assert.equal(ayla.discountedPence, discountedCarePence(83_980, 626, discountTable(350)));
    assert.equal(ayla.routeCostPence, 800_000 + 2_750); // the default fee (none recorded) + half the support session
    assert.equal(ayla.feeAssumed, true);
    assert.equal(bryn.careKind, 'residential_care'); // read from the plan at referral
    assert.equal(bryn.careSource, 'plan');
    assert.equal(totals.children, 2);
    assert.equal(totals.netPence, ayla.netPence + bryn.netPence);
    assert.equal(answer.body.sensitivity.length, 12);

    const browser = await t.signIn(users.manager!);
    const form = `/finance/financial-return/children/${ids.bryn}/care`;
    const empty = await browser.post(form, { careKind: 'foster_care', reason: '', version: '0' }, { csrfFrom: form });
    assert.equal(empty.statusCode, 400);
    assert.equal(await count('finance_care_choices'), 0);
    const saved = await browser.post(form, { careKind: 'foster_care', reason: 'Care plan at referral: foster care', version: '0' }, { csrfFrom: form });
    assert.equal(saved.statusCode, 303);
    const stale = await browser.post(form, { careKind: 'residential_care', reason: 'Again', version: '0' }, { csrfFrom: form });
    assert.equal(stale.statusCode, 409);
    const after = await api('manager', 'GET', `/api/v1/finance/financial-return${year2025}`);
    const brynAfter = after.body.children.find((c: { childId: string }) => c.childId === ids.bryn);
    assert.equal(brynAfter.careKind, 'foster_care');
    assert.equal(brynAfter.careSource, 'chosen');
    // Cai was not placed: no alternative care to choose.
    const notPlaced = await api('manager', 'PUT', `/api/v1/finance/financial-return/children/${ids.cai}/care`, {
      careKind: 'foster_care',
      reason: 'x',
      version: 0,
    });
    assert.equal(notPlaced.status, 404);
  });

  it('prints the method page with every assumption', async () => {
    const browser = await t.signIn(users.manager!);
    const page = await browser.get(`/finance/financial-return/method${year2025}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Green Book/);
    assert.match(page.body, /PSSRU Unit Costs of Health and Social Care 2017/);
    assert.match(page.body, /0\.933511/); // 1 / 1.035² in the table of discount factors
    assert.match(page.body, /data-testid="sensitivity-table"/);
  });

  it('keeps the agency’s costs from local authorities, other roles and other agencies, and audits reads', async () => {
    assert.equal((await api('referrer', 'GET', `/api/v1/finance/cost-recovery${year2025}`)).status, 403);
    assert.equal((await api('referrer', 'GET', `/api/v1/finance/financial-return${year2025}`)).status, 403);
    assert.equal((await api('worker', 'GET', `/api/v1/finance/cost-recovery${year2025}`)).status, 403);
    assert.equal((await api('referrer', 'POST', '/api/v1/finance/reinvestments', { reinvestedOn: '2025-06-01', amountPence: 100, purpose: 'x' })).status, 403);
    const outsider = await api('outsider', 'GET', `/api/v1/finance/cost-recovery${year2025}`);
    assert.equal(outsider.status, 200);
    // Only its own 600-minute consultation about a child never referred to it… which is not its child either: nothing of ours.
    assert.equal(outsider.body.total.directPence, 0);
    assert.ok(!outsider.body.children.some((c: { childId: string }) => c.childId === ids.ayla));
    assert.equal((await api('outsider', 'GET', '/api/v1/finance/direct-costs')).body.items.length, 0);
    const denied = await one(`select count(*) from audit_log where action = 'financeCosts.view' and outcome = 'denied' and user_id = $1`, [users.referrer!.id]);
    assert.ok(Number(denied.count) >= 1);
    const read = await one(`select count(*) from audit_log where action = 'financeCosts.view' and resource_type = 'cost-recovery' and user_id = $1`, [
      users.finance!.id,
    ]);
    assert.ok(Number(read.count) >= 1);
  });

  it('keeps the registers as entered: the app’s database role cannot change or remove an entry', async () => {
    const entry = await api('finance', 'POST', '/api/v1/finance/reinvestments', {
      reinvestedOn: '2025-10-01',
      amountPence: 500_000,
      purpose: 'A second therapeutic social worker',
    });
    assert.equal(entry.status, 201);
    await assert.rejects(q(`set role together_app; update finance_reinvestments set amount_pence = 1; reset role`), /permission denied/);
    await q('reset role');
    const list = await api('finance', 'GET', '/api/v1/finance/reinvestments');
    assert.equal(list.body.items[0].amountPence, 500_000);
    const recovery = await api('finance', 'GET', `/api/v1/finance/cost-recovery${year2025}`);
    assert.equal(recovery.body.reinvestedPence, 500_000);
    const zero = await api('finance', 'POST', '/api/v1/finance/reinvestments', { reinvestedOn: '2025-10-01', amountPence: 0, purpose: 'Nothing' });
    assert.equal(zero.status, 400);
  });
});

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestApp, type TestUser } from '../support/app.ts';
import { callApi, referredChild } from '../support/api-client.ts';
import { dateInWales } from '../../src/platform/dates/dates.ts';
import { applicants, households } from '../../src/modules/recruitment/schema.ts';

/**
 * The agency's choice of what a disrupted placement does to its placement fees: chosen on a form by
 * the finance officer or the service manager, said on the agreement page, and read by the step that
 * disrupts the placement in its own transaction. On a real database.
 */
describe('finance: what a disrupted placement does to its placement fees, as the agency chose', () => {
  let t: TestApp;
  let agency: string;
  let council: string;
  let finance: TestUser;
  let manager: TestUser;
  let finder: TestUser;
  let referrer: TestUser;
  let agreementId: string;
  const tokens: Record<string, string> = {};
  const today = () => dateInWales(new Date());
  const children: string[] = [];
  const form = '/finance/agreements/disruption-fees';

  const api = (who: string, method: 'GET' | 'POST', url: string, body?: unknown) => callApi(t, tokens[who]!, method, url, body);
  const step = (id: string, body: Record<string, unknown>) => api('finder', 'POST', `/api/v1/matches/${id}/steps`, { date: today(), ...body });
  const placementFeesOf = (childId: string) =>
    t.services.runner.run(t.system, async (tx) => {
      const rows = await tx.execute<{ id: string; kind: string; amount_pence: number; reverses_id: string | null }>(
        sql`select id, kind, amount_pence, reverses_id from fee_events where child_id = ${childId} and trigger = 'placement' order by kind, created_at`,
      );
      return rows.rows;
    });

  async function placedMatch(reference: string, childId: string) {
    const householdId = await t.services.runner.run(t.system, async (tx) => {
      const [h] = await tx
        .insert(households)
        .values({
          organisationId: agency,
          reference,
          stage: 'approved',
          stageSince: today(),
          enquiryDate: '2025-01-01',
          approvedDate: today(),
          email: `${reference}@example.invalid`,
        })
        .returning();
      await tx.insert(applicants).values({ householdId: h!.id, organisationId: agency, givenNames: 'Jo', familyName: reference });
      return h!.id;
    });
    const link = await api('finder', 'POST', '/api/v1/matches', { householdId, childId });
    assert.equal(link.status, 201, JSON.stringify(link.body));
    const id = link.body.id as string;
    for (const to of ['shortlisted', 'visits', 'matching_meeting', 'matching_panel']) assert.equal((await step(id, { to })).status, 200, to);
    assert.equal((await step(id, { to: 'agency_decision', panelRecommendation: 'match' })).status, 200);
    assert.equal((await api('referrer', 'POST', `/api/v1/matches/${id}/agreement`)).status, 200);
    assert.equal((await step(id, { to: 'introductions', decision: 'match', decisionMaker: 'A. Decider' })).status, 200);
    assert.equal((await step(id, { to: 'placed' })).status, 200);
    return id;
  }

  before(async () => {
    t = await startTestApp();
    agency = await t.organisation('agency', 'agency');
    council = await t.organisation('council', 'local_authority');
    finance = await t.user(['finance_officer'], agency);
    manager = await t.user(['service_manager'], agency);
    finder = await t.user(['family_finder'], agency);
    referrer = await t.user(['la_referrer'], council);
    for (const [name, user] of Object.entries({ finance, finder, referrer })) tokens[name] = await t.token(user);
    const agreement = await api('finance', 'POST', '/api/v1/agreements', {
      name: 'Council SLA',
      reference: 'SLA-D',
      party: 'local_authority',
      authorityIds: [council],
      terms: {
        effectiveFrom: '2024-04-01',
        periodStart: '2024-04-01',
        feeSchedule: [{ trigger: 'placement', amountPence: 600_000 }],
        uplift: { kind: 'none' },
      },
    });
    assert.equal(agreement.status, 201, JSON.stringify(agreement.body));
    agreementId = agreement.body.agreement.id;
    for (const name of ['Ifan', 'Lowri']) {
      const referral = await api('referrer', 'POST', '/api/v1/referrals', {
        legalBasis: 'adoption_agencies_wales_regulations',
        children: [referredChild(name, '2018-05-05')],
      });
      assert.equal(referral.status, 201, JSON.stringify(referral.body));
      children.push(referral.body.childIds[0]);
      const decided = await api('finder', 'POST', `/api/v1/referrals/${referral.body.referralId}/decision`, { decision: 'accept', familyFinderId: finder.id });
      assert.equal(decided.status, 200);
    }
  });
  after(() => t.close());

  it('the agreement page says the agency takes back placement fees until it chooses otherwise', async () => {
    const page = await (await t.signIn(referrer)).get(`/finance/agreements/${agreementId}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /data-testid="disruption-choice">When a placement under this agreement disrupts, [^<]* takes back its placement fees/);
    assert.doesNotMatch(page.body, /data-testid="change-disruption"/, 'the authority reads the choice, it does not make it');
    assert.equal((await (await t.signIn(referrer)).get(form)).statusCode, 403);
  });

  it('the finance officer chooses on a form: an answer is required, and a form someone else saved first answers 409', async () => {
    const browser = await t.signIn(finance);
    const shown = await browser.get(form);
    assert.equal(shown.statusCode, 200);
    assert.match(shown.body, /value="yes" checked/, 'the default is chosen until the agency chooses');
    assert.match(shown.body, /name="version" value="0"/);

    const unanswered = await browser.post(form, { version: '0' });
    assert.equal(unanswered.statusCode, 400);
    assert.match(unanswered.body, /Choose whether the agency takes back its placement fees when a placement disrupts/);
    // In Welsh too (the language is kept for the rest of the visit).
    assert.match((await browser.get(`${form}?lang=cy`)).body, /Beth sy’n digwydd i’r ffioedd lleoli pan fydd lleoliad yn chwalu/);
    assert.match((await browser.post(form, { version: '0' })).body, /Dewiswch a yw’r asiantaeth yn tynnu ei ffioedd lleoli yn ôl/);

    const saved = await browser.post(form, { version: '0', reversePlacementFees: 'no' });
    assert.equal(saved.statusCode, 303, saved.body);

    // The service manager's form was read before the save: stale, shown again with the choice as it is now.
    const stale = await (await t.signIn(manager)).post(form, { version: '0', reversePlacementFees: 'yes' });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /value="no" checked/);

    const page = await (await t.signIn(referrer)).get(`/finance/agreements/${agreementId}?lang=cy`);
    assert.match(page.body, /mae [^<]* yn cadw ei ffioedd lleoli: mae’r awdurdod lleol yn talu am y lleoliad/);
    const audited = await t.services.runner.run(t.system, async (tx) =>
      tx.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'billingSettings.edit' and resource_id = ${agency}`),
    );
    assert.equal(audited.rows[0]!.n, 1);
  });

  it('with the choice off, a disrupted placement keeps its fee: nothing is reversed', async () => {
    const matchId = await placedMatch('AT-DIS-1', children[0]!);
    assert.equal((await step(matchId, { to: 'disrupted', reason: 'The placement ended' })).status, 200);
    const fees = await placementFeesOf(children[0]!);
    assert.deepEqual(
      fees.map((f) => `${f.kind}:${f.amount_pence}`),
      ['charge:600000'],
    );
  });

  it('with the choice on, a disrupted placement raises one reversal of its fee, never an edit, and only once', async () => {
    const browser = await t.signIn(manager);
    assert.equal((await browser.post(form, { version: '1', reversePlacementFees: 'yes' })).statusCode, 303);
    const matchId = await placedMatch('AT-DIS-2', children[1]!);
    const [charge] = await placementFeesOf(children[1]!);
    assert.equal((await step(matchId, { to: 'disrupted', reason: 'The placement ended' })).status, 200);
    // The same step taken back again (a retried publish) raises nothing more.
    await t.services.runner.run(t.system, (tx) =>
      t.services.runner.events.publish(tx, t.system, 'step.reversed', {
        step: 'match.placed',
        because: 'disruption',
        agencyId: agency,
        key: matchId,
        reason: 'Again',
        date: today(),
      }),
    );
    const fees = await placementFeesOf(children[1]!);
    assert.deepEqual(
      fees.map((f) => `${f.kind}:${f.amount_pence}`),
      ['charge:600000', 'reversal:-600000'],
    );
    assert.equal(fees[0]!.id, charge!.id, 'the charge itself is unchanged');
    assert.equal(fees[1]!.reverses_id, charge!.id);
  });
});

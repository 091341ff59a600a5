import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestApp, type TestUser } from '../support/app.ts';
import { callApi, referredChild } from '../support/api-client.ts';
import { addMonths, dateInWales } from '../../src/platform/dates/dates.ts';
import { applicants, households } from '../../src/modules/recruitment/schema.ts';

/**
 * The fee triggers the owning modules publish on the workflow event bus: each year of adoption
 * support (support, on the placement's anniversary) and steps taken back (matching: a disruption
 * takes back the placement, a match ended during introductions its approval), on a real database.
 */
describe('finance: yearly support fees and reversed steps, published by support and matching', () => {
  let t: TestApp;
  let agency: string;
  let council: string;
  let finance: TestUser;
  let finder: TestUser;
  let referrer: TestUser;
  const tokens: Record<string, string> = {};
  const today = () => dateInWales(new Date());
  let siblings: string[] = [];
  let single: string;
  let matchId: string;
  let firstInvoice: string;

  const api = (who: string, method: 'GET' | 'POST', url: string, body?: unknown) => callApi(t, tokens[who]!, method, url, body);
  const step = (id: string, body: Record<string, unknown>) => api('finder', 'POST', `/api/v1/matches/${id}/steps`, { date: today(), ...body });
  const feesOf = (childIds: string[]) =>
    t.services.runner.run(t.system, async (tx) => {
      const rows = await tx.execute<{ trigger: string; kind: string; amount_pence: number; trigger_key: string; occurred_on: string }>(
        sql`select trigger, kind, amount_pence, trigger_key, occurred_on::text from fee_events
            where child_id = any(string_to_array(${childIds.join(',')}, ',')::uuid[]) order by trigger, kind, trigger_key, amount_pence desc`,
      );
      return rows.rows;
    });
  const summary = (rows: { trigger: string; kind: string; amount_pence: number }[]) => rows.map((r) => `${r.trigger}:${r.kind}:${r.amount_pence}`);

  async function approvedHousehold(reference: string) {
    return t.services.runner.run(t.system, async (tx) => {
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
  }

  /** Link → … → introductions, with the authority's agreement. */
  async function approvedMatch(householdId: string, childId: string) {
    const link = await api('finder', 'POST', '/api/v1/matches', { householdId, childId });
    assert.equal(link.status, 201, JSON.stringify(link.body));
    const id = link.body.id as string;
    for (const to of ['shortlisted', 'visits', 'matching_meeting', 'matching_panel']) assert.equal((await step(id, { to })).status, 200, to);
    assert.equal((await step(id, { to: 'agency_decision', panelRecommendation: 'match' })).status, 200);
    assert.equal((await api('referrer', 'POST', `/api/v1/matches/${id}/agreement`)).status, 200);
    assert.equal((await step(id, { to: 'introductions', decision: 'match', decisionMaker: 'A. Decider' })).status, 200);
    return id;
  }

  before(async () => {
    t = await startTestApp();
    agency = await t.organisation('agency', 'agency');
    council = await t.organisation('council', 'local_authority');
    finance = await t.user(['finance_officer'], agency);
    finder = await t.user(['family_finder'], agency);
    referrer = await t.user(['la_referrer'], council);
    for (const [name, user] of Object.entries({ finance, finder, referrer })) tokens[name] = await t.token(user);
    const agreement = await api('finance', 'POST', '/api/v1/agreements', {
      name: 'Council SLA',
      reference: 'SLA-C',
      party: 'local_authority',
      authorityIds: [council],
      terms: {
        effectiveFrom: '2024-04-01',
        periodStart: '2024-04-01',
        feeSchedule: [
          { trigger: 'match_approved', amountPence: 50_000 },
          { trigger: 'placement', amountPence: 600_000, siblingAmountPence: 400_000 },
          { trigger: 'support_year', amountPence: 120_000, siblingAmountPence: 60_000 },
        ],
        uplift: { kind: 'none' },
      },
    });
    assert.equal(agreement.status, 201, JSON.stringify(agreement.body));
    const group = await api('referrer', 'POST', '/api/v1/referrals', {
      legalBasis: 'adoption_agencies_wales_regulations',
      children: [referredChild('Ffion', '2018-03-01'), referredChild('Gethin', '2020-07-07')],
      siblingRelationships: [{ child: 0, sibling: 1, relationship: 'full' }],
      siblingAssessment: { assessment: 'together', reasons: 'Close bond', assessmentDate: '2025-10-01' },
    });
    siblings = group.body.childIds;
    const alone = await api('referrer', 'POST', '/api/v1/referrals', {
      legalBasis: 'adoption_agencies_wales_regulations',
      children: [referredChild('Heledd', '2017-02-02')],
    });
    single = alone.body.childIds[0];
    for (const r of [group.body.referralId, alone.body.referralId])
      assert.equal((await api('finder', 'POST', `/api/v1/referrals/${r}/decision`, { decision: 'accept', familyFinderId: finder.id })).status, 200);
  });
  after(() => t.close());

  it('each anniversary of a placement begins a further year of support: support publishes it, finance raises the year’s fee once per child', async () => {
    matchId = await approvedMatch(await approvedHousehold('AT-TRIG-1'), siblings[0]!);
    // The day of placement, kept: the anniversaries below are counted from it.
    const placedOn = today();
    assert.equal((await step(matchId, { to: 'placed', date: placedOn })).status, 200);
    assert.deepEqual(summary(await feesOf(siblings)), [
      'match_approved:charge:50000',
      'match_approved:charge:50000',
      'placement:charge:600000',
      'placement:charge:400000',
    ]);

    // Nothing yet on the day of placement: year 1 is the placement's own.
    assert.equal((await t.services.support.beginSupportYears(t.system)).yearsBegun, 0);
    // Two years and a month later, years 2 and 3 have begun; saying so twice raises nothing more.
    const later = addMonths(placedOn, 25);
    for (let i = 0; i < 2; i++) await t.services.support.beginSupportYears(t.system, { today: later });
    const support = (await feesOf(siblings)).filter((f) => f.trigger === 'support_year');
    assert.deepEqual(
      support.map((f) => `${f.trigger_key.slice(-2)}:${f.amount_pence}:${f.occurred_on}`),
      [
        `:2:120000:${addMonths(placedOn, 12)}`,
        `:2:60000:${addMonths(placedOn, 12)}`,
        `:3:120000:${addMonths(placedOn, 24)}`,
        `:3:60000:${addMonths(placedOn, 24)}`,
      ],
      'the first child at the schedule’s amount, the brother or sister at the sibling amount, each year once, dated on the anniversary',
    );
    // A run that looks back only from a date after year 3 began raises nothing new either.
    assert.equal((await t.services.support.beginSupportYears(t.system, { today: later, since: addMonths(placedOn, 25) })).yearsBegun, 0);
  });

  it('a disruption takes back the placement: reversals, never edits, and a credit note against the invoice that charged it', async () => {
    const issued = await api('finance', 'POST', '/api/v1/invoices', { localAuthorityId: council, upTo: addMonths(today(), 30) });
    assert.equal(issued.status, 201, JSON.stringify(issued.body));
    firstInvoice = issued.body.invoices[0];

    assert.equal((await step(matchId, { to: 'disrupted', reason: 'The placement ended' })).status, 200);
    const fees = await feesOf(siblings);
    assert.deepEqual(summary(fees.filter((f) => f.trigger === 'placement')), [
      'placement:charge:600000',
      'placement:charge:400000',
      'placement:reversal:-400000',
      'placement:reversal:-600000',
    ]);
    assert.equal(fees.filter((f) => f.kind === 'reversal').length, 2, 'only the placement is taken back');

    const again = await api('finance', 'POST', '/api/v1/invoices', { localAuthorityId: council, upTo: addMonths(today(), 30) });
    assert.equal(again.status, 201, JSON.stringify(again.body));
    assert.equal(again.body.creditNotes.length, 1);
    const credit = await api('finance', 'GET', `/api/v1/invoices/${again.body.creditNotes[0]}`);
    assert.equal(credit.body.kind, 'credit_note');
    assert.equal(credit.body.creditsInvoiceId, firstInvoice);
    assert.equal(credit.body.totalPence, -1_000_000, 'the two placement fees credited in full');

    // The children's support years stop with the placement.
    assert.equal((await t.services.support.beginSupportYears(t.system, { today: addMonths(today(), 40) })).yearsBegun, 0);
  });

  it('a match ended during introductions takes back its approval; a match ended earlier raised nothing to take back', async () => {
    const id = await approvedMatch(await approvedHousehold('AT-TRIG-2'), single);
    assert.equal((await step(id, { to: 'ended', reason: 'The family withdrew' })).status, 200);
    assert.deepEqual(summary(await feesOf([single])), ['match_approved:charge:50000', 'match_approved:reversal:-50000']);
  });
});

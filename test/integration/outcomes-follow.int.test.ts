import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startTestApp, type Browser, type TestApp, type TestUser } from '../support/app.ts';
import { matchedFamily } from '../support/fixtures.ts';
import { callApi } from '../support/api-client.ts';
import { addDays, addMonths, dateInWales } from '../../src/platform/dates/dates.ts';
import { children } from '../../src/modules/children/schema.ts';

/**
 * The outcomes records follow the records they depend on: the cohort's placement date follows
 * matching's placement when it is corrected, disrupted or made anew (the "period of placement"
 * filter counts the child where they are now), and a child with no referral record still gets its
 * developmental-check baseline, from the referral date on the child's own record. All fictional.
 */
describe('outcomes follow placements and children without a referral', () => {
  let t: TestApp;
  let agency: string;
  let council: string;
  let worker: TestUser;
  let token: string;
  let managerToken: string;
  let browser: Browser;
  let child: string;
  let family: string;
  const today = () => dateInWales(new Date());
  const placedOn = addMonths(today(), -7);
  const cohortPlacement = async () =>
    (await t.database.adminQuery("select placement_date::text as d from outcome_trajectories where child_id = $1 and instrument_code = 'sdq-parent'", [child]))
      .rows[0]?.d as string | null | undefined;

  async function newChild(name: string, values: { status: 'placed' | 'family_finding'; referralDate: string }) {
    return t.services.runner.run(t.system, async (tx) => {
      const [row] = await tx
        .insert(children)
        .values({
          organisationId: council,
          status: values.status,
          legalGivenNames: name,
          legalFamilyName: 'Testchild',
          dateOfBirth: addMonths(today(), -60),
          sex: 'male',
          ethnicity: 'white_british',
          legalStatus: 'placement_order',
          referralDate: values.referralDate,
          sharedWith: [agency],
          socialWorkerId: worker.id,
        })
        .returning();
      return row!.id;
    });
  }

  before(async () => {
    t = await startTestApp();
    agency = await t.organisation('follow-agency', 'agency');
    council = await t.organisation('follow-council', 'local_authority');
    worker = await t.user(['social_worker'], agency);
    token = await t.token(worker, 'write');
    managerToken = await t.token(await t.user(['service_manager'], agency), 'read');
    browser = await t.signIn(worker);
    child = await newChild('Fictional Follow', { status: 'placed', referralDate: addMonths(today(), -20) });
    ({ household: family } = await matchedFamily(t, {
      agency,
      council,
      child,
      household: { reference: `FOL-${randomUUID().slice(0, 6)}`, stageSince: placedOn },
      match: { stageSince: placedOn, linkedDate: addMonths(today(), -9), placementDate: placedOn },
    }));
    for (const [completedOn, emotional] of [
      [addMonths(today(), -6), 7],
      [addMonths(today(), -1), 2],
    ] as const) {
      const answer = await callApi(t, token, 'POST', `/api/v1/children/${child}/administrations`, {
        instrument: 'sdq-parent',
        completedOn,
        respondent: 'parent_carer',
        scores: { emotional, conduct: 3, hyperactivity: 5, peer: 2, prosocial: 7, total: emotional + 10, impact: 1 },
      });
      assert.equal(answer.status, 201);
    }
  });
  after(async () => t.close());

  it('keeps the cohort’s placement date in step when the placement date is corrected', async () => {
    assert.equal(await cohortPlacement(), placedOn);
    const corrected = addDays(placedOn, -3);
    await t.database.adminQuery('update matches set placement_date = $2 where $1 = any (child_ids)', [child, corrected]);
    assert.equal(await cohortPlacement(), corrected);
  });

  it('takes the placement date away when the placement is disrupted, and takes up a new placement', async () => {
    await t.database.adminQuery("update matches set disruption_date = $2, stage = 'disrupted' where $1 = any (child_ids)", [child, addDays(today(), -20)]);
    assert.equal(await cohortPlacement(), null, 'a disrupted placement is no longer the child’s placement');
    const again = addDays(today(), -5);
    await t.database.adminQuery(
      "insert into matches (organisation_id, child_organisation_id, shared_with, household_id, child_ids, unit_key, stage, stage_since, source, linked_date, placement_date) values ($1, $2, $3, $4, $5, $6, 'placed', $7, 'manual', $7, $7)",
      [agency, council, [agency, council], family, [child], randomUUID(), again],
    );
    assert.equal(await cohortPlacement(), again);
    // The cohort filtered by period of placement finds the child in the new period, not the old one.
    const recent = await callApi(t, managerToken, 'GET', `/api/v1/outcomes/cohort?from=${addDays(today(), -10)}&to=${today()}`);
    assert.equal(recent.status, 200);
    const emotional = (recent.body.scales as { code: string; children: number }[]).find((s) => s.code === 'emotional');
    assert.equal(emotional?.children, 1);
  });

  it('gives a child without a referral record a developmental-check baseline from the referral date on its record', async () => {
    const referredOn = addDays(today(), -10);
    const unreferred = await newChild('Fictional Unreferred', { status: 'family_finding', referralDate: referredOn });
    const home = await browser.get('/');
    const start = home.body.indexOf('data-testid="outcomes-due"');
    assert.ok(start >= 0);
    const panel = home.body.slice(start, home.body.indexOf('</section>', start));
    const row = [...panel.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)]
      .map((m) => m[1]!)
      .find((r) => r.includes(`/children/${unreferred}/outcomes`));
    assert.ok(row, 'the unreferred child’s baseline is due');
    assert.match(row, /Developmental check/);
    assert.match(row, /Baseline/);
  });
});

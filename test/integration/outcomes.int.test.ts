import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startTestApp, type Browser, type TestApp, type TestUser } from '../support/app.ts';
import { matchedFamily } from '../support/fixtures.ts';
import { callApi, type ApiAnswer } from '../support/api-client.ts';
import { addMonths, dateInWales } from '../../src/platform/dates/dates.ts';
import { eq } from 'drizzle-orm';
import { children } from '../../src/modules/children/schema.ts';

/**
 * Children's outcomes as the agency records and reads them: who may enter and read a child's
 * scores (the allocated worker and the clinical team; another agency is told "not found"; the
 * child's local authority sees bands only; a funder never a score), every read and change audited,
 * a wrong score changing nothing, and the cohort's reliable change. All children are fictional.
 */
describe('children’s outcomes', () => {
  let t: TestApp;
  let agency: string;
  let council: string;
  let otherAgency: string;
  let funderOrg: string;
  let worker: TestUser;
  let otherWorker: TestUser;
  let psychologist: TestUser;
  let manager: TestUser;
  let outsider: TestUser;
  let referrer: TestUser;
  let funder: TestUser;
  let child: string;
  const tokens: Record<string, string> = {};
  const browsers: Record<string, Browser> = {};
  const today = () => dateInWales(new Date());
  const baseline = { emotional: 7, conduct: 6, hyperactivity: 8, peer: 4, prosocial: 5, total: 25, impact: 4 };
  const later = { emotional: 3, conduct: 2, hyperactivity: 5, peer: 2, prosocial: 8, total: 12, impact: 1 };

  const api = (who: string, method: 'GET' | 'POST', url: string, body?: unknown): Promise<ApiAnswer> => callApi(t, tokens[who]!, method, url, body);
  const count = async (table: string) => Number((await t.database.adminQuery(`select count(*) from ${table}`)).rows[0].count);
  const auditOf = async (resourceId: string) =>
    (await t.database.adminQuery('select action, user_id, outcome from audit_log where resource_id = $1 order by id', [resourceId])).rows as {
      action: string;
      user_id: string;
      outcome: string;
    }[];

  async function placedChild(name: string, socialWorkerId: string | null) {
    const placedOn = addMonths(today(), -7);
    const { child } = await matchedFamily(t, {
      agency,
      council,
      child: { legalGivenNames: name, socialWorkerId },
      household: { reference: `OUT-${randomUUID().slice(0, 6)}`, stageSince: placedOn },
      match: { stageSince: placedOn, linkedDate: addMonths(today(), -9), placementDate: placedOn },
    });
    return child;
  }

  before(async () => {
    t = await startTestApp();
    agency = await t.organisation('outcomes-agency', 'agency');
    council = await t.organisation('outcomes-council', 'local_authority');
    otherAgency = await t.organisation('outcomes-other-agency', 'agency');
    funderOrg = await t.organisation('outcomes-funder', 'funder');
    worker = await t.user(['social_worker'], agency);
    otherWorker = await t.user(['social_worker'], agency);
    psychologist = await t.user(['clinical_psychologist'], agency);
    manager = await t.user(['service_manager'], agency);
    outsider = await t.user(['social_worker'], otherAgency);
    referrer = await t.user(['la_referrer'], council);
    funder = await t.user(['funder'], funderOrg);
    for (const [name, user] of Object.entries({ worker, otherWorker, psychologist, manager, outsider, referrer, funder }))
      tokens[name] = await t.token(user, 'write');
    browsers.worker = await t.signIn(worker);
    child = await placedChild('Fictional Outcome', worker.id);
  });
  after(async () => t.close());

  it('lists the shipped instruments with their scales, direction, bands and norms', async () => {
    const answer = await api('referrer', 'GET', '/api/v1/instruments');
    assert.equal(answer.status, 200);
    const sdq = answer.body.items.find((i: { code: string }) => i.code === 'sdq-parent');
    assert.equal(sdq.version, 1);
    assert.equal(sdq.itemsOnScreen, false);
    const prosocial = sdq.scales.find((s: { code: string }) => s.code === 'prosocial');
    assert.equal(prosocial.higherIsBetter, true);
    assert.equal(prosocial.sd, 1.6);
    assert.deepEqual(
      sdq.scales.find((s: { code: string }) => s.code === 'total').bands.map((b: { min: number; max: number }) => [b.min, b.max]),
      [
        [0, 13],
        [14, 16],
        [17, 19],
        [20, 40],
      ],
    );
  });

  it('refuses wrong scores naming each scale, and saves nothing', async () => {
    const before = await count('outcome_administrations');
    const answer = await api('worker', 'POST', `/api/v1/children/${child}/administrations`, {
      instrument: 'sdq-parent',
      completedOn: addMonths(today(), -7),
      respondent: 'parent_carer',
      scores: { ...baseline, emotional: 12, peer: -1, impact: 'high' },
    });
    assert.equal(answer.status, 422);
    assert.deepEqual(answer.body.errors.map((e: { field: string }) => e.field).sort(), ['scores.emotional', 'scores.impact', 'scores.peer']);
    assert.equal(await count('outcome_administrations'), before);
    assert.equal(await count('outcome_trajectories'), 0);
  });

  it('refuses a total that is not the sum, in Welsh for a Welsh reader', async () => {
    const answer = await callApi(
      t,
      tokens.worker!,
      'POST',
      `/api/v1/children/${child}/administrations`,
      {
        instrument: 'sdq-parent',
        completedOn: addMonths(today(), -7),
        respondent: 'parent_carer',
        scores: { ...baseline, total: 30 },
      },
      { 'accept-language': 'cy' },
    );
    assert.equal(answer.status, 422);
    assert.deepEqual(
      answer.body.errors.map((e: { field: string }) => e.field),
      ['scores.total'],
    );
    assert.match(answer.body.errors[0].message, /Rhaid i’r cyfanswm fod yn swm/);
  });

  it('lets the allocated worker and the psychologist enter scores (201, Location, ETag), audited', async () => {
    const first = await api('worker', 'POST', `/api/v1/children/${child}/administrations`, {
      instrument: 'sdq-parent',
      completedOn: addMonths(today(), -7),
      respondent: 'parent_carer',
      scores: baseline,
    });
    assert.equal(first.status, 201);
    assert.equal(first.headers.location, `/api/v1/children/${child}/administrations/${first.body.id}`);
    assert.equal(first.headers.etag, '"v1"');
    const second = await api('psychologist', 'POST', `/api/v1/children/${child}/administrations`, {
      instrument: 'sdq-parent',
      completedOn: addMonths(today(), -1),
      respondent: 'parent_carer',
      scores: later,
    });
    assert.equal(second.status, 201);
    const audit = await auditOf(second.body.id);
    assert.deepEqual(
      audit.map((r) => [r.action, r.user_id, r.outcome]),
      [['outcomes.edit', psychologist.id, 'success']],
    );
  });

  it('refuses entry by an agency worker not allocated to the child, and by another agency as not found', async () => {
    const body = { instrument: 'sdq-parent', completedOn: today(), respondent: 'parent_carer', scores: later };
    const before = await count('outcome_administrations');
    assert.equal((await api('otherWorker', 'POST', `/api/v1/children/${child}/administrations`, body)).status, 404);
    assert.equal((await api('outsider', 'POST', `/api/v1/children/${child}/administrations`, body)).status, 404);
    assert.equal(await count('outcome_administrations'), before);
  });

  it('shows the trajectory with reliable improvement between the first and latest scores', async () => {
    const answer = await api('worker', 'GET', `/api/v1/children/${child}/outcomes`);
    assert.equal(answer.status, 200);
    const sdq = answer.body.instruments.find((i: { code: string }) => i.code === 'sdq-parent');
    const total = sdq.scales.find((s: { code: string }) => s.code === 'total');
    assert.deepEqual(
      total.points.map((p: { score: number }) => p.score),
      [25, 12],
    );
    // (12 − 25) / (√2 × 5.8 × √0.18) = −13 / 3.48 = −3.736
    assert.equal(total.rci, -3.736);
    assert.equal(total.change, 'improved');
    const prosocial = sdq.scales.find((s: { code: string }) => s.code === 'prosocial');
    assert.equal(prosocial.change, 'improved', 'a rise in prosocial behaviour is an improvement');
    const page = await browsers.worker!.get(`/children/${child}/outcomes`);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('data-change="improved"'));
    assert.ok(page.body.includes('<svg'));
  });

  it('gives the local authority its own child’s bands and changes but no scores, and the funder nothing', async () => {
    const answer = await api('referrer', 'GET', `/api/v1/children/${child}/outcomes`);
    assert.equal(answer.status, 200);
    assert.equal(answer.body.bandsOnly, true);
    const total = answer.body.instruments[0].scales.find((s: { code: string }) => s.code === 'total');
    assert.equal(total.change, 'improved');
    assert.equal(total.rci, null);
    assert.ok(total.points.every((p: object) => !('score' in p)));
    assert.deepEqual(
      total.points.map((p: { band: string }) => p.band),
      ['very_high', 'close_to_average'],
    );
    const list = await api('referrer', 'GET', `/api/v1/children/${child}/administrations`);
    assert.ok(list.body.items.every((a: object) => !('scores' in a)));
    const funderRead = await api('funder', 'GET', `/api/v1/children/${child}/outcomes`);
    assert.equal(funderRead.status, 403);
    assert.ok(!JSON.stringify(funderRead.body).includes('very_high'));
  });

  it('answers another agency’s worker "not found", as for a child that does not exist, and audits each read', async () => {
    const refused = await api('outsider', 'GET', `/api/v1/children/${child}/outcomes`);
    const nowhere = await api('outsider', 'GET', `/api/v1/children/${randomUUID()}/outcomes`);
    assert.equal(refused.status, 404);
    assert.equal(nowhere.status, 404);
    assert.equal(refused.body.detail, nowhere.body.detail);
    const audit = await auditOf(child);
    assert.ok(audit.some((r) => r.action === 'outcomes.view' && r.user_id === worker.id && r.outcome === 'success'));
    assert.ok(audit.some((r) => r.action === 'outcomes.view' && r.user_id === referrer.id && r.outcome === 'success'));
    assert.ok(audit.some((r) => r.user_id === outsider.id && r.outcome !== 'success'));
  });

  it('counts the cohort’s reliable change with Wilson intervals inside the agency, suppressed outside it', async () => {
    const inside = await api('manager', 'GET', '/api/v1/outcomes/cohort');
    assert.equal(inside.status, 200);
    const total = inside.body.scales.find((s: { code: string }) => s.code === 'total');
    assert.equal(total.children, 1);
    assert.equal(total.counts.improved, 1);
    assert.equal(total.intervals.improved.share, 1);
    const outside = await api('funder', 'GET', '/api/v1/outcomes/cohort');
    assert.equal(outside.status, 200);
    assert.equal(outside.body.disclosed, true);
    assert.equal(outside.body.scales.find((s: { code: string }) => s.code === 'total').counts.improved, 'c');
    const filtered = await api('funder', 'GET', `/api/v1/outcomes/cohort?localAuthorityId=${council}`);
    assert.equal(filtered.status, 400);
  });

  it('takes the child out of the agency’s cohort as soon as the sharing with the agency ends', async () => {
    await t.services.runner.run(t.system, (tx) => tx.update(children).set({ sharedWith: [], socialWorkerId: null }).where(eq(children.id, child)));
    const inside = await api('manager', 'GET', '/api/v1/outcomes/cohort');
    assert.equal(inside.body.scales.find((s: { code: string }) => s.code === 'total').children, 0);
    assert.equal((await api('worker', 'GET', `/api/v1/children/${child}/outcomes`)).status, 404);
    const own = Number((await t.database.adminQuery('select count(*) from outcome_trajectories where organisation_id = $1', [council])).rows[0].count);
    assert.equal(own, 1, 'the authority’s own child stays in its cohort');
  });
});

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp, type TestUser } from '../support/app.ts';
import { callApi } from '../support/api-client.ts';

/** Children who wait through the JSON API: refer, decide, find, record, analyse. */
describe('children API', () => {
  let t: TestApp;
  let referrer: TestUser;
  let otherReferrer: TestUser;
  let finder: TestUser;
  let funder: TestUser;
  let adopter: TestUser;
  let tokens: Record<string, string>;

  const child = (given: string, dateOfBirth: string, extra: Record<string, unknown> = {}) => ({
    legalGivenNames: given,
    legalFamilyName: 'Testfamily',
    dateOfBirth,
    sex: 'female',
    ethnicity: 'white_british',
    legalStatus: 'placement_order',
    placementOrderDate: '2025-01-10',
    needs: [],
    ...extra,
  });

  async function api(token: string, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, body?: unknown, headers: Record<string, string> = {}) {
    return callApi(t, token, method, url, body, headers);
  }

  before(async () => {
    t = await startTestApp();
    const agency = await t.organisation('agency', 'agency');
    const north = await t.organisation('north', 'local_authority');
    const south = await t.organisation('south', 'local_authority');
    const fund = await t.organisation('fund', 'funder');
    referrer = await t.user(['la_referrer'], north);
    otherReferrer = await t.user(['la_referrer'], south);
    finder = await t.user(['family_finder'], agency);
    funder = await t.user(['funder'], fund);
    adopter = await t.user(['adopter'], agency);
    tokens = {
      referrer: await t.token(referrer),
      other: await t.token(otherReferrer),
      finder: await t.token(finder),
      funder: await t.token(funder),
      adopter: await t.token(adopter),
    };
  });
  after(async () => t.close());

  it('refers a sibling group, which the agency accepts and then sees with its priority reasons', async () => {
    const referral = await api(tokens.referrer!, 'POST', '/api/v1/referrals', {
      legalBasis: 'adoption_agencies_wales_regulations',
      children: [
        child('Ayla', '2019-04-02'),
        child('Bryn', '2021-08-15', { needs: [{ category: 'speech_language_communication', severity: 'moderate' }] }),
        child('Cai', '2023-01-20'),
      ],
      siblingRelationships: [
        { child: 0, sibling: 1, relationship: 'full' },
        { child: 0, sibling: 2, relationship: 'half' },
      ],
      siblingAssessment: { assessment: 'together', reasons: 'Strong bond; Ayla cares for Cai', assessmentDate: '2025-10-01' },
    });
    assert.equal(referral.status, 201, JSON.stringify(referral.body));
    assert.equal(referral.body.childIds.length, 3);
    assert.ok(referral.body.siblingGroupId);

    // Before the decision the agency sees the referral, not yet the children's list for family finding.
    const waiting = await api(tokens.finder!, 'GET', '/api/v1/referrals?status=submitted');
    assert.deepEqual(
      waiting.body.items.map((r: { id: string }) => r.id),
      [referral.body.referralId],
    );

    const accepted = await api(tokens.finder!, 'POST', `/api/v1/referrals/${referral.body.referralId}/decision`, {
      decision: 'accept',
      familyFinderId: finder.id,
    });
    assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
    assert.equal(accepted.body.status, 'accepted');

    const again = await api(tokens.finder!, 'POST', `/api/v1/referrals/${referral.body.referralId}/decision`, { decision: 'decline', reason: 'late' });
    assert.equal(again.status, 409);

    const ayla = await api(tokens.finder!, 'GET', `/api/v1/children/${referral.body.childIds[0]}`);
    assert.equal(ayla.status, 200);
    assert.equal(ayla.body.status, 'family_finding');
    const reasons = ayla.body.priority.map((r: { reason: string }) => r.reason);
    assert.ok(reasons.includes('age'), 'Ayla was 6 at referral');
    assert.ok(reasons.includes('sibling_group'));
    assert.ok(reasons.includes('waiting_since_placement_order'));
    assert.ok(ayla.body.clocks.some((c: { name: string; level: string }) => c.name === 'placementOrder' && c.level !== 'ok'));

    const list = await api(tokens.finder!, 'GET', '/api/v1/children?priorityReason=disability_or_needs');
    assert.deepEqual(
      list.body.items.map((c: { name: string }) => c.name),
      ['Bryn'],
    );
  });

  it('keeps a child of one authority out of sight of another authority’s referrer (404, not 403)', async () => {
    const mine = await api(tokens.referrer!, 'GET', '/api/v1/children');
    const id = mine.body.items[0].id;
    const theirs = await api(tokens.other!, 'GET', `/api/v1/children/${id}`);
    assert.equal(theirs.status, 404);
    const theirList = await api(tokens.other!, 'GET', '/api/v1/children');
    assert.equal(theirList.body.items.length, 0);
  });

  it('never shows a child to an adopter or a funder', async () => {
    const mine = await api(tokens.referrer!, 'GET', '/api/v1/children');
    const id = mine.body.items[0].id;
    assert.equal((await api(tokens.adopter!, 'GET', `/api/v1/children/${id}`)).status, 403);
    assert.equal((await api(tokens.funder!, 'GET', '/api/v1/children')).status, 403);
    assert.equal((await api(tokens.adopter!, 'GET', `/api/v1/children/${id}/aces`)).status, 403);
  });

  it('refuses impossible dates and changes nothing', async () => {
    const before = (await api(tokens.referrer!, 'GET', '/api/v1/children')).body.items.length;
    const future = await api(
      tokens.referrer!,
      'POST',
      '/api/v1/referrals',
      { legalBasis: 'consent', children: [child('Dewi', '2099-01-01')] },
      { 'accept-language': 'cy' },
    );
    assert.equal(future.status, 400);
    assert.equal(future.body.errors[0].field, 'children.0.dateOfBirth');
    assert.match(future.body.errors[0].message, /Rhaid i’r dyddiad geni fod heddiw neu yn y gorffennol/);
    const beforeBirth = await api(tokens.referrer!, 'POST', '/api/v1/referrals', {
      legalBasis: 'consent',
      children: [child('Dewi', '2022-05-05', { placementOrderDate: '2021-01-01' })],
    });
    assert.equal(beforeBirth.status, 400);
    assert.equal(beforeBirth.body.errors[0].code, 'children:errors.placementOrderDate.beforeBirth');
    assert.equal((await api(tokens.referrer!, 'GET', '/api/v1/children')).body.items.length, before);
  });

  it('never loses an update: a stale If-Match answers 412 and keeps the newer change', async () => {
    const id = (await api(tokens.finder!, 'GET', '/api/v1/children')).body.items[0].id;
    const read = await api(tokens.finder!, 'GET', `/api/v1/children/${id}`);
    const etag = read.headers.etag as string;
    const first = await api(tokens.finder!, 'PATCH', `/api/v1/children/${id}`, { preferredName: 'First change' }, { 'if-match': etag });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    const stale = await api(tokens.referrer!, 'PATCH', `/api/v1/children/${id}`, { preferredName: 'Stale change' }, { 'if-match': etag });
    assert.equal(stale.status, 412);
    const now = await api(tokens.finder!, 'GET', `/api/v1/children/${id}`);
    assert.equal(now.body.preferredName, 'First change');
  });

  it('refuses a child in a second active sibling group', async () => {
    const groups = await api(tokens.finder!, 'GET', '/api/v1/sibling-groups');
    const group = groups.body.items[0];
    const single = await api(tokens.referrer!, 'POST', '/api/v1/referrals', { legalBasis: 'consent', children: [child('Elis', '2020-02-29')] });
    const other = await api(tokens.referrer!, 'POST', '/api/v1/referrals', {
      legalBasis: 'consent',
      children: [child('Ffion', '2018-03-01'), child('Gwen', '2019-03-01')],
    });
    const add = await api(tokens.referrer!, 'POST', `/api/v1/sibling-groups/${other.body.siblingGroupId}/members`, { childId: group.childIds[0] });
    assert.equal(add.status, 400);
    assert.equal(add.body.errors[0].code, 'children:errors.siblingGroup.alreadyInGroup');
    const ok = await api(tokens.referrer!, 'POST', `/api/v1/sibling-groups/${other.body.siblingGroupId}/members`, {
      childId: single.body.childIds[0],
      relationships: [{ siblingId: other.body.childIds[0], relationship: 'step' }],
    });
    assert.equal(ok.status, 204);
  });

  it('records ACEs, refuses a status outside the list, and counts known and suspected', async () => {
    const id = (await api(tokens.finder!, 'GET', '/api/v1/children')).body.items[0].id;
    const bad = await api(tokens.finder!, 'PUT', `/api/v1/children/${id}/aces`, { entries: [{ category: 'physical_abuse', status: 'probably' }] });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.errors[0].code, 'children:errors.ace.status');
    const saved = await api(tokens.finder!, 'PUT', `/api/v1/children/${id}/aces`, {
      entries: [
        { category: 'physical_abuse', status: 'known', source: 'court bundle', recordedOn: '2025-09-01' },
        { category: 'emotional_neglect', status: 'known', source: 'social worker', recordedOn: '2025-09-01' },
        { category: 'domestic_violence', status: 'suspected', source: 'health visitor', recordedOn: '2025-09-01' },
        { category: 'bereavement', status: 'known', source: 'file', recordedOn: '2025-09-01' },
      ],
    });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.equal(saved.body.counts.known, 2);
    assert.equal(saved.body.counts.knownOrSuspected, 3);
    assert.equal(saved.body.counts.extendedKnown, 1);
  });

  it('declines with a reason the authority can read, and the agency loses sight of the children', async () => {
    const referral = await api(tokens.referrer!, 'POST', '/api/v1/referrals', { legalBasis: 'consent', children: [child('Hywel', '2017-06-06')] });
    const childId = referral.body.childIds[0];
    assert.equal((await api(tokens.finder!, 'GET', `/api/v1/children/${childId}`)).status, 200, 'visible for the decision');
    const noReason = await api(tokens.finder!, 'POST', `/api/v1/referrals/${referral.body.referralId}/decision`, { decision: 'decline' });
    assert.equal(noReason.status, 400);
    const declined = await api(tokens.finder!, 'POST', `/api/v1/referrals/${referral.body.referralId}/decision`, {
      decision: 'decline',
      reason: 'Outside the service’s region',
    });
    assert.equal(declined.status, 200, JSON.stringify(declined.body));
    assert.equal((await api(tokens.finder!, 'GET', `/api/v1/children/${childId}`)).status, 404);
    const seenByAuthority = await api(tokens.referrer!, 'GET', `/api/v1/referrals/${referral.body.referralId}`);
    assert.equal(seenByAuthority.body.status, 'declined');
    assert.equal(seenByAuthority.body.declineReason, 'Outside the service’s region');
  });

  it('gives the agency exact cohort figures and the funder suppressed ones', async () => {
    const agency = await api(tokens.finder!, 'GET', '/api/v1/analytics/aces');
    assert.equal(agency.status, 200);
    assert.equal(agency.body.disclosed, false);
    assert.equal(agency.body.children, 1);
    assert.equal(agency.body.distribution[2], 1);
    assert.equal(agency.body.comparatorMean, 4);
    const funderView = await api(tokens.funder!, 'GET', '/api/v1/analytics/aces');
    assert.equal(funderView.status, 200);
    assert.equal(funderView.body.disclosed, true);
    assert.equal(funderView.body.distribution[2], 'c');
    assert.equal(funderView.body.mean, 'c');
  });
});

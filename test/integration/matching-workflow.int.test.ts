import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq, inArray } from 'drizzle-orm';
import { startTestApp, type TestApp, type TestUser } from '../support/app.ts';
import { callApi } from '../support/api-client.ts';
import { dateInWales } from '../../src/platform/dates/dates.ts';
import { children } from '../../src/modules/children/schema.ts';
import { applicants, households } from '../../src/modules/recruitment/schema.ts';
import type { RequestContext } from '../../src/platform/policy/actor.ts';

/** The matching workflow: link → match → panel → decision → introductions → placement, with every guard. */
describe('matching workflow', () => {
  let t: TestApp;
  let finder: TestUser;
  let referrer: TestUser;
  let otherReferrer: TestUser;
  let adopter: TestUser;
  let tokens: Record<string, string>;
  let agency: string;
  let siblings: string[];
  let single: string;
  let householdId: string;
  let secondHouseholdId: string;
  let matchId: string;
  const today = () => dateInWales(new Date());

  async function api(token: string, method: 'GET' | 'POST', url: string, body?: unknown) {
    const { status, body: answer } = await callApi(t, token, method, url, body);
    return { status, body: answer };
  }
  const child = (given: string, dateOfBirth: string) => ({
    legalGivenNames: given,
    legalFamilyName: 'Fictional',
    dateOfBirth,
    sex: 'female',
    ethnicity: 'white_british',
    legalStatus: 'placement_order',
    placementOrderDate: '2025-01-10',
    needs: [],
  });

  async function approvedHousehold(reference: string, adopterUserId?: string) {
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
          adopterUserIds: adopterUserId ? [adopterUserId] : [],
        })
        .returning();
      await tx
        .insert(applicants)
        .values({ householdId: h!.id, organisationId: agency, givenNames: 'Jo', familyName: reference, userId: adopterUserId ?? null });
      return h!.id;
    });
  }
  const step = (id: string, body: Record<string, unknown>) => api(tokens.finder!, 'POST', `/api/v1/matches/${id}/steps`, { date: today(), ...body });

  before(async () => {
    t = await startTestApp();
    agency = await t.organisation('agency', 'agency');
    const council = await t.organisation('council', 'local_authority');
    const otherCouncil = await t.organisation('other-council', 'local_authority');
    finder = await t.user(['family_finder'], agency);
    referrer = await t.user(['la_referrer'], council);
    otherReferrer = await t.user(['la_referrer'], otherCouncil);
    adopter = await t.user(['adopter'], agency);
    tokens = { finder: await t.token(finder), referrer: await t.token(referrer), other: await t.token(otherReferrer) };
    const referral = await api(tokens.referrer!, 'POST', '/api/v1/referrals', {
      legalBasis: 'adoption_agencies_wales_regulations',
      children: [child('Ffion', '2018-03-01'), child('Gethin', '2020-07-07')],
      siblingRelationships: [{ child: 0, sibling: 1, relationship: 'full' }],
      siblingAssessment: { assessment: 'together', reasons: 'Close bond', assessmentDate: '2025-10-01' },
    });
    siblings = referral.body.childIds;
    const alone = await api(tokens.referrer!, 'POST', '/api/v1/referrals', {
      legalBasis: 'adoption_agencies_wales_regulations',
      children: [child('Heledd', '2017-02-02')],
    });
    single = alone.body.childIds[0];
    for (const r of [referral.body.referralId, alone.body.referralId])
      assert.equal((await api(tokens.finder!, 'POST', `/api/v1/referrals/${r}/decision`, { decision: 'accept', familyFinderId: finder.id })).status, 200);
    householdId = await approvedHousehold('AT-TEST-00001', adopter.id);
    secondHouseholdId = await approvedHousehold('AT-TEST-00002');
  });
  after(async () => t.close());

  it('links a family with one child and takes the whole sibling group: brothers and sisters are never split', async () => {
    const link = await api(tokens.finder!, 'POST', '/api/v1/matches', { householdId, childId: siblings[1] });
    assert.equal(link.status, 201, JSON.stringify(link.body));
    assert.deepEqual([...link.body.childIds].sort(), [...siblings].sort());
    matchId = link.body.id;
    const [household] = await t.services.runner.run(t.system, (tx) => tx.select().from(households).where(eq(households.id, householdId)));
    assert.equal(household!.stage, 'linked');
    const statuses = await t.services.runner.run(t.system, (tx) =>
      tx.select({ status: children.status }).from(children).where(inArray(children.id, siblings)).orderBy(children.dateOfBirth),
    );
    assert.deepEqual(
      statuses.map((s) => s.status),
      ['linked', 'linked'],
    );
    const again = await api(tokens.finder!, 'POST', '/api/v1/matches', { householdId, childId: siblings[0] });
    assert.equal(again.status, 409);
    assert.match(again.body.detail, /already linked with these children/);
  });

  it('shows the adopter only what the policy opens at each step', async () => {
    const ctx: RequestContext = {
      actor: { kind: 'user', userId: adopter.id, organisationId: agency, organisationType: 'agency', roles: ['adopter'], name: 'Adopter' },
      requestId: 'test',
      channel: 'web',
      language: 'en',
    };
    const atLink = await t.services.matching.linksForAdopter(ctx, householdId);
    assert.equal(atLink.length, 1);
    assert.equal(atLink[0]!.children.length, 0, 'no profile while the link is only being explored');
    assert.equal(atLink[0]!.childCount, 2);
    assert.equal((await step(matchId, { to: 'shortlisted' })).status, 200);
    const shortlisted = await t.services.matching.linksForAdopter(ctx, householdId);
    assert.deepEqual(shortlisted[0]!.children.map((c) => c.name).sort(), ['Ffion', 'Gethin']);
    assert.equal(shortlisted[0]!.mayReadFormulation, false);
    assert.deepEqual(await t.services.matching.linksForAdopter(ctx, secondHouseholdId), [], 'another family’s links stay hidden');
  });

  it('needs the panel’s recommendation, the decision maker and the local authority’s agreement before introductions', async () => {
    for (const to of ['visits', 'matching_meeting', 'matching_panel']) assert.equal((await step(matchId, { to })).status, 200, to);
    const noRecommendation = await step(matchId, { to: 'agency_decision' });
    assert.equal(noRecommendation.status, 422);
    assert.match(noRecommendation.body.detail, /matching panel recommended/);
    assert.equal((await step(matchId, { to: 'agency_decision', panelRecommendation: 'match' })).status, 200);
    const notAgreed = await step(matchId, { to: 'introductions', decision: 'match', decisionMaker: 'A. Decider' });
    assert.equal(notAgreed.status, 422);
    assert.match(notAgreed.body.detail, /local authority has not agreed/);
    assert.equal((await api(tokens.other!, 'POST', `/api/v1/matches/${matchId}/agreement`)).status, 404, 'another authority cannot see it');
    assert.equal((await api(tokens.finder!, 'POST', `/api/v1/matches/${matchId}/agreement`)).status, 403, 'the agency cannot agree for the authority');
    const agreed = await api(tokens.referrer!, 'POST', `/api/v1/matches/${matchId}/agreement`);
    assert.equal(agreed.status, 200);
    assert.ok(agreed.body.localAuthorityAgreedAt);
    const go = await step(matchId, { to: 'introductions', decision: 'match', decisionMaker: 'A. Decider' });
    assert.equal(go.status, 200);
    assert.equal(go.body.decisionMaker, 'A. Decider');
  });

  it('places the children with the family, and refuses the order before ten weeks', async () => {
    assert.equal((await step(matchId, { to: 'placed' })).status, 200);
    const placedChildren = await t.services.runner.run(t.system, (tx) =>
      tx.select({ status: children.status, outcome: children.outcome }).from(children).where(inArray(children.id, siblings)).orderBy(children.dateOfBirth),
    );
    assert.deepEqual(
      placedChildren.map((c) => `${c.status}/${c.outcome}`),
      ['placed/placed_for_adoption', 'placed/placed_for_adoption'],
    );
    const [household] = await t.services.runner.run(t.system, (tx) => tx.select().from(households).where(eq(households.id, householdId)));
    assert.equal(household!.stage, 'placed');
    const order = await step(matchId, { to: 'adoption_order' });
    assert.equal(order.status, 422);
    assert.match(order.body.detail, /10 weeks/);
    const view = await api(tokens.referrer!, 'GET', `/api/v1/matches/${matchId}`);
    assert.equal(view.status, 200, 'the children’s authority follows the match');
    assert.deepEqual(view.body.history.map((e: { toStage: string }) => e.toStage).reverse(), [
      'linked',
      'shortlisted',
      'visits',
      'matching_meeting',
      'matching_panel',
      'agency_decision',
      'agency_decision',
      'introductions',
      'placed',
    ]);
  });

  it('declines a link only with a reason and who declined, and returns the child and the family to waiting', async () => {
    const link = await api(tokens.finder!, 'POST', '/api/v1/matches', { householdId: secondHouseholdId, childId: single });
    assert.equal(link.status, 201);
    const noReason = await step(link.body.id, { to: 'declined', declinedBy: 'household' });
    assert.equal(noReason.status, 422);
    const declined = await step(link.body.id, { to: 'declined', declinedBy: 'household', reason: 'The family feel the distance to school is too far' });
    assert.equal(declined.status, 200);
    const [c] = await t.services.runner.run(t.system, (tx) => tx.select({ status: children.status }).from(children).where(eq(children.id, single)));
    assert.equal(c!.status, 'family_finding');
    const [h] = await t.services.runner.run(t.system, (tx) => tx.select().from(households).where(eq(households.id, secondHouseholdId)));
    assert.equal(h!.stage, 'approved');
    const jump = await step(link.body.id, { to: 'placed' });
    assert.equal(jump.status, 409, 'a closed link goes nowhere');
  });

  it('refuses to link a family that is not approved', async () => {
    const notApproved = await t.services.runner.run(t.system, async (tx) => {
      const [h] = await tx
        .insert(households)
        .values({
          organisationId: agency,
          reference: 'AT-TEST-00003',
          stage: 'stage2',
          stageSince: today(),
          enquiryDate: '2025-01-01',
          email: 'three@example.invalid',
        })
        .returning();
      return h!.id;
    });
    const refused = await api(tokens.finder!, 'POST', '/api/v1/matches', { householdId: notApproved, childId: single });
    assert.equal(refused.status, 422);
    assert.match(refused.body.detail, /Only approved families/);
  });

  it('records what matching needs to know about a child, refusing a bad postcode with nothing changed', async () => {
    const browser = await t.signIn(finder);
    const form = await browser.get(`/children/${single}/matching-needs`);
    assert.equal(form.statusCode, 200);
    const version = form.body.match(/name="version" value="(\d+)"/)![1]!;
    const bad = await browser.post(`/children/${single}/matching-needs`, {
      version,
      requiredContact: ['letterbox'],
      birthFamilyPostcodes: 'CF10 1AA\nnot a postcode',
    });
    assert.equal(bad.statusCode, 400);
    assert.ok(bad.body.includes('Enter a real postcode, like CF10 1AA'));
    const before = await api(tokens.finder!, 'GET', `/api/v1/children/${single}`);
    assert.deepEqual(before.body.birthFamilyPostcodes, []);
    const saved = await browser.post(`/children/${single}/matching-needs`, {
      version,
      requiredContact: ['letterbox', 'direct_siblings'],
      welshLanguageImportant: 'yes',
      birthFamilyPostcodes: 'cf10 1aa',
      importantContactPostcodes: '',
    });
    assert.equal(saved.statusCode, 303);
    const after = await api(tokens.finder!, 'GET', `/api/v1/children/${single}`);
    assert.deepEqual(after.body.requiredContact, ['letterbox', 'direct_siblings']);
    assert.deepEqual(after.body.birthFamilyPostcodes, ['CF10 1AA']);
    assert.equal(after.body.identityConsiderations.welshLanguageImportant, true);
    assert.equal(after.body.identityConsiderations.religionImportant, false);
  });

  it('shows the family their own links in their portal, with the children’s names once the policy allows', async () => {
    const page = await (await t.signIn(adopter)).get('/my-application');
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('Children you are linked with'));
    assert.ok(page.body.includes('Ffion, Gethin') || page.body.includes('Gethin, Ffion'), 'placed: the children are named');
    assert.ok(!page.body.includes('Heledd'), 'another family’s link is not shown');
  });

  it('marks a child’s profile written only in English with its language on the family’s Welsh page, and says it is the only one', async () => {
    await t.database.adminQuery("update children set profile_en = 'Ffion loves drawing and the sea.', profile_cy = null where legal_given_names = 'Ffion'");
    await t.database.adminQuery(
      "update children set profile_en = 'Gethin likes building dens.', profile_cy = 'Mae Gethin yn hoffi adeiladu cuddfannau.' where legal_given_names = 'Gethin'",
    );
    const browser = await t.signIn(adopter);
    const welsh = await browser.get('/my-application?lang=cy');
    assert.match(welsh.body, /<span lang="en">Ffion loves drawing and the sea\.<\/span> <span[^>]*data-testid="only-in">\(yn Saesneg yn unig\)<\/span>/);
    assert.match(welsh.body, /data-testid="link-profile">Mae Gethin yn hoffi adeiladu cuddfannau\.<\/p>/, 'the Welsh version, unmarked');
    const english = await browser.get('/my-application?lang=en');
    assert.match(english.body, /data-testid="link-profile">Ffion loves drawing and the sea\.<\/p>/, 'in English it is the page’s own language');
    assert.doesNotMatch(english.body, /data-testid="only-in"/);
  });
});

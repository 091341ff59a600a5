import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inArray } from 'drizzle-orm';
import { startTestApp, type TestApp, type TestUser } from '../support/app.ts';
import { callApi } from '../support/api-client.ts';
import { addMonths, dateInWales } from '../../src/platform/dates/dates.ts';
import { children } from '../../src/modules/children/schema.ts';
import { NEED_CATEGORIES } from '../../src/modules/children/vocabulary.ts';
import { applicants, considerationProfiles, households } from '../../src/modules/recruitment/schema.ts';

/** Recommendations explain every score and respect every limit; the whole picture beats taking turns. */
describe('matching recommendations and the whole picture', () => {
  let t: TestApp;
  let finder: TestUser;
  let tokens: Record<string, string>;
  let agency: string;
  let siblings: string[];
  let nineYearOld: string | undefined;
  let toddler: string | undefined;
  let h1: string;
  let h2: string;
  const today = () => dateInWales(new Date());

  async function api(token: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, body?: unknown, headers: Record<string, string> = {}) {
    const { status, body: answer } = await callApi(t, token, method, url, body, headers);
    return { status, body: answer };
  }
  const child = (given: string, years: number, needs: { category: string; severity: string }[] = []) => ({
    legalGivenNames: given,
    legalFamilyName: 'Fictional',
    dateOfBirth: addMonths(today(), -(years * 12 + 1)),
    sex: 'male',
    ethnicity: 'white_british',
    legalStatus: 'placement_order',
    placementOrderDate: addMonths(today(), -3),
    needs,
  });
  const allNeeds = (level: 'can' | 'with_support' | 'cannot', except: Record<string, 'can' | 'with_support' | 'cannot'> = {}) =>
    Object.fromEntries(NEED_CATEGORIES.map((n) => [n, except[n] ?? level])) as Record<string, 'can' | 'with_support' | 'cannot'>;

  async function family(
    reference: string,
    profile: Omit<typeof considerationProfiles.$inferInsert, 'householdId' | 'organisationId' | 'profileVersion'> | null,
  ) {
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
      await tx.insert(applicants).values({ householdId: h!.id, organisationId: agency, givenNames: 'Sam', familyName: reference });
      if (profile) await tx.insert(considerationProfiles).values({ ...profile, householdId: h!.id, organisationId: agency, profileVersion: 1 });
      return h!.id;
    });
  }

  before(async () => {
    t = await startTestApp();
    agency = await t.organisation('agency', 'agency');
    const council = await t.organisation('council', 'local_authority');
    finder = await t.user(['family_finder'], agency);
    const referrer = await t.user(['la_referrer'], council);
    tokens = { finder: await t.token(finder), referrer: await t.token(referrer) };
    const refer = async (body: Record<string, unknown>) => {
      const r = await api(tokens.referrer!, 'POST', '/api/v1/referrals', { legalBasis: 'adoption_agencies_wales_regulations', ...body });
      assert.equal(
        (await api(tokens.finder!, 'POST', `/api/v1/referrals/${r.body.referralId}/decision`, { decision: 'accept', familyFinderId: finder.id })).status,
        200,
      );
      return r.body.childIds as string[];
    };
    siblings = await refer({
      children: [child('Iolo', 7), child('Jac', 5)],
      siblingRelationships: [{ child: 0, sibling: 1, relationship: 'full' }],
      siblingAssessment: { assessment: 'together', reasons: 'Close', assessmentDate: '2025-01-01' },
    });
    [nineYearOld] = await refer({ children: [child('Kai', 9, [{ category: 'autism_spectrum', severity: 'severe' }])] });
    [toddler] = await refer({ children: [child('Lili', 3)] });
    // Lili has waited longest: taking turns, her worker goes first.
    await t.services.runner.run(t.system, (tx) =>
      tx
        .update(children)
        .set({ referralDate: addMonths(today(), -14) })
        .where(inArray(children.id, [toddler!])),
    );
    h1 = await family('AT-REC-1', {
      childrenMin: 1,
      childrenMax: 2,
      ageMin: 3,
      ageMax: 9,
      siblingGroups: true,
      needs: allNeeds('can', { autism_spectrum: 'cannot' }),
      contact: ['letterbox', 'direct_siblings'],
    });
    h2 = await family('AT-REC-2', {
      childrenMin: 1,
      childrenMax: 1,
      ageMin: 5,
      ageMax: 12,
      siblingGroups: false,
      needs: allNeeds('with_support'),
      contact: ['letterbox'],
    });
    await family('AT-REC-3', null);
  });
  after(async () => t.close());

  it('recommends for the sibling group only a family who can take them together, and says why not for the other', async () => {
    const response = await api(tokens.finder!, 'GET', `/api/v1/children/${siblings[1]}/recommendations`);
    assert.equal(response.status, 200);
    assert.deepEqual(response.body.unit.childIds.sort(), [...siblings].sort(), 'scored as one unit');
    assert.deepEqual(
      response.body.eligible.map((r: { householdId: string }) => r.householdId),
      [h1],
    );
    const score = response.body.eligible[0].score;
    const points = response.body.eligible[0].reasons.reduce((n: number, r: { contribution: number }) => n + r.contribution, 0);
    assert.ok(Math.abs(points / 10 - score) < 0.05 || Math.abs(points - score) < 0.05, 'the reasons add up to the score');
    const why = response.body.excluded.find((r: { householdId: string }) => r.householdId === h2);
    assert.deepEqual(why.exclusions.map((e: { code: string }) => e.code).sort(), ['children_count', 'sibling_group']);
  });

  it('shows the reasons and the why-not on the page, in Welsh too, and lists families whose terms are missing', async () => {
    const browser = await t.signIn(finder);
    const page = await browser.get(`/children/${siblings[0]}/recommendations`);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('AT-REC-1') && page.body.includes('Why not Sam AT-REC-2 (AT-REC-2)'));
    assert.ok(page.body.includes('AT-REC-3'), 'a family without recorded terms is listed, not scored');
    // Beside the reasons, a chart of each criterion's points; its text alternative adds up to the score.
    const desc = /<desc id="points-[^"]+-desc">([\d.]+) out of 100: ([^<]+)\.<\/desc>/.exec(page.body);
    assert.ok(desc, 'a points chart for the family who can consider them');
    const earned = [...desc[2]!.matchAll(/([\d.]+) of ([\d.]+)/g)].map((m) => Number(m[1]));
    assert.ok(earned.length >= 2, 'a bar per criterion counted');
    assert.ok(Math.abs(earned.reduce((n, e) => n + e, 0) - Number(desc[1])) < 0.05 * earned.length, 'the bars add up to the score');
    const welsh = await browser.get(`/children/${siblings[0]}/recommendations?lang=cy`);
    assert.ok(welsh.body.includes('Teuluoedd a all eu hystyried: 1'));
    assert.ok(welsh.body.includes('Pam nad Sam AT-REC-2'));
    assert.ok(welsh.body.includes('Pwyntiau fesul maen prawf ar gyfer'), 'the chart in Welsh');
  });

  it('compares the children a family can consider criterion by criterion, a dash where a criterion was not counted', async () => {
    const page = await (await t.signIn(finder)).get(`/households/${h1}/recommendations`);
    assert.equal(page.statusCode, 200);
    const table = /<table[^>]*data-testid="comparison"[^>]*>([\s\S]*?)<\/table>/.exec(page.body);
    assert.ok(table, 'a comparison table when more than one group can be considered');
    const rows = [...table[1]!.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)].slice(1);
    assert.ok(rows.length >= 2, 'a row per group of children');
    for (const row of rows) {
      const cells = [...row[1]!.matchAll(/<t[dh][^>]*>\s*([^<]*?)\s*<\/t[dh]>/g)].map((m) => m[1]!);
      assert.equal(cells.length, 10, 'name, score and the eight criteria');
      assert.ok(
        cells.slice(2).every((c) => c === '–' || /^[\d.]+ of [\d.]+$/.test(c)),
        cells.join(' | '),
      );
    }
  });

  it('counts the support network once the worker has rated it, and refuses a rating outside the list', async () => {
    type R = { criterion: string; status: string; contribution: number };
    const network = async () => {
      const response = await api(tokens.finder!, 'GET', `/api/v1/children/${siblings[0]}/recommendations`);
      const pair = response.body.eligible.find((r: { householdId: string }) => r.householdId === h1);
      return { reason: pair.reasons.find((r: R) => r.criterion === 'supportNetwork') as R, missing: JSON.stringify(pair.missing ?? pair) };
    };
    const before = await network();
    assert.equal(before.reason.status, 'unknown', 'not rated yet: shown as unknown');
    const record = await t.app.inject({ method: 'GET', url: `/api/v1/households/${h1}`, headers: { authorization: `Bearer ${tokens.finder}` } });
    const bad = await api(
      tokens.finder!,
      'PATCH',
      `/api/v1/households/${h1}`,
      { supportNetworkRating: 'excellent' },
      { 'if-match': record.headers.etag as string, 'accept-language': 'cy' },
    );
    assert.equal(bad.status, 400);
    assert.ok(JSON.stringify(bad.body).includes('Dewiswch cryf, peth, cyfyngedig'), 'the message in Welsh');
    assert.equal((await network()).reason.status, 'unknown', 'nothing changed');
    const rated = await api(
      tokens.finder!,
      'PATCH',
      `/api/v1/households/${h1}`,
      { supportNetworkRating: 'strong' },
      { 'if-match': record.headers.etag as string },
    );
    assert.equal(rated.status, 200);
    const after = await network();
    assert.equal(after.reason.status, 'met');
    assert.ok(after.reason.contribution > 0, 'a strong network earns its points');
    assert.ok(!after.missing.includes('support_network'));
    const page = await (await t.signIn(finder)).get(`/households/${h1}`);
    assert.ok(page.body.includes('Strong: people around them who will help, often'), 'the rating shows on the household record');
  });

  it('never suggests a family for a need they cannot consider', async () => {
    const response = await api(tokens.finder!, 'GET', `/api/v1/households/${h1}/recommendations`);
    assert.equal(response.status, 200);
    assert.ok(!response.body.eligible.some((r: { childIds: string[] }) => r.childIds.includes(nineYearOld!)));
    const kai = response.body.excluded.find((r: { childIds: string[] }) => r.childIds.includes(nineYearOld!));
    assert.deepEqual(
      kai.exclusions.map((e: { code: string }) => e.code),
      ['need'],
    );
  });

  it('places more children with the best assignment than with each worker taking the best family in turn', async () => {
    const response = await api(tokens.finder!, 'GET', '/api/v1/matching/overview');
    assert.equal(response.status, 200);
    assert.equal(response.body.optimal.matchedChildren, 3, 'the sibling group with the first family, Kai with the second');
    assert.equal(response.body.greedy.matchedChildren, 2, 'Lili, waiting longest, takes the first family; the siblings are left');
    const lili = response.body.unmatched.find((u: { childIds: string[] }) => u.childIds.includes(toddler!));
    assert.ok(lili, 'Lili is left unmatched by the best assignment');
    assert.equal(lili.blocking.eligibleButTaken, 1);
    assert.equal(lili.mainReason, 'taken', 'a family could take her but is suggested for the siblings');
    const page = await (await t.signIn(finder)).get('/matching');
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('The recruitment gap'));
    // Why children are still waiting: the chart and its table carry the same figures, adding up to those left.
    const table = /data-testid="why-waiting"[\s\S]*?<\/table>/.exec(page.body)![0];
    assert.match(table, /Families who could take them are suggested for others<\/th>\s*<td[^>]*>\s*1\s*<\/td>/);
    assert.match(table, /Total<\/th>\s*<td[^>]*>\s*1\s*<\/td>/);
    assert.match(page.body, /<rect [^>]*><title>Families who could take them are suggested for others: 1<\/title><\/rect>/);
  });

  it('keeps the score and reasons of a link made from a recommendation', async () => {
    const browser = await t.signIn(finder);
    const csrf = await browser.csrfFrom(`/children/${siblings[0]}/recommendations`);
    const linked = await browser.post('/matches/new', { childId: siblings[0]!, householdId: h1, source: 'recommendation' }, { csrf });
    assert.equal(linked.statusCode, 303);
    const matchId = String(linked.headers.location).split('/').pop();
    const match = await api(tokens.finder!, 'GET', `/api/v1/matches/${matchId}`);
    assert.equal(match.body.source, 'recommendation');
    assert.ok(match.body.score > 0);
    assert.ok(match.body.scoreReasons.reasons.length > 0);
  });

  it('lets the service manager change the weights as a new, audited version, refusing nonsense and stale versions', async () => {
    const manager = await t.user(['service_manager'], agency);
    const token = await t.token(manager);
    const before = await api(token, 'GET', '/api/v1/matching/config');
    assert.equal(before.status, 200);
    assert.equal(before.body.configVersion, 0);
    const bad = await api(
      token,
      'PUT',
      '/api/v1/matching/config',
      { version: 0, config: { ...before.body.config, weights: { ...before.body.config.weights, age: -5 } } },
      {},
    );
    assert.equal(bad.status, 400);
    assert.equal(bad.body.errors[0].message, 'A weight cannot be less than 0');
    const onlyAge = Object.fromEntries(Object.keys(before.body.config.weights).map((k) => [k, k === 'age' ? 10 : 0]));
    const changed = await api(token, 'PUT', '/api/v1/matching/config', {
      version: 0,
      config: { ...before.body.config, weights: onlyAge },
      changeReason: 'Trying age only',
    });
    assert.equal(changed.status, 200);
    assert.equal(changed.body.configVersion, 1);
    const stale = await api(token, 'PUT', '/api/v1/matching/config', { version: 0, config: before.body.config });
    assert.equal(stale.status, 412);
    const recommended = await api(tokens.finder!, 'GET', `/api/v1/children/${siblings[0]}/recommendations`);
    assert.equal(recommended.body.configVersion, 1);
    assert.deepEqual(
      recommended.body.eligible[0].reasons.filter((r: { available: number }) => r.available > 0).map((r: { criterion: string }) => r.criterion),
      ['age'],
      'only age counts now',
    );
    const together = await Promise.all(
      [1, 2].map((n) =>
        api(token, 'PUT', '/api/v1/matching/config', {
          version: 1,
          config: { ...before.body.config, weights: onlyAge },
          changeReason: `Saved at the same moment (${n})`,
        }),
      ),
    );
    assert.deepEqual(together.map((r) => r.status).sort(), [200, 412], 'two people saving the same version at once: one is saved, the other told it is stale');
    assert.equal((await api(tokens.finder!, 'GET', '/api/v1/matching/config')).status, 403, 'a family finder cannot change the weights');
  });
});

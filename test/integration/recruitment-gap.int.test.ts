import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp, type TestUser } from '../support/app.ts';
import { callApi } from '../support/api-client.ts';
import { addMonths, dateInWales } from '../../src/platform/dates/dates.ts';
import { NEED_CATEGORIES } from '../../src/modules/children/vocabulary.ts';
import { applicants, considerationProfiles, households } from '../../src/modules/recruitment/schema.ts';

/**
 * The recruitment gap over a tiny pool: one approved family (two brothers take it), so Kai (9,
 * autism, severe) and Lili (3) wait. Agency staff see the profiles that would place them and the
 * children behind each figure; a local authority referrer and a funder only disclosure-controlled
 * counts, never a child; every read is audited; only the manager writes a profile by hand.
 */
describe('the recruitment gap', () => {
  let t: TestApp;
  let finder: TestUser;
  let manager: TestUser;
  let referrer: TestUser;
  let funder: TestUser;
  let tokens: Record<string, string>;
  let agency: string;
  let siblings: string[];
  let nineYearOld: string | undefined;
  let toddler: string | undefined;
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
    const fund = await t.organisation('fund', 'funder');
    finder = await t.user(['family_finder'], agency);
    manager = await t.user(['service_manager'], agency);
    referrer = await t.user(['la_referrer'], council);
    funder = await t.user(['funder'], fund);
    tokens = { finder: await t.token(finder), manager: await t.token(manager), referrer: await t.token(referrer), funder: await t.token(funder) };
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
    await family('AT-GAP-1', {
      childrenMin: 1,
      childrenMax: 2,
      ageMin: 5,
      ageMax: 9,
      siblingGroups: true,
      needs: allNeeds('can', { autism_spectrum: 'cannot' }),
      contact: ['letterbox', 'direct_siblings'],
    });
  });
  after(async () => t.close());

  const auditRows = async (action: string, userId: string) =>
    (await t.database.adminQuery('select outcome, detail from audit_log where action = $1 and user_id = $2 order by id', [action, userId])).rows as {
      outcome: string;
      detail: Record<string, unknown> | null;
    }[];

  it('shows agency staff the profiles that would place the waiting children, exactly, and the children behind each figure', async () => {
    const response = await api(tokens.finder!, 'GET', '/api/v1/matching/recruitment-gap?limit=50');
    assert.equal(response.status, 200, JSON.stringify(response.body));
    const items = response.body.items as { moreChildren: number[]; placed: { childIds: string[] }[]; description: string }[];
    assert.ok(items.length >= 2, 'a profile for Kai and one for Lili');
    const placedBy = (id: string) => items.filter((i) => i.placed.some((p) => p.childIds.includes(id)));
    assert.ok(placedBy(nineYearOld!).length >= 1, 'a profile places Kai');
    assert.ok(placedBy(toddler!).length >= 1, 'a profile places Lili');
    assert.equal(placedBy(siblings[0]!).length, 0, 'the brothers are placed today: no profile counts them');
    for (const item of items) {
      assert.deepEqual(
        item.moreChildren.map((m, k) => m >= (k ? item.moreChildren[k - 1]! : 0)),
        [true, true, true, true, true],
        'adding a family never lowers the children placed',
      );
      assert.ok(item.moreChildren[4]! <= 2, 'only the two waiting children can be placed');
    }
    assert.match(placedBy(nineYearOld!)[0]!.description, /autism/i);
    const audit = await auditRows('matching.recruitmentGap', finder.id);
    assert.equal(audit.at(-1)?.outcome, 'success');
    assert.equal(audit.at(-1)?.detail?.disclosed, false);
  });

  it('pages the profiles with limit and cursor', async () => {
    const first = await api(tokens.finder!, 'GET', '/api/v1/matching/recruitment-gap?limit=1');
    assert.equal(first.body.items.length, 1);
    assert.ok(first.body.nextCursor);
    const second = await api(tokens.finder!, 'GET', `/api/v1/matching/recruitment-gap?limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    assert.equal(second.status, 200);
    assert.notEqual(second.body.items[0].id, first.body.items[0].id);
  });

  it('gives a local authority referrer and a funder counts only, never a child, and audits it', async () => {
    for (const [who, user] of [
      ['referrer', referrer],
      ['funder', funder],
    ] as const) {
      const response = await api(tokens[who]!, 'GET', '/api/v1/matching/recruitment-gap');
      assert.equal(response.status, 200, JSON.stringify(response.body));
      const text = JSON.stringify(response.body);
      for (const id of [...siblings, nineYearOld!, toddler!]) assert.ok(!text.includes(id), `${who} sees no child`);
      for (const item of response.body.items as { placed: unknown; moreChildren: unknown[] }[]) {
        assert.equal(item.placed, null);
        // Counts this small are suppressed.
        assert.ok(item.moreChildren.every((m) => m === 'c' || m === 0));
      }
      const audit = await auditRows('matching.recruitmentGap', user.id);
      assert.equal(audit.at(-1)?.outcome, 'success');
      assert.equal(audit.at(-1)?.detail?.disclosed, true);
      const page = await (await t.signIn(user)).get('/matching/recruitment-gap');
      if (page.statusCode === 200) for (const name of ['Kai', 'Lili', 'Iolo']) assert.ok(!page.body.includes(name), `${who} page names no child`);
    }
  });

  it('lets only the manager add and change a profile by hand, which is then ranked with the others', async () => {
    const profile = {
      childrenMin: 1,
      childrenMax: 1,
      ageMin: 7,
      ageMax: 12,
      siblingGroups: false,
      needs: { autism_spectrum: 'with_support' },
      contact: [],
      postcode: null,
      welsh: true,
      supportNetwork: 'strong',
      therapeuticPreparation: true,
    };
    assert.equal((await api(tokens.finder!, 'POST', '/api/v1/matching/recruitment-gap/candidates', profile)).status, 403);
    const made = await api(tokens.manager!, 'POST', '/api/v1/matching/recruitment-gap/candidates', profile);
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const changed = await api(
      tokens.manager!,
      'PUT',
      `/api/v1/matching/recruitment-gap/candidates/${made.body.id}`,
      { ...profile, ageMin: 8 },
      { 'if-match': '"v1"' },
    );
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.equal(changed.body.profile.ageMin, 8);
    const stale = await api(tokens.manager!, 'PUT', `/api/v1/matching/recruitment-gap/candidates/${made.body.id}`, profile, { 'if-match': '"v1"' });
    assert.equal(stale.status, 412);
    const list = await api(tokens.manager!, 'GET', '/api/v1/matching/recruitment-gap?limit=200');
    const mine = list.body.items.find((i: { id: string }) => i.id === made.body.id);
    assert.ok(mine, 'ranked with the others');
    assert.equal(mine.moreChildren[0], 1, 'Kai is placed by one such family');
    assert.equal(mine.candidate.source, 'manual');
  });

  /** A profile as the page's form posts it: Kai's, near enough (one child of 7 to 12, autism with support). */
  const profileForm = (extra: Record<string, string | string[]> = {}) => ({
    childrenMin: '1',
    childrenMax: '1',
    ageMin: '7',
    ageMax: '12',
    siblingGroups: 'no',
    'need-autism_spectrum': 'with_support',
    postcode: '',
    welsh: 'no',
    supportNetwork: 'strong',
    therapeuticPreparation: 'yes',
    ...extra,
  });
  const manualIds = async () =>
    (await api(tokens.manager!, 'GET', '/api/v1/matching/recruitment-gap?limit=200')).body.items
      .filter((i: { candidate: { source: string } }) => i.candidate.source === 'manual')
      .map((i: { id: string }) => i.id) as string[];

  it('lets the manager add a profile on a page, each mistake beside its box in the reader’s language, and audits it', async () => {
    const browser = await t.signIn(manager);
    const gapPage = await browser.get('/matching/recruitment-gap');
    assert.match(gapPage.body, /href="\/matching\/recruitment-gap\/candidates\/new"/);
    const before = await manualIds();

    const wrong = profileForm({ childrenMin: '3', childrenMax: '2', ageMin: '20', siblingGroups: '' });
    const english = await browser.post('/matching/recruitment-gap/candidates/new?lang=en', wrong, { csrfFrom: '/matching/recruitment-gap/candidates/new' });
    assert.equal(english.statusCode, 400);
    assert.ok(english.body.includes('Enter an age from 0 to 17, in whole years'));
    assert.ok(english.body.includes('Say whether they could take brothers and sisters together'));
    assert.ok(english.body.includes('href="#ageMin"'), 'the summary links to the box');
    assert.match(english.body, /id="ageMin-error"/, 'the message sits beside the box');
    assert.ok(english.body.includes('value="20"'), 'what was typed is kept');
    const welsh = await browser.post('/matching/recruitment-gap/candidates/new?lang=cy', wrong, {
      csrfFrom: '/matching/recruitment-gap/candidates/new?lang=cy',
    });
    assert.equal(welsh.statusCode, 400);
    assert.ok(welsh.body.includes('Rhowch oedran o 0 i 17, mewn blynyddoedd cyfan'));
    // Each box right on its own, wrong together: fewest children above the most.
    const crossed = await browser.post('/matching/recruitment-gap/candidates/new?lang=en', profileForm({ childrenMin: '3', childrenMax: '2' }), {
      csrfFrom: '/matching/recruitment-gap/candidates/new',
    });
    assert.equal(crossed.statusCode, 400);
    assert.ok(crossed.body.includes('The most children must be at least the fewest'));
    assert.deepEqual(await manualIds(), before, 'nothing saved while a box is wrong');

    const saved = await browser.post('/matching/recruitment-gap/candidates/new', profileForm({ welsh: 'yes', postcode: 'cf10' }), {
      csrfFrom: '/matching/recruitment-gap/candidates/new',
    });
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 300));
    assert.equal(saved.headers.location, '/matching/recruitment-gap');
    const added = (await manualIds()).filter((id) => !before.includes(id));
    assert.equal(added.length, 1);
    const ranked = await browser.get('/matching/recruitment-gap');
    assert.ok(ranked.body.includes(`/matching/recruitment-gap/candidates/${added[0]}/edit`), 'the page offers to change it');
    assert.ok(ranked.body.includes('living near CF10'));
    const audit = await auditRows('matching.recruitmentGap.edit', manager.id);
    assert.equal(audit.at(-1)?.outcome, 'success');
    assert.equal(audit.at(-1)?.detail?.part, 'added');

    const other = await t.signIn(finder);
    assert.notEqual((await other.get('/matching/recruitment-gap/candidates/new')).statusCode, 200, 'a family finder may not write profiles');
    assert.ok(!(await other.get('/matching/recruitment-gap')).body.includes('/matching/recruitment-gap/candidates/new'));
  });

  it('changes a profile on a page, and shows a stale version as it is now with a message (409), saving nothing', async () => {
    const browser = await t.signIn(manager);
    const made = await api(tokens.manager!, 'POST', '/api/v1/matching/recruitment-gap/candidates', {
      childrenMin: 1,
      childrenMax: 2,
      ageMin: 2,
      ageMax: 6,
      siblingGroups: false,
      needs: {},
      contact: [],
      postcode: null,
      welsh: false,
      supportNetwork: 'some',
      therapeuticPreparation: true,
    });
    assert.equal(made.status, 201);
    const url = `/matching/recruitment-gap/candidates/${made.body.id}/edit`;
    const form = await browser.get(`${url}?lang=cy`);
    assert.equal(form.statusCode, 200);
    assert.ok(form.body.includes('Newid proffil teulu'));
    assert.ok(form.body.includes('name="version" value="1"'));
    assert.ok(form.body.includes('value="6"'), 'the boxes hold the profile');

    const changed = await browser.post(url, profileForm({ ageMin: '1', ageMax: '4', version: '1' }), { csrfFrom: url });
    assert.equal(changed.statusCode, 303, changed.body.slice(0, 300));
    const stale = await browser.post(url, profileForm({ ageMin: '3', ageMax: '5', version: '1' }), { csrfFrom: url });
    assert.equal(stale.statusCode, 409);
    assert.ok(stale.body.includes('name="version" value="2"'), 'the form shows the profile as it is now');
    assert.ok(stale.body.includes('value="4"'));
    const now = (await api(tokens.manager!, 'GET', '/api/v1/matching/recruitment-gap?limit=200')).body.items.find((i: { id: string }) => i.id === made.body.id);
    assert.equal(now.candidate.profile.ageMax, 4, 'the stale change saved nothing');
    const audit = await auditRows('matching.recruitmentGap.edit', manager.id);
    assert.equal(audit.at(-1)?.detail?.part, 'edited');
  });

  it('starts a campaign for families like a profile, which says whom it aims at (English and Welsh) and how many such families there are', async () => {
    const browser = await t.signIn(finder);
    const gapPage = await browser.get('/matching/recruitment-gap');
    const link = gapPage.body.match(/href="\/campaigns\/new\?candidate=([0-9a-f-]+)"/);
    assert.ok(link, 'each profile offers a campaign');
    const candidateId = link[1]!;
    const item = (await api(tokens.finder!, 'GET', '/api/v1/matching/recruitment-gap?limit=200')).body.items.find((i: { id: string }) => i.id === candidateId);
    const form = await browser.get(`/campaigns/new?candidate=${candidateId}`);
    assert.equal(form.statusCode, 200, form.body.slice(0, 300));
    assert.ok(form.body.includes(item.description.replace(/&/g, '&amp;')), 'the form says which families the campaign aims at');
    assert.ok(
      form.body.includes(`name="targetAgeMin" type="text" value="${item.candidate.profile.ageMin}"`) ||
        form.body.includes(`value="${item.candidate.profile.ageMin}"`),
    );

    const saved = await browser.post(
      '/campaigns/new',
      {
        name: 'Families like this',
        'startDate-day': '1',
        'startDate-month': '2',
        'startDate-year': '2026',
        channels: 'radio',
        referrerCode: 'like-this',
        targetAgeMin: String(item.candidate.profile.ageMin),
        targetAgeMax: String(item.candidate.profile.ageMax),
        targetCandidate: candidateId,
      },
      { csrfFrom: `/campaigns/new?candidate=${candidateId}` },
    );
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 500));
    const campaignUrl = String(saved.headers.location);
    const english = await browser.get(`${campaignUrl}?lang=en`);
    assert.ok(english.body.includes('Aimed at families like this'));
    assert.ok(english.body.includes(item.description.replace(/&/g, '&amp;')));
    assert.match(english.body, /data-testid="campaign-audience">Families: \d+\. Waiting children they could be matched with now: \d+\./);
    const welsh = await browser.get(`${campaignUrl}?lang=cy`);
    assert.ok(welsh.body.includes('Wedi’i hanelu at deuluoedd fel hyn'));
    assert.ok(welsh.body.includes('Teulu ar gyfer'), 'the profile in Welsh words');
    const api1 = await api(tokens.finder!, 'GET', `/api/v1/campaigns/${campaignUrl.split('/').pop()}`);
    assert.equal(api1.body.targetProfile.candidate.id, candidateId);
    const audit = await auditRows('matching.recruitmentGap', finder.id);
    assert.ok(audit.some((r) => r.detail?.part === 'campaign-profile'));
    assert.ok(audit.some((r) => r.detail?.part === 'campaign-audience'));

    // A profile the gap no longer has: the form says so, and refuses to aim at it.
    const gone = '00000000-0000-4000-8000-000000000000';
    const missing = await browser.get(`/campaigns/new?candidate=${gone}&lang=en`);
    assert.equal(missing.statusCode, 200);
    assert.ok(missing.body.includes('is no longer in the recruitment gap'));
    const refused = await browser.post(
      '/campaigns/new',
      {
        name: 'Gone',
        'startDate-day': '1',
        'startDate-month': '2',
        'startDate-year': '2026',
        channels: 'radio',
        referrerCode: 'gone-one',
        targetCandidate: gone,
      },
      { csrfFrom: '/campaigns/new' },
    );
    assert.equal(refused.statusCode, 400);
    assert.ok(refused.body.includes('That family profile is no longer in the recruitment gap'));
  });

  it('renders the page with the chart and the table, and the whole picture links to it', async () => {
    const browser = await t.signIn(finder);
    const page = await browser.get('/matching/recruitment-gap');
    assert.equal(page.statusCode, 200, page.body.slice(0, 500));
    assert.match(page.body, /data-testid="gap-chart"/);
    assert.match(page.body, /data-testid="gap-table"/);
    assert.match(page.body, /data-testid="limits"/);
    const overview = await browser.get('/matching');
    assert.match(overview.body, /href="\/matching\/recruitment-gap"/);
  });
});

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addMonths, dateInWales } from '../../src/platform/dates/dates.ts';
import { startTestApp, type TestApp, type TestUser } from '../support/app.ts';
import { createReferralDrafts } from '../../src/modules/children/drafts.ts';
import type { ChildInput } from '../../src/modules/children/inputs.ts';
import type { RequestContext } from '../../src/platform/policy/actor.ts';

type Group = { kind: string; results: { id: string; title: string; href: string; matchedOn: string; reference: string }[] };
type Answer = { total: number; groups: Group[] };

/** The header search: what each reader finds, within what they may see, and how it is audited. */
describe('search from the header', () => {
  let t: TestApp;
  let finder: TestUser;
  let northReferrer: TestUser;
  let southReferrer: TestUser;
  let manager: TestUser;
  let administrator: TestUser;
  const tokens: Record<string, string> = {};
  const today = () => dateInWales(new Date());
  const ids: Record<string, string> = {};

  async function api(token: string, method: 'GET' | 'POST', url: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      payload: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.statusCode, body: response.body ? JSON.parse(response.body) : undefined };
  }

  async function refer(token: string, given: string, family: string, more: { preferredName?: string; localAuthorityReference?: string } = {}) {
    const child = {
      legalGivenNames: given,
      legalFamilyName: family,
      ...more,
      dateOfBirth: addMonths(today(), -12 * 6),
      sex: 'female',
      ethnicity: 'white_british',
      legalStatus: 'placement_order',
      placementOrderDate: addMonths(today(), -3),
      needs: [],
    };
    const referral = await api(token, 'POST', '/api/v1/referrals', { legalBasis: 'adoption_agencies_wales_regulations', children: [child] });
    assert.equal(referral.status, 201, JSON.stringify(referral.body));
    return referral.body as { referralId: string; childIds: string[] };
  }

  const search = async (token: string, q: string) => {
    const response = await api(token, 'GET', `/api/v1/search?q=${encodeURIComponent(q)}`);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    return response.body as Answer;
  };
  const titlesOf = (answer: Answer, kind: string) => answer.groups.find((g) => g.kind === kind)?.results.map((r) => r.title);

  before(async () => {
    t = await startTestApp();
    const agency = await t.organisation('agency', 'agency');
    const north = await t.organisation('north', 'local_authority');
    const south = await t.organisation('south', 'local_authority');
    finder = await t.user(['family_finder'], agency);
    manager = await t.user(['service_manager'], agency);
    administrator = await t.user(['administrator'], agency);
    northReferrer = await t.user(['la_referrer'], north);
    southReferrer = await t.user(['la_referrer'], south);
    for (const [name, user] of Object.entries({ finder, manager, administrator, northReferrer, southReferrer })) tokens[name] = await t.token(user);

    const sian = await refer(tokens.northReferrer!, 'Siân Angharad', 'Prydderch', { preferredName: 'Sioni', localAuthorityReference: 'CSC/4471-N' });
    ids.sian = sian.childIds[0]!;
    ids.sianReferral = sian.referralId;
    ids.dafydd = (await refer(tokens.northReferrer!, 'Dafŷdd', 'Llewelyn')).childIds[0]!;
    // South's own child, never shared with north.
    ids.gwen = (await refer(tokens.southReferrer!, 'Gwenllïan', 'Prydderch')).childIds[0]!;

    const household = await api(tokens.finder!, 'POST', '/api/v1/households', {
      email: 'eirlys@example.invalid',
      preferredLanguage: 'cy',
      postcode: 'LL57 2DG',
      socialWorkerId: finder.id,
      applicants: [
        { givenNames: 'Eirlys', familyName: 'Ŵyn', email: 'eirlys@example.invalid' },
        { givenNames: 'Rhodri', familyName: 'Ŵyn' },
      ],
    });
    assert.equal(household.status, 201, JSON.stringify(household.body));
    ids.household = household.body.id;
  });
  after(async () => t?.close());

  it('finds a child by part of the name typed without accents, with a link and the reason', async () => {
    const found = await search(tokens.northReferrer!, 'sian angh');
    const children = found.groups.find((g) => g.kind === 'children')!;
    assert.deepEqual(
      children.results.map((r) => r.title),
      ['Sioni (Siân Angharad Prydderch)'],
    );
    assert.equal(children.results[0]!.href, `/children/${ids.sian}`);
    assert.equal(children.results[0]!.matchedOn, 'name');
    assert.deepEqual(titlesOf(await search(tokens.northReferrer!, 'Dafydd'), 'children'), ['Dafŷdd Llewelyn'], '“Dafydd” finds “Dafŷdd”');
    const knownAs = (await search(tokens.northReferrer!, 'sioni')).groups.find((g) => g.kind === 'children')!.results[0]!;
    assert.equal(knownAs.matchedOn, 'knownAs');
  });

  it('finds a child by reference and by the local authority’s reference, and a referral by its child’s name', async () => {
    const reference = ids.sian!.slice(0, 8).toUpperCase();
    const byReference = await search(tokens.northReferrer!, reference);
    const child = byReference.groups.find((g) => g.kind === 'children')!.results[0]!;
    assert.equal(child.id, ids.sian);
    assert.equal(child.matchedOn, 'reference');
    const byAuthority = (await search(tokens.northReferrer!, 'csc/4471')).groups.find((g) => g.kind === 'children')!.results;
    assert.deepEqual(
      byAuthority.map((r) => [r.id, r.matchedOn]),
      [[ids.sian, 'localAuthorityReference']],
      'the local authority’s own reference finds the child',
    );
    const referrals = (await search(tokens.northReferrer!, 'Prydderch')).groups.find((g) => g.kind === 'referrals')!;
    assert.deepEqual(
      referrals.results.map((r) => [r.id, r.matchedOn]),
      [[ids.sianReferral, 'childName']],
    );
  });

  it('shows an outside organisation’s reader nothing of another organisation’s children', async () => {
    const south = await search(tokens.southReferrer!, 'Prydderch');
    assert.deepEqual(titlesOf(south, 'children'), ['Gwenllïan Prydderch'], 'south finds its own child only');
    for (const q of ['Siân', 'Dafydd', ids.sian!.slice(0, 8)]) {
      const found = await search(tokens.southReferrer!, q);
      assert.equal(found.total, 0, `south finds nothing of north’s for ${q}`);
    }
    // A local authority reads no households or people: those kinds are not searched for it at all.
    assert.deepEqual(
      south.groups.map((g) => g.kind),
      ['children', 'referrals'],
    );
    // The agency sees referred children (shared with it on submission), but no draft and nothing else.
    assert.deepEqual(titlesOf(await search(tokens.finder!, 'Prydderch'), 'children')?.sort(), ['Gwenllïan Prydderch', 'Sioni (Siân Angharad Prydderch)']);
  });

  it('finds the reader’s own authority’s drafts by the names typed so far, marked as drafts, and nobody else does', async () => {
    const drafts = createReferralDrafts(t.services.runner);
    const asNorth: RequestContext = {
      actor: {
        kind: 'user',
        userId: northReferrer.id,
        organisationId: northReferrer.organisationId,
        organisationType: 'local_authority',
        roles: northReferrer.roles,
        name: 'Test',
      },
      requestId: 'test',
      channel: 'web',
      language: 'en',
    };
    const child = { legalGivenNames: 'Myfanwy', legalFamilyName: 'Ifans', preferredName: null, dateOfBirth: addMonths(today(), -60) } as unknown as ChildInput;
    const complete = await drafts.startDraft(asNorth, { legalBasis: 'adoption_agencies_wales_regulations', children: [child], siblingRelationships: [] });
    // A child page saved with "Save and come back later": the name is only what was typed.
    const unfinished = await drafts.startDraft(asNorth, {
      children: [],
      siblingRelationships: [],
      unfinished: { 'child-0': { legalGivenNames: 'Myfanŵy', legalFamilyName: 'Ifans' } },
    });

    const found = (await search(tokens.northReferrer!, 'myfanwy ifans')).groups.find((g) => g.kind === 'referrals')!.results as (Group['results'][number] & {
      draft?: boolean;
      details: string[];
    })[];
    assert.deepEqual(
      found.map((r) => [r.id, r.href, r.draft]).sort(),
      [
        [complete.id, `/referrals/drafts/${complete.id}/check`, true],
        [unfinished.id, `/referrals/drafts/${unfinished.id}/check`, true],
      ].sort(),
    );
    assert.ok(
      found.every((r) => r.title.startsWith('Draft referral ') && r.details.includes('Draft')),
      'each is named and marked as a draft',
    );
    assert.ok(
      found.some((r) => r.details.includes('Myfanwy Ifans')),
      'with the child’s name as typed',
    );
    const page = await (await t.signIn(northReferrer)).get('/search?q=myfanwy');
    assert.equal([...page.body.matchAll(/data-testid="search-result-draft"/g)].length, 2, 'the page marks both as drafts');
    // The agency never sees a draft; another authority sees nothing of north's.
    for (const reader of ['finder', 'southReferrer', 'manager']) assert.equal((await search(tokens[reader]!, 'myfanwy')).total, 0, reader);
  });

  it('finds households by an applicant’s name or reference, and staff by name for managers and administrators', async () => {
    const byName = await search(tokens.finder!, 'Wyn');
    const households = byName.groups.find((g) => g.kind === 'households')!;
    assert.deepEqual(
      // Applicants added together are in no particular order (as on the household's page).
      households.results.map((h) => [h.id, h.title.split(' & ').sort().join(' & '), h.matchedOn]),
      [[ids.household, 'Eirlys Ŵyn & Rhodri Ŵyn', 'applicantName']],
    );
    const reference = households.results[0]!.reference;
    assert.equal((await search(tokens.finder!, reference)).groups.find((g) => g.kind === 'households')!.results[0]!.matchedOn, 'reference');
    assert.equal(
      byName.groups.find((g) => g.kind === 'people'),
      undefined,
      'a family finder does not search people',
    );

    const people = async (token: string) => (await search(token, 'Test Person')).groups.find((g) => g.kind === 'people')!.results.map((p) => p.id);
    const managerFinds = await people(tokens.manager!);
    assert.ok(managerFinds.includes(finder.id) && !managerFinds.includes(northReferrer.id), 'a manager finds their own organisation’s staff only');
    assert.ok((await people(tokens.administrator!)).includes(northReferrer.id), 'an administrator finds staff everywhere');
  });

  it('audits each search with its counts, never the text searched for', async () => {
    const probe = 'Angharad';
    await search(tokens.finder!, probe);
    const browser = await t.signIn(finder);
    const page = await browser.get(`/search?q=${encodeURIComponent(probe)}`);
    assert.equal(page.statusCode, 200);
    const { rows } = await t.database.adminQuery("select * from audit_log where action = 'search.run' and user_id = $1 order by at", [finder.id]);
    assert.ok(rows.length >= 2, 'the API search and the page search are both audited');
    const last = rows[rows.length - 1]!;
    assert.equal(last.resource_type, 'search');
    assert.equal(last.detail.results, 2, 'the child and the referral');
    assert.equal(last.detail.children, 1);
    for (const row of rows) assert.ok(!JSON.stringify(row).toLowerCase().includes('angharad'), 'the text searched for is not in the audit log');
  });

  it('answers the search page in Welsh, with the results grouped by kind', async () => {
    const browser = await t.signIn(finder);
    const page = await browser.get('/search?q=sian&lang=cy');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<html lang="cy"/);
    assert.ok(page.body.includes('Canlyniadau chwilio: 2'), 'the Welsh title');
    assert.ok(page.body.includes('Plant (1)') && page.body.includes('Atgyfeiriadau (1)') && page.body.includes('Aelwydydd (0)'));
    assert.ok(page.body.includes('Yn cyfateb i’r enw'), 'why it matched, in Welsh');
    assert.ok(page.body.includes(`href="/children/${ids.sian}"`));
    const empty = await browser.get('/search');
    assert.equal(empty.statusCode, 200);
    assert.ok(empty.body.includes('Rhowch gynnig ar'), 'the empty page says what to try, in Welsh');
  });

  it('asks for more than one letter, and refuses bad input with 400', async () => {
    const browser = await t.signIn(finder);
    const short = await browser.get('/search?q=S');
    assert.equal(short.statusCode, 400);
    assert.ok(short.body.includes('Enter at least 2 letters or numbers to search for'));
    assert.equal((await browser.get('/search?q=a&q=b')).statusCode, 400);
    assert.equal((await api(tokens.finder!, 'GET', '/api/v1/search?q=S')).status, 400);
    assert.equal((await api(tokens.finder!, 'GET', '/api/v1/search')).status, 400);
    assert.equal((await api(tokens.finder!, 'GET', `/api/v1/search?q=${'x'.repeat(150)}`)).status, 400);
  });

  it('offers the search box in the header to staff who may search, and not to a finance officer', async () => {
    const finderHome = await (await t.signIn(finder)).get('/');
    assert.ok(finderHome.body.includes('data-testid="header-search"'));
    const finance = await t.user(['finance_officer'], await t.organisation('agency', 'agency'));
    const financeHome = await (await t.signIn(finance)).get('/');
    assert.ok(!financeHome.body.includes('data-testid="header-search"'));
  });
});

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type Browser, type TestApp, type TestUser } from '../support/app.ts';
import { addMonths, dateInWales } from '../../src/platform/dates/dates.ts';
import { callApi } from '../support/api-client.ts';

/** The children pages as social workers use them: refer, decide, find, record, analyse, in both languages. */
describe('children pages', () => {
  let t: TestApp;
  let referrer: TestUser;
  let finder: TestUser;
  let referrerBrowser: Browser;
  let finderBrowser: Browser;
  let otherBrowser: Browser;
  let referralId: string;
  let childIds: string[];
  const today = () => dateInWales(new Date());

  /** The three boxes of a GOV.UK date input. */
  const dateBoxes = (name: string, iso: string) => {
    const [year, month, day] = iso.split('-');
    return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year! };
  };

  const childForm = (given: string, dateOfBirth: string, extra: Record<string, string | string[]> = {}) => ({
    legalGivenNames: given,
    legalFamilyName: 'Prydderch',
    preferredName: '',
    sex: 'female',
    ethnicity: 'white_british',
    languages: ['cy', 'en'],
    legalStatus: 'placement_order',
    developmentalUncertainty: 'no',
    additionalLearningNeeds: 'no',
    ...dateBoxes('dateOfBirth', dateOfBirth),
    ...dateBoxes('placementOrderDate', addMonths(today(), -14)),
    ...dateBoxes('enteredCareDate', addMonths(today(), -20)),
    profileEn: 'Loves climbing trees and building dens.',
    action: 'continue',
    ...extra,
  });

  /** The messages of a page's error summary, for failure messages. */
  const problems = (body: string) => [...body.matchAll(/<a href="#([^"]+)">([^<]+)<\/a>/g)].map((m) => `${m[1]}: ${m[2]}`).join('; ') || body.slice(0, 500);

  /** The id of a draft from the address the journey moved to. */
  const draftIdFrom = (location: string) => /\/referrals\/drafts\/([0-9a-f-]{36})\//.exec(location)?.[1] ?? assert.fail(`not a draft address: ${location}`);

  async function draftOf(id: string) {
    const rows = await t.database.adminQuery('select status, draft from referrals where id = $1', [id]);
    return rows.rows[0] as { status: string; draft: { children: unknown[]; legalBasis?: string } | null };
  }

  before(async () => {
    t = await startTestApp();
    const agency = await t.organisation('agency', 'agency');
    const north = await t.organisation('north', 'local_authority');
    const south = await t.organisation('south', 'local_authority');
    referrer = await t.user(['la_referrer'], north);
    finder = await t.user(['family_finder'], agency);
    const other = await t.user(['la_referrer'], south);
    referrerBrowser = await t.signIn(referrer);
    finderBrowser = await t.signIn(finder);
    otherBrowser = await t.signIn(other);
  });
  after(async () => t.close());

  it('takes a referrer through the journey, keeping a draft between steps, and sends a sibling group of three', async () => {
    const start = await referrerBrowser.get('/referrals/new');
    assert.equal(start.statusCode, 200);
    assert.match(start.body, /name="legalBasis"/);

    const first = await referrerBrowser.post('/referrals/new', { legalBasis: 'adoption_agencies_wales_regulations', legalBasisNotes: '', action: 'continue' });
    assert.equal(first.statusCode, 303);
    const draftId = draftIdFrom(first.headers.location as string);
    assert.equal(first.headers.location, `/referrals/drafts/${draftId}/children/1`);
    assert.equal((await draftOf(draftId)).status, 'draft');
    assert.equal((await draftOf(draftId)).draft?.legalBasis, 'adoption_agencies_wales_regulations');

    const children = [
      childForm('Alys', addMonths(addMonths(today(), -7 * 12), -1), {
        action: 'add-another',
        localAuthorityReference: 'NTH/4471',
        needs: ['speech_language_communication'],
        'needSeverity-speech_language_communication': 'moderate',
      }),
      childForm('Bedwyr', addMonths(today(), -5 * 12), { action: 'add-another', sex: 'male' }),
      childForm('Cerys', addMonths(today(), -2 * 12)),
    ];
    const expectedNext = ['children/2', 'children/3', 'siblings'];
    for (const [i, form] of children.entries()) {
      const url = `/referrals/drafts/${draftId}/children/${i + 1}`;
      const saved = await referrerBrowser.post(url, form);
      assert.equal(saved.statusCode, 303, problems(saved.body));
      assert.equal(saved.headers.location, `/referrals/drafts/${draftId}/${expectedNext[i]}`);
      assert.equal((await draftOf(draftId)).draft?.children.length, i + 1, 'each child is kept in the draft');
    }

    const siblingsPage = await referrerBrowser.get(`/referrals/drafts/${draftId}/siblings`);
    assert.equal(siblingsPage.statusCode, 200);
    assert.equal([...siblingsPage.body.matchAll(/name="relationship-\d-\d"/g)].length / 3, 3, 'three pairs, three choices each');
    const siblings = await referrerBrowser.post(`/referrals/drafts/${draftId}/siblings`, {
      'relationship-0-1': 'full',
      'relationship-0-2': 'half',
      'relationship-1-2': 'half',
      assessment: 'together',
      reasons: 'Alys and Bedwyr are close and Cerys looks to them both.',
      ...dateBoxes('assessmentDate', addMonths(today(), -1)),
      action: 'continue',
    });
    assert.equal(siblings.statusCode, 303, problems(siblings.body));
    assert.equal(siblings.headers.location, `/referrals/drafts/${draftId}/check`);

    const check = await referrerBrowser.get(`/referrals/drafts/${draftId}/check`);
    assert.equal(check.statusCode, 200);
    for (const name of ['Alys', 'Bedwyr', 'Cerys']) assert.match(check.body, new RegExp(name));
    assert.match(check.body, new RegExp(`href="/referrals/drafts/${draftId}/children/2"`), 'a Change link back to each child');
    assert.match(check.body, new RegExp(`href="/referrals/drafts/${draftId}/siblings"`));
    assert.match(check.body, /Speech, language and communication needs \(moderate\)/);

    const sent = await referrerBrowser.post(`/referrals/drafts/${draftId}/submit`, {}, { csrfFrom: `/referrals/drafts/${draftId}/check` });
    assert.equal(sent.statusCode, 303, problems(sent.body));
    assert.equal(sent.headers.location, `/referrals/${draftId}/sent`);
    const confirmation = await referrerBrowser.get(sent.headers.location);
    assert.match(confirmation.body, /data-testid="referral-sent"/);
    assert.match(confirmation.body, /Referral sent/);

    referralId = draftId;
    const stored = await draftOf(draftId);
    assert.equal(stored.status, 'submitted');
    assert.equal(stored.draft, null, 'the draft answers are cleared once sent');
    const kids = await t.database.adminQuery('select id from children where referral_id = $1 order by date_of_birth', [draftId]);
    childIds = kids.rows.map((r: { id: string }) => r.id);
    assert.equal(childIds.length, 3);
    const group = await t.database.adminQuery(
      'select g.assessment, (select count(*)::int from sibling_relationships r where r.group_id = g.id) as relationships, (select count(*)::int from sibling_group_members m where m.group_id = g.id) as members from sibling_groups g where g.referral_id = $1',
      [draftId],
    );
    assert.deepEqual(group.rows[0], { assessment: 'together', relationships: 3, members: 3 });
  });

  it('refuses a date of birth in the future and a placement order before birth, and saves nothing', async () => {
    const first = await referrerBrowser.post('/referrals/new', { legalBasis: 'consent', action: 'continue' });
    const draftId = draftIdFrom(first.headers.location as string);
    const url = `/referrals/drafts/${draftId}/children/1`;

    const future = await referrerBrowser.post(url, childForm('Dylan', addMonths(today(), 2)));
    assert.equal(future.statusCode, 400);
    assert.match(future.body, /There is a problem/);
    assert.match(future.body, /The date of birth must be today or in the past/);
    assert.match(future.body, /href="#dateOfBirth-day"/, 'the summary links to the first box of the date');
    assert.match(future.body, /value="Dylan"/, 'what was typed is kept');

    const beforeBirth = await referrerBrowser.post(url, childForm('Dylan', addMonths(today(), -24), dateBoxes('placementOrderDate', addMonths(today(), -36))));
    assert.equal(beforeBirth.statusCode, 400);
    assert.match(beforeBirth.body, /The placement order date must be on or after the date of birth/);

    const impossible = await referrerBrowser.post(url, childForm('Dylan', addMonths(today(), -24), { 'dateOfBirth-day': '31', 'dateOfBirth-month': '2' }));
    assert.equal(impossible.statusCode, 400);
    assert.match(impossible.body, /Enter a real date, for example 27 3 2019/);

    const together = await referrerBrowser.post(url, childForm('Dylan', addMonths(today(), 2), { legalFamilyName: '' }));
    assert.match(
      together.body,
      /Enter the child’s legal family name[\s\S]*The date of birth must be today or in the past/,
      'every problem in one round, in the order of the page',
    );

    assert.equal((await draftOf(draftId)).draft?.children.length, 0, 'nothing was saved');
  });

  it('lets a referrer delete a draft they will not send, after asking, and no one else', async () => {
    const first = await referrerBrowser.post('/referrals/new', { legalBasis: 'consent', action: 'continue' });
    const draftId = draftIdFrom(first.headers.location as string);
    await referrerBrowser.post(`/referrals/drafts/${draftId}/children/1`, childForm('Gwenllian', addMonths(today(), -60)));
    const deleteUrl = `/referrals/drafts/${draftId}/delete`;
    assert.equal((await otherBrowser.get(deleteUrl)).statusCode, 404, 'another authority never sees a draft');
    assert.equal((await finderBrowser.get(deleteUrl)).statusCode, 403, 'the agency makes no referrals');
    const ask = await referrerBrowser.get(`${deleteUrl}?lang=cy`);
    assert.equal(ask.statusCode, 200);
    assert.ok(ask.body.includes('Dileu’r atgyfeiriad drafft hwn?') && ask.body.includes('Gwenllian Prydderch'), 'names the child, in Welsh');
    await referrerBrowser.get('/referrals?lang=en'); // back to English for the tests that follow
    const version = /name="version" value="(\d+)"/.exec(ask.body)![1]!;
    const stale = await referrerBrowser.post(deleteUrl, { version: String(Number(version) - 1) }, { csrfFrom: deleteUrl });
    assert.equal(stale.statusCode, 409, 'a draft changed since the page was shown is not deleted');
    assert.equal((await draftOf(draftId)).status, 'draft');
    const deleted = await referrerBrowser.post(deleteUrl, { version }, { csrfFrom: deleteUrl });
    assert.equal(deleted.statusCode, 303);
    assert.equal(deleted.headers.location, '/referrals');
    assert.equal(await draftOf(draftId), undefined, 'the draft is gone');
    assert.equal((await referrerBrowser.get(`/referrals/drafts/${draftId}/check`)).statusCode, 404);
    const audit = await t.database.adminQuery(
      "select detail from audit_log where action = 'referrals.create' and resource_id = $1 and detail->>'draft' = 'deleted'",
      [draftId],
    );
    assert.deepEqual(audit.rows[0]?.detail, { draft: 'deleted', children: 1 }, 'audited without the child’s name');
  });

  it('never deletes a referral once it has been sent', async () => {
    assert.equal((await referrerBrowser.get(`/referrals/drafts/${referralId}/delete`)).statusCode, 404);
    const refused = await referrerBrowser.post(`/referrals/drafts/${referralId}/delete`, { version: '1' }, { csrfFrom: '/referrals' });
    assert.equal(refused.statusCode, 404);
    assert.ok(await draftOf(referralId), 'the referral is still there');
  });

  it('lets a referrer save a half-filled child page for later, shows it again when they come back, and sends nothing unchecked', async () => {
    const first = await referrerBrowser.post('/referrals/new', { legalBasis: 'consent', action: 'continue' });
    const draftId = draftIdFrom(first.headers.location as string);
    const url = `/referrals/drafts/${draftId}/children/1`;

    const halfFilled = {
      legalGivenNames: 'Dafydd',
      legalFamilyName: '',
      'dateOfBirth-day': '3',
      'dateOfBirth-month': '',
      'dateOfBirth-year': '',
      languages: ['cy'],
      profileEn: 'Likes trains.',
      action: 'save-later',
    };
    const saved = await referrerBrowser.post(url, halfFilled);
    assert.equal(saved.statusCode, 303, problems(saved.body));
    assert.equal(saved.headers.location, '/referrals');
    const list = await referrerBrowser.get('/referrals');
    assert.match(list.body, /Your referral has been saved. The page you were on is not finished/);
    const stored = await draftOf(draftId);
    assert.equal(stored.status, 'draft');
    assert.equal(stored.draft?.children.length, 0, 'an unfinished page is not taken as a child');

    // Coming back through the draft's link lands on the unfinished page, as it was left.
    const resume = await referrerBrowser.get(`/referrals/drafts/${draftId}/check`);
    assert.equal(resume.headers.location, url);
    const page = await referrerBrowser.get(url);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /name="legalGivenNames"[^>]*value="Dafydd"/);
    assert.match(page.body, /name="dateOfBirth-day"[^>]*value="3"/);
    assert.match(page.body, /Likes trains\./);
    assert.match(page.body, /name="languages" type="checkbox" value="cy" checked/);

    // Sending is still checked in full: the unfinished page is where the referrer is sent.
    const early = await referrerBrowser.post(`/referrals/drafts/${draftId}/submit`, {}, { csrfFrom: url });
    assert.equal(early.statusCode, 303);
    assert.equal(early.headers.location, url);
    assert.equal((await draftOf(draftId)).status, 'draft');
    const stillWrong = await referrerBrowser.post(url, { ...halfFilled, action: 'continue' });
    assert.equal(stillWrong.statusCode, 400, '"Continue" still asks for a complete page');
    assert.match(stillWrong.body, /Enter the child’s legal family name/);

    const finished = await referrerBrowser.post(url, childForm('Dafydd', addMonths(today(), -6 * 12)));
    assert.equal(finished.statusCode, 303, problems(finished.body));
    assert.equal(finished.headers.location, `/referrals/drafts/${draftId}/check`);
    const complete = (await draftOf(draftId)).draft as { children: unknown[]; unfinished?: unknown };
    assert.equal(complete.children.length, 1);
    assert.equal(complete.unfinished, undefined, 'the typed page is forgotten once complete');
  });

  it('shows the agency the referral waiting for a decision, and lets a family finder accept it', async () => {
    const list = await finderBrowser.get('/referrals');
    assert.equal(list.statusCode, 200);
    const waiting = /data-testid="referrals-waiting"[\s\S]*?<\/table>/.exec(list.body)?.[0] ?? '';
    assert.match(waiting, new RegExp(`/referrals/${referralId}`));

    const page = await finderBrowser.get(`/referrals/${referralId}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /data-testid="accept-form"/);
    assert.match(page.body, new RegExp(`value="${finder.id}"`), 'the family finders of the agency are offered');

    const noReason = await finderBrowser.post(
      `/referrals/${referralId}/decision`,
      { decision: 'decline', reason: '' },
      { csrfFrom: `/referrals/${referralId}` },
    );
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /Give the reason for declining/);

    const accepted = await finderBrowser.post(
      `/referrals/${referralId}/decision`,
      { decision: 'accept', familyFinderId: finder.id },
      { csrfFrom: `/referrals/${referralId}` },
    );
    assert.equal(accepted.statusCode, 303);
    const after = await finderBrowser.get(`/referrals/${referralId}`);
    assert.match(after.body, /data-testid="referral-status">Accepted</);
    assert.doesNotMatch(after.body, /data-testid="accept-form"/, 'a decided referral offers no decision');
  });

  it('shows a child’s priority reasons with their facts, waiting clocks and sibling group', async () => {
    const page = await finderBrowser.get(`/children/${childIds[0]}`);
    assert.equal(page.statusCode, 200);
    const reasons = /data-testid="priority-reasons"[\s\S]*?<\/ul>/.exec(page.body)?.[0] ?? '';
    assert.match(reasons, /Aged 7 at referral/);
    assert.match(reasons, /In a sibling group/);
    assert.match(reasons, /Disability or additional needs \(1\)/);
    assert.match(reasons, /Waiting over 12 months since the placement order/);
    const clocks = /data-testid="clocks"[\s\S]*?<\/table>/.exec(page.body)?.[0] ?? '';
    assert.match(clocks, /Since the placement order/);
    assert.match(clocks, /Over 12 months/);
    assert.match(page.body, /data-testid="sibling-group-link"/);
    assert.match(page.body, /data-testid="ace-summary"/, 'a family finder sees the ACE summary');

    const home = await finderBrowser.get('/');
    const panel = /data-testid="children-attention"[\s\S]*?<\/section>/.exec(home.body)?.[0] ?? assert.fail('no panel of children needing attention');
    assert.match(panel, /Alys Prydderch/);
    assert.match(panel, /Over 12 months/);
    // The referring authority sees its own children past their clocks; another authority does not.
    const referrerHome = await referrerBrowser.get('/');
    assert.equal(referrerHome.statusCode, 200);
    assert.match(referrerHome.body, /Alys Prydderch/);
    const otherHome = await otherBrowser.get('/');
    assert.equal(otherHome.statusCode, 200);
    assert.doesNotMatch(otherHome.body, /Alys Prydderch/);
  });

  it('downloads the filtered children as CSV, audited with the row count', async () => {
    const all = await finderBrowser.get('/children.csv');
    assert.equal(all.statusCode, 200);
    assert.match(String(all.headers['content-type']), /text\/csv/);
    assert.match(String(all.headers['content-disposition']), /attachment; filename="children-/);
    assert.equal(
      all.body
        .replace(/^\ufeff/, '')
        .trim()
        .split('\n').length,
      1 + 3,
    );

    const older = await finderBrowser.get('/children.csv?ageBand=7-9&region=');
    const lines = older.body
      .replace(/^\ufeff/, '')
      .trim()
      .split('\n');
    assert.equal(lines.length, 2, lines.join('\n'));
    assert.match(lines[1]!, /Alys/);
    assert.match(lines[0]!, /Legal name,Local authority reference,Date of birth/, "the authority's own reference has its column");
    assert.match(lines[1]!, /Alys Prydderch,NTH\/4471,/);
    assert.doesNotMatch(older.body, /Loves climbing trees/, 'no free text leaves in a download');

    const audit = await t.database.adminQuery("select detail from audit_log where action = 'children.export' order by id");
    assert.deepEqual(
      audit.rows.map((r: { detail: { rows: number; ageBand: string | null } }) => [r.detail.rows, r.detail.ageBand]),
      [
        [3, null],
        [1, '7-9'],
      ],
    );
    const welsh = await finderBrowser.get('/children.csv?ageBand=7-9&lang=cy');
    assert.match(welsh.body, /Enw cyfreithiol,Cyfeirnod yr awdurdod lleol,Dyddiad geni/, "named in the reader's language");
    await finderBrowser.get('/children.csv?lang=en');

    const list = await finderBrowser.get('/children?ageBand=7-9');
    assert.match(list.body, /href="\/children.csv\?ageBand=7-9"/);
  });

  it('pages, sorts by a heading and removes a filter by its tag, counting what it shows, within what the reader may see', async () => {
    const names = (body: string) => [...body.matchAll(/data-testid="child-link">([^<]+)</g)].map((m) => m[1]);
    const youngestFirst = await finderBrowser.get('/children?limit=2&sort=age&dir=asc');
    assert.equal(youngestFirst.statusCode, 200);
    assert.deepEqual(names(youngestFirst.body), ['Cerys Prydderch', 'Bedwyr Prydderch']);
    assert.match(youngestFirst.body, /data-testid="list-count">Showing 1 to 2 of 3</);
    assert.match(youngestFirst.body, /govuk-table__header--numeric"\s+aria-sort="ascending"><a [^>]+data-testid="sort-age"/, 'the sorted heading says so');
    const next =
      /<a class="govuk-link govuk-pagination__link" href="([^"]+)" rel="next">/.exec(youngestFirst.body)?.[1]?.replace(/&amp;/g, '&') ??
      assert.fail('no next page link');
    assert.equal(next, '/children?sort=age&dir=asc&page=2&limit=2');
    const second = await finderBrowser.get(next);
    assert.deepEqual(names(second.body), ['Alys Prydderch'], 'the oldest comes last');
    assert.match(second.body, /Showing 3 to 3 of 3/);
    assert.doesNotMatch(second.body, /rel="next"/);
    assert.match(second.body, /rel="prev"/);
    // The heading's link turns the order round.
    const heading = /href="([^"]+)" data-testid="sort-age"/.exec(youngestFirst.body)?.[1]?.replace(/&amp;|&#38;/g, '&');
    assert.equal(heading, '/children?sort=age&dir=desc&limit=2');
    assert.deepEqual(names((await finderBrowser.get(heading)).body), ['Alys Prydderch', 'Bedwyr Prydderch']);

    const filtered = await finderBrowser.get('/children?ageBand=7-9&need=speech_language_communication');
    assert.deepEqual(names(filtered.body), ['Alys Prydderch']);
    const tags = [
      ...filtered.body.matchAll(
        /<a class="app-filter-tag" href="([^"]+)" data-testid="remove-filter"><span class="govuk-visually-hidden">Remove this filter: <\/span>([^<]+)</g,
      ),
    ].map((m) => [m[2], m[1]!.replace(/&amp;/g, '&')]);
    assert.equal(tags.length, 2, 'a tag for each filter used');
    assert.equal(tags[0]![1], '/children?need=speech_language_communication', 'removing the age keeps the need');
    assert.equal(tags[1]![1], '/children?ageBand=7-9');
    assert.deepEqual(names((await finderBrowser.get(tags[0]![1])).body), ['Alys Prydderch']);
    const none = await finderBrowser.get('/children?ageBand=0-3&waiting=12-months');
    assert.match(none.body, /No children match these filters. Remove a filter/);
    assert.doesNotMatch(none.body, /data-testid="list-count"/);

    // Another authority's referrer sees none of north's children, on any page or sort.
    for (const url of ['/children', '/children?page=2&limit=1&sort=name&dir=desc']) {
      const other = await otherBrowser.get(url);
      assert.equal(other.statusCode, 200);
      assert.deepEqual(names(other.body), []);
      assert.match(other.body, /There are no children you can see yet/);
    }
    const badPage = await finderBrowser.get('/children?page=0');
    assert.equal(badPage.statusCode, 400);
    assert.match(badPage.body, /Choose a page number from the list’s pages/);
  });

  it('records ACEs and shows the cohort analysis as a chart and a table', async () => {
    const form = await finderBrowser.get(`/children/${childIds[0]}/aces/change`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /name="status-household_imprisonment"/);
    assert.match(form.body, /name="status-bereavement"/, 'extended categories are offered');
    const saved = await finderBrowser.post(`/children/${childIds[0]}/aces/change`, {
      version: /name="version" value="(\d+)"/.exec(form.body)?.[1] ?? assert.fail('no version on the form'),
      'status-physical_abuse': 'known',
      'source-physical_abuse': 'Care proceedings',
      ...dateBoxes('recordedOn-physical_abuse', addMonths(today(), -2)),
      'status-domestic_violence': 'known',
      'status-emotional_neglect': 'suspected',
    });
    assert.equal(saved.statusCode, 303, problems(saved.body));
    const child = await finderBrowser.get(`/children/${childIds[0]}`);
    assert.match(
      /data-testid="ace-summary"[\s\S]*?<\/dl>/.exec(child.body)?.[0] ?? '',
      /Known \(of 10\)[\s\S]*?2[\s\S]*?Known or suspected \(of 10\)[\s\S]*?3/,
    );

    const analysis = await finderBrowser.get('/analytics/aces');
    assert.equal(analysis.statusCode, 200);
    assert.match(analysis.body, /<svg [^>]*role="img"/);
    assert.match(analysis.body, /<title id="ace-chart-title">/);
    assert.match(analysis.body, /<desc id="ace-chart-desc">/);
    assert.match(analysis.body, /data-testid="ace-table"/);
    assert.match(analysis.body, /Comparison mean 4/);
    assert.doesNotMatch(analysis.body, /style="/, 'no inline style for the CSP to refuse');

    const outside = await referrerBrowser.get('/analytics/aces?measure=knownOrSuspected');
    assert.equal(outside.statusCode, 200);
    assert.match(outside.body, /data-testid="suppression-note"/, 'a local authority sees disclosure-controlled figures');

    const csv = await finderBrowser.get('/analytics/aces.csv');
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    assert.match(csv.body, /Number of ACEs,Children/);
  });

  it('shows the ACE record on a page of its own, each experience with its source and date, and changes it on another', async () => {
    const id = childIds[0]!;
    const row = (body: string, code: string) => new RegExp(`data-testid="ace-row-${code}"[\\s\\S]*?</div>`).exec(body)?.[0] ?? '';
    const record = await finderBrowser.get(`/children/${id}/aces`);
    assert.equal(record.statusCode, 200);
    assert.doesNotMatch(record.body, /name="status-/, 'the record is read, not edited, here');
    assert.match(row(record.body, 'physical_abuse'), /Known[\s\S]*Source: Care proceedings[\s\S]*Recorded on /);
    assert.match(
      row(record.body, 'physical_abuse'),
      new RegExp(`href="/children/${id}/aces/change#status-physical_abuse"[^>]*>\\s*Change<span class="govuk-visually-hidden"> Physical abuse`),
    );
    assert.match(row(record.body, 'emotional_neglect'), /Suspected/);
    assert.match(row(record.body, 'household_imprisonment'), /Not recorded/, 'an experience not recorded says so');
    assert.match(row(record.body, 'bereavement'), /Not recorded/, 'the agency’s own experiences are listed too');
    assert.match(record.body, /data-testid="contents-list"[\s\S]*?href="#aces-standard"[\s\S]*?href="#aces-extended"/);
    const welsh = await finderBrowser.get(`/children/${id}/aces?lang=cy`);
    assert.match(row(welsh.body, 'physical_abuse'), /Hysbys[\s\S]*Ffynhonnell: Care proceedings[\s\S]*Cofnodwyd ar /);
    assert.match(row(welsh.body, 'household_imprisonment'), /Heb ei gofnodi/);
    await finderBrowser.get(`/children/${id}/aces?lang=en`);

    const form = await finderBrowser.get(`/children/${id}/aces/change`);
    assert.match(form.body, /name="status-physical_abuse" type="radio" value="known" checked/, 'the form starts from what is recorded');
    assert.match(form.body, new RegExp(`action="/children/${id}/aces/change"`));
    const version = /name="version" value="(\d+)"/.exec(form.body)?.[1] ?? assert.fail('no version on the form');
    const refused = await finderBrowser.post(`/children/${id}/aces/change`, {
      version,
      'status-physical_abuse': 'known',
      'recordedOn-physical_abuse-day': '31',
      'recordedOn-physical_abuse-month': '2',
      'recordedOn-physical_abuse-year': '2024',
    });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /govuk-error-summary/);
    const changed = await finderBrowser.post(`/children/${id}/aces/change`, {
      version,
      'status-physical_abuse': 'known',
      'source-physical_abuse': 'Care proceedings',
      'status-domestic_violence': 'known',
      'status-emotional_neglect': 'known',
      'status-household_imprisonment': 'none',
    });
    assert.equal(changed.statusCode, 303, problems(changed.body));
    assert.equal(changed.headers.location, `/children/${id}/aces`, 'back to the record, which shows the change');
    const after = await finderBrowser.get(`/children/${id}/aces`);
    assert.match(after.body, /The ACE record has been saved/);
    assert.match(row(after.body, 'emotional_neglect'), /Known/);
    assert.match(row(after.body, 'household_imprisonment'), /None/);
    assert.match(after.body, /Known ACEs: 3 of 10/);

    // A page of the form left open from before the record had its own page still saves.
    const former = await finderBrowser.post(
      `/children/${id}/aces`,
      { 'status-physical_abuse': 'known', 'status-domestic_violence': 'known', 'status-emotional_neglect': 'suspected' },
      { csrfFrom: `/children/${id}/aces/change` },
    );
    assert.equal(former.statusCode, 303, problems(former.body));
    assert.equal(former.headers.location, `/children/${id}/aces`);
    const audited = await t.database.adminQuery(
      "select count(*)::int as n from audit_log where action = 'aces.edit' and resource_id = $1 and outcome = 'success'",
      [id],
    );
    assert.ok(audited.rows[0].n >= 3, 'every save is audited');
  });

  it('keeps the first of two ACE saves made from the same version and refuses the second (409), in the reader’s language', async () => {
    const id = childIds[0]!;
    const row = (body: string, code: string) => new RegExp(`data-testid="ace-row-${code}"[\\s\\S]*?</div>`).exec(body)?.[0] ?? '';
    const form = await finderBrowser.get(`/children/${id}/aces/change`);
    const version = /name="version" value="(\d+)"/.exec(form.body)?.[1] ?? assert.fail('no version on the form');
    const first = await finderBrowser.post(`/children/${id}/aces/change`, { version, 'status-physical_abuse': 'known', 'status-bereavement': 'known' });
    assert.equal(first.statusCode, 303, problems(first.body));
    await finderBrowser.get(`/children/${id}/aces?lang=cy`);
    const second = await finderBrowser.post(`/children/${id}/aces/change`, { version, 'status-physical_abuse': 'none' });
    assert.equal(second.statusCode, 409);
    assert.match(second.body, /Newidiodd rhywun arall y cofnod hwn tra oeddech chi’n ei olygu/);
    // The form comes back with the record as the first save left it, on its new version.
    assert.match(second.body, /name="status-bereavement" type="radio" value="known" checked/);
    assert.match(second.body, new RegExp(`name="version" value="${Number(version) + 1}"`));
    await finderBrowser.get(`/children/${id}/aces?lang=en`);
    const record = await finderBrowser.get(`/children/${id}/aces`);
    assert.match(row(record.body, 'physical_abuse'), /Known/, 'the first save is kept');
    assert.match(row(record.body, 'bereavement'), /Known/);

    // The API checks a version when given (412 when stale), and answers the new one.
    const token = await t.token(finder);
    const stale = await callApi(t, token, 'PUT', `/api/v1/children/${id}/aces`, { version: Number(version), entries: [] });
    assert.equal(stale.status, 412);
    const current = await callApi(t, token, 'GET', `/api/v1/children/${id}/aces`);
    const saved = await callApi(t, token, 'PUT', `/api/v1/children/${id}/aces`, {
      version: current.body.version,
      entries: current.body.entries.map(({ updatedAt: _u, ...e }: { updatedAt: string }) => e),
    });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.equal(saved.body.version, current.body.version + 1);
  });

  it('refuses a stale edit with “Someone else changed this record” (409)', async () => {
    const form = await finderBrowser.get(`/children/${childIds[1]}/edit`);
    assert.equal(form.statusCode, 200);
    const version = /name="version" value="(\d+)"/.exec(form.body)?.[1] ?? assert.fail('no version on the form');
    const fields = {
      ...childForm('Bedwyr', addMonths(today(), -5 * 12), { sex: 'male', preferredName: 'Bed' }),
      version,
    };
    const first = await finderBrowser.post(`/children/${childIds[1]}/edit`, fields);
    assert.equal(first.statusCode, 303, problems(first.body));
    const stale = await finderBrowser.post(`/children/${childIds[1]}/edit`, { ...fields, preferredName: 'Beddy' });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Someone else changed this record/);
    const stored = await t.database.adminQuery('select preferred_name from children where id = $1', [childIds[1]]);
    assert.equal(stored.rows[0].preferred_name, 'Bed');
  });

  it('records a new together-or-apart assessment and an outcome', async () => {
    const groupPage = await finderBrowser.get(`/children/${childIds[0]}`);
    const groupId = /href="\/sibling-groups\/([0-9a-f-]{36})"/.exec(groupPage.body)?.[1] ?? assert.fail('no sibling group link');
    const form = await finderBrowser.get(`/sibling-groups/${groupId}`);
    const version = /name="version" value="(\d+)"/.exec(form.body)?.[1] ?? assert.fail('no version');
    const missing = await finderBrowser.post(`/sibling-groups/${groupId}`, { version, assessment: 'apart', reasons: '' });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Give the reasons for the together-or-apart assessment/);
    const saved = await finderBrowser.post(`/sibling-groups/${groupId}`, {
      version,
      assessment: 'apart',
      reasons: 'Cerys needs a family of her own after the review.',
    });
    assert.equal(saved.statusCode, 303, problems(saved.body));
    const after = await finderBrowser.get(`/sibling-groups/${groupId}`);
    assert.match(after.body, /data-testid="current-assessment">Place apart</);
    assert.equal(
      [...(/data-testid="sibling-history"[\s\S]*?<\/table>/.exec(after.body)?.[0] ?? '').matchAll(/<tr class="govuk-table__row">/g)].length,
      1 + 2,
      'the earlier assessment stays in the history',
    );

    const outcome = await finderBrowser.get(`/children/${childIds[2]}/outcome`);
    const outcomeVersion = /name="version" value="(\d+)"/.exec(outcome.body)?.[1] ?? assert.fail('no version');
    const noReason = await finderBrowser.post(`/children/${childIds[2]}/outcome`, {
      version: outcomeVersion,
      outcome: 'plan_changed_long_term_fostering',
      reason: '',
      ...dateBoxes('outcomeDate', today()),
    });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /Give the reason the plan changed to long-term fostering/);
    const recorded = await finderBrowser.post(`/children/${childIds[2]}/outcome`, {
      version: outcomeVersion,
      outcome: 'placed_for_adoption',
      reason: '',
      ...dateBoxes('outcomeDate', today()),
    });
    assert.equal(recorded.statusCode, 303, problems(recorded.body));
    const child = await finderBrowser.get(`/children/${childIds[2]}`);
    assert.match(child.body, /Outcome recorded: Placed for adoption/);
  });

  it('answers 404 to a referrer of another authority', async () => {
    const page = await otherBrowser.get(`/children/${childIds[0]}`);
    assert.equal(page.statusCode, 404);
    assert.doesNotMatch(page.body, /Alys/);
    const referral = await otherBrowser.get(`/referrals/${referralId}`);
    assert.equal(referral.statusCode, 404);
  });

  it('speaks Welsh on every page when asked', async () => {
    const child = await finderBrowser.get(`/children/${childIds[0]}?lang=cy`);
    assert.match(child.body, /<html lang="cy"/);
    assert.match(child.body, /Pam y gallai’r plentyn hwn aros yn hirach/);
    assert.match(child.body, /Yn 7 oed adeg yr atgyfeiriad/);
    assert.match(child.body, /Clociau aros/);

    const list = await finderBrowser.get('/children');
    assert.match(list.body, /Hidlo’r plant/, 'the choice of Welsh is remembered');
    const analysis = await finderBrowser.get('/analytics/aces');
    assert.match(analysis.body, /Cymedr cymharu 4/);

    const start = await referrerBrowser.get('/referrals/new?lang=cy');
    assert.match(start.body, /Ar ba sail gyfreithiol rydych chi’n rhannu gwybodaeth y plant\?/);
    const first = await referrerBrowser.post('/referrals/new', { legalBasis: 'consent', action: 'continue' });
    const wrong = await referrerBrowser.post(first.headers.location as string, childForm('Elin', addMonths(today(), 1)));
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /Mae problem/);
    assert.match(wrong.body, /Rhaid i’r dyddiad geni fod heddiw neu yn y gorffennol/);
    await referrerBrowser.get('/?lang=en');
    await finderBrowser.get('/?lang=en');
  });
});

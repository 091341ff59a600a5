import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type Browser, type TestApp } from '../support/app.ts';

/**
 * The households list as the shared list pages draw it: numbered pages of rows from SQL, a count,
 * sorting by a heading, filter tags that each remove one, and nothing outside the reader's scope.
 * All households are fictional.
 */
describe('the households list: pages, sort and filters', () => {
  let t: TestApp;
  let worker: Browser;
  let otherWorker: Browser;
  const references: string[] = [];
  let otherReference = '';

  const rows = (body: string) => [...body.matchAll(/data-testid="household-link">([^<]+)</g)].map((m) => m[1]!);
  const unescape = (href: string) => href.replace(/&amp;/g, '&').replace(/&#38;/g, '&');

  before(async () => {
    t = await startTestApp();
    const agency = await t.organisation('agency', 'agency');
    const otherAgency = await t.organisation('other-agency', 'agency');
    const user = await t.user(['social_worker'], agency);
    const other = await t.user(['social_worker'], otherAgency);
    const create = async (token: string, name: string) => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/households',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        payload: JSON.stringify({
          email: `${name.toLowerCase()}@example.invalid`,
          preferredLanguage: 'en',
          postcode: 'CF10 1AA',
          applicants: [{ givenNames: name, familyName: 'Rhestr (fictional)', email: `${name.toLowerCase()}@example.invalid` }],
        }),
      });
      assert.equal(response.statusCode, 201, response.body);
      return (JSON.parse(response.body) as { reference: string }).reference;
    };
    const token = await t.token(user);
    for (const name of ['Anwen', 'Bryn', 'Carys', 'Dewi', 'Elin']) references.push(await create(token, name));
    otherReference = await create(await t.token(other), 'Ffion');
    worker = await t.signIn(user);
    otherWorker = await t.signIn(other);
  });
  after(async () => t.close());

  it('gives page 2 of a sorted list the right rows and count, and turns the order round from its heading', async () => {
    const sorted = [...references].sort();
    const first = await worker.get('/households?sort=reference&dir=asc&limit=2');
    assert.equal(first.statusCode, 200);
    assert.deepEqual(rows(first.body), sorted.slice(0, 2));
    assert.match(first.body, /Showing 1 to 2 of 5/);
    const next = unescape(/<a class="govuk-link govuk-pagination__link" href="([^"]+)" rel="next">/.exec(first.body)?.[1] ?? assert.fail('no next page'));
    assert.equal(next, '/households?sort=reference&dir=asc&page=2&limit=2');
    const second = await worker.get(next);
    assert.deepEqual(rows(second.body), sorted.slice(2, 4));
    assert.match(second.body, /Showing 3 to 4 of 5/);
    const last = await worker.get('/households?sort=reference&dir=asc&page=3&limit=2');
    assert.deepEqual(rows(last.body), sorted.slice(4));
    assert.doesNotMatch(last.body, /rel="next"/);

    assert.match(first.body, /aria-sort="ascending"><a [^>]+data-testid="sort-reference"/);
    const reverse = unescape(/href="([^"]+)" data-testid="sort-reference"/.exec(first.body)![1]!);
    assert.equal(reverse, '/households?sort=reference&dir=desc&limit=2');
    assert.deepEqual(rows((await worker.get(reverse)).body), [...sorted].reverse().slice(0, 2));
  });

  it('shows the filters used as tags, each link removing that one filter', async () => {
    const filtered = await worker.get('/households?stage=enquiry&q=Carys');
    assert.deepEqual(rows(filtered.body), [references[2]]);
    const tags = [
      ...filtered.body.matchAll(
        /<a class="app-filter-tag" href="([^"]+)" data-testid="remove-filter"><span class="govuk-visually-hidden">Remove this filter: <\/span>([^<]+)</g,
      ),
    ].map((m) => [m[2], unescape(m[1]!)]);
    assert.deepEqual(tags, [
      ['Stage: Enquiry', '/households?q=Carys'],
      ['Search: Carys', '/households?stage=enquiry'],
    ]);
    assert.equal(rows((await worker.get('/households?stage=enquiry')).body).length, 5, 'removing the search shows every enquiry');
    const none = await worker.get('/households?q=Nobody');
    assert.match(none.body, /No households match. Remove a filter/);
  });

  it('shows another agency none of these households, on any page or sort', async () => {
    for (const url of ['/households', '/households?page=2&limit=1&sort=worker&dir=desc', '/households?sort=reference&limit=50']) {
      const page = await otherWorker.get(url);
      assert.equal(page.statusCode, 200);
      assert.deepEqual(rows(page.body), url.includes('page=2') ? [] : [otherReference]);
      for (const reference of references) assert.ok(!page.body.includes(reference), `${reference} stays with its agency`);
    }
    assert.equal((await worker.get('/households?page=abc')).statusCode, 400);
  });
});

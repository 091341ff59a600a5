import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type Browser, type TestApp } from '../support/app.ts';
import { callApi, referredChild } from '../support/api-client.ts';

/**
 * The lists of daily work drawn by the shared list pages (src/platform/views/list-page.ts): a count,
 * numbered pages, sorting by a heading, filters as tags that each remove one, an empty state that
 * says what to do, and a page number out of the list answered in the reader's language. Each list
 * is driven through its page as a person would; all people and records are fictional.
 */

const unescape = (href: string) => href.replace(/&amp;/g, '&').replace(/&#38;/g, '&');
/** The text of the links with this test id, in page order (within `section` when given). */
const links = (body: string, testId: string) => [...body.matchAll(new RegExp(`data-testid="${testId}">([^<]+)<`, 'g'))].map((m) => unescape(m[1]!.trim()));
/** The part of a page from the element with this test id to the end of its table. */
const section = (body: string, testId: string) => {
  const start = body.indexOf(`data-testid="${testId}"`);
  return start < 0 ? '' : body.slice(start, body.indexOf('</table>', start));
};
const nextHref = (body: string) =>
  unescape(/<a class="govuk-link govuk-pagination__link" href="([^"]+)" rel="next">/.exec(body)?.[1] ?? assert.fail('no next page'));
const sortHref = (body: string, key: string) =>
  unescape(new RegExp(`href="([^"]+)" data-testid="sort-${key}"`).exec(body)?.[1] ?? assert.fail(`no ${key} heading`));
const tags = (body: string) =>
  [...body.matchAll(/<a class="app-filter-tag" href="([^"]+)" data-testid="remove-filter"><span class="govuk-visually-hidden">[^<]*<\/span>([^<]+)</g)].map(
    (m) => [unescape(m[2]!), unescape(m[1]!)],
  );

/** A page number outside the list answers 400, in Welsh for a Welsh reader. */
async function refusesBadPageInWelsh(browser: Browser, path: string) {
  const bad = await browser.get(`${path}${path.includes('?') ? '&' : '?'}page=0&lang=cy`);
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Dewiswch rif tudalen o dudalennau’r rhestr/);
  assert.equal((await browser.get(`${path}${path.includes('?') ? '&' : '?'}page=abc&lang=en`)).statusCode, 400);
}

describe('the lists of daily work', () => {
  let t: TestApp;
  let agency: string;
  let north: string;

  before(async () => {
    t = await startTestApp();
    agency = await t.organisation('agency', 'agency');
    north = await t.organisation('north', 'local_authority');
  });
  after(async () => t.close());

  describe('referrals', () => {
    let referrer: Browser;
    let finder: Browser;
    let emptyReferrer: Browser;
    let draftId = '';

    before(async () => {
      const referrerUser = await t.user(['la_referrer'], north);
      const finderUser = await t.user(['family_finder'], agency);
      const referrerToken = await t.token(referrerUser);
      const finderToken = await t.token(finderUser);
      const refer = async (given: string) => {
        const made = await callApi(t, referrerToken, 'POST', '/api/v1/referrals', { legalBasis: 'consent', children: [referredChild(given)] });
        assert.equal(made.status, 201, JSON.stringify(made.body));
        return made.body.referralId as string;
      };
      // Decided in this order, so the newest decision is Elis's.
      for (const [given, decision] of [
        ['Aeron', 'accept'],
        ['Betsan', 'decline'],
        ['Cadi', 'accept'],
        ['Dafydd', 'decline'],
        ['Elis', 'accept'],
      ] as const) {
        const id = await refer(given);
        const decided = await callApi(
          t,
          finderToken,
          'POST',
          `/api/v1/referrals/${id}/decision`,
          decision === 'accept' ? { decision, familyFinderId: finderUser.id } : { decision, reason: 'No capacity (fictional)' },
        );
        assert.equal(decided.status, 200, JSON.stringify(decided.body));
      }
      await refer('Ffion');
      const { rows } = await t.database.adminQuery(
        `insert into referrals (organisation_id, agency_id, referred_by, status, draft)
         values ($1, $2, $3, 'draft', $4) returning id`,
        [north, agency, referrerUser.id, JSON.stringify({ children: [{ legalGivenNames: 'Gwen', legalFamilyName: 'Testfamily' }] })],
      );
      draftId = rows[0].id as string;
      referrer = await t.signIn(referrerUser);
      finder = await t.signIn(finderUser);
      emptyReferrer = await t.signIn(await t.user(['la_referrer'], await t.organisation('south', 'local_authority')));
    });

    it('names each referral by its children, pages the decided ones and sorts them by a heading', async () => {
      const first = await referrer.get('/referrals?sort=children&dir=asc&limit=2');
      assert.equal(first.statusCode, 200);
      assert.deepEqual(links(section(first.body, 'referrals-drafts'), 'referral-link'), ['Gwen Testfamily']);
      assert.deepEqual(links(section(first.body, 'referrals-waiting'), 'referral-link'), ['Ffion Testfamily']);
      assert.deepEqual(links(section(first.body, 'referrals-decided'), 'referral-link'), ['Aeron Testfamily', 'Betsan Testfamily']);
      assert.match(first.body, /Showing 1 to 2 of 5/);
      const second = await referrer.get(nextHref(first.body));
      assert.deepEqual(links(section(second.body, 'referrals-decided'), 'referral-link'), ['Cadi Testfamily', 'Dafydd Testfamily']);
      assert.match(second.body, /Showing 3 to 4 of 5/);
      // Drafts and referrals waiting for a decision are open work: on every page, whole.
      assert.deepEqual(links(section(second.body, 'referrals-waiting'), 'referral-link'), ['Ffion Testfamily']);

      assert.match(first.body, /aria-sort="ascending"><a [^>]+data-testid="sort-children"/);
      const reverse = await referrer.get(sortHref(first.body, 'children'));
      assert.deepEqual(links(section(reverse.body, 'referrals-decided'), 'referral-link'), ['Elis Testfamily', 'Dafydd Testfamily']);
      // Unsorted, the newest decision comes first.
      const newest = await referrer.get('/referrals');
      assert.equal(links(section(newest.body, 'referrals-decided'), 'referral-link')[0], 'Elis Testfamily');
    });

    it('offers to delete a draft beside it, through the confirmation page', async () => {
      const page = await referrer.get('/referrals');
      const deleteHref = /href="([^"]+)" data-testid="delete-draft">Delete<span class="govuk-visually-hidden"> Gwen Testfamily<\/span>/.exec(page.body)?.[1];
      assert.equal(deleteHref, `/referrals/drafts/${draftId}/delete`);
      const confirm = await referrer.get(deleteHref);
      assert.equal(confirm.statusCode, 200);
      assert.match(confirm.body, /Gwen Testfamily/);
      // The agency never sees another authority's drafts.
      assert.equal(section((await finder.get('/referrals')).body, 'referrals-drafts'), '');
    });

    it('shows the decision filter as a tag whose link removes it, and says when none match', async () => {
      const declined = await finder.get('/referrals?decision=declined');
      assert.match(declined.body, /Showing 1 to 2 of 2/);
      assert.deepEqual(tags(declined.body), [['Decision: Declined', '/referrals']]);
      assert.match((await finder.get('/referrals')).body, /Showing 1 to 5 of 5/);
      const cy = await finder.get('/referrals?decision=declined&lang=cy');
      assert.deepEqual(tags(cy.body), [['Penderfyniad: Wedi’i wrthod', '/referrals']]);
      const none = await emptyReferrer.get('/referrals?decision=accepted');
      assert.match(none.body, /No decided referrals match. Remove a filter to see more./);
    });

    it('tells a referrer with no referrals how to begin', async () => {
      const empty = await emptyReferrer.get('/referrals');
      assert.match(empty.body, /There are no referrals yet. Start a new referral to refer a child to the agency./);
      const cy = await emptyReferrer.get('/referrals?lang=cy');
      assert.match(cy.body, /Nid oes atgyfeiriadau eto. Dechreuwch atgyfeiriad newydd/);
    });

    it('refuses a page number outside the list, in Welsh for a Welsh reader', async () => {
      await refusesBadPageInWelsh(referrer, '/referrals');
      assert.equal((await referrer.get('/referrals?decision=maybe')).statusCode, 400);
    });
  });

  describe('people (administrator)', () => {
    let admin: Browser;
    let people = '';
    const names = ['Alaw Pritchard', 'Bedwyr Owen', 'Catrin Hughes', 'Deiniol Rees', 'Eirlys Morgan'];

    before(async () => {
      people = await t.organisation('people-authority', 'local_authority');
      for (const name of names) {
        const user = await t.user(['la_referrer'], people);
        await t.database.adminQuery('update users set name = $1 where id = $2', [name, user.id]);
      }
      admin = await t.signIn(await t.user(['administrator'], agency));
    });

    it('counts the people, pages them and sorts them by a heading', async () => {
      const first = await admin.get(`/admin/users?organisationId=${people}&limit=2`);
      assert.equal(first.statusCode, 200);
      assert.deepEqual(links(first.body, 'user-link'), names.slice(0, 2));
      assert.match(first.body, /Showing 1 to 2 of 5/);
      const second = await admin.get(nextHref(first.body));
      assert.deepEqual(links(second.body, 'user-link'), names.slice(2, 4));
      assert.match(second.body, /Showing 3 to 4 of 5/);
      assert.match(first.body, /aria-sort="ascending"><a [^>]+data-testid="sort-name"/);
      const reverse = await admin.get(sortHref(first.body, 'name'));
      assert.deepEqual(links(reverse.body, 'user-link'), [names[4], names[3]]);
    });

    it('shows the filters as tags, each link removing one, and says when nobody matches', async () => {
      const filtered = await admin.get(`/admin/users?organisationId=${people}&q=Catrin`);
      assert.deepEqual(links(filtered.body, 'user-link'), ['Catrin Hughes']);
      assert.deepEqual(tags(filtered.body), [
        ['Organisation: Test people-authority', '/admin/users?q=Catrin'],
        ['Name or email: Catrin', `/admin/users?organisationId=${people}`],
      ]);
      const cy = await admin.get(`/admin/users?organisationId=${people}&role=la_referrer&lang=cy`);
      assert.equal(tags(cy.body)[1]![1], `/admin/users?organisationId=${people}`);
      assert.match(tags(cy.body)[1]![0]!, /^Rôl: /);
      const none = await admin.get('/admin/users?q=Nobody&lang=en');
      assert.match(none.body, /Nobody matches. Remove a filter to see more people./);
    });

    it('refuses a page number outside the list, in Welsh for a Welsh reader', async () => {
      await refusesBadPageInWelsh(admin, '/admin/users');
    });
  });

  describe('requests for support', () => {
    let manager: Browser;
    const references: string[] = [];

    before(async () => {
      const supportAgency = await t.organisation('support-agency', 'agency');
      const worker = await t.user(['social_worker'], supportAgency);
      const token = await t.token(worker);
      // Asked 50, 40, 30, 20 and 10 days ago, the family itself asking for the second and fourth.
      for (const [i, name] of ['Anwen', 'Bryn', 'Carys', 'Dewi', 'Elin'].entries()) {
        const made = await callApi(t, token, 'POST', '/api/v1/households', {
          email: `${name.toLowerCase()}.support@example.invalid`,
          preferredLanguage: 'en',
          postcode: 'CF10 1AA',
          applicants: [{ givenNames: name, familyName: 'Cymorth (fictional)', email: `${name.toLowerCase()}.support@example.invalid` }],
        });
        assert.equal(made.status, 201, JSON.stringify(made.body));
        references.push(made.body.reference as string);
        await t.database.adminQuery(
          `insert into support_requests (organisation_id, household_id, source, need, requested_at)
           values ($1, $2, $3, 'Fictional: help with school transitions', now() - make_interval(days => $4))`,
          [supportAgency, made.body.id, i % 2 ? 'family' : 'worker', 50 - i * 10],
        );
      }
      manager = await t.signIn(await t.user(['service_manager'], supportAgency));
    });

    it('counts the waiting families, pages them longest wait first and sorts them by a heading', async () => {
      const first = await manager.get('/support/requests?limit=2');
      assert.equal(first.statusCode, 200);
      assert.deepEqual(links(first.body, 'request-link'), references.slice(0, 2));
      assert.match(first.body, /Showing 1 to 2 of 5/);
      const second = await manager.get(nextHref(first.body));
      assert.deepEqual(links(second.body, 'request-link'), references.slice(2, 4));
      assert.match(second.body, /Showing 3 to 4 of 5/);
      assert.match(second.body, /data-testid="waiting-summary"[\s\S]*?Families waiting[\s\S]*?5/, 'the summary counts every waiting family');
      assert.match(first.body, /aria-sort="ascending"><a [^>]+data-testid="sort-requested"/);
      const newest = await manager.get(sortHref(first.body, 'requested'));
      assert.deepEqual(links(newest.body, 'request-link'), [references[4], references[3]]);
    });

    it('shows who asked as a tag whose link removes it, and says what to do when none are closed', async () => {
      const family = await manager.get('/support/requests?source=family');
      assert.deepEqual(links(family.body, 'request-link'), [references[1], references[3]]);
      assert.deepEqual(tags(family.body), [['Asked by: The family', '/support/requests']]);
      const closed = await manager.get('/support/requests?status=closed&source=worker');
      assert.deepEqual(tags(closed.body), [['Asked by: A worker', '/support/requests?status=closed']]);
      assert.match(closed.body, /No request matches. Remove a filter to see more./);
      const empty = await manager.get('/support/requests?status=closed');
      assert.match(empty.body, /No request has been closed. When a family needs support, ask for it here/);
    });

    it('refuses a page number outside the list, in Welsh for a Welsh reader', async () => {
      await refusesBadPageInWelsh(manager, '/support/requests');
    });
  });

  describe('links and matches', () => {
    let finder: Browser;
    const ids: string[] = [];
    const matchIds = (body: string) => [...body.matchAll(/href="\/matches\/([^"]+)" data-testid="match-link"/g)].map((m) => m[1]!);

    before(async () => {
      const matchAgency = await t.organisation('match-agency', 'agency');
      const token = await t.token(await t.user(['social_worker'], matchAgency));
      // At their step since 50, 40, 30, 20 and 10 days; the last one closed (declined).
      for (const [i, stage] of (['linked', 'shortlisted', 'visits', 'linked', 'declined'] as const).entries()) {
        const made = await callApi(t, token, 'POST', '/api/v1/households', {
          email: `match${i}@example.invalid`,
          preferredLanguage: 'en',
          postcode: 'CF10 1AA',
          applicants: [{ givenNames: `Paru${i}`, familyName: 'Teulu (fictional)', email: `match${i}@example.invalid` }],
        });
        assert.equal(made.status, 201, JSON.stringify(made.body));
        const { rows } = await t.database.adminQuery(
          `insert into matches (organisation_id, child_organisation_id, shared_with, household_id, child_ids, unit_key, stage, stage_since, source, linked_date)
           select $1, $1, array[$1::uuid], $2, array[u], u, $3, current_date - $4::int, 'manual', current_date - 60 from gen_random_uuid() as u returning id`,
          [matchAgency, made.body.id, stage, 50 - i * 10],
        );
        ids.push(rows[0].id as string);
      }
      finder = await t.signIn(await t.user(['family_finder'], matchAgency));
    });

    it('counts the open ones, pages them longest at their step first and sorts them by a heading', async () => {
      const first = await finder.get('/matches?limit=2');
      assert.equal(first.statusCode, 200);
      assert.deepEqual(matchIds(first.body), ids.slice(0, 2));
      assert.match(first.body, /Showing 1 to 2 of 4/);
      const second = await finder.get(nextHref(first.body));
      assert.deepEqual(matchIds(second.body), ids.slice(2, 4));
      assert.match(second.body, /Showing 3 to 4 of 4/);
      assert.match((await finder.get('/matches?open=false')).body, /Showing 1 to 5 of 5/);
      assert.match(first.body, /aria-sort="ascending"><a [^>]+data-testid="sort-since"/);
      const byStage = await finder.get('/matches?sort=stage&dir=desc');
      assert.deepEqual(matchIds(byStage.body), [ids[2], ids[1], ids[0], ids[3]]);
    });

    it('shows the step as a tag whose link removes it, and says how to begin when there are none', async () => {
      const linked = await finder.get('/matches?open=false&stage=linked');
      assert.deepEqual(matchIds(linked.body), [ids[0], ids[3]]);
      assert.deepEqual(tags(linked.body), [['Step: Link being explored', '/matches?open=false']]);
      const none = await finder.get('/matches?stage=placed');
      assert.match(none.body, /No link or match is at that step. Remove a filter to see more./);
      const stranger = await t.signIn(await t.user(['family_finder'], await t.organisation('quiet-agency', 'agency')));
      assert.match((await stranger.get('/matches')).body, /No links or matches yet. Link a child with a family/);
    });

    it('refuses a page number outside the list, in Welsh for a Welsh reader', async () => {
      await refusesBadPageInWelsh(finder, '/matches');
    });
  });

  describe('invoices and credit notes', () => {
    let officer: Browser;
    let eastReader: Browser;
    let east = '';
    let west = '';
    const invoiceNumbers = (body: string) => links(body, 'invoice-link');

    before(async () => {
      const invoiceAgency = await t.organisation('invoice-agency', 'agency');
      east = await t.organisation('east', 'local_authority');
      west = await t.organisation('west', 'local_authority');
      // Issued 60, 40, 20 days ago to east, 35 and 10 days ago to west, each due 30 days later; a credit note 5 days ago cancels the first.
      const documents = [
        ['INV-0001', 'invoice', 1, east, 'Test east', 60, 10000],
        ['INV-0002', 'invoice', 2, east, 'Test east', 40, 20000],
        ['INV-0003', 'invoice', 3, east, 'Test east', 20, 30000],
        ['INV-0004', 'invoice', 4, west, 'Test west', 35, 40000],
        ['INV-0005', 'invoice', 5, west, 'Test west', 10, 50000],
        ['CN-0001', 'credit_note', 1, east, 'Test east', 5, -10000],
      ] as const;
      const ids = new Map<string, string>();
      for (const [number, kind, sequence, authority, name, daysAgo, pence] of documents) {
        const { rows } = await t.database.adminQuery(
          `insert into invoices (organisation_id, local_authority_id, kind, sequence_number, number, credits_invoice_id, issued_on, due_on,
             payment_terms_days, language, authority_name, net_pence, vat_pence, total_pence)
           values ($1, $2, $3, $4, $5, $6, current_date - $7::int, current_date - $7::int + 30, 30, 'en', $8, $9, 0, $9) returning id`,
          [invoiceAgency, authority, kind, sequence, number, kind === 'credit_note' ? ids.get('INV-0001') : null, daysAgo, name, pence],
        );
        ids.set(number, rows[0].id as string);
      }
      officer = await t.signIn(await t.user(['finance_officer'], invoiceAgency));
      eastReader = await t.signIn(await t.user(['la_referrer'], east));
    });

    it('counts them, pages them newest first and sorts them by a heading', async () => {
      const first = await officer.get('/finance/invoices?limit=2');
      assert.equal(first.statusCode, 200);
      assert.deepEqual(invoiceNumbers(first.body), ['CN-0001', 'INV-0005']);
      assert.match(first.body, /Showing 1 to 2 of 6/);
      const second = await officer.get(nextHref(first.body));
      assert.deepEqual(invoiceNumbers(second.body), ['INV-0003', 'INV-0004']);
      assert.match(second.body, /Showing 3 to 4 of 6/);
      assert.match(first.body, /aria-sort="descending"><a [^>]+data-testid="sort-issued"/);
      const oldest = await officer.get(sortHref(first.body, 'issued'));
      assert.deepEqual(invoiceNumbers(oldest.body), ['INV-0001', 'INV-0002']);
      const largest = await officer.get('/finance/invoices?sort=amount&dir=desc&limit=2');
      assert.deepEqual(invoiceNumbers(largest.body), ['INV-0005', 'INV-0004']);
      const byStatus = await officer.get('/finance/invoices?sort=status&dir=asc');
      assert.deepEqual(invoiceNumbers(byStatus.body).slice(0, 2).sort(), ['INV-0002', 'INV-0004'], 'overdue first');
      assert.equal(invoiceNumbers(byStatus.body).at(-1), 'CN-0001');
      assert.match((await officer.get('/finance')).body, /href="\/finance\/invoices" data-testid="all-invoices-link"/);
    });

    it('shows the authority, status and period as tags, each link removing one, and says when none match', async () => {
      const overdue = await officer.get('/finance/invoices?status=overdue');
      assert.deepEqual(invoiceNumbers(overdue.body), ['INV-0004', 'INV-0002']);
      assert.deepEqual(tags(overdue.body), [['Status: Overdue', '/finance/invoices']]);
      const westOnes = await officer.get(`/finance/invoices?localAuthorityId=${west}&status=open`);
      assert.deepEqual(invoiceNumbers(westOnes.body), ['INV-0005']);
      assert.deepEqual(tags(westOnes.body), [
        ['Local authority: Test west', '/finance/invoices?status=open'],
        ['Status: Not yet due', `/finance/invoices?localAuthorityId=${west}`],
      ]);
      const today = new Date();
      const iso = (daysAgo: number) => new Date(today.getTime() - daysAgo * 86_400_000).toISOString().slice(0, 10);
      const [y, m, d] = iso(45).split('-');
      const period = await officer.get(`/finance/invoices?from-day=${Number(d)}&from-month=${Number(m)}&from-year=${y}&to=${iso(15)}`);
      assert.deepEqual(invoiceNumbers(period.body), ['INV-0003', 'INV-0004', 'INV-0002']);
      assert.equal(tags(period.body).length, 2);
      assert.match(tags(period.body)[0]![0]!, /^Issued from: /);
      assert.equal(tags(period.body)[0]![1], `/finance/invoices?to=${iso(15)}`);
      const badDate = await officer.get('/finance/invoices?from-day=31&from-month=2&from-year=2026');
      assert.equal(badDate.statusCode, 400);
      assert.match(badDate.body, /govuk-error-summary/);
      const cy = await officer.get('/finance/invoices?status=settled&lang=cy');
      assert.deepEqual(tags(cy.body), [['Statws: Wedi’i setlo', '/finance/invoices']]);
      assert.deepEqual(invoiceNumbers(cy.body), ['INV-0001']);
      await officer.get('/finance/invoices?lang=en');
      const none = await officer.get(`/finance/invoices?localAuthorityId=${west}&status=settled`);
      assert.match(none.body, /No invoice or credit note matches. Remove a filter to see more./);
    });

    it('shows a local authority only its own invoices and credit notes', async () => {
      const own = await eastReader.get('/finance/invoices');
      assert.equal(own.statusCode, 200);
      assert.deepEqual(invoiceNumbers(own.body), ['CN-0001', 'INV-0003', 'INV-0002', 'INV-0001']);
      assert.match(own.body, /Showing 1 to 4 of 4/);
      assert.doesNotMatch(own.body, /INV-0004|INV-0005|Test west/, 'another authority’s invoice is not listed, nor offered as a filter');
      const asked = await eastReader.get(`/finance/invoices?localAuthorityId=${west}`);
      assert.deepEqual(invoiceNumbers(asked.body), []);
      assert.match(asked.body, /No invoice or credit note matches/);
      const audited = await t.database.adminQuery("select count(*)::int as n from audit_log where action = 'invoices.view' and organisation_id = $1", [east]);
      assert.ok(audited.rows[0].n >= 2, 'each read of the list is audited');
    });

    it('tells an agency with no invoices how to issue one, and refuses a page number outside the list in Welsh', async () => {
      const quiet = await t.signIn(await t.user(['finance_officer'], await t.organisation('quiet-finance', 'agency')));
      assert.match((await quiet.get('/finance/invoices')).body, /No invoices have been issued yet. Issue one from the fees waiting to be invoiced/);
      await refusesBadPageInWelsh(officer, '/finance/invoices');
      assert.equal((await officer.get('/finance/invoices?status=lost')).statusCode, 400);
    });
  });
});

import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { DemoSignIn } from '../../src/demo.ts';
import { openSuite, type E2eSuite } from './support/suite.ts';
import { signIn } from './support/sign-in.ts';
import { PlacementSuccessChildrenPage, PlacementSuccessPage } from './support/pages/placement-success.ts';
import { DEFAULT_DISCLOSURE } from '../../src/modules/reporting/index.ts';

let suite: E2eSuite;
let signIns: DemoSignIn[];
describe('placement-success (browser)', () => {
  before(async () => {
    suite = await openSuite('placement-success', { demo: true });
    signIns = suite.signIns;
  });
  afterEach(async () => suite?.endSessions());
  after(async () => {
    await suite?.close();
  });

  async function signedIn(email: string) {
    const person = signIns.find((s) => s.email === email);
    assert.ok(person, `the demo has ${email}`);
    const session = await suite.session();
    const home = await signIn(session, { email, password: person.password, totpSecret: person.totpKey }, '/sign-in?lang=en');
    return { session, home };
  }

  /**
   * The service manager reads placement success on the demo's story in English and Welsh (every page
   * checked with axe), follows a figure to the children behind it, and a local authority referrer
   * sees only their own children's figures, suppressed where small and without any list.
   */
  describe('placement success in the browser', () => {
    it('the service manager reads every measure with its definition, in English and Welsh, opens the children behind a figure, and is told of a period typed wrong', async () => {
      const { home } = await signedIn('service.manager@demo.invalid');
      const page = await home.navigate('placement-success:navigation', PlacementSuccessPage);
      for (const code of [
        'careToMovedIn',
        'orderToDecision',
        'movedInWithin14Months',
        'waitingOver6Months',
        'planChanges',
        'siblingsTogether',
        'disruptionsBeforeOrder',
        'stableAt6Months',
        'familiesWaitingOver3Months',
      ])
        await page.byTestId(`measure-${code}`).waitFor();
      // The demo's story: a disruption and a plan changed away from adoption in the last twelve months.
      assert.equal((await page.byTestId('figure-disruptionsBeforeOrder').innerText()).trim(), '1');
      assert.equal((await page.byTestId('figure-planChanges').innerText()).trim(), '1');
      assert.notEqual((await page.byTestId('figure-careToMovedIn').innerText()).trim(), '–', 'the placed children have a date entered care');
      assert.ok(await page.byTestId('families-satisfaction').isVisible());

      const welsh = await page.switchLanguage('cy');
      assert.match(await welsh.byTestId('measure-careToMovedIn').innerText(), /Diffiniad:/);
      await welsh.byTestId('children-planChanges').click();
      const list = await welsh.session.expect(PlacementSuccessChildrenPage);
      assert.match(await list.byTestId('children-table').innerText(), /Cynllun wedi newid i faethu tymor hir/);
      const english = await list.switchLanguage('en');
      assert.match(await english.byTestId('list-total').innerText(), /^1 child counted\.$/);

      // A period typed wrong is named beside its field (in the same session: each sign-in takes a code of the app).
      const wrong = await english.session.open('/outcomes/placement-success?from=2026-05-01&to=2026-01-01', PlacementSuccessPage);
      assert.deepEqual(await wrong.errorMessages(), [wrong.t('placement-success:errors.from.afterTo')]);
    });

    it('the stability chart shows the same figures as its table, and the CSV has headers in the reader’s language with small numbers suppressed', async () => {
      const { home } = await signedIn('service.manager@demo.invalid');
      const english = await home.navigate('placement-success:navigation', PlacementSuccessPage);
      const csvHeaders = (page: PlacementSuccessPage) =>
        ['section', 'measure', 'figure', 'detail', 'from', 'to'].map((k) => page.t(`placement-success:csv.${k}`));

      for (const page of [english, await english.switchLanguage('cy')]) {
        assert.equal(await page.chartTitle(), page.t('placement-success:chart.title'), 'the chart is named for a screen reader');
        const rows = await page.stabilityRows();
        assert.deepEqual(
          rows.map((r) => r.label),
          [6, 12, 24].map((count) => page.t('placement-success:chart.months', { count })),
        );
        const bars = await page.stabilityBars(rows.map((r) => r.label));
        for (const row of rows) assert.equal(bars[row.label], row.percent.replace(/%$/, ''), `the bar for ${row.label} shows the table’s figure`);

        const csv = await page.downloadCsv();
        assert.match(
          csv.fileName,
          new RegExp(`^${page.t('common:fileNames.placementSuccess')}-\\d{4}-\\d{2}-\\d{2}-\\d{4}-\\d{2}-\\d{2}\\.csv$`),
          'named in the reader’s language',
        );
        assert.deepEqual(csv.rows[0], csvHeaders(page), `the CSV's headers in ${page.language}`);
        const disruptions = csv.rows.find((r) => r[1] === page.t('placement-success:measures.disruptionsBeforeOrder.title'));
        assert.ok(disruptions, 'the CSV names the measures in the reader’s language');
        // The page shows the manager the demo's one disruption; a download leaves the agency's pages, so it is withheld.
        assert.equal((await page.byTestId('figure-disruptionsBeforeOrder').innerText()).trim(), '1');
        assert.equal(disruptions[2], 'c');
        for (const row of csv.rows.slice(1)) {
          const figure = row[2]!;
          if (/^\d+$/.test(figure))
            assert.ok(Number(figure) === 0 || Number(figure) >= DEFAULT_DISCLOSURE.minimumCount, `no small count in the CSV: ${row[1]} ${figure}`);
        }
      }
    });

    it('a local authority referrer sees their own children’s figures, disclosure-controlled, with no list of children', async () => {
      const { session } = await signedIn('referrer.south@demo.invalid');
      const page = await session.open('/outcomes/placement-success', PlacementSuccessPage);
      await page.byTestId('disclosure-note').waitFor();
      assert.equal(await page.page.locator('[data-testid^="children-"]').count(), 0);
      assert.equal(await page.byTestId('measure-familiesWaitingOver3Months').count(), 0, 'families are the agency’s');
      const welsh = await page.switchLanguage('cy');
      await welsh.byTestId('disclosure-note').waitFor();
    });
  });
});

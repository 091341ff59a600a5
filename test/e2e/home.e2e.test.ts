import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { DemoSignIn } from '../../src/demo.ts';
import { openSuite, type E2eSuite } from './support/suite.ts';
import { signIn } from './support/sign-in.ts';

let suite: E2eSuite;
let signIns: DemoSignIn[];
describe('home (browser)', () => {
  before(async () => {
    suite = await openSuite('home', { demo: true });
    signIns = suite.signIns;
  });
  afterEach(async () => suite?.endSessions());
  after(async () => {
    await suite?.close();
  });

  /** What each role's day starts with, seen by the demo's people on their home page (axe, language and a screenshot on each). */
  const EXPECTED: Partial<Record<DemoSignIn['role'], string[]>> = {
    family_finder: ['childrenWaiting', 'linksWaiting'],
    social_worker: ['timescalesPassed'],
    therapeutic_social_worker: ['actionsOverdue', 'supportWaiting', 'supportAllocated'],
    clinical_psychologist: ['outcomesOverdue'],
    service_manager: ['childrenWaiting'],
    la_referrer: ['childrenWaiting'],
  };

  describe('each role’s home page', () => {
    it('starts each demo person’s day with their work, saying why and by when, in English and Welsh', async () => {
      for (const person of signIns) {
        const session = await suite.session();
        const english = await signIn(session, { email: person.email, password: person.password, totpSecret: person.totpKey }, '/sign-in?lang=en');
        const items = await english.workItems();
        for (const kind of EXPECTED[person.role] ?? [])
          assert.ok(
            items.some((i) => i.kind === kind),
            `${person.role}: ${kind} on their home page`,
          );
        for (const item of items) {
          assert.ok(item.title && item.status, `${person.role}: ${item.kind} says what it is and how pressing`);
          assert.match(item.hint, /(By|Waiting since) \d+ \w+ \d{4}|No date set/, `${person.role}: ${item.kind} says by when`);
        }
        const welsh = await english.switchLanguage('cy');
        const cy = await welsh.workItems();
        assert.deepEqual(
          cy.map((i) => i.kind),
          items.map((i) => i.kind),
          `${person.role}: the same work in Welsh`,
        );
        for (const item of cy) assert.match(item.hint, /(Erbyn|Yn aros ers) \d+ \S+ \d{4}|Dim dyddiad wedi’i bennu/, `${person.role}: ${item.kind} in Welsh`);
        await suite.endSessions();
      }
    });

    it('draws the service manager’s 12-month trend with the same figures as its table, in English and Welsh', async () => {
      const manager = signIns.find((s) => s.role === 'service_manager')!;
      const session = await suite.session();
      const english = await signIn(session, { email: manager.email, password: manager.password, totpSecret: manager.totpKey }, '/sign-in?lang=en');
      for (const home of [english, await english.switchLanguage('cy')]) {
        const { bars, rows } = await home.trend();
        assert.equal(rows.length, 12, 'a row for each of the last 12 months');
        for (const [month, waiting, placed] of rows) {
          assert.equal(bars.waiting.get(month!) ?? 0, Number(waiting), `waiting in ${month}`);
          assert.equal(bars.placed.get(month!) ?? 0, Number(placed), `placed in ${month}`);
        }
      }
    });
  });
});

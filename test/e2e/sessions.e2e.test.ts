import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { openSuite, type E2eSuite } from './support/suite.ts';
import { signIn } from './support/sign-in.ts';
import { SessionsPage } from './support/pages/account.ts';

let suite: E2eSuite;
describe('sessions (browser)', () => {
  before(async () => {
    suite = await openSuite('sessions');
  });
  afterEach(async () => suite?.endSessions());
  after(async () => suite?.close());

  describe('where you are signed in', () => {
    it('lists this session (its device in words) and another, in English and Welsh (accessible), and signs out everywhere else', async () => {
      const agency = await suite.t.organisation('agency', 'agency');
      const worker = await suite.t.user(['social_worker'], agency);
      const session = await suite.session();
      await signIn(session, worker, '/');
      const phone = await suite.t.signIn(worker); // a second browser, signed in after this one

      const english = await session.open('/account/sessions', SessionsPage);
      assert.equal(await english.page.locator('[data-testid="end-session"]').count(), 1);
      // This browser (Chromium on this Linux machine) is named in words; the harness's second browser is not a browser it knows.
      const thisRow = english.page.locator('tr', { has: english.page.locator('[data-testid="this-session"]') });
      assert.equal((await thisRow.locator('[data-testid="session-device"]').innerText()).trim(), 'Chrome on Linux');
      const welsh = await english.switchLanguage('cy');
      assert.match(await welsh.page.locator('h1').innerText(), /Ble rydych chi wedi mewngofnodi/);
      const welshRow = welsh.page.locator('tr', { has: welsh.page.locator('[data-testid="this-session"]') });
      assert.equal((await welshRow.locator('[data-testid="session-device"]').innerText()).trim(), 'Chrome ar Linux');

      await welsh.page.locator('[data-testid="end-other-sessions"]').click();
      const after = await session.expect(SessionsPage);
      assert.match(await after.page.locator('.govuk-notification-banner').innerText(), /allgofnodi ym mhob man arall/);
      assert.equal(await after.page.locator('[data-testid="end-session"]').count(), 0);
      assert.equal((await phone.get('/account')).statusCode, 303, 'the other browser must sign in again');
    });
  });
});

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp, type TestUser } from '../support/app.ts';

/** The addresses a page links to or posts to, as written in its HTML. */
function targets(html: string): string[] {
  return [...html.matchAll(/(?:href|action)="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
}

describe('a person’s page offers only what the reader may open', () => {
  let t: TestApp;
  let manager: TestUser;
  let administrator: TestUser;
  let worker: TestUser;

  before(async () => {
    t = await startTestApp();
    const agency = await t.organisation('agency', 'agency');
    manager = await t.user(['service_manager'], agency);
    administrator = await t.user(['administrator'], agency);
    worker = await t.user(['social_worker'], agency);
  });
  after(async () => t.close());

  it('shows a service manager the person without “Change account”, the audit links or disabling, each of which would answer 403', async () => {
    const browser = await t.signIn(manager);
    const page = await browser.get(`/admin/users/${worker.id}`);
    assert.equal(page.statusCode, 200);
    const offered = targets(page.body);
    for (const forbidden of [
      `/admin/users/${worker.id}/edit`,
      `/admin/audit?userId=${worker.id}`,
      `/admin/audit?resourceType=user&resourceId=${worker.id}`,
      `/admin/users/${worker.id}/disable`,
    ]) {
      assert.ok(!offered.includes(forbidden), `the page does not offer ${forbidden}`);
    }
    assert.ok(!page.body.includes('What this person did'));
    assert.ok(!page.body.includes('Change account'));
    // And the pages left out do refuse the manager: nothing useful was hidden.
    assert.equal((await browser.get(`/admin/users/${worker.id}/edit`)).statusCode, 403);
    assert.equal((await browser.get(`/admin/audit?userId=${worker.id}`)).statusCode, 403);
  });

  it('shows the administrator every one of them', async () => {
    const browser = await t.signIn(administrator);
    const offered = targets((await browser.get(`/admin/users/${worker.id}`)).body);
    for (const allowed of [
      `/admin/users/${worker.id}/edit`,
      `/admin/audit?userId=${worker.id}`,
      `/admin/audit?resourceType=user&resourceId=${worker.id}`,
      `/admin/users/${worker.id}/disable`,
    ]) {
      assert.ok(offered.includes(allowed), `the page offers ${allowed}`);
    }
  });
});

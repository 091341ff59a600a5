import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type Browser, type TestApp, type TestUser } from '../support/app.ts';

/** Signed in: the account page opens; signed out: the next request goes to the sign-in page. */
async function isSignedIn(browser: Browser): Promise<boolean> {
  const page = await browser.get('/account');
  if (page.statusCode === 200) return true;
  assert.equal(page.statusCode, 303);
  assert.match(page.headers.location as string, /^\/sign-in/);
  return false;
}

const WINDOWS_CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const IPHONE_SAFARI = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
/** What the test harness's browser says it is (lightMyRequest's own user agent). */
const DEFAULT_DEVICE = 'A browser on another system';

/** The words in the "Device" cells of a sessions table. */
function deviceCells(body: string): string[] {
  return [...body.matchAll(/data-testid="session-device"[^>]*>([^<]*)</g)].map((m) => m[1]!.trim());
}

/** The addresses of the "Sign out" buttons for the other sessions listed. */
function endForms(body: string): string[] {
  return [...body.matchAll(/action="(\/account\/sessions\/[0-9a-f]{32}\/end)"/g)].map((m) => m[1]!);
}

describe('where you are signed in', () => {
  let t: TestApp;
  let agency: string;
  let administrator: TestUser;
  let otherAdministrator: TestUser;

  before(async () => {
    t = await startTestApp();
    agency = await t.organisation('agency', 'agency');
    const otherAgency = await t.organisation('other-agency', 'agency');
    administrator = await t.user(['administrator'], agency);
    otherAdministrator = await t.user(['administrator'], otherAgency);
  });
  after(async () => t.close());

  const auditCount = async (action: string, userId: string) =>
    Number(
      (await t.database.adminQuery("select count(*) as n from audit_log where action = $1 and resource_id = $2 and outcome <> 'denied'", [action, userId]))
        .rows[0]!.n,
    );

  it('names the device of each session in words, in English and Welsh, and stores no user-agent string', async () => {
    const worker = await t.user(['social_worker'], agency);
    const laptop = await t.signIn(worker, { userAgent: WINDOWS_CHROME });
    await t.signIn(worker, { userAgent: IPHONE_SAFARI });
    await t.signIn(worker, { userAgent: '' });

    const page = await laptop.get('/account/sessions');
    const devices = deviceCells(page.body);
    assert.deepEqual([...devices].sort(), ['Chrome on Windows', 'Not known', 'Safari on an iPhone']);
    const welsh = deviceCells((await laptop.get('/account/sessions?lang=cy')).body);
    assert.deepEqual([...welsh].sort(), ['Chrome ar Windows', 'Dim yn hysbys', 'Safari ar iPhone']);

    const stored = await t.database.adminQuery('select device from sessions where user_id = $1 order by device', [worker.id]);
    assert.deepEqual(
      stored.rows.map((r) => r.device),
      ['chrome/windows', 'safari/iphone', null],
    );
    const leaked = await t.database.adminQuery("select count(*) as n from audit_log where detail::text like '%Mozilla%' or detail::text like '%AppleWebKit%'");
    assert.equal(Number(leaked.rows[0]!.n), 0, 'no user-agent string in the audit log');
  });

  it('lists both sessions, marks this one, and ends the other: that browser is signed out', async () => {
    const worker = await t.user(['social_worker'], agency);
    const laptop = await t.signIn(worker);
    const phone = await t.signIn(worker);

    const page = await laptop.get('/account/sessions');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Where you are signed in/);
    assert.equal(page.body.match(/data-testid="this-session"/g)?.length, 1, 'this session is marked once');
    const forms = endForms(page.body);
    assert.equal(forms.length, 1, 'only the other session can be ended here');

    const ended = await laptop.post(forms[0]!, {}, { csrfFrom: '/account/sessions' });
    assert.equal(ended.statusCode, 303);
    assert.equal(ended.headers.location, '/account/sessions');
    const after = await laptop.get('/account/sessions');
    assert.match(after.body, /That session has been ended/);
    assert.equal(endForms(after.body).length, 0);

    assert.equal(await isSignedIn(phone), false, 'the other browser is signed out');
    assert.equal(await isSignedIn(laptop), true, 'this browser stays signed in');
    assert.equal(await auditCount('auth.session-end', worker.id), 1);
    assert.ok((await auditCount('auth.sessions-view', worker.id)) >= 1);
  });

  it('signs out everywhere else, in Welsh too', async () => {
    const adopter = await t.user(['adopter'], agency);
    const here = await t.signIn(adopter);
    const elsewhere = [await t.signIn(adopter), await t.signIn(adopter)];

    const welsh = await here.get('/account/sessions?lang=cy');
    assert.match(welsh.body, /Ble rydych chi wedi mewngofnodi/);
    assert.match(welsh.body, /Allgofnodi ym mhob man arall/);

    const done = await here.post('/account/sessions/end-others', {}, { csrfFrom: '/account/sessions' });
    assert.equal(done.statusCode, 303);
    for (const browser of elsewhere) assert.equal(await isSignedIn(browser), false);
    assert.equal(await isSignedIn(here), true);
    assert.equal(await auditCount('auth.sessions-end-others', adopter.id), 1);
  });

  it('answers 404 for a session that is not one of yours, and refuses a form without its CSRF token', async () => {
    const worker = await t.user(['social_worker'], agency);
    const other = await t.user(['social_worker'], agency);
    const mine = await t.signIn(worker);
    const theirs = await t.signIn(other);
    await t.signIn(other);
    const theirForm = endForms((await theirs.get('/account/sessions')).body)[0]!;
    const stranger = await mine.post(theirForm, {}, { csrfFrom: '/account/sessions' });
    assert.equal(stranger.statusCode, 404);
    const noCsrf = await theirs.post(theirForm, {}, { csrf: null });
    assert.ok(noCsrf.statusCode >= 400 && noCsrf.statusCode < 500);
    assert.equal(await isSignedIn(theirs), true);
  });

  it('lets the person’s administrator end all their sessions; another organisation’s administrator gets 404', async () => {
    const worker = await t.user(['social_worker'], agency);
    const desk = await t.signIn(worker);
    const home = await t.signIn(worker);

    const outsider = await t.signIn(otherAdministrator);
    const refused = await outsider.post(`/admin/users/${worker.id}/end-sessions`, {}, { csrfFrom: '/account' });
    assert.equal(refused.statusCode, 404);
    assert.equal(await isSignedIn(desk), true, 'nothing ended by the refused request');

    const admin = await t.signIn(administrator);
    const page = await admin.get(`/admin/users/${worker.id}`);
    assert.match(page.body, /End all of this person’s sessions/);
    assert.deepEqual(deviceCells(page.body), [DEFAULT_DEVICE, DEFAULT_DEVICE], 'the administrator sees both of the person’s devices');
    assert.ok((await auditCount('users.sessions.view', worker.id)) >= 1, 'looking at someone’s sessions is audited');
    const outsiderView = await outsider.get(`/admin/users/${worker.id}`);
    assert.equal(deviceCells(outsiderView.body).length, 0, 'another organisation’s administrator sees no sessions');
    const ended = await admin.post(`/admin/users/${worker.id}/end-sessions`, {}, { csrfFrom: `/admin/users/${worker.id}` });
    assert.equal(ended.statusCode, 303);
    assert.equal(ended.headers.location, `/admin/users/${worker.id}`);
    assert.match((await admin.get(`/admin/users/${worker.id}`)).body, /All of the person’s sessions have been ended/);

    assert.equal(await isSignedIn(desk), false);
    assert.equal(await isSignedIn(home), false);
    assert.equal(await isSignedIn(admin), true, 'the administrator’s own session is untouched');
    assert.equal(await auditCount('users.sessions.end', worker.id), 1);
    const denied = await t.database.adminQuery(
      "select count(*) as n from audit_log where action = 'users.sessions.end' and outcome = 'denied' and user_id = $1",
      [otherAdministrator.id],
    );
    assert.equal(Number(denied.rows[0]!.n), 1, 'the refused attempt is audited');
  });
});

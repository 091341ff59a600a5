import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/app.ts';
import { callApi, referredChild } from '../support/api-client.ts';

/** If-Match on an API edit, as RFC 9110 §13.1.1 defines it: `*`, lists, strong comparison only. */
describe('API edits with If-Match', () => {
  let t: TestApp;
  let token: string;
  let childUrl: string;

  const read = async () => callApi(t, token, 'GET', childUrl);
  const rename = async (preferredName: string, headers: Record<string, string>) => callApi(t, token, 'PATCH', childUrl, { preferredName }, headers);

  before(async () => {
    t = await startTestApp();
    await t.organisation('agency', 'agency');
    const north = await t.organisation('north', 'local_authority');
    token = await t.token(await t.user(['la_referrer'], north));
    const referral = await callApi(t, token, 'POST', '/api/v1/referrals', { legalBasis: 'consent', children: [referredChild('Ayla')] });
    assert.equal(referral.status, 201, JSON.stringify(referral.body));
    childUrl = `/api/v1/children/${referral.body.childIds[0]}`;
  });
  after(async () => t.close());

  it('edits the current record under If-Match: *', async () => {
    const before = await read();
    const changed = await rename('Star', { 'if-match': '*' });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.equal(changed.headers.etag, `"v${before.body.version + 1}"`);
    assert.equal((await read()).body.preferredName, 'Star');
  });

  it('never accepts a weak ETag, even of the current version (strong comparison)', async () => {
    const current = await read();
    const weak = await rename('Weak', { 'if-match': `W/${current.headers.etag as string}` });
    assert.equal(weak.status, 412);
    assert.equal((await read()).body.preferredName, 'Star');
  });

  it('accepts a list of ETags when one of them is current, and refuses one with none current', async () => {
    const current = await read();
    const version = current.body.version as number;
    const stale = await rename('Stale', { 'if-match': `"v${version - 1}", "v${version + 5}"` });
    assert.equal(stale.status, 412);
    const listed = await rename('Listed', { 'if-match': `"v${version - 1}", W/"v${version + 5}", "v${version}"` });
    assert.equal(listed.status, 200, JSON.stringify(listed.body));
    assert.equal((await read()).body.preferredName, 'Listed');
  });

  it('still asks for a precondition (428) when neither If-Match nor a version is sent', async () => {
    const blind = await rename('Blind', {});
    assert.equal(blind.status, 428);
    assert.equal((await read()).body.preferredName, 'Listed');
  });
});

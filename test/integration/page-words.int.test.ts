import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Browser, startTestApp, type TestApp } from '../support/app.ts';

/** Raw codes never reach a page: token access, the import's columns and downloaded files' names are words of the reader's language. */
describe('words, not codes, on pages', () => {
  let t: TestApp;
  let referrer: Browser;

  /** The import form as a browser sends it: multipart, with the CSV as its file. */
  async function importCsv(browser: Browser, csv: string) {
    const boundary = '----together-words-boundary';
    const csrf = await browser.csrfFrom('/referrals/import?lang=cy');
    const field = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const payload = `${field('_csrf', csrf)}${field('mode', 'all-or-nothing')}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="referrals.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`;
    return t.app.inject({
      method: 'POST',
      url: '/referrals/import?lang=cy',
      headers: { cookie: browser.cookieHeader(), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
  }

  before(async () => {
    t = await startTestApp();
    const council = await t.organisation('words-council', 'local_authority');
    referrer = await t.signIn(await t.user(['la_referrer'], council));
  });
  after(async () => t.close());

  it('names a token’s access in words of the reader’s language', async () => {
    const made = await referrer.post('/account/tokens', { name: 'Spreadsheet', access: 'write', expiresInDays: '7' });
    assert.ok([200, 303].includes(made.statusCode), made.body.slice(0, 300));
    const page = await referrer.get('/account/tokens?lang=cy');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Darllen a newid/);
    assert.doesNotMatch(page.body, /read, write/);
  });

  it('gives a Welsh reader the template under a Welsh file name', async () => {
    const template = await referrer.get('/referrals/import/template.csv?lang=cy');
    assert.equal(template.statusCode, 200);
    assert.match(String(template.headers['content-disposition']), /^attachment; filename="templed-atgyfeiriadau\.csv"/);
  });

  it('names a missing column and a rejected row’s column in words', async () => {
    const missing = await importCsv(referrer, 'referral,legal_given_names\nR1,Alys\n');
    assert.equal(missing.statusCode, 400, missing.body.slice(0, 300));
    assert.match(missing.body, /Nid oes colofn ar gyfer Sail gyfreithiol yn y ffeil/);
    const header = 'referral,legal_basis,legal_given_names,legal_family_name,date_of_birth,sex,ethnicity,legal_status';
    const wrong = await importCsv(referrer, `${header}\nR1,consent,Alys,Demoford,not-a-date,female,white_british,placement_order\n`);
    assert.equal(wrong.statusCode, 400, wrong.body.slice(0, 300));
    const table = /data-testid="import-rejected"[\s\S]*?<\/table>/.exec(wrong.body)?.[0] ?? assert.fail('no table of rejected rows');
    assert.match(table, /Dyddiad geni/);
    assert.doesNotMatch(table, /dateOfBirth|date_of_birth/);
  });
});

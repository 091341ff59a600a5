import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startTestApp, type TestApp, type TestUser } from '../support/app.ts';
import type { RequestContext } from '../../src/platform/policy/actor.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const header = 'referral,legal_basis,legal_given_names,legal_family_name,date_of_birth,sex,ethnicity,legal_status,placement_order_date,needs';
const good = [
  'A,consent,Alys,Demoford,2019-01-01,female,white_british,placement_order,2024-05-01,autism_spectrum:moderate',
  'A,consent,Bryn,Demoford,2021-02-02,male,white_british,placement_order,2024-05-01,',
];
const bad = ['B,consent,Cai,Sampleton,2018-03-03,male,white_irish,care_order,2017-01-01,', 'C,consent,Dewi,Exampleby,2099-01-01,male,white_irish,care_order,,'];

describe('importing referrals from CSV', () => {
  let t: TestApp;
  let referrer: TestUser;
  let ctx: RequestContext;

  const countChildren = async () => Number((await t.database.adminQuery('select count(*) from children')).rows[0].count);

  before(async () => {
    t = await startTestApp();
    await t.organisation('agency', 'agency');
    referrer = await t.user(['la_referrer'], await t.organisation('north', 'local_authority'));
    ctx = { ...t.system, actor: await t.services.organisations.actorForEmail(t.system, referrer.email), channel: 'web' };
  });
  after(async () => t.close());

  it('imports nothing when any row is wrong, and reports each rejected row', async () => {
    const report = await t.services.referralImport.importReferrals(ctx, [header, ...good, ...bad].join('\n'), 'all-or-nothing');
    assert.equal(report.committed, false);
    assert.deepEqual(
      report.rejected.map((r) => [r.row, r.key]),
      [
        [4, 'children:errors.placementOrderDate.beforeBirth'],
        [5, 'children:errors.dateOfBirth.inFuture'],
      ],
    );
    assert.equal(await countChildren(), 0);
  });

  it('imports only the valid referrals when asked, keeping siblings as one group', async () => {
    const report = await t.services.referralImport.importReferrals(ctx, [header, ...good, ...bad].join('\n'), 'valid-only');
    assert.equal(report.committed, true);
    assert.equal(report.imported, 2);
    assert.equal(report.referrals, 1);
    assert.equal(await countChildren(), 2);
    const groups = await t.database.adminQuery('select count(*) from sibling_group_members');
    assert.equal(Number(groups.rows[0].count), 2);
  });

  it('imports an uploaded file from the page, and shows the rejected rows in Welsh', async () => {
    const browser = await t.signIn(referrer);
    const csrf = await browser.csrfFrom('/referrals/import');
    const upload = (csv: string, mode: string) => {
      const boundary = '----together-test-boundary';
      const part = (name: string, value: string, filename?: string) =>
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"\r\nContent-Type: text/csv` : ''}\r\n\r\n${value}\r\n`;
      const payload = part('_csrf', csrf) + part('mode', mode) + part('file', csv, 'referrals.csv') + `--${boundary}--\r\n`;
      return t.app.inject({
        method: 'POST',
        url: '/referrals/import?lang=cy',
        headers: { cookie: browser.cookieHeader(), 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload,
      });
    };
    const before = await countChildren();
    const refused = await upload([header, ...bad].join('\n'), 'all-or-nothing');
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /data-testid="import-nothing"/);
    assert.match(refused.body, /Rhaid i ddyddiad y gorchymyn lleoli fod ar y dyddiad geni neu ar ei ôl/);
    assert.equal(await countChildren(), before);
    const done = await upload([header, ...good].join('\n'), 'all-or-nothing');
    assert.equal(done.statusCode, 200);
    assert.match(done.body, /data-testid="import-done"/);
    assert.equal(await countChildren(), before + 2);
    const empty = await upload('', 'all-or-nothing');
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Dewiswch ffeil CSV i’w huwchlwytho/);
  });

  it('imports from the command line as a named referrer, and exits non-zero with the reasons on bad rows', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'together-import-'));
    const file = path.join(dir, 'referrals.csv');
    writeFileSync(file, [header, ...bad].join('\n'));
    const env = { ...process.env, DATABASE_URL: t.database.url, DATA_DIR: dir, LOG_LEVEL: 'silent' };
    const failed = await run(process.execPath, ['bin/together.js', 'import', 'referrals', file, '--email', referrer.email], { cwd: root, env }).catch(
      (e: { code: number; stdout: string }) => e,
    );
    assert.equal((failed as { code: number }).code, 1);
    assert.match((failed as { stdout: string }).stdout, /row 2: placementOrderDate: The placement order date must be on or after the date of birth/);
    assert.match((failed as { stdout: string }).stdout, /Nothing was imported/);
    writeFileSync(file, [header, ...good].join('\n'));
    const ok = await run(process.execPath, ['bin/together.js', 'import', 'referrals', file, '--email', referrer.email], { cwd: root, env });
    assert.match(ok.stdout, /Referrals imported: 1; children: 2/);
    assert.equal(await countChildren(), 6);
  });

  it('imports from the command line as the owner of a personal access token, refusing a token that may only read', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'together-import-'));
    const file = path.join(dir, 'referrals.csv');
    writeFileSync(file, [header, ...good].join('\n'));
    const env = { ...process.env, DATABASE_URL: t.database.url, DATA_DIR: dir, LOG_LEVEL: 'silent' };
    const before = await countChildren();
    const readOnly = await t.token(referrer, 'read');
    const refused = await run(process.execPath, ['bin/together.js', 'import', 'referrals', file, '--token', readOnly], { cwd: root, env }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    assert.notEqual((refused as { code: number }).code, 0);
    assert.match((refused as { stderr: string }).stderr, /the token may only read/);
    const unknown = await run(process.execPath, ['bin/together.js', 'import', 'referrals', file], {
      cwd: root,
      env: { ...env, TOGETHER_TOKEN: 'atp_not-a-real-token' },
    }).catch((e: { code: number; stderr: string }) => e);
    assert.match((unknown as { stderr: string }).stderr, /the token is unknown, expired or revoked/);
    assert.equal(await countChildren(), before, 'nothing imported with a refused token');
    const write = await t.token(referrer, 'write');
    const ok = await run(process.execPath, ['bin/together.js', 'import', 'referrals', file], { cwd: root, env: { ...env, TOGETHER_TOKEN: write } });
    assert.match(ok.stdout, /Referrals imported: 1; children: 2/);
    assert.equal(await countChildren(), before + 2);
    const audit = await t.database.adminQuery("select user_id, channel from audit_log where action = 'children.import' order by id desc limit 1");
    assert.deepEqual(audit.rows[0], { user_id: referrer.id, channel: 'cli' }, 'audited as the token’s owner');
  });
});

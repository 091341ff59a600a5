import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import yazl from 'yazl';
import { exportOrganisation } from '../../src/platform/backup/transfer.ts';
import { SMALL_DEMO, startDemoApp, type TestApp } from '../support/app.ts';
import { together } from '../support/cli.ts';
import { bareDatabase, queryAt } from '../support/database.ts';
import { unzip } from '../support/zip.ts';

const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function zipOf(files: Map<string, Buffer>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, bytes] of files) zip.addBuffer(bytes, name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/**
 * `together transfer export` and `import`: the demo agency's records leave one installation and
 * arrive in a fresh one, whose export of the agency is then byte for byte the first's; a bundle
 * altered or of another schema version is refused, changing nothing.
 */
describe('moving an agency to another installation', () => {
  let t: TestApp;
  let dir: string;
  let env: Record<string, string>;
  let agencyId: string;
  let documentSha256: string;
  const drops: (() => Promise<void>)[] = [];
  const bundle = () => path.join(dir, 'agency.zip');

  before(async () => {
    // A copy of a small demo seeded once per server and day (test/support/app.ts), the same one
    // backup.int.test.ts backs up; its data folder holds what the seeding left there.
    const demo = await startDemoApp({ size: SMALL_DEMO });
    t = demo;
    dir = demo.dataDir;
    env = { DATA_DIR: dir, APP_DATABASE_PASSWORD: t.database.appPassword, AUDIT_CHECKPOINT_KEY: 'test-checkpoint-key-that-is-long-enough' };
    agencyId = (await queryAt<{ id: string }>(t.database.url, `select id from organisations where slug = 'demo-agency'`))[0]!.id;
    // A stored file of a child referred to the agency, over two parts of the store (1 MiB each).
    const [child] = await queryAt<{ id: string }>(
      t.database.url,
      'select c.id from children c join referrals r on r.id = c.referral_id where r.agency_id = $1 order by c.id limit 1',
      [agencyId],
    );
    const bytes = randomBytes(1024 * 1024 + 513);
    documentSha256 = sha256Of(bytes);
    const owner = [agencyId, 'child', child!.id];
    const [document] = await queryAt<{ id: string }>(
      t.database.url,
      `insert into documents (organisation_id, owner_kind, owner_id, kind, current_version) values ($1, $2, $3, 'other', 1) returning id`,
      owner,
    );
    await queryAt(
      t.database.url,
      `insert into document_versions (document_id, version, organisation_id, owner_kind, owner_id, filename, content_type, byte_size, sha256)
       values ($1, 1, $2, $3, $4, 'minutes.pdf', 'application/pdf', $5, $6)`,
      [document!.id, ...owner, bytes.length, documentSha256],
    );
    for (const part of [0, 1]) {
      await queryAt(
        t.database.url,
        'insert into document_parts (document_id, version, part, organisation_id, owner_kind, owner_id, bytes) values ($1, 1, $2, $3, $4, $5, $6)',
        [document!.id, part, ...owner, bytes.subarray(part * 1024 * 1024, (part + 1) * 1024 * 1024)],
      );
    }
  });
  after(async () => {
    for (const drop of drops) await drop();
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exports the agency, imports it into a fresh installation that exports it byte for byte the same, with both audit logs saying so', async () => {
    const exported = await together(['transfer', 'export', '--organisation', agencyId, '--out', bundle()], { env: { ...env, DATABASE_URL: t.database.url } });
    assert.equal(exported.code, 0, exported.stderr);
    const files = await unzip(readFileSync(bundle()));
    const manifest = JSON.parse(files.get('manifest.json')!.toString()) as { files: Record<string, string>; tables: { name: string; rows: number }[] };
    for (const [name, expected] of Object.entries(manifest.files)) assert.equal(sha256Of(files.get(name)!), expected, name);
    for (const name of ['data-dictionary.md', 'tables/children.json', 'tables/children.csv', 'tables/households.json']) assert.ok(files.has(name), name);
    assert.match(files.get('data-dictionary.md')!.toString(), /## children \(\d+ rows\)/);
    assert.ok(!manifest.tables.some((table) => ['audit_log', 'sessions', 'access_tokens'].includes(table.name)), 'installation tables stay behind');
    // The stored file travels whole; the children are those referred to the agency.
    assert.ok([...files.values()].some((bytes) => sha256Of(bytes) === documentSha256));
    const referred = await queryAt<{ id: string }>(
      t.database.url,
      'select c.id from children c join referrals r on r.id = c.referral_id where r.agency_id = $1 order by 1',
      [agencyId],
    );
    const children = JSON.parse(files.get('tables/children.json')!.toString()) as { id: string }[];
    assert.ok(referred.length > 0);
    assert.deepEqual(children.map((c) => c.id).sort(), referred.map((c) => c.id).sort());
    // People of other organisations (the referrer) come by name only: no credentials, disabled.
    const users = JSON.parse(files.get('tables/users.json')!.toString()) as { organisation_id: string; password_hash: string; disabled_at: string | null }[];
    const others = users.filter((u) => u.organisation_id !== agencyId);
    assert.ok(others.length > 0 && others.every((u) => u.password_hash === '!transferred' && u.disabled_at !== null));
    const [exportEntry] = await queryAt<{ resource_id: string; detail: { bundleSha256: string } }>(
      t.database.url,
      `select resource_id, detail from audit_log where action = 'transfer.export'`,
    );
    assert.equal(exportEntry!.resource_id, agencyId);
    assert.equal(exportEntry!.detail.bundleSha256, sha256Of(readFileSync(bundle())));

    const target = await bareDatabase('together_transfer');
    drops.push(target.drop);
    const imported = await together(['transfer', 'import', bundle()], { env: { ...env, DATABASE_URL: target.url } });
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /Imported \d+ tables, \d+ rows of demo-agency/);

    const again = await unzip(readFileSync((await exportOrganisation(target.url, agencyId, path.join(dir, 'again.zip'))).file));
    const names = [...files.keys()].filter((name) => name !== 'manifest.json').sort();
    assert.deepEqual([...again.keys()].filter((name) => name !== 'manifest.json').sort(), names);
    for (const name of names) assert.ok(again.get(name)!.equals(files.get(name)!), `${name} is byte for byte the same`);

    const [importEntry] = await queryAt<{ resource_id: string; channel: string }>(
      target.url,
      `select resource_id, channel from audit_log where action = 'transfer.import'`,
    );
    assert.equal(importEntry!.resource_id, agencyId);
    assert.equal(importEntry!.channel, 'cli');
    const verified = await together(['audit', 'verify'], { env: { ...env, DATABASE_URL: target.url, AUDIT_CHECKPOINT_FILE: path.join(dir, 'target.jsonl') } });
    assert.equal(verified.code, 0, verified.stdout + verified.stderr);
    assert.match(verified.stdout, /Audit log intact/);

    // The same bundle a second time: the rows are there already, so nothing more is written.
    const twice = await together(['transfer', 'import', bundle()], { env: { ...env, DATABASE_URL: target.url } });
    assert.equal(twice.code, 1);
    assert.match(twice.stderr, /transfer import refused: this installation already holds/);
  });

  it('refuses an altered bundle and one of another schema version, changing nothing', async () => {
    const target = await bareDatabase('together_transfer');
    drops.push(target.drop);
    const files = await unzip(readFileSync(bundle()));
    const importing = async (name: string, changed: Map<string, Buffer>) => {
      const file = path.join(dir, name);
      writeFileSync(file, await zipOf(changed));
      return together(['transfer', 'import', file], { env: { ...env, DATABASE_URL: target.url } });
    };

    const children = files.get('tables/children.json')!.toString();
    const tampered = await importing(
      'tampered.zip',
      new Map([...files, ['tables/children.json', Buffer.from(children.replace(/"sex": "female"/, '"sex": "male"'))]]),
    );
    assert.equal(tampered.code, 1);
    assert.match(tampered.stderr, /transfer import refused: tables\/children\.json does not match the manifest’s SHA-256/);

    const manifest = JSON.parse(files.get('manifest.json')!.toString()) as { schema: { migrations: number; hashes: string[] } };
    manifest.schema = { ...manifest.schema, migrations: manifest.schema.migrations - 1, hashes: manifest.schema.hashes.slice(0, -1) };
    const older = await importing('older.zip', new Map([...files, ['manifest.json', Buffer.from(JSON.stringify(manifest))]]));
    assert.equal(older.code, 1);
    assert.match(older.stderr, /transfer import refused: the bundle's schema version \(\d+ migrations.*\) is not this installation's/);

    assert.deepEqual(await queryAt(target.url, `select tablename from pg_tables where schemaname in ('public', 'drizzle')`), []);
  });
});

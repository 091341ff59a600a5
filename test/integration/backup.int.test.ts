import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import pg from 'pg';
import { rlsOf, takeBackup, type BackupResult } from '../../src/platform/backup/backup.ts';
import { SMALL_DEMO, startDemoApp, type TestApp } from '../support/app.ts';
import { together } from '../support/cli.ts';
import { bareDatabase, queryAt } from '../support/database.ts';

const PASSPHRASE = 'a synthetic test passphrase, long enough';

/**
 * `together backup` and `together restore`: a snapshot taken while requests keep writing, restored
 * into a fresh database whose every table then exports byte for byte as the snapshot did, with the
 * audit chain intact; and the files a restore must refuse.
 */
describe('backup and restore', () => {
  let t: TestApp;
  let dir: string;
  let env: Record<string, string>;
  let backup: BackupResult;
  const drops: (() => Promise<void>)[] = [];
  const file = () => path.join(dir, 'snapshot.backup');

  const enquire = (n: number, email = `enquirer.${n}@example.invalid`) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/enquiries',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ givenNames: 'Synthetic', familyName: `Enquirer ${n}`, email, postcode: 'cf10 1aa', preferredLanguage: 'en', consent: true }),
      remoteAddress: `198.51.100.${n % 250}`,
    });

  /**
   * Two documents of a child, written as the store writes them (versions in parts of at most 1 MiB):
   * one of random bytes over two parts, one small. Returns their SHA-256s.
   */
  const storeDocuments = async (): Promise<string[]> => {
    const [child] = await queryAt<{ id: string; organisation_id: string }>(t.database.url, 'select id, organisation_id from children order by id limit 1');
    const files = [randomBytes(1024 * 1024 + 4099), Buffer.from('%PDF-1.4 synthetic minutes\n%%EOF\n')];
    await withClient(t.database.url, async (client) => {
      for (const bytes of files) {
        const owner = [child!.organisation_id, 'child', child!.id];
        const { rows } = await client.query<{ id: string }>(
          `insert into documents (organisation_id, owner_kind, owner_id, kind, current_version) values ($1, $2, $3, 'other', 1) returning id`,
          owner,
        );
        const id = rows[0]!.id;
        await client.query(
          `insert into document_versions (document_id, version, organisation_id, owner_kind, owner_id, filename, content_type, byte_size, sha256)
           values ($1, 1, $2, $3, $4, 'file.pdf', 'application/pdf', $5, $6)`,
          [id, ...owner, bytes.length, sha256Of(bytes)],
        );
        for (let offset = 0, part = 0; offset < bytes.length; offset += 1024 * 1024, part++) {
          await client.query(
            'insert into document_parts (document_id, version, part, organisation_id, owner_kind, owner_id, bytes) values ($1, 1, $2, $3, $4, $5, $6)',
            [id, part, ...owner, bytes.subarray(offset, offset + 1024 * 1024)],
          );
        }
      }
    });
    return files.map(sha256Of);
  };

  before(async () => {
    // Filled through the services as the demo is (organisations, people, children, households,
    // matches): a copy of a small demo seeded once per server and day (test/support/app.ts), the
    // same one transfer.int.test.ts moves; its data folder holds what the seeding left there.
    const demo = await startDemoApp({ size: SMALL_DEMO });
    t = demo;
    dir = demo.dataDir;
    // The child processes log in as the test server's app role with its password: never another one.
    env = { DATA_DIR: dir, APP_DATABASE_PASSWORD: t.database.appPassword, AUDIT_CHECKPOINT_KEY: 'test-checkpoint-key-that-is-long-enough' };
  });
  after(async () => {
    for (const drop of drops) await drop();
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes a consistent snapshot while enquiries keep arriving, and restores it into a fresh database table for table with the audit chain intact', async () => {
    let writing = true;
    let written = 0;
    const writer = (async () => {
      for (let n = 1; writing; n++) {
        const response = await enquire(n);
        assert.equal(response.statusCode, 202, response.body);
        written++;
      }
    })();
    const documentsStored = await storeDocuments();
    let duringBackup = 0;
    backup = await takeBackup(t.database.url, file(), {
      passphrase: PASSPHRASE,
      afterSnapshot: async () => {
        // Written and committed after the snapshot was taken: the backup must not hold it.
        assert.equal((await enquire(1000, 'after.snapshot@example.invalid')).statusCode, 202);
        duringBackup = written;
      },
    });
    const atEnd = written;
    writing = false;
    await writer;
    assert.ok(atEnd > duringBackup, 'enquiries were written while the backup ran');
    assert.ok(backup.encrypted);
    assert.match(readFileSync(`${file()}.sha256`, 'utf8'), new RegExp(`^${backup.sha256}  snapshot.backup\n$`));
    assert.doesNotMatch(readFileSync(file()).toString('latin1'), /enquirer\.1@example\.invalid|demo\.invalid/, 'an encrypted backup shows no personal data');

    const target = await bareDatabase('together_restore');
    drops.push(target.drop);
    const restored = await together(['restore', file()], { env: { ...env, DATABASE_URL: target.url, TOGETHER_BACKUP_PASSPHRASE: PASSPHRASE } });
    assert.equal(restored.code, 0, restored.stderr);
    assert.match(restored.stdout, /Restored \d+ tables, \d+ rows/);

    // The restore's own audit entry, the newest, chained straight onto the backup's head: the backup
    // named by its SHA-256 and when it was taken, no file path, by the operator at the command line.
    const [restoreEntry] = await queryAt<{
      action: string;
      channel: string;
      role: string;
      resource_id: string;
      detail: Record<string, unknown>;
      seq: number;
      hash: string;
    }>(target.url, 'select action, channel, role, resource_id, detail, seq, hash from audit_log order by id desc limit 1');
    assert.equal(restoreEntry!.action, 'backup.restore');
    assert.equal(restoreEntry!.channel, 'cli');
    assert.equal(restoreEntry!.role, 'system:operator');
    assert.equal(restoreEntry!.resource_id, backup.sha256);
    assert.equal(restoreEntry!.detail.backupSha256, backup.sha256);
    assert.equal(restoreEntry!.detail.takenAt, backup.manifest.createdAt);
    assert.doesNotMatch(JSON.stringify(restoreEntry), /snapshot\.backup|together-backup-/);
    // Sealed: the chain now runs through every backed-up entry (sealed or not when taken) and ends with it.
    const backupAuditRows = backup.manifest.tables.find((table) => table.name === 'audit_log')!.rows;
    assert.equal(Number(restoreEntry!.seq), backupAuditRows + 1);
    assert.deepEqual(await queryAt(target.url, 'select id from audit_log where seq is null'), []);

    // A full export of every table of the restored database, byte for byte the snapshot's (the audit
    // log's tables and sequence apart: they hold the restore's entry too).
    const again = await takeBackup(target.url, path.join(dir, 'restored.backup'));
    assert.deepEqual(tablesApartFromAudit(again), tablesApartFromAudit(backup));
    assert.equal(again.manifest.tables.find((table) => table.name === 'audit_log')!.rows, backupAuditRows + 1);
    assert.deepEqual(sequencesApartFromAudit(again), sequencesApartFromAudit(backup));
    assert.deepEqual(again.manifest.schema, backup.manifest.schema);
    assert.deepEqual(again.manifest.auditHead, { seq: backupAuditRows + 1, hash: restoreEntry!.hash });

    // The documents in the document store come back byte for byte: every version's parts hash as before.
    assert.deepEqual(await documentHashes(target.url), await documentHashes(t.database.url));
    const stored = (await documentHashes(target.url)).filter((row) => documentsStored.includes(row.sha256));
    assert.equal(stored.length, documentsStored.length);
    for (const row of stored) assert.equal(row.actual, row.sha256);
    const enquiries = backup.manifest.tables.find((table) => table.name === 'enquiries')!;
    assert.ok(enquiries.rows > 0);

    // The snapshot is of one moment: the enquiry committed after it is in the source only.
    const marker = `select count(*)::int as n from enquiries where email = 'after.snapshot@example.invalid'`;
    assert.equal((await queryAt<{ n: number }>(t.database.url, marker))[0]!.n, 1);
    assert.equal((await queryAt<{ n: number }>(target.url, marker))[0]!.n, 0);

    // Row-level security, the policies and the append-only triggers are as they were.
    assert.deepEqual(await withClient(target.url, rlsOf), await withClient(t.database.url, rlsOf));
    await assert.rejects(queryAt(target.url, 'delete from audit_log'), /append-only/);

    const verified = await together(['audit', 'verify'], { env: { ...env, DATABASE_URL: target.url } });
    assert.equal(verified.code, 0, verified.stdout + verified.stderr);
    assert.match(verified.stdout, /Audit log intact/);

    // It is in use now: a second restore into it is refused.
    const next = await together(['restore', file()], { env: { ...env, DATABASE_URL: target.url, TOGETHER_BACKUP_PASSPHRASE: PASSPHRASE } });
    assert.equal(next.code, 1);
    assert.match(next.stderr, /restore refused: the database is not empty/);
  });

  it('refuses a wrong passphrase, a tampered file, a body that does not match its manifest and another schema version, changing nothing', async () => {
    const target = await bareDatabase('together_restore');
    drops.push(target.drop);
    const restore = (name: string, extra: Record<string, string> = {}) => together(['restore', name], { env: { ...env, DATABASE_URL: target.url, ...extra } });
    const untouched = async () => assert.deepEqual(await queryAt(target.url, `select tablename from pg_tables where schemaname in ('public', 'drizzle')`), []);

    const wrong = await restore(file(), { TOGETHER_BACKUP_PASSPHRASE: 'not the passphrase it was taken with' });
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /restore refused: wrong passphrase/);
    const none = await restore(file());
    assert.equal(none.code, 1);
    assert.match(none.stderr, /the backup is encrypted: give its passphrase/);

    // One byte changed in the middle: the sidecar's SHA-256 says so; without the sidecar, GCM does.
    const tampered = path.join(dir, 'tampered.backup');
    const bytes = readFileSync(file());
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    writeFileSync(tampered, bytes);
    copyFileSync(`${file()}.sha256`, `${tampered}.sha256`);
    writeFileSync(`${tampered}.sha256`, readFileSync(`${tampered}.sha256`, 'utf8').replace('snapshot.backup', 'tampered.backup'));
    const bySidecar = await restore(tampered, { TOGETHER_BACKUP_PASSPHRASE: PASSPHRASE });
    assert.equal(bySidecar.code, 1);
    assert.match(bySidecar.stderr, /SHA-256 does not match tampered\.backup\.sha256/);
    rmSync(`${tampered}.sha256`);
    const byTag = await restore(tampered, { TOGETHER_BACKUP_PASSPHRASE: PASSPHRASE });
    assert.equal(byTag.code, 1);
    assert.match(byTag.stderr, /restore refused: the backup does not authenticate: it was altered/);
    // The first byte of the sealed body: its gzip header breaks before the tag is reached, and it is told the same way.
    const early = path.join(dir, 'early.backup');
    const earlyBytes = readFileSync(file());
    earlyBytes[earlyBytes.indexOf(10) + 1]! ^= 0x01;
    writeFileSync(early, earlyBytes);
    const byGzip = await restore(early, { TOGETHER_BACKUP_PASSPHRASE: PASSPHRASE });
    assert.equal(byGzip.code, 1);
    assert.match(byGzip.stderr, /restore refused: the backup does not authenticate: it was altered/);

    // An unencrypted backup whose rows were edited (and repacked) no longer matches its manifest.
    const plain = path.join(dir, 'plain.backup');
    await takeBackup(t.database.url, plain);
    const text = readFileSync(plain);
    const headerEnd = text.indexOf(10) + 1;
    const body = gunzipSync(text.subarray(headerEnd)).toString('utf8');
    assert.match(body, /enquirer\.1@example\.invalid/);
    const edited = path.join(dir, 'edited.backup');
    writeFileSync(edited, Buffer.concat([text.subarray(0, headerEnd), gzipSync(body.replace('enquirer.1@example.invalid', 'enquirer.X@example.invalid'))]));
    const byManifest = await restore(edited);
    assert.equal(byManifest.code, 1);
    assert.match(byManifest.stderr, /restore refused: the backup does not match its manifest|table enquiries does not match the manifest/);

    // A backup of another schema version (here: one migration fewer) is refused before anything is written.
    const header = JSON.parse(text.subarray(0, headerEnd - 1).toString('utf8')) as { schema: { migrations: number; hashes: string[] } };
    header.schema = { ...header.schema, migrations: header.schema.migrations - 1, hashes: header.schema.hashes.slice(0, -1) };
    const older = path.join(dir, 'older.backup');
    writeFileSync(older, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), text.subarray(headerEnd)]));
    const bySchema = await restore(older);
    assert.equal(bySchema.code, 1);
    assert.match(bySchema.stderr, /restore refused: the backup's schema version \(\d+ migrations.*\) is not this installation's/);

    const notABackup = path.join(dir, 'not-a-backup');
    writeFileSync(notABackup, 'hello\n');
    assert.match((await restore(notABackup)).stderr, /this is not a Together backup/);
    await untouched();
  });

  it('backs up and restores through the embedded server of a data folder as well', async () => {
    const embeddedDir = mkdtempSync(path.join(tmpdir(), 'together-backup-embedded-'));
    // initdb runs as its own user when the tests run as root: it must reach the folder.
    chmodSync(embeddedDir, 0o755);
    try {
      const embeddedEnv = { DATA_DIR: embeddedDir, AUDIT_CHECKPOINT_KEY: env.AUDIT_CHECKPOINT_KEY! };
      const restored = await together(['restore', file()], { env: { ...embeddedEnv, TOGETHER_BACKUP_PASSPHRASE: PASSPHRASE } });
      assert.equal(restored.code, 0, restored.stderr);
      const copy = path.join(embeddedDir, 'copy.backup');
      const taken = await together(['backup', copy], { env: embeddedEnv });
      assert.equal(taken.code, 0, taken.stderr);
      // The same tables, byte for byte, by the manifests' SHA-256 (read from the unencrypted copy).
      const text = readFileSync(copy);
      const body = gunzipSync(text.subarray(text.indexOf(10) + 1)).toString('utf8');
      const manifest = JSON.parse(body.slice(body.lastIndexOf('#manifest ') + '#manifest '.length)) as BackupResult['manifest'];
      assert.deepEqual(tablesApartFromAudit({ manifest }), tablesApartFromAudit(backup));
      const verified = await together(['audit', 'verify'], { env: embeddedEnv });
      assert.equal(verified.code, 0, verified.stdout + verified.stderr);
      assert.match(verified.stdout, /Audit log intact/);
    } finally {
      rmSync(embeddedDir, { recursive: true, force: true });
    }
  });

  it('keeps the newest N dated copies in a folder', async () => {
    const folder = path.join(dir, 'daily');
    for (let i = 0; i < 3; i++) {
      const run = await together(['backup', '--dir', folder, '--keep', '2'], { env: { ...env, DATABASE_URL: t.database.url } });
      assert.equal(run.code, 0, run.stderr);
      // Dated to the second: the next copy must not share this one's name.
      await new Promise((resolve) => setTimeout(resolve, 1100));
    }
    const { readdirSync } = await import('node:fs');
    const left = readdirSync(folder).sort();
    assert.equal(left.filter((name) => name.endsWith('.backup')).length, 2, left.join(', '));
    assert.equal(left.filter((name) => name.endsWith('.sha256')).length, 2, left.join(', '));
  });
});

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const AUDIT_TABLES = ['audit_log', 'audit_chain_head'];

/** Every table's name, rows and SHA-256 but the audit log's, which a restore adds its own entry to. */
function tablesApartFromAudit(result: Pick<BackupResult, 'manifest'>) {
  return result.manifest.tables.filter((table) => !AUDIT_TABLES.includes(table.name)).map((table) => [table.name, table.rows, table.sha256]);
}

function sequencesApartFromAudit(result: Pick<BackupResult, 'manifest'>) {
  return result.manifest.sequences.filter((sequence) => !sequence.name.startsWith('audit_'));
}

/** Each stored version's recorded SHA-256 beside the SHA-256 of its parts put back together. */
async function documentHashes(url: string) {
  return queryAt<{ document_id: string; version: number; sha256: string; actual: string }>(
    url,
    `select v.document_id, v.version, v.sha256, encode(sha256(string_agg(p.bytes, ''::bytea order by p.part)), 'hex') as actual
       from document_versions v join document_parts p using (document_id, version)
      group by v.document_id, v.version, v.sha256 order by v.document_id, v.version`,
  );
}

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chainHash, GENESIS_HASH } from '../../src/platform/audit/chain.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { together } from '../support/cli.ts';

type Row = {
  id: string;
  seq: string;
  at: Date;
  user_id: string | null;
  organisation_id: string | null;
  role: string | null;
  action: string;
  resource_type: string | null;
  resource_id: string | null;
  outcome: string;
  request_id: string | null;
  channel: string;
  detail: Record<string, unknown> | null;
};

/**
 * The chain anchored outside the database: someone who can rewrite the audit table (a superuser)
 * alters a row and recomputes every later hash and the head, so the chain alone says "intact";
 * the signed checkpoint in the data folder still catches it.
 */
describe('signed checkpoints of the audit chain', () => {
  let t: TestApp;
  let dataDir: string;
  let env: Record<string, string>;
  const cli = (args: string[]) => together(args, { env });

  before(async () => {
    t = await startTestApp();
    dataDir = mkdtempSync(path.join(tmpdir(), 'together-checkpoint-'));
    env = { DATABASE_URL: t.database.url, DATA_DIR: dataDir };
    const agency = await t.organisation('checkpoint-agency', 'agency');
    for (let i = 0; i < 3; i++) await t.user(['social_worker'], agency);
  });
  after(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A superuser's rewrite: change one row, then recompute the chain after it and move the head. */
  async function rewriteFrom(seq: number, action: string) {
    await t.database.adminQuery('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
    try {
      await t.database.adminQuery('update audit_log set action = $2 where seq = $1', [seq, action]);
      const rows = (await t.database.adminQuery('select * from audit_log where seq is not null order by seq')).rows as Row[];
      let prev = GENESIS_HASH;
      for (const row of rows) {
        const hash = chainHash(prev, {
          at: row.at.toISOString(),
          userId: row.user_id,
          organisationId: row.organisation_id,
          role: row.role,
          action: row.action,
          resourceType: row.resource_type,
          resourceId: row.resource_id,
          outcome: row.outcome,
          requestId: row.request_id,
          channel: row.channel,
          detail: row.detail,
        });
        await t.database.adminQuery('update audit_log set prev_hash = $2, hash = $3 where id = $1', [row.id, prev, hash]);
        prev = hash;
      }
      await t.database.adminQuery('update audit_chain_head set hash = $1 where id = 1', [prev]);
    } finally {
      await t.database.adminQuery('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
    }
  }

  it('says the chain is not anchored until a checkpoint is written, then how far it is anchored', async () => {
    const before = await cli(['audit', 'verify']);
    assert.equal(before.code, 0, before.stderr);
    assert.match(before.stdout, /intact/);
    assert.match(before.stdout, /Not anchored: no signed checkpoint/);

    const written = await cli(['audit', 'checkpoint']);
    assert.equal(written.code, 0, written.stderr);
    const seq = Number(written.stdout.match(/Checkpoint written at entry (\d+)/)?.[1]);
    assert.ok(seq > 0, written.stdout);
    assert.equal((await cli(['audit', 'checkpoint'])).stdout.trim(), 'The chain head has not moved since the last checkpoint.');

    const after = await cli(['audit', 'verify']);
    assert.equal(after.code, 0, after.stderr);
    assert.match(after.stdout, new RegExp(`Anchored up to entry ${seq} by the signed checkpoint of \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC`));
  });

  it('catches a rewrite whose hashes were all recomputed, which the chain alone calls intact', async () => {
    const target = Number(
      (await t.database.adminQuery("select seq from audit_log where action = 'users.create' and seq is not null order by seq limit 1")).rows[0].seq,
    );
    await rewriteFrom(target, 'organisations.list');
    try {
      const result = await cli(['audit', 'verify']);
      assert.match(result.stdout, /^Audit log intact/, 'the recomputed chain holds on its own');
      assert.match(result.stdout, /Audit log REWRITTEN: entry \d+ no longer matches the signed checkpoint/);
      assert.equal(result.code, 1);
    } finally {
      await rewriteFrom(target, 'users.create');
    }
    assert.equal((await cli(['audit', 'verify'])).code, 0, 'put back, it is anchored again');
  });

  it('catches a checkpoint file edited to match a rewrite, since the key is not in the database', async () => {
    const file = path.join(dataDir, 'audit-checkpoints.jsonl');
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const last = JSON.parse(lines[lines.length - 1]!) as { hash: string };
    writeFileSync(file, `${[...lines.slice(0, -1), JSON.stringify({ ...last, hash: 'f'.repeat(64) })].join('\n')}\n`);
    try {
      const result = await cli(['audit', 'verify']);
      assert.equal(result.code, 1);
      assert.match(result.stdout, new RegExp(`Checkpoint file ALTERED: line ${lines.length} has no valid signature`));
    } finally {
      writeFileSync(file, `${lines.join('\n')}\n`);
    }
  });

  it('shows the administrator how far the log is anchored, in Welsh too', async () => {
    await t.services.audit.checkpoint();
    const admin = await t.user(['administrator'], await t.organisation('checkpoint-agency', 'agency'));
    const browser = await t.signIn(admin);
    for (const [language, pattern] of [
      ['en', /Anchored outside the database up to entry \d+/],
      ['cy', /Wedi’i angori y tu allan i’r gronfa ddata hyd at gofnod \d+/],
    ] as const) {
      const verified = await browser.post(`/admin/audit/verify?lang=${language}`, {}, { csrfFrom: `/admin/audit?lang=${language}` });
      assert.equal(verified.statusCode, 303);
      const page = await browser.get(`/admin/audit?lang=${language}`);
      assert.match(page.body, pattern);
    }
  });
});

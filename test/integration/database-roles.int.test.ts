import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { inActorTransaction } from '../../src/platform/db/transaction.ts';
import { type UserActor } from '../../src/platform/policy/actor.ts';
import { fixturesActor } from '../support/system.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { rejectsWithDatabaseError } from '../support/assertions.ts';

/**
 * The database roles behind the policy module: the app's pool logs in as together_app (no
 * superuser behind it), system mode is the together_system role that only the owner's connection
 * can take, and neither may move the audit chain's head or change a written row.
 */
describe('database roles', () => {
  let t: TestApp;
  let actorA: UserActor;
  let orgB: string;
  let funderB: string;

  before(async () => {
    t = await startTestApp();
    const orgA = await t.organisation('roles-a', 'local_authority');
    orgB = await t.organisation('roles-b', 'funder');
    const a = await t.user(['la_referrer'], orgA);
    funderB = (await t.user(['funder'], orgB)).id;
    actorA = { kind: 'user', userId: a.id, organisationId: orgA, organisationType: 'local_authority', roles: ['la_referrer'], name: 'A' };
    // Something for the chain to hold.
    await t.services.audit.seal();
  });
  after(async () => t.close());

  it('logs the app in as together_app: not a superuser, no BYPASSRLS, owning nothing', async () => {
    const { rows } = await t.database.pool.query(
      `select session_user as login, r.rolsuper as superuser, r.rolbypassrls as bypass,
              (select count(*)::int from pg_class where relowner = r.oid) as owned
         from pg_roles r where r.rolname = session_user`,
    );
    assert.deepEqual(rows[0], { login: 'together_app', superuser: false, bypass: false, owned: 0 });
  });

  it('gains nothing from RESET ROLE or from switching on the old app.system setting', async () => {
    const seen = await inActorTransaction(t.database.db, actorA, async (tx) => {
      await tx.execute(sql`reset role`);
      await tx.execute(sql`select set_config('app.system', 'on', true)`);
      const who = await tx.execute<{ role: string }>(sql`select current_user as role`);
      const users = await tx.execute<{ id: string }>(sql`select id from users where organisation_id = ${orgB}`);
      return { role: who.rows[0]!.role, users: users.rows.map((row) => row.id) };
    });
    assert.equal(seen.role, 'together_app', 'RESET ROLE lands on the login role, which is the app role');
    assert.deepEqual(seen.users, [], 'a funder of another organisation stays hidden');
  });

  it('refuses the app login every way into system mode or the owner', async () => {
    const asApp = (statement: string) => inActorTransaction(t.database.db, actorA, (tx) => tx.execute(sql.raw(statement)));
    await rejectsWithDatabaseError(asApp('set role together_system'), /permission denied/);
    await rejectsWithDatabaseError(asApp(`set role ${new URL(t.database.url).username || 'postgres'}`), /permission denied/);
  });

  it('gives the named system functions their cross-organisation view through the together_system role', async () => {
    const seen = await inActorTransaction(t.database.db, fixturesActor(), async (tx) => {
      const who = await tx.execute<{ role: string }>(sql`select current_user as role`);
      const users = await tx.execute<{ id: string }>(sql`select id from users where organisation_id = ${orgB}`);
      return { role: who.rows[0]!.role, users: users.rows.map((row) => row.id) };
    });
    assert.equal(seen.role, 'together_system');
    assert.deepEqual(seen.users, [funderB]);
  });

  it('refuses every change of the audit chain head and of written audit rows, as the app and as the system role', async () => {
    const writes = [
      'update audit_chain_head set last_id = last_id - 1',
      "update audit_chain_head set hash = 'forged'",
      "insert into audit_chain_head (id, last_id, hash) values (2, 0, 'forged')",
      'delete from audit_chain_head',
      'truncate audit_chain_head',
      "update audit_log set action = 'nothing happened'",
      'update audit_log set seq = null, hash = null, prev_hash = null',
      'delete from audit_log',
      'truncate audit_log',
    ];
    for (const actor of [actorA, fixturesActor()]) {
      for (const statement of writes) {
        await rejectsWithDatabaseError(
          inActorTransaction(t.database.db, actor, (tx) => tx.execute(sql.raw(statement))),
          /permission denied/,
          `${actor.kind}: ${statement}`,
        );
      }
    }
    // The attack the review reproduced: with the old setting on, move the head back five rows.
    await rejectsWithDatabaseError(
      inActorTransaction(t.database.db, actorA, async (tx) => {
        await tx.execute(sql`select set_config('app.system', 'on', true)`);
        return tx.execute(sql`update audit_chain_head set last_id = greatest(last_id - 5, 0)`);
      }),
      /permission denied/,
    );
    const result = await t.services.audit.verify(t.system);
    assert.equal(result.break, undefined, 'the chain still holds');
    assert.ok(result.rows > 0);
  });

  it('keeps row-level security enabled and forced on every table, save the two that hold no person', async () => {
    // A new table holds personal data until someone says otherwise here, with the reason.
    const holdNoPerson: Record<string, string> = {
      audit_chain_head: 'one row: the position and hash of the audit chain',
      organisations: 'the directory of agencies, authorities, partners and funders',
    };
    const { rows } = await t.database.adminQuery(
      `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') and not (c.relrowsecurity and c.relforcerowsecurity) order by 1`,
    );
    assert.deepEqual(
      rows.map((row: { name: string }) => row.name),
      Object.keys(holdNoPerson).sort(),
    );
  });
});

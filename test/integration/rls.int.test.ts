import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { inActorTransaction } from '../../src/platform/db/transaction.ts';
import type { UserActor } from '../../src/platform/policy/actor.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { rejectsWithDatabaseError } from '../support/assertions.ts';

/** Row-level security is the second wall: even a query that skips the policy module stays in scope. */
describe('row-level security', () => {
  let t: TestApp;
  let actorA: UserActor;
  let userB: string;
  let funderC: string;

  before(async () => {
    t = await startTestApp();
    const orgA = await t.organisation('council-a', 'local_authority');
    const orgB = await t.organisation('council-b', 'local_authority');
    const a = await t.user(['la_referrer'], orgA);
    userB = (await t.user(['la_referrer'], orgB)).id;
    funderC = (await t.user(['funder'], await t.organisation('funder-c', 'funder'))).id;
    actorA = { kind: 'user', userId: a.id, organisationId: orgA, organisationType: 'local_authority', roles: ['la_referrer'], name: 'A' };
  });
  after(async () => t.close());

  it('hides another organisation’s non-practitioners from a raw query made as the app role', async () => {
    const rows = await inActorTransaction(t.database.db, actorA, (tx) => tx.execute<{ id: string }>(sql`select id from users`));
    const ids = rows.rows.map((r) => r.id);
    assert.ok(ids.includes(actorA.userId), 'sees their own account');
    assert.ok(ids.includes(userB), 'sees a practitioner of another authority in the directory');
    assert.ok(!ids.includes(funderC), 'does not see a funder’s account');
  });

  it('runs the first statement of a transaction (sent with BEGIN and the actor’s scope) with its values exactly as any later one', async () => {
    const at = new Date('2026-03-29T00:30:00.000Z'); // the night the clocks change in Wales
    const tricky = "O'Brien \\ ŵŷ $1 '' --";
    const query = () =>
      sql`select ${tricky}::text as text, ${sql.param(['a', "b'c", 'd,e', null])}::text[] as list, ${at}::timestamptz as at, ${JSON.stringify({ q: "it's" })}::jsonb as doc,
        ${null}::text as nothing, ${42.5}::numeric as number, ${true}::boolean as flag, ${Buffer.from([0, 255])}::bytea as bytes, current_setting('app.user_id') as actor`;
    const [first, second] = await inActorTransaction(t.database.db, actorA, async (tx) => [
      (await tx.execute(query())).rows[0],
      (await tx.execute(query())).rows[0],
    ]);
    assert.deepEqual(first, second);
    const row = first as Record<string, unknown>;
    assert.equal(row.text, tricky);
    assert.deepEqual(row.list, ['a', "b'c", 'd,e', null]);
    assert.equal(new Date(String(row.at)).toISOString(), at.toISOString());
    assert.deepEqual(row.doc, { q: "it's" });
    assert.equal(row.nothing, null);
    assert.equal(Number(row.number), 42.5);
    assert.equal(row.flag, true);
    assert.deepEqual(row.bytes, Buffer.from([0, 255]));
    assert.equal(row.actor, actorA.userId, 'the scope was set before the first statement ran');
  });

  it('refuses to update another organisation’s person even by id, though the directory shows them', async () => {
    const result = await inActorTransaction(t.database.db, actorA, (tx) => tx.execute(sql`update users set name = 'changed' where id = ${userB}`));
    assert.equal(result.rowCount, 0);
    const check = await t.database.adminQuery('select name from users where id = $1', [userB]);
    assert.notEqual(check.rows[0].name, 'changed');
  });

  it('runs the app as a role that cannot bypass row-level security', async () => {
    const role = await inActorTransaction(t.database.db, actorA, (tx) =>
      tx.execute<{ current_user: string; rolbypassrls: boolean; rolsuper: boolean }>(
        sql`select current_user, rolbypassrls, rolsuper from pg_roles where rolname = current_user`,
      ),
    );
    assert.deepEqual(role.rows[0], { current_user: 'together_app', rolbypassrls: false, rolsuper: false });
  });

  it('lets a user read no audit rows and append none it could alter', async () => {
    const read = await inActorTransaction(t.database.db, actorA, (tx) => tx.execute(sql`select * from audit_log`));
    assert.equal(read.rows.length, 0);
    await rejectsWithDatabaseError(
      inActorTransaction(t.database.db, actorA, (tx) => tx.execute(sql`delete from audit_log`)),
      /permission denied/,
    );
  });
});

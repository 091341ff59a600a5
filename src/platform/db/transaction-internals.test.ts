import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { drizzle, NodePgSession, NodePgTransaction } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from '../../schema.ts';

/**
 * src/platform/db/transaction.ts builds its transactions from private parts of drizzle-orm and
 * node-postgres (to send BEGIN and the actor's scope with the first statement, and the audit row
 * with COMMIT). package.json pins both exact versions; this test fails, naming that file, when an
 * upgrade changes a part it relies on. Its behaviour is proven on a real database by
 * test/integration/rls.int.test.ts ("runs the first statement ... exactly as any later one").
 */
const WHY = 'src/platform/db/transaction.ts relies on this private part; an upgrade changed it: re-check transactionOn/literal there before upgrading';

describe('the private parts transaction.ts is built on', () => {
  it('drizzle keeps its dialect, session options and schema maps where transactionOn reads them', () => {
    const pool = new pg.Pool({ connectionString: 'postgres://nobody@127.0.0.1:1/none' });
    const db = drizzle(pool, { schema }) as unknown as {
      dialect?: unknown;
      _?: { session?: { options?: unknown }; schema?: unknown; fullSchema?: unknown; tableNamesMap?: unknown };
    };
    assert.ok(db.dialect, WHY);
    assert.ok(db._?.session && 'options' in db._.session, WHY);
    assert.ok(db._?.schema && db._.fullSchema && db._.tableNamesMap, WHY);
    assert.equal(typeof NodePgSession, 'function', WHY);
    assert.equal(typeof NodePgTransaction, 'function', WHY);
    void pool.end();
  });

  it('node-postgres still converts parameters with lib/utils.js prepareValue, as literal() expects', () => {
    const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils.js') as { prepareValue?: (value: unknown) => unknown };
    assert.equal(typeof prepareValue, 'function', WHY);
    assert.equal(prepareValue!(['a', null, "b'c"]), '{"a",NULL,"b\'c"}', WHY);
    assert.ok(Buffer.isBuffer(prepareValue!(Buffer.from([1]))), WHY);
    assert.equal(prepareValue!(null), null, WHY);
    assert.equal(prepareValue!({ q: 1 }), '{"q":1}', WHY);
  });
});

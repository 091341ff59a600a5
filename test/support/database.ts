import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { appPasswordFor, connect, type Db } from '../../src/platform/db/pool.ts';
import { migrateDatabase } from '../../src/platform/db/migrate.ts';

/**
 * Each integration test file gets its own fresh database on the server of this pass
 * (embedded or external), migrated exactly as production is, and dropped afterwards.
 * The runner sets TEST_SERVER_URL; a file run on its own falls back to TEST_DATABASE_URL.
 */
export function serverUrl(): string {
  return process.env.TEST_SERVER_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
}

export type TestDatabase = Db & { name: string; drop: () => Promise<void>; adminQuery: (text: string, values?: unknown[]) => Promise<pg.QueryResult> };

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `together_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  await admin.query(`create database ${name}`);
  // A test database is thrown away, so its commits need not wait for the disk: the same SQL, the
  // same transactions and locks, only no flush of the WAL at each COMMIT (which is most of a
  // test's waiting on a busy machine). Production keeps the server's setting.
  await admin.query(`alter database ${name} set synchronous_commit = off`);
  await admin.end();
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  // Every test database of one server shares the server's together_app login, so one password for all:
  // derived from the owner's password where it has one, else (trust authentication) a fixed test one.
  const appPassword = appPasswordFor(url.toString(), { configured: url.password ? undefined : 'together-app-test-login' });
  const db = connect(url.toString(), { max: 10, appPassword });
  await migrateDatabase(db);
  return {
    ...db,
    name,
    // Queries as the connecting (owner) role: for tests that tamper with data behind the app's back.
    adminQuery: (text, values) => db.owner.pool.query(text, values as unknown[]),
    drop: async () => {
      await db.close();
      const client = new pg.Client({ connectionString: serverUrl() });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

import { createHash, randomBytes } from 'node:crypto';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import pg from 'pg';
import { appPasswordFor, connect, type Db } from '../../src/platform/db/pool.ts';
import { MIGRATIONS_FOLDER, migrateDatabase } from '../../src/platform/db/migrate.ts';

/**
 * Each integration test file gets its own fresh database on the server of this pass
 * (embedded or external), a copy of one migrated exactly as production is, and dropped afterwards.
 * The runner sets TEST_SERVER_URL; a file run on its own falls back to TEST_DATABASE_URL.
 */
export function serverUrl(): string {
  return process.env.TEST_SERVER_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
}

export type TestDatabase = Db & { name: string; drop: () => Promise<void>; adminQuery: (text: string, values?: unknown[]) => Promise<pg.QueryResult> };

function databaseUrl(name: string): string {
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

// Every test database of one server shares the server's together_app login, so one password for all:
// derived from the owner's password where it has one, else (trust authentication) a fixed test one.
function testAppPassword(url: string): string {
  return appPasswordFor(url, { configured: new URL(url).password ? undefined : 'together-app-test-login' });
}

/**
 * The committed migrations applied once per server into a template database named by their hashes;
 * each test database is a copy of it (CREATE DATABASE … TEMPLATE copies files, where migrating from
 * nothing took a second or more per file on a busy machine). A change to any migration names a new
 * template, so a copy is never of an older schema. The first process to need it builds it under an
 * advisory lock; the others wait for the lock and find it ready (`datistemplate`, set last).
 */
async function migratedTemplate(admin: pg.Client): Promise<string> {
  const hashes = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).map((migration) => migration.hash);
  const name = `together_template_${createHash('sha256').update(hashes.join('\n')).digest('hex').slice(0, 16)}`;
  const ready = async () =>
    (await admin.query<{ datistemplate: boolean }>('select datistemplate from pg_database where datname = $1', [name])).rows[0]?.datistemplate === true;
  if (await ready()) return name;
  await admin.query('select pg_advisory_lock(hashtext($1))', ['together:test-template']);
  try {
    if (await ready()) return name;
    // A template left half-built by a process that was stopped: built again from nothing.
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
    const url = databaseUrl(name);
    const db = connect(url, { max: 2, appPassword: testAppPassword(url) });
    try {
      await migrateDatabase(db);
    } finally {
      await db.close();
    }
    await admin.query(`alter database ${name} with is_template true allow_connections false`);
    return name;
  } finally {
    await admin.query('select pg_advisory_unlock(hashtext($1))', ['together:test-template']);
  }
}

/** A copy of the template; refused while a session of its builder is still closing, so tried again. */
async function copyTemplate(admin: pg.Client, name: string, template: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.query(`create database ${name} template ${template}`);
      return;
    } catch (error) {
      const inUse = (error as { code?: string }).code === '55006';
      if (!inUse || attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `together_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  try {
    await copyTemplate(admin, name, await migratedTemplate(admin));
    // A test database is thrown away, so its commits need not wait for the disk: the same SQL, the
    // same transactions and locks, only no flush of the WAL at each COMMIT (which is most of a
    // test's waiting on a busy machine). Production keeps the server's setting.
    // (A database's settings are not copied from its template, so this is set on each copy.)
    await admin.query(`alter database ${name} set synchronous_commit = off`);
  } finally {
    await admin.end().catch(() => {});
  }
  const url = databaseUrl(name);
  const db = connect(url, { max: 10, appPassword: testAppPassword(url) });
  // Finds every migration applied (the copy is of this schema) and checks the app's login.
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

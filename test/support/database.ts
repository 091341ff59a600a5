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
 * A template database built once per server under an advisory lock: the first process to need it
 * builds it (`build` fills a database of that name), the others wait for the lock and find it ready
 * (`datistemplate`, set last). A template left half-built by a stopped process is built again. What
 * `build` returns is kept as the template's comment (a database's comment stays with it, not its copies).
 */
async function ensureTemplate(admin: pg.Client, name: string, build: (name: string) => Promise<string | undefined>): Promise<string | undefined> {
  const find = async () =>
    (
      await admin.query<{ datistemplate: boolean; comment: string | null }>(
        'select datistemplate, shobj_description(oid, $2) as comment from pg_database where datname = $1',
        [name, 'pg_database'],
      )
    ).rows[0];
  const ready = await find();
  if (ready?.datistemplate) return ready.comment ?? undefined;
  await admin.query('select pg_advisory_lock(hashtext($1))', [`together:test-template:${name}`]);
  try {
    const built = await find();
    if (built?.datistemplate) return built.comment ?? undefined;
    await admin.query(`drop database if exists ${name} with (force)`);
    const comment = await build(name);
    if (comment !== undefined) await admin.query(`comment on database ${name} is ${pg.escapeLiteral(comment)}`);
    await admin.query(`alter database ${name} with is_template true allow_connections false`);
    return comment;
  } finally {
    await admin.query('select pg_advisory_unlock(hashtext($1))', [`together:test-template:${name}`]);
  }
}

/**
 * The committed migrations applied once per server into a template database named by their hashes;
 * each test database is a copy of it (CREATE DATABASE … TEMPLATE copies files, where migrating from
 * nothing took a second or more per file on a busy machine). A change to any migration names a new
 * template, so a copy is never of an older schema.
 */
async function migratedTemplate(admin: pg.Client): Promise<string> {
  const hashes = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).map((migration) => migration.hash);
  const name = `together_template_${createHash('sha256').update(hashes.join('\n')).digest('hex').slice(0, 16)}`;
  await ensureTemplate(admin, name, async () => {
    await admin.query(`create database ${name}`);
    const url = databaseUrl(name);
    const db = connect(url, { max: 2, appPassword: testAppPassword(url) });
    try {
      await migrateDatabase(db);
    } finally {
      await db.close();
    }
    return undefined;
  });
  return name;
}

/**
 * A template of the migrated schema filled by `fill` (the demo, for the tests that read it): built
 * once per server, `key` (which names everything the filling depends on) and day, so the files that
 * need the same filled database copy it instead of each filling its own. `fill` is given a fresh copy
 * of the migrated template, and returns what the copies' tests need to know (JSON). Filled templates
 * of days before yesterday are dropped when a new one is built, so they do not pile up on a server.
 */
export async function filledTemplate(key: string, day: string, fill: (database: TestDatabase) => Promise<string>): Promise<{ name: string; facts: string }> {
  const stamp = day.replaceAll('-', '');
  const name = `together_filled_${stamp}_${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  try {
    const facts = await ensureTemplate(admin, name, async () => {
      const yesterday = new Date(Date.parse(day) - 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
      const { rows } = await admin.query<{ datname: string }>("select datname from pg_database where datname like 'together\\_filled\\_%'");
      for (const { datname } of rows) {
        if (datname.slice('together_filled_'.length, 'together_filled_'.length + 8) >= yesterday) continue;
        await admin.query(`alter database ${datname} with is_template false`).catch(() => {});
        await admin.query(`drop database if exists ${datname} with (force)`).catch(() => {});
      }
      const database = await createTestDatabase({ name });
      try {
        return await fill(database);
      } finally {
        await database.close();
      }
    });
    return { name, facts: facts ?? '' };
  } finally {
    await admin.end().catch(() => {});
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

/** A fresh database: a copy of the migrated template, or of `template` (from `filledTemplate`) when given. */
export async function createTestDatabase(options: { template?: string; name?: string } = {}): Promise<TestDatabase> {
  const name = options.name ?? `together_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  try {
    await copyTemplate(admin, name, options.template ?? (await migratedTemplate(admin)));
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

/**
 * A new, empty database on this pass's server, never migrated: the other installation a transfer or a
 * restore goes into. `prefix` names it for whoever finds it left over.
 */
export async function bareDatabase(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  return {
    url: databaseUrl(name),
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl() });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/** One query on its own connection to the database at `url` (as its owner), its rows. */
export async function queryAt<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

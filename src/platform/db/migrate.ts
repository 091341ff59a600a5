import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg, { escapeLiteral } from 'pg';
import { APP_ROLE, appUrlFor, type Db } from './pool.ts';
import { projectRoot } from '../project-root.ts';

export const MIGRATIONS_FOLDER = path.join(projectRoot(), 'migrations');

/**
 * Applies the committed SQL migrations as the owner (an advisory lock keeps two starting processes
 * from racing), then makes sure the app's login role can sign in with the password this process uses.
 */
export async function migrateDatabase(db: Db): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await migrateOnce(db);
      break;
    } catch (error) {
      // The migrations run in one transaction, so a failed attempt left nothing behind.
      if (!racedOnRoles(error) || attempt >= 8) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25 * attempt + Math.floor(Math.random() * 50)));
    }
  }
  await ensureAppLogin(db);
}

async function migrateOnce(db: Db): Promise<void> {
  const client = await db.owner.pool.connect();
  try {
    await client.query('select pg_advisory_lock(hashtext($1))', ['together:migrate']);
    try {
      await migrate(db.owner.db, { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await client.query('select pg_advisory_unlock(hashtext($1))', ['together:migrate']);
    }
  } finally {
    client.release();
  }
}

/**
 * Roles belong to the whole server while the advisory lock above is only the database's: two
 * databases of one server migrated at the same moment (tests, or several deployments sharing a
 * server) can collide on the roles' catalogue rows. PostgreSQL then refuses one of them, which is
 * worth another try.
 */
function racedOnRoles(error: unknown): boolean {
  const cause = ((error as { cause?: unknown }).cause ?? error) as { code?: string; message?: string; constraint?: string };
  if (/tuple concurrently (updated|deleted)/.test(cause.message ?? '')) return true;
  return cause.code === '23505' && /pg_authid|pg_auth_members/.test(cause.constraint ?? '');
}

/** Errors PostgreSQL gives a login whose password is wrong or whose authentication failed. */
const LOGIN_REFUSED = new Set(['28P01', '28000']);

/**
 * together_app's password lives in the server's catalogue, not in a migration: when the app cannot
 * sign in with this process's password (a new server, a changed APP_DATABASE_PASSWORD), the owner
 * sets it. Roles belong to the whole server, so processes migrating other databases of it at the
 * same moment may race on the same catalogue row: that is retried.
 */
async function ensureAppLogin(db: Db): Promise<void> {
  if (await appCanSignIn(db)) return;
  for (let attempt = 1; ; attempt++) {
    try {
      await db.owner.pool.query(`ALTER ROLE ${APP_ROLE} WITH LOGIN PASSWORD ${escapeLiteral(db.appPassword)}`);
      break;
    } catch (error) {
      const concurrent = /concurrently/.test((error as Error).message);
      if (!concurrent || attempt >= 10) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
    }
  }
  if (!(await appCanSignIn(db))) {
    throw new Error(`the app's database role ${APP_ROLE} cannot sign in: check APP_DATABASE_PASSWORD and the server's authentication rules (pg_hba.conf)`);
  }
}

async function appCanSignIn(db: Db): Promise<boolean> {
  const client = new pg.Client({ connectionString: appUrlFor(db.url, db.appPassword) });
  try {
    await client.connect();
    return true;
  } catch (error) {
    if (LOGIN_REFUSED.has((error as { code?: string }).code ?? '')) return false;
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
}

/** How many committed migrations the database lacks (0 when ready). */
export async function pendingMigrations(db: Db): Promise<number> {
  const { readMigrationFiles } = await import('drizzle-orm/migrator');
  const files = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER });
  try {
    // The migrations' own table is the owner's: the app role cannot read it.
    const result = await db.owner.db.execute<{ n: string }>(sql`select count(*)::text as n from drizzle.__drizzle_migrations`);
    return files.length - Number(result.rows[0]?.n ?? 0);
  } catch {
    return files.length;
  }
}

/** The schema version these migrations make: how many, the newest one's time, and each one's hash. */
export async function codeSchemaVersion(): Promise<{ migrations: number; lastCreatedAt: number | null; hashes: string[] }> {
  const { readMigrationFiles } = await import('drizzle-orm/migrator');
  const files = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER });
  return { migrations: files.length, lastCreatedAt: files.length ? files[files.length - 1]!.folderMillis : null, hashes: files.map((f) => f.hash) };
}

import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type { Db } from './pool.ts';
import { projectRoot } from '../project-root.ts';

export const MIGRATIONS_FOLDER = path.join(projectRoot(), 'migrations');

/** Applies the committed SQL migrations; an advisory lock keeps two starting processes from racing. */
export async function migrateDatabase(db: Db): Promise<void> {
  const client = await db.pool.connect();
  try {
    await client.query('select pg_advisory_lock(hashtext($1))', ['together:migrate']);
    try {
      await migrate(db.db, { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await client.query('select pg_advisory_unlock(hashtext($1))', ['together:migrate']);
    }
  } finally {
    client.release();
  }
}

/** How many committed migrations the database lacks (0 when ready). */
export async function pendingMigrations(db: Db): Promise<number> {
  const { readMigrationFiles } = await import('drizzle-orm/migrator');
  const files = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER });
  try {
    const result = await db.db.execute<{ n: string }>(
      sql`select count(*)::text as n from drizzle.__drizzle_migrations`,
    );
    return files.length - Number(result.rows[0]?.n ?? 0);
  } catch {
    return files.length;
  }
}

import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from '../../schema.ts';

export type Database = NodePgDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

export type Db = { pool: pg.Pool; db: Database; url: string; close: () => Promise<void> };

// Dates of the domain (type `date`, oid 1082) stay 'YYYY-MM-DD' strings, never shifted by a timezone.
pg.types.setTypeParser(1082, (value: string) => value);

export function connect(url: string, options: { max?: number } = {}): Db {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 20 });
  // An idle client losing its connection must not crash the process.
  pool.on('error', () => {});
  const db = drizzle(pool, { schema });
  return { pool, db, url, close: () => pool.end() };
}

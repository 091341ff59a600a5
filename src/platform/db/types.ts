import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type * as schema from '../../schema.ts';

/** The database and a transaction on it, typed by every table (apart from pool.ts so transaction.ts can use them without a cycle). */
export type Database = NodePgDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

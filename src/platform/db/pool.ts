import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from '../../schema.ts';
import { registerOwner } from './transaction.ts';
import type { Database } from './types.ts';

export type { Database, Tx } from './types.ts';

/** The role the application's pool logs in as: owns nothing, no superuser, cannot bypass RLS. */
export const APP_ROLE = 'together_app';

/**
 * Two sets of connections to one database:
 * - `pool`/`db`: the application's, logged in as together_app. Every person's request runs here,
 *   so a statement smuggled into one can neither RESET ROLE to a superuser nor turn on system mode.
 * - `owner`: the connecting (owner) role of DATABASE_URL, for migrations, sealing the audit chain
 *   and the platform's named system functions (which SET LOCAL ROLE together_system). Route code
 *   never receives it: transactions reach it only through src/platform/db/transaction.ts.
 */
export type Db = {
  pool: pg.Pool;
  db: Database;
  owner: { pool: pg.Pool; db: Database };
  /** The owner's URL (migrations, the CLI's own connection). */
  url: string;
  /** The password the migrator gives together_app (see setAppLogin). */
  appPassword: string;
  close: () => Promise<void>;
};

// Dates of the domain (type `date`, oid 1082) stay 'YYYY-MM-DD' strings, never shifted by a timezone.
pg.types.setTypeParser(1082, (value: string) => value);

/**
 * The password together_app logs in with: APP_DATABASE_PASSWORD when configured; else derived from
 * the owner's password (whoever holds that holds everything already, and every process of one
 * deployment derives the same); else, for an owner without a password in its URL (peer or trust
 * authentication), one generated once into the data folder.
 */
export function appPasswordFor(ownerUrl: string, options: { configured?: string; dataDir?: string }): string {
  if (options.configured) return options.configured;
  const ownerPassword = decodeURIComponent(new URL(ownerUrl).password);
  if (ownerPassword) return createHmac('sha256', ownerPassword).update(`${APP_ROLE} login`).digest('base64url');
  if (!options.dataDir) throw new Error('the app login needs APP_DATABASE_PASSWORD, a password in DATABASE_URL, or a data folder');
  const file = path.join(options.dataDir, 'app-db-password');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(options.dataDir, { recursive: true });
  const password = randomBytes(24).toString('base64url');
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/** The URL the app's pool uses: the owner's server and database, as together_app. */
export function appUrlFor(ownerUrl: string, password: string): string {
  const url = new URL(ownerUrl);
  url.username = APP_ROLE;
  url.password = encodeURIComponent(password);
  return url.toString();
}

export function connect(ownerUrl: string, options: { max?: number; ownerMax?: number; appPassword: string; log?: (line: string) => void }): Db {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const pools = {
    app: new pg.Pool({ connectionString: appUrlFor(ownerUrl, options.appPassword), max: options.max ?? 20 }),
    owner: new pg.Pool({ connectionString: ownerUrl, max: options.ownerMax ?? Math.max(2, Math.ceil((options.max ?? 20) / 2)) }),
  };
  for (const [name, pool] of Object.entries(pools)) {
    // An idle client losing its connection (a restarting server) must not crash the process; say so
    // by its code only: a driver's message may quote a connection string. A process with a logger of
    // its own (serve) listens too and says it there (quietly while it stops), so this line is only
    // for the ones without.
    pool.on('error', (error: Error & { code?: string }) => {
      if (pool.listenerCount('error') === 1) log(`database: an idle ${name} connection was lost (${error.code ?? 'no code'})`);
    });
  }
  const db = drizzle(pools.app, { schema });
  const ownerDb = drizzle(pools.owner, { schema });
  registerOwner(db, ownerDb);
  return {
    pool: pools.app,
    db,
    owner: { pool: pools.owner, db: ownerDb },
    url: ownerUrl,
    appPassword: options.appPassword,
    close: async () => {
      await Promise.all([pools.app.end(), pools.owner.end()]);
    },
  };
}

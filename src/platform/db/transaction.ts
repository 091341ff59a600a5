import { createRequire } from 'node:module';
import pg, { escapeLiteral } from 'pg';
import { sql } from 'drizzle-orm';
import { NodePgSession, NodePgTransaction, type NodePgSessionOptions } from 'drizzle-orm/node-postgres';
import type { PgDialect } from 'drizzle-orm/pg-core';
import type { Actor } from '../policy/actor.ts';
import type { Database, Tx } from './types.ts';

/**
 * Runs `work` in one transaction scoped to the actor: the app role (which cannot bypass
 * row-level security) plus who is asking, so the database is the second wall behind policy.
 * BEGIN, the role and the settings travel in one round trip (see inTransaction).
 */
export async function inActorTransaction<T>(db: Database, actor: Actor, work: (tx: Tx) => Promise<T>): Promise<T> {
  const { database, opening } = scopeFor(db, actor);
  return inTransaction(database, opening, work);
}

/**
 * A transaction as the owner role itself, for the platform's own housekeeping that neither the app
 * role nor the system role may do (sealing the audit chain, delivering the outbox). Never for a
 * person's request.
 */
export async function inPlatformTransaction<T>(db: Database, work: (tx: Tx) => Promise<T>): Promise<T> {
  return inTransaction(ownerOf(db), '', work);
}

/** The owner's connections behind each app database (see connect in pool.ts). */
const owners = new WeakMap<Database, Database>();

/** Called once by connect(): the owner's database that system-mode and platform transactions use. */
export function registerOwner(app: Database, owner: Database): void {
  owners.set(app, owner);
}

function ownerOf(db: Database): Database {
  const owner = owners.get(db);
  if (!owner) throw new Error('this database has no owner connection: open it with connect() from src/platform/db/pool.ts');
  return owner;
}

/**
 * Where an actor's transaction runs, and the statement that scopes it. A person (or nobody) runs on
 * the app's own login as together_app; the platform's named system functions run on the owner's
 * connection as together_system, a role the app login is not a member of: system mode is a role,
 * never a setting a session could switch on.
 */
function scopeFor(db: Database, actor: Actor): { database: Database; opening: string } {
  const system = actor.kind === 'system';
  return { database: system ? ownerOf(db) : db, opening: scopeStatement(actor) };
}

/**
 * A read every request starts with (the session or token behind it): a named statement with $1..$n
 * placeholders, prepared once per connection, and the values it is executed with.
 */
export type RequestRead = { name: string; text: string; values: string[] };

/**
 * Runs a RequestRead as the actor in ONE round trip: BEGIN, the scope, EXECUTE and COMMIT go to the
 * server as a single simple-protocol message (four round trips would cost more than the query).
 * The statement is PREPAREd (in the same message) the first time a connection runs it, so its
 * row-level security is not planned again on every request; the values travel as escaped
 * literals of EXECUTE, never inside the statement's text.
 */
export async function readOnceAs<R>(db: Database, actor: Actor, read: RequestRead): Promise<R[]> {
  const execute = `EXECUTE ${read.name}(${read.values.map((value) => escapeLiteral(value)).join(', ')})`;
  const { database } = scopeFor(db, actor);
  const pool = poolOf(database);
  if (!pool) {
    return inActorTransaction(db, actor, async (tx) => {
      await tx.execute(sql.raw(`PREPARE ${read.name} AS ${read.text}`));
      const rows = (await tx.execute(sql.raw(execute))).rows as R[];
      await tx.execute(sql.raw(`DEALLOCATE ${read.name}`));
      return rows;
    });
  }
  const client = await pool.connect();
  const prepared = preparedOn.get(client) ?? new Set<string>();
  const prepare = prepared.has(read.name) ? '' : `PREPARE ${read.name} AS ${read.text}; `;
  let broken: Error | undefined;
  try {
    const results = (await client.query(`BEGIN; ${scopeStatement(actor)}; ${prepare}${execute}; COMMIT`)) as unknown as pg.QueryResult[];
    prepared.add(read.name);
    preparedOn.set(client, prepared);
    // ...; EXECUTE; COMMIT: the rows are those of the one before last.
    return results[results.length - 2]!.rows as R[];
  } catch (error) {
    // A failing statement leaves the rest of the message unrun and the transaction open (aborted).
    await client.query('ROLLBACK').catch((failure: Error) => (broken = failure));
    // Whether the PREPARE of a failed message took effect is unknown: start again on a new connection.
    if (prepare) broken ??= error as Error;
    throw error;
  } finally {
    client.release(broken);
  }
}

/** The RequestReads each pooled connection has prepared (prepared statements live as long as it). */
const preparedOn = new WeakMap<pg.PoolClient, Set<string>>();

function scopeStatement(actor: Actor): string {
  const settings: Record<string, string> = {
    'app.user_id': actor.kind === 'user' ? actor.userId : '',
    'app.org_id': actor.kind === 'user' ? actor.organisationId : '',
    'app.roles': actor.kind === 'user' ? actor.roles.join(',') : '',
  };
  const sets = Object.entries(settings)
    .map(([name, value]) => `set_config(${escapeLiteral(name)}, ${escapeLiteral(value)}, true)`)
    .join(', ');
  // Simple-protocol multi-statement with escaped literals only.
  return `SET LOCAL ROLE ${actor.kind === 'system' ? 'together_system' : 'together_app'}; SELECT ${sets}`;
}

/**
 * A transaction on a pool client of our own: BEGIN and the opening statements are not sent alone
 * but in one message with the work's first statement (see openingOn), the statements deferred to
 * the commit (an audit row) in one message with COMMIT; ROLLBACK when work throws. A use case that
 * reads and audits thus costs two round trips. drizzle's own db.transaction() would send BEGIN
 * alone and build a new transaction object (a relational query builder per table) every time;
 * here each pool client keeps one.
 */
async function inTransaction<T>(db: Database, opening: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  const pool = poolOf(db);
  if (!pool) {
    // A database bound to a single client (not a pool): drizzle's transaction, as before.
    return db.transaction(async (tx) => {
      if (opening) await tx.execute(sql.raw(opening));
      return work(tx);
    });
  }
  const client = await pool.connect();
  let broken: Error | undefined;
  const rollback = () => client.query('ROLLBACK').catch((failure: Error) => (broken = failure));
  try {
    let result: T;
    const tx = transactionOn(db, client);
    const deferred: string[] = [];
    try {
      openingOn.set(client, opening ? `BEGIN; ${opening}` : 'BEGIN');
      deferredOn.set(tx, deferred);
      result = await work(tx);
    } catch (error) {
      // Work that failed before its first statement never began a transaction.
      if (!openingOn.delete(client)) await rollback();
      throw error;
    } finally {
      deferredOn.delete(tx);
    }
    try {
      // The deferred statements and COMMIT in one message (with the opening, if work sent nothing):
      // if one fails, the rest (COMMIT included) is not run and the transaction rolls back whole.
      const unsent = openingOn.get(client);
      openingOn.delete(client);
      await client.query([...(unsent ? [unsent] : []), ...deferred, 'COMMIT'].join('; '));
    } catch (error) {
      // A failed COMMIT has already ended the transaction; the ROLLBACK only tells a dead connection apart.
      await rollback();
      throw error;
    }
    return result;
  } finally {
    // A connection that could not even roll back is destroyed rather than handed to the next request.
    client.release(broken);
  }
}

/**
 * BEGIN and the actor's scope of the transaction just opened on a connection, until they go out
 * in one message with its first statement: a round trip of their own would cost the Node process
 * and PostgreSQL more than either statement does. The first statement's parameters are then
 * written into it as literals (the simple protocol takes no parameters); PostgreSQL infers an
 * untyped literal's type as it infers an untyped parameter's, which is how node-postgres sends them.
 */
const openingOn = new WeakMap<pg.PoolClient, string>();

/** What drizzle's session sends: node-postgres's query config, rows as arrays when it asks for them. */
type QueryConfig = pg.QueryConfig & { rowMode?: 'array' };

/** The client drizzle's session talks to: the pool client, sending the pending opening with the first statement. */
function withOpening(client: pg.PoolClient): pg.PoolClient {
  const query = async (config: QueryConfig | string, values?: unknown[]): Promise<unknown> => {
    const opening = openingOn.get(client);
    if (!opening || typeof config !== 'object' || !config.text || config.name) return client.query(config, values);
    openingOn.delete(client);
    const text = `${opening}; ${inlineQuery({ sql: config.text, params: values ?? [] })}`;
    const sent: QueryConfig = { text, rowMode: config.rowMode, types: config.types };
    const results: unknown = await client.query(sent);
    // One result per statement: the work's is the last.
    return Array.isArray(results) ? (results as unknown[])[results.length - 1] : results;
  };
  return new Proxy(client, { get: (target, property, receiver) => (property === 'query' ? query : (Reflect.get(target, property, receiver) as unknown)) });
}

/** Statements waiting to be sent with the COMMIT of the transaction that is open on a tx. */
const deferredOn = new WeakMap<Tx, string[]>();

/**
 * Sends `statement` with this transaction's COMMIT, in the same message, instead of in a round
 * trip of its own: for a write nothing in the transaction reads back (an audit row). The
 * statement is a complete SQL text with its values as literals (see inlineQuery). Returns false
 * when `tx` cannot defer (a database bound to a single client), and the caller runs it now.
 */
export function deferUntilCommit(tx: Tx, statement: string): boolean {
  const deferred = deferredOn.get(tx);
  if (!deferred) return false;
  deferred.push(statement);
  return true;
}

/**
 * A drizzle query with its parameters written into the text as escaped literals, for the simple
 * protocol (which sends several statements in one message but takes no parameters). drizzle's
 * text holds only identifiers, keywords and $n placeholders, so every $n is a parameter.
 */
export function inlineQuery(query: { sql: string; params: unknown[] }): string {
  return query.sql.replace(/\$(\d+)/g, (_, n: string) => literal(query.params[Number(n) - 1]));
}

/** node-postgres's own conversion of a parameter to its text form (arrays, dates, JSON, buffers). */
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils.js') as { prepareValue: (value: unknown) => string | Buffer | null };

/** A value as an escaped SQL literal, converted as node-postgres converts a parameter. */
export function literal(value: unknown): string {
  const prepared = prepareValue(value);
  if (prepared === null || prepared === undefined) return 'NULL';
  return escapeLiteral(Buffer.isBuffer(prepared) ? `\\x${prepared.toString('hex')}` : String(prepared));
}

function poolOf(db: Database): pg.Pool | undefined {
  const client = (db as unknown as { $client?: unknown }).$client;
  return client instanceof pg.Pool ? client : undefined;
}

/** The drizzle internals a transaction is built from (what drizzle's node-postgres session uses). */
type DrizzleInternals = { dialect: PgDialect; _: { session: { options?: NodePgSessionOptions } } };

const transactions = new WeakMap<pg.PoolClient, Tx>();

/** One drizzle transaction object per pooled connection, built the way drizzle builds its own. */
function transactionOn(db: Database, client: pg.PoolClient): Tx {
  let tx = transactions.get(client);
  if (!tx) {
    const { dialect, _: internals } = db as unknown as DrizzleInternals;
    const schema = db._.schema ? { fullSchema: db._.fullSchema, schema: db._.schema, tableNamesMap: db._.tableNamesMap } : undefined;
    const session = new NodePgSession(withOpening(client), dialect, schema, internals.session.options ?? {});
    tx = new NodePgTransaction(dialect, session, schema) as unknown as Tx;
    transactions.set(client, tx);
  }
  return tx;
}

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { appendFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip, constants as zlib } from 'node:zlib';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import {
  END_OF_TABLE,
  FORMAT,
  FORMAT_VERSION,
  cipherFor,
  ident,
  newEncryption,
  sha256,
  type Header,
  type Manifest,
  type RlsEntry,
  type SchemaVersion,
  type SequenceEntry,
  type TableEntry,
} from './format.ts';

/** A table of the public schema: its columns in order (generated ones left out) and its primary key. */
export type TableShape = { name: string; columns: string[]; key: string[] };

/** The tables of the public schema, by name. */
export async function tableShapes(client: pg.ClientBase): Promise<TableShape[]> {
  const { rows } = await client.query<{ name: string; columns: string[]; key: string[] | null }>(`
    select c.relname as name,
           array(select a.attname::text from pg_attribute a
                  where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
                  order by a.attnum) as columns,
           (select array(select a.attname::text from unnest(i.indkey) with ordinality k(attnum, n)
                          join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum order by k.n)
              from pg_index i where i.indrelid = c.oid and i.indisprimary) as key
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind = 'r'
     order by c.relname`);
  return rows.map((r) => ({ name: r.name, columns: r.columns, key: r.key ?? [] }));
}

/** Tables in an order where every table comes after those its (immediate) foreign keys point to. */
export async function loadOrder(client: pg.ClientBase, names: string[]): Promise<string[]> {
  const { rows } = await client.query<{ child: string; parent: string }>(`
    select c.relname as child, p.relname as parent
      from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
      join pg_namespace n on n.oid = c.relnamespace
     where k.contype = 'f' and n.nspname = 'public' and k.conrelid <> k.confrelid and not k.condeferrable`);
  const needs = new Map(names.map((n) => [n, new Set<string>()]));
  for (const r of rows) needs.get(r.child)?.add(r.parent);
  const order: string[] = [];
  const done = new Set<string>();
  while (order.length < names.length) {
    const ready = names.filter((n) => !done.has(n) && [...needs.get(n)!].every((p) => done.has(p) || !needs.has(p)));
    // A cycle of immediate foreign keys: load the rest as it comes and let PostgreSQL judge.
    const next = ready.length ? ready : names.filter((n) => !done.has(n));
    for (const n of next) {
      done.add(n);
      order.push(n);
    }
  }
  return order;
}

/** The migrations a database has applied (none when it was never migrated). */
export async function databaseSchemaVersion(client: pg.ClientBase): Promise<SchemaVersion> {
  const exists = await client.query<{ t: string | null }>(`select to_regclass('drizzle.__drizzle_migrations')::text as t`);
  if (!exists.rows[0]?.t) return { migrations: 0, lastCreatedAt: null, hashes: [] };
  const { rows } = await client.query<{ hash: string; created_at: string }>('select hash, created_at::text from drizzle.__drizzle_migrations order by id');
  return { migrations: rows.length, lastCreatedAt: rows.length ? Number(rows[rows.length - 1]!.created_at) : null, hashes: rows.map((r) => r.hash) };
}

export async function sequencesOf(client: pg.ClientBase): Promise<SequenceEntry[]> {
  const { rows: names } = await client.query<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'S' order by 1`,
  );
  const out: SequenceEntry[] = [];
  for (const { name } of names) {
    const { rows } = await client.query<{ last_value: string; is_called: boolean }>(`select last_value::text, is_called from public.${ident(name)}`);
    out.push({ name, lastValue: rows[0]!.last_value, isCalled: rows[0]!.is_called });
  }
  return out;
}

/** Row-level security of every table: on, forced, and how many policies. */
export async function rlsOf(client: pg.ClientBase): Promise<RlsEntry[]> {
  const { rows } = await client.query<{ table: string; enabled: boolean; forced: boolean; policies: number }>(`
    select c.relname as table, c.relrowsecurity as enabled, c.relforcerowsecurity as forced,
           (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind = 'r' order by 1`);
  return rows;
}

export type BackupResult = { file: string; bytes: number; sha256: string; manifest: Manifest; encrypted: boolean };

export type BackupOptions = {
  /** Encrypts the backup (AES-256-GCM, key from scrypt): the key is never written. */
  passphrase?: string;
  /** Called once the snapshot is taken, before the first row is read (tests write beside it). */
  afterSnapshot?: () => Promise<void>;
};

/**
 * A consistent snapshot of every table of a running database, written to `file`: one REPEATABLE
 * READ, READ ONLY transaction sees the database as it was at its first statement while requests
 * carry on writing beside it. Rows stream from COPY ... TO STDOUT through gzip (and the cipher)
 * to a `.partial` file renamed into place at the end: nothing is held whole in memory, and a
 * backup that fails leaves no file that looks finished.
 */
export async function takeBackup(ownerUrl: string, file: string, options: BackupOptions = {}): Promise<BackupResult> {
  const client = new pg.Client({ connectionString: ownerUrl, application_name: 'together backup' });
  await client.connect();
  const partial = `${file}.partial`;
  try {
    await client.query('begin isolation level repeatable read read only');
    // A role that row-level security would filter gets an error, never a silently partial backup.
    await client.query('set local row_security = off');
    // The first statement fixes the snapshot: everything below reads the database as it was here.
    const schema = await databaseSchemaVersion(client);
    if (schema.migrations === 0) throw new Error('the database has never been migrated: there is nothing to back up');
    if (options.afterSnapshot) await options.afterSnapshot();
    const shapes = await tableShapes(client);
    const byName = new Map(shapes.map((s) => [s.name, s]));
    const tables = (
      await loadOrder(
        client,
        shapes.map((s) => s.name),
      )
    ).map((name) => byName.get(name)!);
    const { rows: about } = await client.query<{ database: string; version: string }>(
      `select current_database() as database, current_setting('server_version') as version`,
    );
    const createdAt = new Date().toISOString();
    const encryption = options.passphrase ? await newEncryption(options.passphrase) : undefined;
    const header: Header = {
      format: FORMAT,
      version: FORMAT_VERSION,
      createdAt,
      database: about[0]!.database,
      schema,
      compression: 'gzip',
      encryption: encryption?.encryption ?? null,
    };
    const headerLine = Buffer.from(`${JSON.stringify(header)}\n`);
    await writeFile(partial, headerLine, { mode: 0o600 });

    const gzip = createGzip({ level: zlib.Z_BEST_SPEED });
    const cipher = encryption ? cipherFor(encryption.key, encryption.encryption, headerLine) : undefined;
    const out = createWriteStream(partial, { flags: 'a' });
    const written = cipher ? pipeline(gzip, cipher, out) : pipeline(gzip, out);
    written.catch(() => {});
    const body = sha256();
    const write = async (chunk: Buffer | string) => {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      body.update(buffer);
      if (!gzip.write(buffer)) await Promise.race([once(gzip, 'drain'), written]);
    };

    const entries: TableEntry[] = [];
    for (const table of tables) {
      const columns = table.columns.map(ident).join(', ');
      const order = table.key.length ? ` order by ${table.key.map(ident).join(', ')}` : '';
      await write(`#table ${JSON.stringify({ name: table.name, columns: table.columns })}\n`);
      const hash = sha256();
      let rows = 0;
      const stream = client.query(copyTo(`copy (select ${columns} from public.${ident(table.name)}${order}) to stdout`));
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        hash.update(chunk);
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) rows++;
        await write(chunk);
      }
      await write(END_OF_TABLE);
      entries.push({ name: table.name, columns: table.columns, rows, sha256: hash.digest('hex') });
    }
    const sequences = await sequencesOf(client);
    await write(`#sequences ${JSON.stringify(sequences)}\n`);
    const rls = await rlsOf(client);
    const head = tables.some((t) => t.name === 'audit_chain_head')
      ? (await client.query<{ seq: string; hash: string }>('select last_id::text as seq, hash from audit_chain_head where id = 1')).rows[0]
      : undefined;
    await client.query('commit');

    const manifest: Manifest = {
      format: FORMAT,
      version: FORMAT_VERSION,
      createdAt,
      database: header.database,
      serverVersion: about[0]!.version,
      schema,
      tables: entries,
      sequences,
      rls,
      auditHead: head ? { seq: Number(head.seq), hash: head.hash } : null,
      bodySha256: body.digest('hex'),
    };
    gzip.end(`#manifest ${JSON.stringify(manifest)}\n`);
    await written;
    if (cipher) await appendFile(partial, cipher.getAuthTag());

    const whole = sha256();
    const { createReadStream } = await import('node:fs');
    for await (const chunk of createReadStream(partial)) whole.update(chunk as Buffer);
    const digest = whole.digest('hex');
    await rename(partial, file);
    await writeFile(`${file}.sha256`, `${digest}  ${path.basename(file)}\n`);
    return { file, bytes: (await stat(file)).size, sha256: digest, manifest, encrypted: Boolean(cipher) };
  } catch (error) {
    await client.query('rollback').catch(() => {});
    await rm(partial, { force: true });
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
}

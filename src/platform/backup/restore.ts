import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { databaseSchemaVersion, rlsOf, tableShapes } from './backup.ts';
import {
  BackupRefused,
  END_OF_TABLE,
  TAG_BYTES,
  decipherFor,
  describeSchema,
  ident,
  keyFor,
  parseHeader,
  sameSchema,
  sha256,
  type Header,
  type Manifest,
  type SchemaVersion,
  type SequenceEntry,
} from './format.ts';

const MAX_HEADER = 64 * 1024;

export type OpenedBackup = { file: string; header: Header; headerLine: Buffer; size: number; key?: Buffer };

/** Reads a backup's header; an encrypted one needs its passphrase (a wrong one is refused here). */
export async function openBackup(file: string, passphrase: () => Promise<string | undefined>): Promise<OpenedBackup> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    throw new BackupRefused(`cannot read ${file}`);
  }
  const handle = await open(file, 'r');
  let first: Buffer;
  try {
    const buffer = Buffer.alloc(Math.min(MAX_HEADER, size));
    await handle.read(buffer, 0, buffer.length, 0);
    first = buffer;
  } finally {
    await handle.close();
  }
  const end = first.indexOf(10);
  if (end === -1) throw new BackupRefused('this is not a Together backup (no header line)');
  const headerLine = first.subarray(0, end + 1);
  const header = parseHeader(headerLine.subarray(0, end));
  await checkSidecar(file);
  if (!header.encryption) return { file, header, headerLine, size };
  const secret = await passphrase();
  if (!secret)
    throw new BackupRefused('the backup is encrypted: give its passphrase (TOGETHER_BACKUP_PASSPHRASE, TOGETHER_BACKUP_PASSPHRASE_FILE, or at the prompt)');
  return { file, header, headerLine, size, key: await keyFor(header.encryption, secret) };
}

/** FILE.sha256, when it is there, must name the file's SHA-256. */
async function checkSidecar(file: string): Promise<void> {
  let text: string;
  try {
    text = await readFile(`${file}.sha256`, 'utf8');
  } catch {
    return;
  }
  const expected = text.trim().split(/\s+/)[0] ?? '';
  if ((await fileSha256(file)) !== expected) {
    throw new BackupRefused(`the file's SHA-256 does not match ${path.basename(file)}.sha256: it was altered or damaged (nothing was changed)`);
  }
}

/** The whole file's SHA-256 (as FILE.sha256 and sha256sum give it): names a backup without its path. */
export async function fileSha256(file: string): Promise<string> {
  const hash = sha256();
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The unpacked body as a stream: deciphered (when encrypted) and gunzipped. */
function bodyStream(backup: OpenedBackup): { stream: Readable; authenticated: Promise<void> } {
  const start = backup.headerLine.length;
  const end = backup.size - (backup.header.encryption ? TAG_BYTES : 0);
  if (end < start) throw new BackupRefused('the backup is cut short (nothing was changed)');
  const raw = end > start ? createReadStream(backup.file, { start, end: end - 1 }) : createReadStream(backup.file, { start, end: start - 1 });
  const gunzip = createGunzip();
  if (!backup.header.encryption) {
    raw.on('error', (error) => gunzip.destroy(error));
    return { stream: raw.pipe(gunzip), authenticated: Promise.resolve() };
  }
  // The tag sits at the end of the file; read it first so the decipher can check it when the body ends.
  const tag = Buffer.alloc(TAG_BYTES);
  const authenticated = (async () => {
    const handle = await open(backup.file, 'r');
    try {
      await handle.read(tag, 0, TAG_BYTES, backup.size - TAG_BYTES);
    } finally {
      await handle.close();
    }
  })();
  const passthrough = gunzip;
  void authenticated.then(() => {
    const decipher = decipherFor(backup.key!, backup.header.encryption!, backup.headerLine, tag);
    raw.on('error', (error) => decipher.destroy(error));
    decipher.on('error', () =>
      passthrough.destroy(new BackupRefused('the backup does not authenticate: it was altered, damaged or cut short (nothing was changed)')),
    );
    raw.pipe(decipher).pipe(passthrough);
  });
  return { stream: passthrough, authenticated };
}

/** Splits a stream of bytes into lines (each with its newline). */
async function* lines(stream: Readable): AsyncGenerator<Buffer> {
  let rest: Buffer | undefined;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const data: Buffer = rest ? Buffer.concat([rest, chunk]) : chunk;
    let from = 0;
    for (let i = data.indexOf(10); i !== -1; i = data.indexOf(10, from)) {
      yield data.subarray(from, i + 1);
      from = i + 1;
    }
    rest = from < data.length ? Buffer.from(data.subarray(from)) : undefined;
  }
  if (rest?.length) yield rest;
}

/** Where a table section's rows go while it is read (the restore's COPY FROM), or nowhere (the check). */
export type TableSink = { write: (chunk: Buffer) => Promise<void>; end: () => Promise<void> };

/**
 * Reads the whole body, recomputing every table's SHA-256 and row count and the body's, and
 * compares them with the manifest at its end. Refuses anything that does not match, names what.
 */
export async function readBody(backup: OpenedBackup, sinkFor?: (table: { name: string; columns: string[] }) => Promise<TableSink>): Promise<Manifest> {
  const { stream } = bodyStream(backup);
  const body = sha256();
  const seen: { name: string; columns: string[]; rows: number; sha256: string }[] = [];
  let sequences: SequenceEntry[] | undefined;
  let manifest: Manifest | undefined;
  let table: { name: string; columns: string[]; rows: number; hash: ReturnType<typeof sha256>; sink?: TableSink; pending: Buffer[]; size: number } | undefined;
  const flush = async () => {
    if (!table?.sink || table.pending.length === 0) return;
    const chunk = Buffer.concat(table.pending);
    table.pending = [];
    table.size = 0;
    await table.sink.write(chunk);
  };
  try {
    for await (const line of lines(stream)) {
      if (manifest) throw new BackupRefused('the backup has data after its manifest (nothing was changed)');
      if (table) {
        body.update(line);
        if (line.length === END_OF_TABLE.length && line.toString() === END_OF_TABLE) {
          await flush();
          await table.sink?.end();
          seen.push({ name: table.name, columns: table.columns, rows: table.rows, sha256: table.hash.digest('hex') });
          table = undefined;
          continue;
        }
        table.hash.update(line);
        table.rows++;
        if (table.sink) {
          table.pending.push(line);
          table.size += line.length;
          if (table.size >= 256 * 1024) await flush();
        }
        continue;
      }
      const text = line.toString('utf8');
      if (text.startsWith('#manifest ')) {
        manifest = JSON.parse(text.slice('#manifest '.length)) as Manifest;
        continue;
      }
      body.update(line);
      if (text.startsWith('#table ')) {
        const about = JSON.parse(text.slice('#table '.length)) as { name: string; columns: string[] };
        table = { ...about, rows: 0, hash: sha256(), pending: [], size: 0, sink: sinkFor ? await sinkFor(about) : undefined };
      } else if (text.startsWith('#sequences ')) {
        sequences = JSON.parse(text.slice('#sequences '.length)) as SequenceEntry[];
      } else {
        throw new BackupRefused('the backup body is not in the expected form: it was altered or damaged (nothing was changed)');
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    const unreadable = error instanceof BackupRefused || code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR' || error instanceof SyntaxError;
    // Encrypted: the body is deciphered before its tag can be checked at the end, so a changed byte
    // can break the gzip or a line first. Either way the sealed bytes were altered: say so the same way.
    if (unreadable && backup.header.encryption) {
      throw new BackupRefused('the backup does not authenticate: it was altered, damaged or cut short (nothing was changed)');
    }
    if (error instanceof BackupRefused) throw error;
    if (unreadable) throw new BackupRefused('the backup cannot be unpacked: it was altered, damaged or cut short (nothing was changed)');
    throw error;
  }
  if (!manifest || table) throw new BackupRefused('the backup has no manifest at its end: it was cut short (nothing was changed)');
  if (manifest.bodySha256 !== body.digest('hex')) throw new BackupRefused('the backup does not match its manifest: its SHA-256 differs (nothing was changed)');
  if (!sameSchema(manifest.schema, backup.header.schema)) throw new BackupRefused('the backup header and manifest name different schema versions');
  if (manifest.tables.length !== seen.length) throw new BackupRefused('the backup does not hold the tables its manifest lists (nothing was changed)');
  manifest.tables.forEach((entry, i) => {
    const got = seen[i]!;
    if (entry.name !== got.name || entry.sha256 !== got.sha256 || entry.rows !== got.rows || entry.columns.join() !== got.columns.join()) {
      throw new BackupRefused(`table ${entry.name} does not match the manifest's SHA-256 (nothing was changed)`);
    }
  });
  if (JSON.stringify(sequences) !== JSON.stringify(manifest.sequences))
    throw new BackupRefused('the sequences do not match the manifest (nothing was changed)');
  return manifest;
}

/** Refuses a backup whose schema version is not the one these migrations make. */
export function checkSchema(backup: SchemaVersion, code: SchemaVersion): void {
  if (!sameSchema(backup, code)) {
    throw new BackupRefused(
      `the backup's schema version (${describeSchema(backup)}) is not this installation's (${describeSchema(code)}): restore it with the release of Together that took it (nothing was changed)`,
    );
  }
}

/** A database nobody has used: never migrated, or migrated with no audit entry and no user. */
export async function checkEmpty(ownerUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const schema = await databaseSchemaVersion(client);
    const tables = await tableShapes(client);
    if (schema.migrations === 0 && tables.length === 0) return;
    const names = new Set(tables.map((t) => t.name));
    for (const table of ['audit_log', 'users', 'organisations']) {
      if (!names.has(table)) continue;
      const { rows } = await client.query(`select 1 from public.${ident(table)} limit 1`);
      if (rows.length) throw new BackupRefused('the database is not empty: restore only into a new, empty database (nothing was changed)');
    }
    if (schema.migrations === 0)
      throw new BackupRefused('the database holds tables but no migrations: restore only into a new, empty database (nothing was changed)');
  } finally {
    await client.end();
  }
}

export type RestoreResult = { manifest: Manifest; rows: number; tables: number };

/**
 * Loads a checked backup into a database just migrated to its schema version, in one transaction:
 * the user triggers (the audit log's and invoices' append-only guards) are switched off for the
 * load only and back on before it commits, foreign keys stay checked (tables load parents first),
 * the migrations' seed rows give way to the backup's, sequences are set, and row-level security
 * must come out as the backup found it. Any mismatch rolls the whole load back.
 */
export async function loadBackup(ownerUrl: string, backup: OpenedBackup, manifest: Manifest): Promise<RestoreResult> {
  const client = new pg.Client({ connectionString: ownerUrl, application_name: 'together restore' });
  await client.connect();
  try {
    await client.query('begin');
    await client.query('set local row_security = off');
    const shapes = await tableShapes(client);
    const target = new Map(shapes.map((s) => [s.name, s]));
    for (const entry of manifest.tables) {
      const shape = target.get(entry.name);
      if (!shape || shape.columns.join() !== entry.columns.join()) {
        throw new BackupRefused(`table ${entry.name} is not laid out here as in the backup: the schema differs (nothing was changed)`);
      }
    }
    if (shapes.length !== manifest.tables.length)
      throw new BackupRefused('this database has tables the backup does not know: the schema differs (nothing was changed)');
    const { rows: triggers } = await client.query<{ table: string; name: string }>(`
      select c.relname as table, t.tgname as name from pg_trigger t join pg_class c on c.oid = t.tgrelid
        join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and not t.tgisinternal and t.tgenabled <> 'D'`);
    for (const t of triggers) await client.query(`alter table public.${ident(t.table)} disable trigger ${ident(t.name)}`);
    await client.query(`truncate ${manifest.tables.map((t) => `public.${ident(t.name)}`).join(', ')}`);

    // The backup wrote parents before children, so foreign keys stay checked row by row.
    let total = 0;
    await readBody(backup, (table) => {
      const copy = client.query(copyFrom(`copy public.${ident(table.name)} (${table.columns.map(ident).join(', ')}) from stdin`)) as Writable;
      const done = finished(copy);
      done.catch(() => {});
      return Promise.resolve({
        write: async (chunk: Buffer) => {
          if (!copy.write(chunk)) await Promise.race([once(copy, 'drain'), done]);
        },
        end: async () => {
          copy.end();
          await done;
          total += (copy as unknown as { rowCount: number }).rowCount ?? 0;
        },
      });
    });
    for (const s of manifest.sequences) await client.query('select setval($1::regclass, $2::bigint, $3)', [`public.${ident(s.name)}`, s.lastValue, s.isCalled]);
    for (const t of triggers) await client.query(`alter table public.${ident(t.table)} enable trigger ${ident(t.name)}`);
    const rls = await rlsOf(client);
    if (JSON.stringify(rls) !== JSON.stringify(manifest.rls))
      throw new BackupRefused('row-level security here differs from the backup’s: the schema differs (nothing was changed)');
    await client.query('commit');
    await client.query('analyze');
    return { manifest, rows: total, tables: manifest.tables.length };
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
}

import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import pg from 'pg';
import { stringify } from 'csv-stringify/sync';
import { databaseSchemaVersion, loadOrder, tableShapes } from './backup.ts';
import { BackupRefused, describeSchema, ident, sameSchema, sha256, type SchemaVersion } from './format.ts';
import { chooseRows, chosen, columnExpression } from './transfer-select.ts';
import { readZip } from './zip-read.ts';
import { zipOf } from './zip-write.ts';

/**
 * `together transfer`: one organisation's records out of one installation and into another.
 * The bundle is a zip: `tables/<table>.json` (the rows, in primary-key order, as PostgreSQL writes
 * them as JSON), `tables/<table>.csv` (the same for a spreadsheet), `documents/<id>/v<version>`
 * (each stored file whole; its parts are not in the JSON), `data-dictionary.md` (the tables and
 * columns in words) and `manifest.json` (the schema version, the organisation, every table's row
 * count and every file's SHA-256). The manifest is the last file; its own SHA-256 is the bundle's name.
 */
export const TRANSFER_FORMAT = 'together-transfer';
export const TRANSFER_VERSION = 1;
/** The store keeps a file in parts of this many bytes (platform/documents/store.ts): the import cuts them again. */
const PART_BYTES = 1024 * 1024;

export type TransferManifest = {
  format: typeof TRANSFER_FORMAT;
  version: number;
  createdAt: string;
  organisation: { id: string; slug: string; name: string };
  schema: SchemaVersion;
  tables: { name: string; columns: string[]; rows: number }[];
  files: Record<string, string>;
};

export type TransferResult = { file: string; sha256: string; manifest: TransferManifest; rows: number };

const rowsOf = (manifest: TransferManifest) => manifest.tables.reduce((sum, t) => sum + t.rows, 0);

/** Writes one organisation's records to `file` from one REPEATABLE READ snapshot of the database. */
export async function exportOrganisation(ownerUrl: string, organisationId: string, file: string): Promise<TransferResult> {
  const client = new pg.Client({ connectionString: ownerUrl, application_name: 'together transfer export' });
  await client.connect();
  try {
    await client.query('begin isolation level repeatable read');
    await client.query('set local row_security = off');
    // Times written the same way on every installation, whatever its server's time zone.
    await client.query(`set local timezone = 'UTC'`);
    const schema = await databaseSchemaVersion(client);
    const { rows: found } = await client.query<{ id: string; slug: string; name: string }>('select id, slug, name from organisations where id::text = $1', [
      organisationId,
    ]);
    if (!found[0]) throw new BackupRefused(`there is no organisation ${organisationId} here (nothing was written)`);
    const shapes = await tableShapes(client);
    const byName = new Map(shapes.map((s) => [s.name, s]));
    const order = await loadOrder(
      client,
      shapes.map((s) => s.name),
    );
    const held = await chooseRows(client, organisationId, shapes, order);
    const comments = await columnComments(client);

    const files = new Map<string, Buffer>();
    const tables: TransferManifest['tables'] = [];
    for (const name of held) {
      const shape = byName.get(name)!;
      // A file's bytes travel as the file itself, not inside the JSON.
      const columns = shape.columns.filter((c) => !(name === 'document_parts' && c === 'bytes'));
      const select = columns.map((c) => columnExpression(name, c, organisationId)).join(', ');
      const keys = shape.key.map(ident).join(', ');
      const { rows } = await client.query<{ json: string }>(
        `select coalesce(json_agg(x order by ${shape.key.map((k) => `x.${ident(k)}`).join(', ')}), '[]')::text as json
           from (select ${select} from public.${ident(name)} where (${keys}) in (select ${keys} from ${chosen(name)})) x`,
      );
      const list = JSON.parse(rows[0]!.json) as Record<string, unknown>[];
      files.set(`tables/${name}.json`, Buffer.from(`${JSON.stringify(list, null, 1)}\n`));
      files.set(
        `tables/${name}.csv`,
        Buffer.from(
          stringify(
            list.map((r) => columns.map((c) => csvCell(r[c]))),
            { header: true, columns },
          ),
        ),
      );
      tables.push({ name, columns, rows: list.length });
    }
    const { rows: documents } = await client.query<{ document_id: string; version: number; bytes: Buffer }>(
      `select document_id, version, string_agg(bytes, ''::bytea order by part) as bytes from document_parts
        where (document_id, version, part) in (select document_id, version, part from ${chosen('document_parts')})
        group by document_id, version order by 1, 2`,
    );
    for (const d of documents) files.set(`documents/${d.document_id}/v${d.version}`, d.bytes);
    files.set('data-dictionary.md', Buffer.from(dataDictionary(found[0], tables, comments)));
    await client.query('commit');

    const manifest: TransferManifest = {
      format: TRANSFER_FORMAT,
      version: TRANSFER_VERSION,
      createdAt: new Date().toISOString(),
      organisation: found[0],
      schema,
      tables,
      files: Object.fromEntries([...files].map(([name, bytes]) => [name, sha256().update(bytes).digest('hex')])),
    };
    const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 1)}\n`);
    await writeZip(`${file}.partial`, [...files, ['manifest.json', manifestBytes]]);
    await rename(`${file}.partial`, file);
    return {
      file,
      sha256: sha256()
        .update(await readFile(file))
        .digest('hex'),
      manifest,
      rows: rowsOf(manifest),
    };
  } catch (error) {
    await client.query('rollback').catch(() => {});
    await rm(`${file}.partial`, { force: true });
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
}

/** CSV cells: arrays and objects as JSON, the rest as PostgreSQL wrote them. */
const csvCell = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
};

async function writeZip(file: string, entries: [string, Buffer][]): Promise<void> {
  await writeFile(file, await zipOf(entries), { mode: 0o600 });
}

async function columnComments(client: pg.ClientBase): Promise<Map<string, string>> {
  const { rows } = await client.query<{ key: string; text: string }>(`
    select c.relname || '.' || coalesce(a.attname, '') as key, d.description as text
      from pg_description d join pg_class c on c.oid = d.objoid join pg_namespace n on n.oid = c.relnamespace
      left join pg_attribute a on a.attrelid = c.oid and a.attnum = d.objsubid and d.objsubid > 0
     where n.nspname = 'public'`);
  return new Map(rows.map((r) => [r.key, r.text]));
}

/** The tables and columns in words, for whoever reads the bundle without this software. */
function dataDictionary(organisation: { slug: string; name: string }, tables: TransferManifest['tables'], comments: Map<string, string>): string {
  const lines = [
    `# Records of ${organisation.name} (${organisation.slug})`,
    '',
    'Written by `together transfer export`. Each table is in `tables/<table>.json` (the rows, as PostgreSQL writes them) and `tables/<table>.csv` (the same, one row a line; lists and objects as JSON).',
    'Times are UTC; dates are the domain’s dates (YYYY-MM-DD); money is in whole pence. `id` columns are the records’ own identifiers; a column ending `_id` names a record of the table it points to.',
    'Stored files are in `documents/<document id>/v<version>`, whole (the `document_parts` table lists their parts without their bytes).',
    'People of other organisations are included by name only when a record names them (a referral’s referrer): without credentials, and disabled.',
    'The audit log is not included: each installation records the transfer in its own.',
    '`manifest.json` gives every file’s SHA-256.',
    '',
  ];
  for (const table of tables) {
    lines.push(`## ${table.name} (${table.rows} ${table.rows === 1 ? 'row' : 'rows'})`, '');
    const about = comments.get(`${table.name}.`);
    if (about) lines.push(about, '');
    for (const column of table.columns) lines.push(`- \`${column}\`: ${comments.get(`${table.name}.${column}`) ?? describeColumn(column)}`);
    lines.push('');
  }
  return lines.join('\n');
}

function describeColumn(column: string): string {
  if (column === 'id') return 'the record’s identifier';
  if (column === 'version') return 'how many times the record was changed (edits check it)';
  if (column.endsWith('_id')) return `the ${column.slice(0, -3).replace(/_/g, ' ')} it belongs to or names (an identifier)`;
  if (column.endsWith('_at')) return `when it was ${column.slice(0, -3).replace(/_/g, ' ')} (UTC)`;
  if (column.endsWith('_date') || column.startsWith('date_')) return `the ${column.replace(/_/g, ' ')}`;
  if (column.endsWith('_pence')) return `${column.slice(0, -6).replace(/_/g, ' ')}, in pence`;
  return column.replace(/_/g, ' ');
}

/** Reads a bundle and checks every file against the manifest: any difference is refused, naming the file. */
export async function openBundle(file: string): Promise<{ manifest: TransferManifest; files: Map<string, Buffer>; sha256: string }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    throw new BackupRefused(`cannot read ${file}`);
  }
  const files = await readZip(bytes);
  const raw = files.get('manifest.json');
  if (!raw) throw new BackupRefused('this is not a transfer bundle (it has no manifest.json)');
  let manifest: TransferManifest;
  try {
    manifest = JSON.parse(raw.toString('utf8')) as TransferManifest;
  } catch {
    throw new BackupRefused('the bundle’s manifest.json cannot be read: it was altered or damaged (nothing was changed)');
  }
  if (manifest?.format !== TRANSFER_FORMAT) throw new BackupRefused('this is not a transfer bundle (its manifest names no transfer format)');
  if (manifest.version !== TRANSFER_VERSION)
    throw new BackupRefused(`the bundle is of format version ${manifest.version}; this version reads ${TRANSFER_VERSION}`);
  const listed = new Set(Object.keys(manifest.files));
  for (const name of files.keys()) {
    if (name !== 'manifest.json' && !listed.has(name))
      throw new BackupRefused(`the bundle holds ${name}, which its manifest does not list (nothing was changed)`);
  }
  for (const [name, expected] of Object.entries(manifest.files)) {
    const content = files.get(name);
    if (!content) throw new BackupRefused(`the bundle lacks ${name}, which its manifest lists (nothing was changed)`);
    if (sha256().update(content).digest('hex') !== expected) {
      throw new BackupRefused(`${name} does not match the manifest’s SHA-256: the bundle was altered or damaged (nothing was changed)`);
    }
  }
  return { manifest, files, sha256: sha256().update(bytes).digest('hex') };
}

/** Refuses a bundle taken under another schema version. */
export function checkTransferSchema(bundle: SchemaVersion, here: SchemaVersion): void {
  if (!sameSchema(bundle, here)) {
    throw new BackupRefused(
      `the bundle's schema version (${describeSchema(bundle)}) is not this installation's (${describeSchema(here)}): import it with the same release of Together as the one that exported it (nothing was changed)`,
    );
  }
}

/**
 * Loads a checked bundle in one transaction as the owner: parents before children with every
 * foreign key checked, the user triggers (append-only guards, derived rows the bundle already
 * holds) off for the load only, stored files cut into the store's parts again. A row already
 * there, or anything else PostgreSQL refuses, rolls it all back.
 */
export async function importBundle(ownerUrl: string, bundle: Awaited<ReturnType<typeof openBundle>>): Promise<{ rows: number; tables: number }> {
  const client = new pg.Client({ connectionString: ownerUrl, application_name: 'together transfer import' });
  await client.connect();
  try {
    await client.query('begin');
    await client.query('set local row_security = off');
    await client.query(`set local timezone = 'UTC'`);
    checkTransferSchema(bundle.manifest.schema, await databaseSchemaVersion(client));
    const shapes = new Map((await tableShapes(client)).map((s) => [s.name, s]));
    const { rows: triggers } = await client.query<{ table: string; name: string }>(`
      select c.relname as table, t.tgname as name from pg_trigger t join pg_class c on c.oid = t.tgrelid
        join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and not t.tgisinternal and t.tgenabled <> 'D'`);
    for (const t of triggers) await client.query(`alter table public.${ident(t.table)} disable trigger ${ident(t.name)}`);
    let rows = 0;
    for (const table of bundle.manifest.tables) {
      const shape = shapes.get(table.name);
      const expected = shape?.columns.filter((c) => !(table.name === 'document_parts' && c === 'bytes'));
      if (!expected || expected.join() !== table.columns.join())
        throw new BackupRefused(`table ${table.name} is not laid out here as in the bundle (nothing was changed)`);
      const list = JSON.parse(bundle.files.get(`tables/${table.name}.json`)!.toString('utf8')) as Record<string, unknown>[];
      if (table.name === 'document_parts') for (const row of list) row.bytes = `\\x${partBytes(bundle.files, row).toString('hex')}`;
      const columns = table.name === 'document_parts' ? [...table.columns, 'bytes'] : table.columns;
      const names = columns.map(ident).join(', ');
      try {
        await client.query(
          `insert into public.${ident(table.name)} (${names}) overriding system value select ${names} from json_populate_recordset(null::public.${ident(table.name)}, $1::json)`,
          [JSON.stringify(list)],
        );
      } catch (error) {
        if ((error as { code?: string }).code === '23505') {
          throw new BackupRefused(`this installation already holds ${table.name} rows of the bundle: import into a fresh installation (nothing was changed)`);
        }
        throw error;
      }
      rows += list.length;
    }
    for (const t of triggers) await client.query(`alter table public.${ident(t.table)} enable trigger ${ident(t.name)}`);
    await advanceSequences(
      client,
      bundle.manifest.tables.map((t) => t.name),
    );
    await client.query('commit');
    return { rows, tables: bundle.manifest.tables.length };
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Sequences behind the loaded tables' numbered columns move past the numbers the bundle brought. */
async function advanceSequences(client: pg.ClientBase, tables: string[]): Promise<void> {
  const { rows } = await client.query<{ sequence: string; table: string; column: string }>(`
    select s.oid::regclass::text as sequence, t.relname as table, a.attname as column
      from pg_class s join pg_depend d on d.objid = s.oid and d.classid = 'pg_class'::regclass and d.refclassid = 'pg_class'::regclass
      join pg_class t on t.oid = d.refobjid join pg_attribute a on a.attrelid = t.oid and a.attnum = d.refobjsubid
      join pg_namespace n on n.oid = t.relnamespace
     where s.relkind = 'S' and n.nspname = 'public'`);
  for (const r of rows.filter((r) => tables.includes(r.table))) {
    await client.query(
      `select setval($1::regclass, greatest((select coalesce(max(${ident(r.column)}), 0) from public.${ident(r.table)}), (select last_value from ${r.sequence})))`,
      [r.sequence],
    );
  }
}

function partBytes(files: Map<string, Buffer>, row: Record<string, unknown>): Buffer {
  const whole = files.get(`documents/${String(row.document_id)}/v${String(row.version)}`);
  if (!whole) throw new BackupRefused(`the bundle lacks the file of document ${String(row.document_id)} (nothing was changed)`);
  const offset = Number(row.part) * PART_BYTES;
  return whole.subarray(offset, offset + PART_BYTES);
}

import type pg from 'pg';
import { ident } from './format.ts';
import type { TableShape } from './backup.ts';

/**
 * Which rows are one organisation's, for `together transfer` (README: "Agency transfer"):
 *
 * 1. its own row of `organisations`, and every row whose `organisation_id` or `agency_id` is it;
 * 2. the rows that hang from those by foreign key (the children of a referral made to it, their
 *    needs and events; a match's events, a meeting's actions), parents before children;
 * 3. whatever those rows point at and the target could not otherwise have (the referring local
 *    authority's organisation row and referral, the person who made it): a bundle must load with
 *    every foreign key checked. People of other organisations come as names only (see CREDENTIALS).
 *
 * Left out, because they belong to the installation and not the organisation: the audit log (each
 * side writes its own transfer entry instead), sessions, tokens, invitations, calendar feeds,
 * sign-in and rate-limit counters, forms kept for a browser's next GET, the outbox, and the
 * vocabularies every installation's migrations already hold.
 */
export const INSTALLATION_TABLES = new Set([
  'audit_log',
  'audit_chain_head',
  'audit_verifications',
  'sessions',
  'access_tokens',
  'invitations',
  'calendar_feeds',
  'sign_in_failures',
  'rate_limit_events',
  'kept_form_pages',
  'outbox',
  'ace_categories',
  'retention_classes',
  'outcome_instruments',
  'postcode_centroids',
]);

/** Columns that make a row the organisation's own. */
const OWNER_COLUMNS = ['organisation_id', 'agency_id'];

export type ForeignKey = { child: string; parent: string; columns: string[]; parentColumns: string[] };

export async function foreignKeys(client: pg.ClientBase): Promise<ForeignKey[]> {
  const { rows } = await client.query<ForeignKey>(`
    select c.relname as child, p.relname as parent,
           array(select a.attname::text from unnest(k.conkey) with ordinality u(n, i)
                  join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.n order by u.i) as "columns",
           array(select a.attname::text from unnest(k.confkey) with ordinality u(n, i)
                  join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.n order by u.i) as "parentColumns"
      from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
      join pg_namespace n on n.oid = c.relnamespace
     where k.contype = 'f' and n.nspname = 'public'
     order by 1, 2, 3`);
  return rows;
}

/** The temporary table holding the keys of one table's chosen rows. */
export const chosen = (table: string) => ident(`transfer:${table}`);

/**
 * Fills a temporary key table per table with the organisation's rows (inside the caller's
 * transaction, so every read sees one snapshot). Answers the tables that hold any.
 */
export async function chooseRows(client: pg.ClientBase, organisationId: string, shapes: TableShape[], order: string[]): Promise<string[]> {
  const byName = new Map(shapes.map((s) => [s.name, s]));
  const tables = order.filter((name) => !INSTALLATION_TABLES.has(name));
  const keys = await foreignKeys(client);
  const count = async (table: string) => Number((await client.query<{ n: string }>(`select count(*) as n from ${chosen(table)}`)).rows[0]!.n);
  for (const name of tables) {
    const key = byName.get(name)!.key.map(ident).join(', ');
    await client.query(`create temporary table ${chosen(name)} on commit drop as select ${key} from public.${ident(name)} where false`);
    await client.query(`alter table ${chosen(name)} add primary key (${key})`);
  }
  const add = async (table: string, where: string, values: unknown[] = []) => {
    const key = byName.get(table)!.key.map(ident);
    const result = await client.query(
      `insert into ${chosen(table)} select ${key.map((k) => `t.${k}`).join(', ')} from public.${ident(table)} t where ${where} on conflict do nothing`,
      values,
    );
    return result.rowCount ?? 0;
  };
  const joins = (fk: ForeignKey, childAlias: string, parentAlias: string) =>
    fk.columns.map((c, i) => `${childAlias}.${ident(c)} = ${parentAlias}.${ident(fk.parentColumns[i]!)}`).join(' and ');

  // 1. Its own rows.
  await add('organisations', 't.id = $1', [organisationId]);
  for (const name of tables) {
    const owners = OWNER_COLUMNS.filter((c) => byName.get(name)!.columns.includes(c));
    if (owners.length) await add(name, owners.map((c) => `t.${ident(c)} = $1`).join(' or '), [organisationId]);
  }
  // 2. Rows that hang from its own by foreign key (a referred child from the referral made to it, the
  //    child's needs from the child), parents first. Not through organisations or people: a row
  //    naming one of its staff, or another organisation, is not its record for that.
  for (const name of tables) {
    for (const fk of keys.filter((k) => k.child === name && tables.includes(k.parent) && k.parent !== name && !['organisations', 'users'].includes(k.parent))) {
      const parentKey = byName.get(fk.parent)!.key;
      await add(
        name,
        `exists (select 1 from public.${ident(fk.parent)} p join ${chosen(fk.parent)} s using (${parentKey.map(ident).join(', ')}) where ${joins(fk, 't', 'p')})`,
      );
    }
  }
  // 3. What chosen rows point at, until nothing more is needed.
  for (let changed = true; changed;) {
    changed = false;
    for (const fk of keys.filter((k) => tables.includes(k.child) && tables.includes(k.parent))) {
      const childKey = byName.get(fk.child)!.key;
      const added = await add(
        fk.parent,
        `exists (select 1 from public.${ident(fk.child)} c join ${chosen(fk.child)} s using (${childKey.map(ident).join(', ')}) where ${joins(fk, 'c', 't')})`,
      );
      if (added > 0) changed = true;
    }
  }
  const held: string[] = [];
  for (const name of tables) if ((await count(name)) > 0) held.push(name);
  return held;
}

/**
 * How a column is written into the bundle: people of other organisations travel without their
 * credentials and disabled (they sign in at their own installation), so a bundle never carries
 * another organisation's password hashes, and an imported name can never be signed in as.
 */
export function columnExpression(table: string, column: string, organisationId: string): string {
  if (table !== 'users') return ident(column);
  const own = `organisation_id = '${organisationId.replace(/'/g, "''")}'`;
  switch (column) {
    case 'password_hash':
      return `case when ${own} then password_hash else '!transferred' end as password_hash`;
    case 'totp_secret':
    case 'totp_enabled_at':
    case 'totp_last_step':
      return `case when ${own} then ${ident(column)} end as ${ident(column)}`;
    case 'recovery_code_hashes':
      return `case when ${own} then recovery_code_hashes else '{}' end as recovery_code_hashes`;
    case 'disabled_at':
      return `case when ${own} then disabled_at else coalesce(disabled_at, updated_at) end as disabled_at`;
    default:
      return ident(column);
  }
}

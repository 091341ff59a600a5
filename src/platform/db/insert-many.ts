import { getTableColumns, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from './pool.ts';

/**
 * Bulk inserts for synthetic data (demo, benchmarks, tests) inside the caller's transaction. Each
 * batch is one INSERT … SELECT from a JSON array (jsonb_to_recordset): one parameter instead of tens
 * of thousands, so building the statement costs nothing and 50,000 rows take seconds.
 */

const BATCH = 2000;

/** Inserts rows (keyed by the table's property names) with one INSERT … SELECT per batch. */
export async function insertMany<T extends PgTable>(tx: Tx, table: T, rows: readonly Partial<T['$inferInsert']>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => key in (rows[0] as object));
  const names = sql.join(
    columns.map(([, column]) => sql.identifier(column.name)),
    sql`, `,
  );
  const definitions = sql.join(
    columns.map(([, column]) => sql`${sql.identifier(column.name)} ${sql.raw(column.getSQLType())}`),
    sql`, `,
  );
  for (let start = 0; start < rows.length; start += BATCH) {
    const json = rows
      .slice(start, start + BATCH)
      .map((row) => Object.fromEntries(columns.map(([key, column]) => [column.name, (row as Record<string, unknown>)[key] ?? null])));
    await tx.execute(sql`insert into ${table} (${names}) select ${names} from jsonb_to_recordset(${JSON.stringify(json)}::jsonb) as x(${definitions})`);
  }
}

/**
 * Inserts rows with one INSERT … SELECT FROM unnest(…) per batch: one typed array per column (uuid[],
 * text[], integer[], date[]). PostgreSQL reads arrays of scalars far faster than it takes a JSON
 * document apart row by row, and there is no key per value to send: for rows written as a person
 * works (an invoice's lines), not only for seed data. Columns of JSON or array type are refused.
 */
export async function insertColumns<T extends PgTable>(tx: Tx, table: T, rows: readonly Partial<T['$inferInsert']>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => key in (rows[0] as object));
  for (const [, column] of columns) {
    const type = column.getSQLType();
    if (type.endsWith(']') || type.startsWith('json')) throw new Error(`insertColumns: column ${column.name} (${type}) cannot travel in an array`);
  }
  const names = sql.join(
    columns.map(([, column]) => sql.identifier(column.name)),
    sql`, `,
  );
  for (let start = 0; start < rows.length; start += BATCH * 5) {
    const batch = rows.slice(start, start + BATCH * 5);
    const arrays = columns.map(([key, column]) => {
      const values = batch.map((row) => (row as Record<string, unknown>)[key] ?? null);
      return sql`${sql.param(values)}::${sql.raw(column.getSQLType())}[]`;
    });
    await tx.execute(sql`insert into ${table} (${names}) select * from unnest(${sql.join(arrays, sql`, `)})`);
  }
}

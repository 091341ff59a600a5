import { z } from 'zod';
import { getTableColumns, type Column, type Table } from 'drizzle-orm';

/**
 * Response schemas of the JSON API. A route's `response` is what the OpenAPI document shows clients,
 * so it must name every field the route answers: times as ISO strings, empty columns as null.
 */

/** A time as JSON carries it (a Date serialised). */
export const isoTime = () => z.iso.datetime();
/** A date of the domain (a `date` column): YYYY-MM-DD. */
export const isoDate = () => z.iso.date();

/** A page as every list answers it: the items and the cursor of the next page (null on the last). */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/** What a column holds once the row is JSON. jsonb is typed only in TypeScript, so say it per route where it matters. */
function columnSchema(column: Column): z.ZodType {
  const values = (column as { enumValues?: readonly string[] }).enumValues;
  switch (column.columnType) {
    case 'PgUUID':
      return z.uuid();
    case 'PgText':
    case 'PgVarchar':
    case 'PgChar':
    case 'PgEnumColumn':
      return values && values.length > 0 ? z.enum(values as [string, ...string[]]) : z.string();
    case 'PgInteger':
    case 'PgSmallInt':
    case 'PgSerial':
    case 'PgBigInt53':
    case 'PgBigSerial53':
      return z.number().int();
    case 'PgReal':
    case 'PgDoublePrecision':
      return z.number();
    case 'PgNumeric':
      // node-postgres hands numeric over as a string, to keep its precision.
      return z.string();
    case 'PgBoolean':
      return z.boolean();
    case 'PgTimestamp':
      return isoTime();
    case 'PgDateString':
      return isoDate();
    case 'PgArray':
      return z.array(columnSchema((column as unknown as { baseColumn: Column }).baseColumn));
    case 'PgJsonb':
    case 'PgJson':
      return z.unknown();
    default:
      throw new Error(`No response schema for a ${column.columnType} column (${column.name})`);
  }
}

/** The schema of one row of a table as the API answers it, derived from the table itself so the two cannot drift. */
export function rowSchema<T extends Table>(table: T) {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, column] of Object.entries(getTableColumns(table) as Record<string, Column>)) {
    const schema = columnSchema(column);
    shape[key] = column.notNull || schema instanceof z.ZodUnknown ? schema : schema.nullable();
  }
  return z.object(shape as { [K in keyof T['_']['columns']]: z.ZodType });
}

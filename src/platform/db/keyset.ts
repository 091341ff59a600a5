import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

/** Where a page ended: the last row's sort value (as text) and its id, which breaks ties. */
export type PageKey = { value: string | null; id: string };
export type PageRequest = { limit: number; after?: PageKey };
export type Page<T> = { items: T[]; next?: PageKey };

/**
 * Keyset pagination over `(key, id)`: each page costs the same however deep, and a row added or
 * removed meanwhile never shifts the next page (OFFSET would skip or repeat rows).
 * `key` must never be null (coalesce it) and `cast` is its SQL type, so the cursor's text compares as that type.
 */
export function keyset(key: SQL, id: AnyColumn, direction: 'asc' | 'desc', cast: 'timestamptz' | 'date' | 'text' | 'integer') {
  const typed = (value: string | null) => sql`${value}::${sql.raw(cast)}`;
  return {
    /** The row's sort value as text, for the cursor. */
    value: sql<string>`(${key})::text`,
    /** Rows after the cursor, in the list's order; undefined on the first page. */
    after: (after?: PageKey): SQL | undefined =>
      after ? sql`(${key}, ${id}) ${direction === 'asc' ? sql`>` : sql`<`} (${typed(after.value)}, ${after.id}::uuid)` : undefined,
    orderBy: direction === 'asc' ? [sql`${key} asc`, sql`${id} asc`] : [sql`${key} desc`, sql`${id} desc`],
  };
}

/**
 * Cuts the rows of a query asked for `limit + 1` rows into a page: the extra row only says that
 * another page follows, whose cursor is the last row kept.
 */
export function pageOf<R, T = R>(rows: R[], limit: number, keyOf: (row: R) => PageKey, map: (row: R) => T = (row) => row as unknown as T): Page<T> {
  const kept = rows.slice(0, limit);
  const last = kept[kept.length - 1];
  return { items: kept.map(map), next: rows.length > limit && last ? keyOf(last) : undefined };
}

/**
 * The same page cut for a list worked out in memory (a computed work list, not a table): sorted by
 * `(value, id)` in `direction` and taken after the cursor. For short lists only; tables page in SQL.
 */
export function pageInMemory<T>(rows: T[], request: PageRequest, keyOf: (row: T) => PageKey, direction: 'asc' | 'desc' = 'asc'): Page<T> {
  const sign = direction === 'asc' ? 1 : -1;
  const compare = (a: PageKey, b: PageKey) => sign * (cmp(a.value ?? '', b.value ?? '') || cmp(a.id, b.id));
  const sorted = [...rows].sort((a, b) => compare(keyOf(a), keyOf(b)));
  const after = request.after;
  const rest = after ? sorted.filter((row) => compare(keyOf(row), after) > 0) : sorted;
  return pageOf(rest, request.limit, keyOf);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

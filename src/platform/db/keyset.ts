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
 * Pages a list worked out in memory in its own order (a work list: overdue first; an overview of
 * staff): the cursor names the last row shown and its place, and the next page starts after that
 * row, or (when that row has since left the list, an action done) at its place, now its
 * follower's. For lists bounded by the people of one organisation, never for a table that grows;
 * those page in SQL with `keyset`.
 */
export function pageInOrder<T>(rows: readonly T[], request: PageRequest, idOf: (row: T) => string): Page<T> {
  let start = 0;
  const after = request.after;
  if (after) {
    const at = rows.findIndex((row) => idOf(row) === after.id);
    start = at >= 0 ? at + 1 : Math.min(rows.length, Math.max(0, Number(after.value) || 0));
  }
  const rest = rows.slice(start);
  const items = rest.slice(0, request.limit);
  const last = items[items.length - 1];
  return { items, next: rest.length > request.limit && last ? { value: String(start + items.length - 1), id: idOf(last) } : undefined };
}

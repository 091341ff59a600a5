import { z } from 'zod';
import { pageInOrder, type PageKey } from '../db/keyset.ts';

/** Keyset cursors are opaque to clients: base64url JSON of the last row's sort key. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function cursorOf<T extends z.ZodType>(schema: T) {
  return z
    .string()
    .max(500)
    .transform((raw, ctx) => {
      try {
        const parsed = schema.safeParse(JSON.parse(Buffer.from(raw, 'base64url').toString()));
        if (parsed.success) return parsed.data;
      } catch {
        /* reported below */
      }
      ctx.addIssue({ code: 'custom', message: 'errors.cursor.invalid' });
      return z.NEVER;
    });
}

/** The cursor of a keyset-paginated list: where the previous page ended. */
export const pageCursor = cursorOf(z.object({ value: z.string().nullable(), id: z.uuid() }));

/**
 * Query of every list under /api/v1: a page size (`limit`, 50 unless said, at most 200) and the
 * `cursor` the previous page answered as `nextCursor`. Extend it with the list's own filters.
 */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: pageCursor.optional(),
});

/** A page as every list answers it: `{ items, nextCursor }`, nextCursor null on the last page. */
export function pageAnswer<T>(page: { items: T[]; next?: unknown }): { items: T[]; nextCursor: string | null } {
  return { items: page.items, nextCursor: page.next ? encodeCursor(page.next) : null };
}

/** A list worked out in memory in its own order, answered a page at a time (see pageInOrder). */
export function inOrderAnswer<T>(rows: readonly T[], query: { limit: number; cursor?: PageKey }, idOf: (row: T) => string) {
  return pageAnswer(pageInOrder(rows, { limit: query.limit, after: query.cursor }, idOf));
}

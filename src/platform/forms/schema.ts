import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * A form page sent back with its mistakes, kept for a few minutes between a browser's POST and the
 * GET its redirect leads to (kept-pages.ts). It holds what the person typed, so only the platform's
 * own job may read it (row-level security), it is deleted when shown and old ones are purged. The
 * key is a hash of the reader's CSRF token (their session's, or their cookie's when signed out) and
 * the page's address: nobody else can name it, and the address is not stored as typed.
 */
export const keptFormPages = pgTable(
  'kept_form_pages',
  {
    key: text('key').primaryKey(),
    /** The status the form was answered with (400, 409 ...): the GET answers with it again. */
    status: integer('status').notNull(),
    html: text('html').notNull(),
    /** The page's CSP nonce, replaced by the new response's own when the page is shown. */
    nonce: text('nonce'),
    keptAt: timestamp('kept_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('kept_form_pages_kept_at_idx').on(t.keptAt)],
);

import { sql, type SQL } from 'drizzle-orm';
import type { SearchTerms } from './terms.ts';

/**
 * SQL pieces the owning modules' search reads share. `search_fold` (migration 0028) takes accents
 * and case away; each module's indexed expression must be written here exactly as in its index
 * (`search_fold(<same columns>)`), so that the trigram index serves both tests below.
 */

export const fold = (value: SQL): SQL => sql`public.search_fold(${value})`;

/** The folded text contains the search text, or holds a word close to it (a typing slip). */
export function textMatches(text: SQL, terms: SearchTerms): SQL {
  return sql`(${fold(text)} LIKE ${fold(sql`${terms.contains}`)} OR ${fold(sql`${terms.text}`)} <% ${fold(text)})`;
}

/** How close the search text is to the closest words of the text (0 to 1; null for no text). */
export function closeness(text: SQL, terms: SearchTerms): SQL<number> {
  return sql<number>`word_similarity(${fold(sql`${terms.text}`)}, ${fold(text)})`;
}

/** The record's reference (the start of its id) begins with the search text; false when the text cannot be one. */
export function referenceMatches(id: SQL, terms: SearchTerms): SQL {
  return terms.referencePrefix ? sql`(${id})::text LIKE ${terms.referencePrefix}` : sql`false`;
}

/**
 * What a person typed into the search box, made ready for the owning modules' search reads. Pure:
 * no database. Accents and case are folded in the database (search_fold, migration 0028), so the
 * same folding applies to the text and to the indexed names.
 */

/** Shorter than this finds almost everything and no trigram index can help: the page asks for more. */
export const MIN_QUERY_LENGTH = 2;
/** Longer than any name or reference: refused as bad input. */
export const MAX_QUERY_LENGTH = 100;
/** Results per kind of record: the best matches, not a list to page through. */
export const RESULTS_PER_KIND = 20;

export type SearchTerms = {
  /** The text, trimmed and with runs of spaces made one. */
  text: string;
  /** The text as a LIKE pattern matching it anywhere ("%text%"), its wildcards escaped. */
  contains: string;
  /**
   * A record's reference as the service shows it (the first eight characters of its id, "A1B2C3D4"),
   * as a lower-case LIKE prefix ("a1b2%"), when the text could be the start of one.
   */
  referencePrefix?: string;
  limit: number;
};

export type TermsProblem = 'empty' | 'tooShort' | 'tooLong';

export function searchTerms(raw: string | undefined): { terms: SearchTerms } | { problem: TermsProblem } {
  const text = (raw ?? '').trim().replace(/\s+/g, ' ');
  if (text.length === 0) return { problem: 'empty' };
  if ([...text].length < MIN_QUERY_LENGTH) return { problem: 'tooShort' };
  if ([...text].length > MAX_QUERY_LENGTH) return { problem: 'tooLong' };
  const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`);
  const reference = /^[0-9a-f]{4,8}$/i.test(text) ? `${text.toLowerCase()}%` : undefined;
  return { terms: { text, contains: `%${escaped}%`, referencePrefix: reference, limit: RESULTS_PER_KIND } };
}

import type { RecordFact } from './record.ts';

/**
 * Pages hand GOV.UK components rows whose values are sometimes HTML (a tag, a list of needs, typed text
 * with its line breaks). A printed record takes the same rows, so it says what the page says, as text.
 */

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };

/** An HTML fragment of a page as plain text: line breaks and list items on their own lines, tags dropped. */
export function htmlText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<li[^>]*>/gi, '\n• ')
    .replace(/<\/(li|p|ul|ol|div)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name: string) => ENTITIES[name]!)
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join('\n');
}

/** A summary list's row as the page builds it for govukSummaryList. */
export type SummaryListRow = { key: { text: string }; value: { text?: string | number; html?: string } };

/** The rows of a summary list as printed facts. */
export function summaryFacts(rows: readonly SummaryListRow[]): RecordFact[] {
  return rows.map((row) => ({ label: row.key.text, value: row.value.html !== undefined ? htmlText(row.value.html) : String(row.value.text ?? '') }));
}

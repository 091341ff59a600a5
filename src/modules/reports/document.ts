import type { Cell } from '../reporting/index.ts';

/**
 * A funder's or commissioner's report as plain data: what the report says, already through disclosure
 * control and already in its language. The measures build it (reports' service); the renderers (PDF, XLSX,
 * CSV zip) only lay it out, so the three formats can never disagree on a figure. Nothing here is a person's
 * record: every figure is a count, a share or a statistic over at least the threshold of children.
 */

export type ReportLanguage = 'en' | 'cy';

/** A figure as published: a number, "c" for suppressed, or null where nothing applies (shown as "–"). */
export type ReportValue = Cell | null;

export type ReportColumn = {
  /** Stable code, also the CSV header's key (e.g. "referred"). */
  code: string;
  /** The column's heading in the report's language. */
  heading: string;
  /**
   * How a number in it is written: `count` whole, `percent` whole with "%", `decimal` one place,
   * `pence` as pounds (integer pence in, "£1,234.56" out), `text` as given.
   */
  kind: 'count' | 'percent' | 'decimal' | 'pence' | 'text';
};

export type ReportRow = {
  /** The row's label (first column), in the report's language. */
  label: string;
  /**
   * The label's language when it is not the report's: an organisation with no name in the report's
   * language is named in English, and a page marks it so a screen reader speaks it as English.
   */
  labelLang?: ReportLanguage;
  /** One value per column, in column order. */
  values: (number | string | null)[];
  /** A total or sub-total row, printed bold. */
  total?: boolean;
};

export type ReportTable = {
  /** Stable code, unique in the report; the CSV file's name and the XLSX sheet's table id. */
  code: string;
  caption: string;
  /** Heading of the label column (e.g. "Local authority"). */
  labelHeading: string;
  columns: ReportColumn[];
  rows: ReportRow[];
  /** Notes printed under the table: suppression applied, rounding, what a dash means. */
  notes: string[];
};

/** A bar chart drawn from a table's figures; suppressed bars are left out and named in the notes. */
export type ReportChart = {
  code: string;
  title: string;
  /** Text alternative: what the chart shows, in words (the table beside it holds the figures). */
  description: string;
  bars: { label: string; value: number | 'c' | null }[];
  /** Unit of the bars' axis in the report's language (e.g. "children"). */
  unit: string;
};

export type ReportSection = {
  /** Stable code (e.g. "children", "outcomes", "money"): the XLSX sheet name's source. */
  code: string;
  title: string;
  /** What each measure in the section means, in words (printed on the report; the method notes). */
  method: string[];
  /** Short headline sentences (e.g. "Children placed had on average 7 ACEs against 4 in the comparison cohort."). */
  headlines: string[];
  tables: ReportTable[];
  charts: ReportChart[];
};

export type ReportDocument = {
  language: ReportLanguage;
  /** e.g. "Adopting Together: report to Welsh Government". */
  title: string;
  /** The organisation the report is issued to, by name. */
  recipient: string;
  /** The agency that issues it. */
  issuer: string;
  /** Period covered, ISO dates inclusive, and as words in the report's language. */
  period: { from: string; to: string; words: string };
  /** Reference such as "R-2026-0004 v2" (null in a preview). */
  reference: string | null;
  /** When issued, as words in the report's language (null in a preview). */
  issuedOn: string | null;
  /** The disclosure rule as applied, in words (threshold, secondary suppression, rounding). */
  disclosureNote: string;
  sections: ReportSection[];
};

/** A rendered file: what a download serves, byte for byte. */
export type RenderedReport = { format: 'pdf' | 'xlsx' | 'csv'; contentType: string; fileName: string; bytes: Buffer };

import type { InstrumentDefinition, Text } from './instrument.ts';

/**
 * Families' satisfaction by item and over time: for each item the mean answer and the share who
 * agreed (4 or 5 of 5), overall and per year the questionnaire was submitted; and the overall
 * satisfaction score per year. Exact figures: the report is the agency's own.
 */
export type ItemFigures = { responses: number; agreed: number; mean: number | null; agreePercent: number | null };

export type SatisfactionReport = {
  instrument: string;
  version: number;
  name: Text;
  responses: number;
  years: string[];
  items: { code: string; text: Text; overall: ItemFigures; byYear: Record<string, ItemFigures> }[];
  overallByYear: { year: string; responses: number; meanScore: number | null }[];
  /** The overall satisfaction score (the sum of the answers) over every response. */
  overall: { responses: number; meanScore: number | null; min: number; max: number };
};

/** `year` when the period is not the calendar year of submission (the workers' financial year, 2026-27). */
type Submitted = { submittedOn: string | null; year?: string; answers: Record<string, number>; scores: Record<string, number> | null };

const oneDecimal = (n: number) => Math.round(n * 10) / 10;

function figures(values: number[], agreeFrom: number): ItemFigures {
  if (!values.length) return { responses: 0, agreed: 0, mean: null, agreePercent: null };
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const agreed = values.filter((v) => v >= agreeFrom).length;
  return { responses: values.length, agreed, mean: oneDecimal(mean), agreePercent: Math.round((100 * agreed) / values.length) };
}

export function satisfactionByItem(definition: InstrumentDefinition, rows: readonly Submitted[]): SatisfactionReport {
  const yearOf = (r: Submitted) => r.year ?? r.submittedOn!.slice(0, 4);
  const dated = rows.filter((r) => r.year || r.submittedOn);
  const inYear = (y: string) => dated.filter((r) => yearOf(r) === y);
  const years = [...new Set(dated.map(yearOf))].sort();
  const items = (definition.items ?? []).map((item) => {
    const top = Math.max(...item.answers.map((a) => a.value));
    const agreeFrom = top - 1;
    const valuesOf = (subset: readonly Submitted[]) => subset.map((r) => r.answers[item.code]).filter((v): v is number => typeof v === 'number');
    return {
      code: item.code,
      text: item.text,
      overall: figures(valuesOf(dated), agreeFrom),
      byYear: Object.fromEntries(years.map((y) => [y, figures(valuesOf(inYear(y)), agreeFrom)])),
    };
  });
  const scale = definition.scales[0]!;
  const overallOf = (subset: readonly Submitted[]) => {
    const scores = subset.map((r) => r.scores?.[scale.code]).filter((v): v is number => typeof v === 'number');
    return { responses: scores.length, meanScore: scores.length ? oneDecimal(scores.reduce((a, b) => a + b, 0) / scores.length) : null };
  };
  const overallByYear = years.map((year) => ({ year, ...overallOf(inYear(year)) }));
  const overall = { ...overallOf(dated), min: scale.min, max: scale.max };
  return { instrument: definition.code, version: definition.version, name: definition.name, responses: dated.length, years, items, overallByYear, overall };
}

/** Who answered: the three groups of the evaluation framework. */
export const SATISFACTION_GROUPS = ['families', 'localAuthorities', 'workers'] as const;
export type SatisfactionGroup = (typeof SATISFACTION_GROUPS)[number];

/** A comment left with a questionnaire, for the service manager only: never who wrote it. */
export type SatisfactionComment = { year: string; text: string };

/** The service manager's report: each group's figures and, where the questionnaire asks for one, its comments. */
export type SatisfactionReports = Record<SatisfactionGroup, SatisfactionReport & { comments: SatisfactionComment[] | null }>;

/**
 * Comments newest period first; the order within a period is the text's, so the list says nothing
 * about when within the year (or in which order) anyone answered.
 */
export function commentsOf(rows: readonly { year: string; comment: string | null }[]): SatisfactionComment[] {
  return rows
    .filter((r): r is { year: string; comment: string } => Boolean(r.comment))
    .map((r) => ({ year: r.year, text: r.comment }))
    .sort((a, b) => (a.year === b.year ? a.text.localeCompare(b.text) : a.year < b.year ? 1 : -1));
}

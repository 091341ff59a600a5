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
};

type Submitted = { submittedOn: string | null; answers: Record<string, number>; scores: Record<string, number> | null };

const oneDecimal = (n: number) => Math.round(n * 10) / 10;

function figures(values: number[], agreeFrom: number): ItemFigures {
  if (!values.length) return { responses: 0, agreed: 0, mean: null, agreePercent: null };
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const agreed = values.filter((v) => v >= agreeFrom).length;
  return { responses: values.length, agreed, mean: oneDecimal(mean), agreePercent: Math.round((100 * agreed) / values.length) };
}

export function satisfactionByItem(definition: InstrumentDefinition, rows: readonly Submitted[]): SatisfactionReport {
  const dated = rows.filter((r) => r.submittedOn);
  const years = [...new Set(dated.map((r) => r.submittedOn!.slice(0, 4)))].sort();
  const items = (definition.items ?? []).map((item) => {
    const top = Math.max(...item.answers.map((a) => a.value));
    const agreeFrom = top - 1;
    const valuesOf = (subset: readonly Submitted[]) => subset.map((r) => r.answers[item.code]).filter((v): v is number => typeof v === 'number');
    return {
      code: item.code,
      text: item.text,
      overall: figures(valuesOf(dated), agreeFrom),
      byYear: Object.fromEntries(years.map((y) => [y, figures(valuesOf(dated.filter((r) => r.submittedOn!.startsWith(y))), agreeFrom)])),
    };
  });
  const scale = definition.scales[0]!.code;
  const overallByYear = years.map((year) => {
    const scores = dated
      .filter((r) => r.submittedOn!.startsWith(year))
      .map((r) => r.scores?.[scale])
      .filter((v): v is number => typeof v === 'number');
    return { year, responses: scores.length, meanScore: scores.length ? oneDecimal(scores.reduce((a, b) => a + b, 0) / scores.length) : null };
  });
  return { instrument: definition.code, version: definition.version, name: definition.name, responses: dated.length, years, items, overallByYear };
}

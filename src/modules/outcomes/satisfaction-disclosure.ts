import { discloseCohort, type Cell, type DisclosureConfig } from '../reporting/index.ts';
import type { InstrumentDefinition, Text } from './instrument.ts';

/**
 * A local authority's own answers as it may read them back: figures leave the agency, so every
 * count passes the reporting module's disclosure control (1–4 shown as "c", a second cell hidden
 * where a hidden one could be worked out, totals rounded) and a mean is shown only where no count
 * behind it is hidden. No comment, no child, no name: the comments stay with the service manager.
 */
export type DisclosedSatisfaction = {
  responses: Cell;
  items: { code: string; text: Text; counts: Cell[]; mean: Cell | null }[];
  overall: { bands: { code: string; name: Text; count: Cell }[]; meanScore: Cell | null; min: number; max: number };
};

const oneDecimal = (n: number) => Math.round(n * 10) / 10;
const meanOf = (values: readonly number[]) => (values.length ? oneDecimal(values.reduce((a, b) => a + b, 0) / values.length) : null);

export function discloseSatisfaction(
  definition: InstrumentDefinition,
  rows: readonly { answers: Record<string, number>; scores: Record<string, number> | null }[],
  config: DisclosureConfig,
): DisclosedSatisfaction {
  const items = (definition.items ?? []).map((item) => {
    const values = rows.map((r) => r.answers[item.code]).filter((v): v is number => typeof v === 'number');
    const counts = item.answers.map((a) => values.filter((v) => v === a.value).length);
    const disclosed = discloseCohort(counts, { mean: meanOf(values) }, config);
    return { code: item.code, text: item.text, counts: disclosed.cells, mean: disclosed.statistics.mean };
  });
  const scale = definition.scales[0]!;
  const scores = rows.map((r) => r.scores?.[scale.code]).filter((v): v is number => typeof v === 'number');
  const bandCounts = scale.bands.map((b) => scores.filter((s) => s >= b.min && s <= b.max).length);
  const overall = discloseCohort(bandCounts, { meanScore: meanOf(scores) }, config);
  return {
    responses: overall.total,
    items,
    overall: {
      bands: scale.bands.map((b, i) => ({ code: b.code, name: b.name, count: overall.cells[i]! })),
      meanScore: overall.statistics.meanScore,
      min: scale.min,
      max: scale.max,
    },
  };
}

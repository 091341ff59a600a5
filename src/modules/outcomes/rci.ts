import type { Scale } from './instrument.ts';

/**
 * Reliable change (Jacobson & Truax 1991; domain.md "Evaluation"):
 *   SE of measurement  = SD · √(1 − r)
 *   SE of difference   = √2 · SE
 *   RCI                = (x2 − x1) / SE of difference
 * |RCI| > 1.96 is a change unlikely (p < .05) to be measurement error alone. Whether a rise is an
 * improvement depends on the scale: prosocial behaviour up is better, difficulties up are worse.
 */

export const RELIABLE = 1.96;

export type Change = 'improved' | 'no_reliable_change' | 'deteriorated';

export type ReliableChange = {
  from: number;
  to: number;
  difference: number;
  standardError: number;
  standardErrorOfDifference: number;
  rci: number;
  change: Change;
};

/** The working of the index between two scores of one scale; undefined when the scale has no norms. */
export function reliableChange(scale: Pick<Scale, 'higherIsBetter' | 'norms'>, from: number, to: number): ReliableChange | undefined {
  if (!scale.norms) return undefined;
  const standardError = scale.norms.sd * Math.sqrt(1 - scale.norms.reliability);
  const standardErrorOfDifference = Math.SQRT2 * standardError;
  const difference = to - from;
  const rci = difference / standardErrorOfDifference;
  return { from, to, difference, standardError, standardErrorOfDifference, rci, change: classify(rci, scale.higherIsBetter) };
}

export function classify(rci: number, higherIsBetter: boolean): Change {
  if (Math.abs(rci) <= RELIABLE) return 'no_reliable_change';
  return rci > 0 === higherIsBetter ? 'improved' : 'deteriorated';
}

/**
 * The smallest whole-point change that is reliable on this scale (how far a score must move):
 * used by the cohort query, which classifies in the database.
 */
export function reliableThreshold(scale: Pick<Scale, 'norms'>): number | undefined {
  if (!scale.norms) return undefined;
  return RELIABLE * Math.SQRT2 * scale.norms.sd * Math.sqrt(1 - scale.norms.reliability);
}

/**
 * The 95% Wilson score interval of a proportion (Wilson 1927), which stays inside 0–1 and behaves
 * with small groups and shares near 0 or 1 where the normal approximation does not:
 *   centre = (p + z²/2n) / (1 + z²/n),  half-width = z·√(p(1−p)/n + z²/4n²) / (1 + z²/n)
 */
export function wilsonInterval(successes: number, n: number, z = 1.959963984540054): { share: number; lower: number; upper: number } | undefined {
  if (n <= 0) return undefined;
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return { share: p, lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) };
}

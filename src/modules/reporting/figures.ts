/** The agency's disclosure settings and the published figure: a number, or "c" where suppressed. */
export type DisclosureConfig = {
  /** Counts from 1 up to this number minus one are suppressed (default 5: suppress 1–4). */
  minimumCount: number;
  /** Published totals are rounded to a multiple of this (default 5; 1 means no rounding). */
  roundTotalsTo: number;
};

export const DEFAULT_DISCLOSURE: DisclosureConfig = { minimumCount: 5, roundTotalsTo: 5 };

export const SUPPRESSED = 'c' as const;
export type Cell = number | typeof SUPPRESSED;

export function isSmall(n: number, config: DisclosureConfig): boolean {
  return n > 0 && n < config.minimumCount;
}

export function roundTotal(n: number, config: DisclosureConfig = DEFAULT_DISCLOSURE): number {
  return config.roundTotalsTo > 1 ? Math.round(n / config.roundTotalsTo) * config.roundTotalsTo : n;
}

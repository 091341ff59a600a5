/**
 * Adverse Childhood Experiences: the standard ten, each recorded as known, suspected, not known
 * or none, with its source and date. The ACE count is over the standard ten; extended categories
 * (configured by the agency) are counted separately so scores stay comparable with the literature.
 */
export const STANDARD_ACES = [
  'physical_abuse',
  'emotional_abuse',
  'sexual_abuse',
  'physical_neglect',
  'emotional_neglect',
  'domestic_violence',
  'household_substance_misuse',
  'household_mental_illness',
  'parental_separation',
  'household_imprisonment',
] as const;
export type StandardAce = (typeof STANDARD_ACES)[number];

export const ACE_STATUSES = ['known', 'suspected', 'not_known', 'none'] as const;
export type AceStatus = (typeof ACE_STATUSES)[number];

export type AceEntry = { category: string; status: AceStatus; source: string | null; recordedOn: string | null };

export type AceCounts = { known: number; knownOrSuspected: number; notKnown: number; extendedKnown: number; extendedKnownOrSuspected: number };

export function countAces(entries: readonly AceEntry[]): AceCounts {
  const standard = new Set<string>(STANDARD_ACES);
  const counts: AceCounts = { known: 0, knownOrSuspected: 0, notKnown: 0, extendedKnown: 0, extendedKnownOrSuspected: 0 };
  for (const entry of entries) {
    const isStandard = standard.has(entry.category);
    if (entry.status === 'known') {
      if (isStandard) counts.known++;
      else counts.extendedKnown++;
    }
    if (entry.status === 'known' || entry.status === 'suspected') {
      if (isStandard) counts.knownOrSuspected++;
      else counts.extendedKnownOrSuspected++;
    }
    if (entry.status === 'not_known' && isStandard) counts.notKnown++;
  }
  // A standard category never recorded is not known either.
  const recorded = new Set(entries.filter((e) => standard.has(e.category)).map((e) => e.category));
  counts.notKnown += STANDARD_ACES.filter((c) => !recorded.has(c)).length;
  return counts;
}

export type CohortStatistics = {
  children: number;
  mean: number | null;
  median: number | null;
  /** distribution[k] = children with an ACE count of k (0..10). */
  distribution: number[];
};

/** Mean, median and distribution of ACE counts over a cohort (counts 0..10). */
export function cohortStatistics(counts: readonly number[]): CohortStatistics {
  const distribution = Array.from({ length: STANDARD_ACES.length + 1 }, () => 0);
  for (const c of counts) distribution[Math.max(0, Math.min(STANDARD_ACES.length, c))]! += 1;
  if (counts.length === 0) return { children: 0, mean: null, median: null, distribution };
  const sorted = [...counts].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  const mean = counts.reduce((sum, c) => sum + c, 0) / counts.length;
  return { children: counts.length, mean: Math.round(mean * 10) / 10, median, distribution };
}

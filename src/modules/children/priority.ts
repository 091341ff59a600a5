import { addMonths, ageInYears, type IsoDate } from '../../platform/dates/dates.ts';
import type { Ethnicity, NeedCategory, Severity } from './vocabulary.ts';

/** Why a child counts among "the children who wait": each reason is shown, not just a flag. */
export const PRIORITY_REASONS = [
  'age',
  'sibling_group',
  'disability_or_needs',
  'developmental_uncertainty',
  'minority_ethnic',
  'waiting_since_placement_order',
] as const;
export type PriorityReason = (typeof PRIORITY_REASONS)[number];

export type PriorityConfig = {
  /** Age in completed years at referral from which a child waits longer (default 4). */
  minimumAgeYears: number;
  /** Months since the placement order after which waiting is itself a reason (default 12). */
  waitingMonthsSincePlacementOrder: number;
  /** Ethnic groups that are not counted as minority ethnic (default White British only). */
  majorityEthnicities: readonly Ethnicity[];
  /** Needs of this severity or more count (default any recorded need). */
  minimumNeedSeverity: Severity;
};

export const DEFAULT_PRIORITY_CONFIG: PriorityConfig = {
  minimumAgeYears: 4,
  waitingMonthsSincePlacementOrder: 12,
  majorityEthnicities: ['white_british'],
  minimumNeedSeverity: 'mild',
};

export type PriorityFacts = {
  dateOfBirth: IsoDate;
  referralDate: IsoDate;
  inSiblingGroup: boolean;
  needs: readonly { category: NeedCategory; severity: Severity }[];
  developmentalUncertainty: boolean;
  ethnicity: Ethnicity | null;
  placementOrderDate: IsoDate | null;
};

export type PriorityReasonDetail = { reason: PriorityReason; params: Record<string, string | number> };

const SEVERITY_RANK: Record<Severity, number> = { mild: 1, moderate: 2, severe: 3 };

/**
 * Classifies a child's priority on `today`, returning every reason with the facts behind it
 * (so a worker sees "aged 6 at referral", not an opaque flag).
 */
export function classifyPriority(child: PriorityFacts, today: IsoDate, config: PriorityConfig = DEFAULT_PRIORITY_CONFIG): PriorityReasonDetail[] {
  const reasons: PriorityReasonDetail[] = [];
  const ageAtReferral = ageInYears(child.dateOfBirth, child.referralDate);
  if (ageAtReferral >= config.minimumAgeYears) reasons.push({ reason: 'age', params: { age: ageAtReferral } });
  if (child.inSiblingGroup) reasons.push({ reason: 'sibling_group', params: {} });
  const counted = child.needs.filter((n) => SEVERITY_RANK[n.severity] >= SEVERITY_RANK[config.minimumNeedSeverity]);
  if (counted.length > 0) reasons.push({ reason: 'disability_or_needs', params: { count: counted.length } });
  if (child.developmentalUncertainty) reasons.push({ reason: 'developmental_uncertainty', params: {} });
  if (child.ethnicity && child.ethnicity !== 'not_known' && child.ethnicity !== 'not_stated' && !config.majorityEthnicities.includes(child.ethnicity)) {
    reasons.push({ reason: 'minority_ethnic', params: {} });
  }
  if (child.placementOrderDate && addMonths(child.placementOrderDate, config.waitingMonthsSincePlacementOrder) <= today) {
    reasons.push({ reason: 'waiting_since_placement_order', params: { months: config.waitingMonthsSincePlacementOrder } });
  }
  return reasons;
}

import { z } from 'zod';
import { SEVERITIES, type Severity } from '../children/index.ts';
import { SUPPORT_NETWORK_LEVELS, type SupportNetworkLevel } from '../recruitment/index.ts';

/**
 * The soft criteria of the compatibility score, in the order reasons are shown. Hard limits (the
 * family's stated limits and the safety distance) are not weighted: they exclude a pair.
 *
 * Waiting time is deliberately NOT a criterion: it says nothing about whether a family suits a
 * child. The assignment adds its own configurable priority bonus for children who have waited
 * longest, so the compatibility score stays a statement about the pair alone.
 */
export const CRITERIA = ['needs', 'age', 'language', 'identity', 'experience', 'supportNetwork', 'therapeuticPreparation', 'contactDistance'] as const;
export type Criterion = (typeof CRITERIA)[number];

export { SUPPORT_NETWORK_LEVELS, type SupportNetworkLevel } from '../recruitment/index.ts';

/** The agency's matching weights and limits. Changing them is audited (a new version each time). */
export type MatchingConfig = {
  /**
   * Relative weight of each soft criterion (default: they sum to 100). The 100 points of a score
   * are shared among the criteria that could be assessed for the pair, in proportion to these.
   */
  weights: Record<Criterion, number>;
  /** A household within this distance of any birth family postcode is excluded (safety). */
  safetyDistanceKm: number;
  /** Important people within this distance: full credit for distance. */
  contactFullCreditKm: number;
  /** Important people this far away or further: no credit; in between, credit falls in a straight line. */
  contactMaxKm: number;
  /**
   * Credit (0–1) for a need the family could consider only with support, by the need's severity.
   * A need they "can" consider earns full credit whatever its severity.
   */
  withSupportCredit: Record<Severity, number>;
  /** Credit (0–1) for a child whose age is at the edge of the family's range; the middle earns 1. */
  ageEdgeCredit: number;
  /** Credit (0–1) for each level of the family's support network. */
  supportNetworkCredit: Record<SupportNetworkLevel, number>;
  /** Credit (0–1) when the family shares part of the heritage (a broad ethnic group, see heritageMask), not the exact one. */
  ethnicityBroadGroupCredit: number;
};

export const DEFAULT_MATCHING_CONFIG: MatchingConfig = {
  weights: {
    needs: 30,
    age: 15,
    language: 10,
    identity: 10,
    experience: 10,
    supportNetwork: 10,
    therapeuticPreparation: 10,
    contactDistance: 5,
  },
  safetyDistanceKm: 20,
  contactFullCreditKm: 15,
  contactMaxKm: 80,
  withSupportCredit: { mild: 0.75, moderate: 0.5, severe: 0.25 },
  ageEdgeCredit: 0.5,
  supportNetworkCredit: { strong: 1, some: 0.5, limited: 0 },
  ethnicityBroadGroupCredit: 0.5,
};

const weight = z
  .number({ error: 'matching:errors.config.weightInvalid' })
  .finite('matching:errors.config.weightInvalid')
  .min(0, 'matching:errors.config.weightNegative');
const credit = z
  .number({ error: 'matching:errors.config.creditInvalid' })
  .finite('matching:errors.config.creditInvalid')
  .min(0, 'matching:errors.config.creditRange')
  .max(1, 'matching:errors.config.creditRange');
const distance = z
  .number({ error: 'matching:errors.config.distanceInvalid' })
  .finite('matching:errors.config.distanceInvalid')
  .min(0, 'matching:errors.config.distanceNegative');

const weightsShape = Object.fromEntries(CRITERIA.map((c) => [c, weight])) as Record<Criterion, typeof weight>;
const severityShape = Object.fromEntries(SEVERITIES.map((s) => [s, credit])) as Record<Severity, typeof credit>;
const networkShape = Object.fromEntries(SUPPORT_NETWORK_LEVELS.map((s) => [s, credit])) as Record<SupportNetworkLevel, typeof credit>;

/**
 * The configuration as stored (JSON) or submitted, checked: weights non-negative with at least one
 * above zero, credits between 0 and 1, distances non-negative and the contact distances in order.
 * Messages are translation keys (matching:errors.config.*).
 */
export const matchingConfigSchema = z
  .strictObject(
    {
      weights: z.strictObject(weightsShape, { error: 'matching:errors.config.invalid' }),
      safetyDistanceKm: distance,
      contactFullCreditKm: distance,
      contactMaxKm: distance,
      withSupportCredit: z.strictObject(severityShape, { error: 'matching:errors.config.invalid' }),
      ageEdgeCredit: credit,
      supportNetworkCredit: z.strictObject(networkShape, { error: 'matching:errors.config.invalid' }),
      ethnicityBroadGroupCredit: credit,
    },
    { error: 'matching:errors.config.invalid' },
  )
  .refine((c) => CRITERIA.some((k) => c.weights[k] > 0), { path: ['weights'], message: 'matching:errors.config.noPositiveWeight' })
  .refine((c) => c.contactMaxKm > c.contactFullCreditKm, { path: ['contactMaxKm'], message: 'matching:errors.config.contactDistanceOrder' });

/** Parses a stored or submitted configuration; throws a ZodError whose messages are translation keys. */
export function parseMatchingConfig(input: unknown): MatchingConfig {
  return matchingConfigSchema.parse(input);
}

/** Whether a configuration is usable, with its first problems as translation keys by field. */
export function validateMatchingConfig(input: unknown): { ok: true; config: MatchingConfig } | { ok: false; errors: { field: string; key: string }[] } {
  const result = matchingConfigSchema.safeParse(input);
  if (result.success) return { ok: true, config: result.data };
  return { ok: false, errors: result.error.issues.map((i) => ({ field: i.path.map(String).join('.') || 'config', key: i.message })) };
}

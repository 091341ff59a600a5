/**
 * The words and starting figures of the cost side of finance: the activities whose staff time is
 * costed, the roles that do them, the alternative care a placement avoids, and direct costs.
 * Every figure here is a default the service manager replaces on the rates pages; each says where
 * it comes from so nobody mistakes a starting value for a fact.
 */

/** Recorded work that takes staff time, each read from the module that keeps it. */
export const ACTIVITIES = [
  'home_study_visit',
  'adoption_panel',
  'matching_panel',
  'tac_meeting',
  'consultation',
  'adopter_preparation',
  'support_session',
  'supervision',
  'training_session',
] as const;
export type Activity = (typeof ACTIVITIES)[number];

/** Roles whose time is costed (agency and clinical staff). */
export const COSTED_ROLES = ['family_finder', 'social_worker', 'therapeutic_social_worker', 'clinical_psychologist', 'service_manager'] as const;
export type CostedRole = (typeof COSTED_ROLES)[number];

export type ActivitySetting = {
  /** Minutes of each role's time when the record has no duration of its own (a home-study visit, a panel). */
  defaultMinutes: number;
  /** Who gives their time: each role's minutes are costed at that role's rate. */
  roles: readonly CostedRole[];
};

/**
 * Starting durations and who attends. Visits and panels keep no duration in their records, so the
 * default is what they take including preparation and write-up (a home-study visit about three
 * hours; a panel item an hour and a half for the presenting worker and the chair's adviser).
 */
export const DEFAULT_ACTIVITY_SETTINGS: Record<Activity, ActivitySetting> = {
  home_study_visit: { defaultMinutes: 180, roles: ['social_worker'] },
  adoption_panel: { defaultMinutes: 90, roles: ['social_worker', 'service_manager'] },
  matching_panel: { defaultMinutes: 90, roles: ['family_finder', 'service_manager'] },
  tac_meeting: { defaultMinutes: 90, roles: ['clinical_psychologist', 'therapeutic_social_worker', 'family_finder'] },
  consultation: { defaultMinutes: 60, roles: ['clinical_psychologist'] },
  adopter_preparation: { defaultMinutes: 120, roles: ['therapeutic_social_worker'] },
  support_session: { defaultMinutes: 60, roles: ['therapeutic_social_worker'] },
  supervision: { defaultMinutes: 90, roles: ['clinical_psychologist', 'social_worker'] },
  training_session: { defaultMinutes: 180, roles: ['therapeutic_social_worker', 'social_worker'] },
};

/**
 * Starting hourly rates in pence (salary with on-costs and overheads, per hour of work): illustrative
 * figures of the order of the PSSRU unit costs for social work staff, to be replaced by the agency's own.
 */
export const DEFAULT_HOURLY_RATES_PENCE: Record<CostedRole, number> = {
  family_finder: 5_000,
  social_worker: 5_000,
  therapeutic_social_worker: 5_500,
  clinical_psychologist: 8_000,
  service_manager: 6_500,
};

/** Costs entered by hand (campaign spend comes from recruitment campaigns, already recorded there). */
export const DIRECT_COST_CATEGORIES = ['venue', 'interpreter', 'travel', 'other'] as const;
export type DirectCostCategory = (typeof DIRECT_COST_CATEGORIES)[number];

/** The care a child placed for adoption would otherwise have had. */
export const CARE_KINDS = ['foster_care', 'residential_care'] as const;
export type CareKind = (typeof CARE_KINDS)[number];

export type UnitCost = { careKind: CareKind; weeklyPence: number; priceYear: number; source: string };

/** The domain brief's unit costs (PSSRU Unit Costs of Health and Social Care 2017). */
export const DEFAULT_UNIT_COSTS: readonly UnitCost[] = [
  { careKind: 'foster_care', weeklyPence: 64_600, priceYear: 2017, source: 'PSSRU Unit Costs of Health and Social Care 2017' },
  { careKind: 'residential_care', weeklyPence: 300_000, priceYear: 2017, source: 'PSSRU Unit Costs of Health and Social Care 2017' },
];

/**
 * A price index by financial year (2017–18 = 100.000, in thousandths), to bring a dated unit cost to
 * the report's prices. Starting values follow the shape of HM Treasury's GDP deflator rebased to
 * 2017–18 and rounded; replace them with the official series (or the PSSRU pay and prices index).
 */
export const DEFAULT_PRICE_INDEX: Readonly<Record<number, number>> = {
  2017: 100_000,
  2018: 102_100,
  2019: 104_300,
  2020: 109_600,
  2021: 109_800,
  2022: 115_400,
  2023: 122_300,
  2024: 126_500,
  2025: 130_000,
  2026: 133_300,
};

/** HM Treasury Green Book social time preference rate: 3.5% a year, in basis points. */
export const DEFAULT_DISCOUNT_BASIS_POINTS = 350;

/**
 * What the adoption route cost when no fee is recorded for a child: the Adopting Together SLA
 * model of £8,000 a child (£2,000 recruitment and training plus £6,000 therapeutic support).
 */
export const DEFAULT_ROUTE_FEE_PENCE = 800_000;

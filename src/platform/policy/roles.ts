/** Roles people hold in the partnership (architecture.md, "Identity and authorisation"). */
export const ROLES = [
  'family_finder',
  'social_worker',
  'therapeutic_social_worker',
  'clinical_psychologist',
  'service_manager',
  /** Keeps the agency's accounts: agreements, fees, invoices and payments; sees no child's record. */
  'finance_officer',
  'la_referrer',
  'adopter',
  'funder',
  'research_partner',
  'administrator',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles that work with children's and families' records; they must use a second factor. */
export const STAFF_ROLES: readonly Role[] = [
  'family_finder',
  'social_worker',
  'therapeutic_social_worker',
  'clinical_psychologist',
  'service_manager',
  'finance_officer',
  'la_referrer',
  'research_partner',
  'administrator',
];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function needsSecondFactor(roles: readonly Role[]): boolean {
  return roles.some((role) => STAFF_ROLES.includes(role));
}

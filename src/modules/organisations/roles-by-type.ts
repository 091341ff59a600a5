import type { OrganisationType } from '../../platform/auth/schema.ts';
import type { Role } from '../../platform/policy/roles.ts';

/** Which roles a person of each kind of organisation may hold (a funder is never a social worker). */
export const ROLES_BY_ORGANISATION_TYPE: Record<OrganisationType, readonly Role[]> = {
  agency: [
    'family_finder',
    'social_worker',
    'therapeutic_social_worker',
    'clinical_psychologist',
    'service_manager',
    'finance_officer',
    'adopter',
    'administrator',
  ],
  local_authority: ['la_referrer', 'social_worker', 'service_manager'],
  clinical_partner: ['clinical_psychologist', 'therapeutic_social_worker'],
  funder: ['funder'],
  research_partner: ['research_partner'],
};

/** The first role that does not fit the organisation, if any. */
export function roleNotAllowed(type: OrganisationType, roles: readonly Role[]): Role | undefined {
  return roles.find((role) => !ROLES_BY_ORGANISATION_TYPE[type].includes(role));
}

import type { OrganisationType } from '../platform/auth/schema.ts';
import type { RequestContext } from '../platform/policy/actor.ts';
import type { Role } from '../platform/policy/roles.ts';

/**
 * The demo's invented organisations and obviously fictional people, one per role (two referrers,
 * one for each demo local authority). Nothing here describes a real child, family or worker.
 */
// Welsh names where an organisation would have one; the funder has none, so a Welsh reader sees its
// English name marked as English (as with a real English funder).
export const DEMO_ORGANISATIONS: {
  slug: string;
  name: string;
  nameCy: string | null;
  type: OrganisationType;
  region: string | null;
  part?: 'north' | 'south';
}[] = [
  {
    slug: 'demo-agency',
    name: 'Demo Adoption Agency (fictional)',
    nameCy: 'Asiantaeth Fabwysiadu Enghreifftiol (ffuglennol)',
    type: 'agency',
    region: 'Wales',
  },
  {
    slug: 'demo-council-north',
    name: 'Demo North Council (fictional)',
    nameCy: 'Cyngor Enghreifftiol y Gogledd (ffuglennol)',
    type: 'local_authority',
    region: 'North Wales',
    part: 'north',
  },
  {
    slug: 'demo-council-south',
    name: 'Demo South Council (fictional)',
    nameCy: 'Cyngor Enghreifftiol y De (ffuglennol)',
    type: 'local_authority',
    region: 'South East Wales',
    part: 'south',
  },
  {
    slug: 'demo-clinic',
    name: 'Demo Clinical Partner (fictional)',
    nameCy: 'Partner Clinigol Enghreifftiol (ffuglennol)',
    type: 'clinical_partner',
    region: 'Wales',
  },
  { slug: 'demo-funder', name: 'Demo Funder (fictional)', nameCy: null, type: 'funder', region: null },
  { slug: 'demo-university', name: 'Demo University (fictional)', nameCy: 'Prifysgol Enghreifftiol (ffuglennol)', type: 'research_partner', region: null },
];

export const DEMO_PEOPLE: { role: Role; organisation: string; name: string; email: string; language: 'en' | 'cy' }[] = [
  { role: 'administrator', organisation: 'demo-agency', name: 'Ada Admin', email: 'administrator@demo.invalid', language: 'en' },
  { role: 'service_manager', organisation: 'demo-agency', name: 'Seren Manager', email: 'service.manager@demo.invalid', language: 'cy' },
  { role: 'finance_officer', organisation: 'demo-agency', name: 'Ceri Cyllid', email: 'finance.officer@demo.invalid', language: 'cy' },
  { role: 'family_finder', organisation: 'demo-agency', name: 'Ffion Finder', email: 'family.finder@demo.invalid', language: 'cy' },
  { role: 'social_worker', organisation: 'demo-agency', name: 'Sam Worker', email: 'social.worker@demo.invalid', language: 'en' },
  { role: 'therapeutic_social_worker', organisation: 'demo-agency', name: 'Tomos Therapeutic', email: 'therapeutic.worker@demo.invalid', language: 'cy' },
  { role: 'clinical_psychologist', organisation: 'demo-clinic', name: 'Dr Pat Psychologist', email: 'psychologist@demo.invalid', language: 'en' },
  { role: 'la_referrer', organisation: 'demo-council-north', name: 'Rhys Referrer', email: 'referrer.north@demo.invalid', language: 'cy' },
  { role: 'la_referrer', organisation: 'demo-council-south', name: 'Rosa Referrer', email: 'referrer.south@demo.invalid', language: 'en' },
  { role: 'adopter', organisation: 'demo-agency', name: 'Alex Adopter', email: 'adopter@demo.invalid', language: 'en' },
  { role: 'funder', organisation: 'demo-funder', name: 'Fran Funder', email: 'funder@demo.invalid', language: 'en' },
  { role: 'research_partner', organisation: 'demo-university', name: 'Robin Researcher', email: 'researcher@demo.invalid', language: 'en' },
];

export type DemoPerson = (typeof DEMO_PEOPLE)[number] & { userId: string; organisationId: string; organisationType: OrganisationType };
export type DemoCast = DemoPerson[];

/** The person's own request context: the demo acts as each person would, signed in. */
export function as(person: DemoPerson): RequestContext & { userId: string } {
  return {
    actor: {
      kind: 'user',
      userId: person.userId,
      organisationId: person.organisationId,
      organisationType: person.organisationType,
      roles: [person.role],
      name: person.name,
    },
    requestId: 'demo',
    channel: 'cli',
    language: person.language,
    userId: person.userId,
  };
}

/** The one person of the cast with this role (the first, for the two referrers). */
export const one = (cast: DemoCast, role: Role) => as(cast.find((p) => p.role === role)!);

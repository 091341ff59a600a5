import type { Services } from '../server/services.ts';
import { addDays, type IsoDate } from '../platform/dates/dates.ts';
import { as, one, type DemoCast } from './cast.ts';

/**
 * The demo university's data-sharing agreement, made by the service manager and active for a
 * year from a month ago, with one extract its researcher has already taken (so the agreement's
 * page shows one to download, and its checksum).
 */
export async function seedDemoResearch(services: Services, cast: DemoCast, options: { today: IsoDate }): Promise<{ agreementId: string; extractId: string }> {
  const researcher = cast.find((p) => p.role === 'research_partner')!;
  const agreement = await services.research.createAgreement(one(cast, 'service_manager'), {
    partnerOrganisationId: researcher.organisationId,
    title: 'Children who wait longest: timeliness and outcomes',
    purpose:
      'An evaluation of the Adopting Together service by the demo university: how long children aged four and over, brothers and sisters and children with additional needs wait for a family, and their adverse childhood experiences.',
    lawfulBasis: 'public_task',
    fields: ['birthMonth', 'ageAtReferral', 'sex', 'ethnicity', 'region', 'needCategories', 'acesKnown', 'referralMonth', 'placementOrderMonth', 'status'],
    startDate: addDays(options.today, -30),
    endDate: addDays(options.today, 335),
    signedByName: 'Dr Rhian Prys (fictional)',
    signedByRole: 'Head of research governance',
    signedOn: addDays(options.today, -32),
  });
  const extract = await services.research.createExtract(as(researcher), agreement.id, {});
  return { agreementId: agreement.id, extractId: extract.id };
}

import type { RequestContext } from '../platform/policy/actor.ts';
import { addDays, type IsoDate } from '../platform/dates/dates.ts';
import type { SetDay } from '../modules/matching/index.ts';
import type { PortalService } from '../modules/portal/index.ts';
import { enquiryInput } from '../modules/recruitment/index.ts';
import type { RecruitmentService } from '../modules/recruitment/index.ts';

type Worker = RequestContext & { userId: string };

/** People who enquired through the public form in the last weeks (fictional, undeliverable addresses). */
const ENQUIRIES = [
  {
    daysAgo: 19,
    givenNames: 'Gwen',
    familyName: 'Enquirer (fictional)',
    preferredLanguage: 'cy',
    channel: 'social_media',
    interests: ['siblings'],
    message: 'Rydym yn meddwl am fabwysiadu brodyr a chwiorydd.',
  },
  {
    daysAgo: 11,
    givenNames: 'Dylan',
    familyName: 'Asker (fictional)',
    preferredLanguage: 'en',
    channel: 'radio',
    interests: ['older_children'],
    message: 'Heard the radio piece; we would like to know more about adopting a child of school age.',
  },
  {
    daysAgo: 6,
    givenNames: 'Priya',
    familyName: 'Curious (fictional)',
    preferredLanguage: 'en',
    channel: 'website',
    interests: ['additional_needs', 'older_children'],
    message: null,
  },
  {
    daysAgo: 2,
    givenNames: 'Huw',
    familyName: 'Wondering (fictional)',
    preferredLanguage: 'cy',
    channel: 'word_of_mouth',
    interests: ['not_sure'],
    message: 'Ffrind wedi sôn am eich gwasanaeth.',
  },
] as const;

const VISIT_FOCUS = [
  'Family history and relationships',
  'Parenting capacity and experience of children',
  'Support network: meeting the grandparents',
  'Home and neighbourhood; the bedroom and school places',
  'Understanding trauma and what the children may bring',
];

/**
 * Recruitment as it happens day to day: enquiries through the public form (on the days they came),
 * home study visits in Stage 2 by the family's worker, and portal invitations sent to approved
 * families (each queues its e-mail in the outbox). All through the services, as the people would.
 */
export async function seedDemoRecruitment(
  services: { recruitment: RecruitmentService; portal: PortalService },
  options: {
    today: IsoDate;
    setDay: SetDay;
    public: RequestContext;
    manager: Worker;
    workers: readonly Worker[];
    postcodes: readonly string[];
    skipHouseholdIds: readonly string[];
  },
): Promise<{ enquiries: number; visits: number; invitations: number }> {
  const { recruitment, portal } = services;
  for (const [i, e] of ENQUIRIES.entries()) {
    options.setDay(addDays(options.today, -e.daysAgo), '19:30');
    const input = enquiryInput.parse({
      givenNames: e.givenNames,
      familyName: e.familyName,
      email: `enquiry.${i + 1}@example.invalid`,
      phone: `01632 960${String(900 + i)}`,
      postcode: options.postcodes[(i * 5) % options.postcodes.length],
      preferredLanguage: e.preferredLanguage,
      channel: e.channel,
      interests: e.interests,
      message: e.message,
      consent: true,
    });
    // A documentation address (TEST-NET-1) per person: the form's limit counts enquiries per address.
    await recruitment.submitEnquiry({ ...options.public, language: e.preferredLanguage }, input, `192.0.2.${i + 1}`);
  }

  const workerFor = (socialWorkerId: string | null) => options.workers.find((w) => w.userId === socialWorkerId) ?? options.manager;
  let visits = 0;
  for (const household of (await recruitment.listHouseholds(options.manager, { stage: 'stage2', view: 'all', limit: 50 })).items) {
    if (!household.stage2Date) continue;
    const worker = workerFor(household.socialWorkerId);
    for (let k = 0; k < VISIT_FOCUS.length; k++) {
      const visitDate = addDays(household.stage2Date, 10 + 14 * k);
      if (visitDate >= options.today) break;
      options.setDay(visitDate, '11:00');
      await recruitment.addVisit(worker, household.id, { visitDate, focus: VISIT_FOCUS[k]! });
      visits++;
    }
  }

  let invitations = 0;
  const approved = (await recruitment.listHouseholds(options.manager, { stage: 'approved', view: 'all', limit: 50 })).items.filter(
    (h) => !options.skipHouseholdIds.includes(h.id),
  );
  for (const household of approved.slice(0, 3)) {
    const worker = workerFor(household.socialWorkerId);
    const { applicants } = await recruitment.getHousehold(worker, household.id);
    options.setDay(addDays(options.today, -(1 + invitations)), '09:15');
    for (const applicant of applicants.filter((a) => a.email && !a.userId)) {
      await portal.invite(worker, household.id, applicant.id, { baseUrl: 'http://localhost:3000' });
      invitations++;
    }
  }
  options.setDay();
  return { enquiries: ENQUIRIES.length, visits, invitations };
}

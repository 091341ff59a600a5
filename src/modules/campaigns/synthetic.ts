import { addMonths, type IsoDate } from '../../platform/dates/dates.ts';
import { prng } from '../children/index.ts';
import type { Channel } from '../recruitment/index.ts';
import type { TargetProfile } from './schema.ts';

/**
 * Synthetic recruitment campaigns for demos, benchmarks and tests, deterministic from a seed: the
 * kind the agency runs (for brothers and sisters, for older children, for children with additional
 * needs), dated back from today, with costs per channel. Households come from recruitment/synthetic.ts.
 */

export type SyntheticCampaign = {
  name: string;
  nameCy: string;
  description: string;
  startDate: IsoDate;
  endDate: IsoDate | null;
  channels: Channel[];
  targetProfile: TargetProfile;
  referrerCode: string;
  costs: { channel: Channel; amountPence: number; incurredOn: IsoDate; description: string }[];
};

type CampaignPlan = Omit<SyntheticCampaign, 'startDate' | 'endDate' | 'referrerCode' | 'costs'> & {
  code: string;
  startMonthsAgo: number;
  months: number | null;
};

/** Campaigns like the agency's own: for brothers and sisters, for older children, for children with additional needs. */
const CAMPAIGN_PLANS: CampaignPlan[] = [
  {
    code: 'brothers-sisters',
    name: 'Families for brothers and sisters',
    nameCy: 'Teuluoedd i frodyr a chwiorydd',
    description: 'Looking for families who can keep brothers and sisters together.',
    channels: ['social_media', 'radio', 'information_event'],
    targetProfile: { siblingGroups: true },
    startMonthsAgo: 34,
    months: 6,
  },
  {
    code: 'aged-5-to-10',
    name: 'Children aged 5 to 10',
    nameCy: 'Plant 5 i 10 oed',
    description: 'Families for school-age children, who wait longest.',
    channels: ['print', 'search', 'community_event'],
    targetProfile: { ageMin: 5, ageMax: 10 },
    startMonthsAgo: 27,
    months: 6,
  },
  {
    code: 'every-child',
    name: 'Every child is someone',
    nameCy: 'Mae pob plentyn yn rhywun',
    description: 'Families for children with additional needs or an uncertain future development.',
    channels: ['television', 'social_media', 'website'],
    targetProfile: { needCategories: ['global_developmental_delay', 'foetal_alcohol_spectrum', 'attachment_trauma'] },
    startMonthsAgo: 20,
    months: 8,
  },
  {
    code: 'adoption-week',
    name: 'National Adoption Week',
    nameCy: 'Wythnos Fabwysiadu Genedlaethol',
    description: 'Information events and local radio across Wales.',
    channels: ['radio', 'information_event', 'word_of_mouth'],
    targetProfile: {},
    startMonthsAgo: 12,
    months: 2,
  },
  {
    code: 'welsh-speaking',
    name: 'Welsh-speaking families',
    nameCy: 'Teuluoedd Cymraeg eu hiaith',
    description: 'Families who can bring up a child in Welsh.',
    channels: ['social_media', 'community_event', 'print'],
    targetProfile: { siblingGroups: true, ageMin: 4 },
    startMonthsAgo: 6,
    months: null,
  },
];

/** What a cost line through each channel typically paid for. */
const COST_DESCRIPTIONS: Record<Channel, string> = {
  social_media: 'Sponsored posts',
  search: 'Search adverts',
  website: 'Campaign web page',
  radio: 'Local radio advert',
  television: 'Television advert',
  print: 'Leaflets and posters',
  information_event: 'Venue for an information evening',
  word_of_mouth: 'Adopter ambassadors’ expenses',
  community_event: 'Stall at a community event',
  other: 'Other costs',
};

const between = (random: () => number, min: number, max: number) => min + Math.floor(random() * (max - min + 1));

/** The synthetic campaigns, dated back from today, with costs per channel. Codes carry the seed so seeds never collide. */
export function generateCampaigns(options: { seed: number; today: IsoDate }): SyntheticCampaign[] {
  const random = prng(options.seed ^ 0x5eed);
  return CAMPAIGN_PLANS.map((plan) => {
    const startDate = addMonths(options.today, -plan.startMonthsAgo);
    const endDate = plan.months === null ? null : addMonths(startDate, plan.months);
    const costs = plan.channels.flatMap((channel) => {
      const parts = channel === 'television' || channel === 'radio' ? 2 : 1;
      return Array.from({ length: parts }, (_, i) => ({
        channel,
        // £250 to £6,000 a line, in whole pounds.
        amountPence: between(random, 250, 6000) * 100,
        incurredOn: addMonths(startDate, i),
        description: i === 0 ? COST_DESCRIPTIONS[channel] : `${COST_DESCRIPTIONS[channel]} (second run)`,
      }));
    });
    const { code, startMonthsAgo: _s, months: _m, ...rest } = plan;
    return { ...rest, startDate, endDate, referrerCode: `${code}-${options.seed}`, costs };
  });
}

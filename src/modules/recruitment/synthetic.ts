import { addMonths, type IsoDate } from '../../platform/dates/dates.ts';
import { prng } from '../children/index.ts';
import { NEED_CATEGORIES } from '../children/index.ts';
import {
  addDays,
  between,
  CHANNEL_QUALITY,
  DAYS_TO_REACH,
  journey,
  pick,
  type Random,
  type SyntheticJourney,
  type SyntheticStageEvent,
} from './synthetic-journey.ts';
import { CHANNELS, CONTACT_ARRANGEMENTS, STAGES, type Channel, type CheckKind, type ConsiderationLevel, type ContactArrangement } from './vocabulary.ts';

export { addDays, type SyntheticJourney, type SyntheticStageEvent } from './synthetic-journey.ts';

/**
 * Synthetic adopter households for demos, benchmarks and tests, deterministic from a seed. Names
 * are invented and marked "(fictional)", e-mail addresses end in @example.invalid, telephone
 * numbers are in Ofcom's range for drama, postcodes are the ZZ99 pseudo-postcodes: nothing
 * resembles a real family's record. Each household walks the adopter's journey (synthetic-journey.ts).
 */

/**
 * What households need of a campaign that brought them: when it ran, its channels, whom it was for
 * and its link code. Campaigns' own synthetic campaigns have this shape (recruitment knows no campaign table).
 */
export type CampaignForHouseholds = {
  startDate: IsoDate;
  endDate: IsoDate | null;
  channels: readonly Channel[];
  targetProfile: { siblingGroups?: boolean; ageMin?: number; ageMax?: number; needCategories?: readonly string[] };
  referrerCode: string;
};

const GIVEN_NAMES = [
  'Aled',
  'Bethan',
  'Carys',
  'Dafydd',
  'Elin',
  'Gareth',
  'Hywel',
  'Ifan',
  'Jess',
  'Kieran',
  'Llinos',
  'Meinir',
  'Nerys',
  'Owain',
  'Priya',
  'Rhian',
  'Sioned',
  'Tariq',
  'Non',
  'Yusuf',
  'Mari',
  'Emrys',
  'Leah',
  'Sam',
];
const FAMILY_NAMES = ['Testhouse', 'Samplewood', 'Fictionfield', 'Demoworth', 'Madeupshire', 'Placeholm', 'Examplegarth', 'Inventmoor'];
const TOWNS: [string, string][] = [
  ['Bangor', 'Gwynedd'],
  ['Wrexham', 'Wrexham'],
  ['Aberystwyth', 'Ceredigion'],
  ['Carmarthen', 'Carmarthenshire'],
  ['Swansea', 'Swansea'],
  ['Cardiff', 'Cardiff'],
  ['Newport', 'Newport'],
  ['Merthyr Tydfil', 'Merthyr Tydfil'],
  ['Llandudno', 'Conwy'],
  ['Brecon', 'Powys'],
];
const STRENGTHS = [
  'Patient and playful; large support network nearby',
  'Experience of caring for children with additional needs',
  'Welsh-speaking home, close to extended family',
  'Calm, structured home; both work part-time',
];

export type SyntheticApplicant = { givenNames: string; familyName: string; email: string; dateOfBirth: IsoDate; preferredLanguage: 'en' | 'cy' };

export type SyntheticProfile = {
  profileVersion: number;
  isCurrent: boolean;
  childrenMin: number;
  childrenMax: number;
  ageMin: number;
  ageMax: number;
  siblingGroups: boolean;
  needs: Record<string, ConsiderationLevel>;
  contact: ContactArrangement[];
  strengths: string;
  changeReason: string | null;
  recordedOn: IsoDate;
};

export type SyntheticCheck = {
  kind: CheckKind;
  applicant: number | null;
  subject: string | null;
  requestedDate: IsoDate;
  receivedDate: IsoDate | null;
  outcome: 'pending' | 'satisfactory';
};

export type SyntheticHousehold = SyntheticJourney & {
  /** Unique per seed and position: SYN-<seed>-<n>, never like the AT-<year>-<n> references the sequence gives. */
  reference: string;
  /** Index into the campaigns generated with the same options, or null for none. */
  campaignIndex: number | null;
  channel: Channel | null;
  referrerCode: string | null;
  preferredLanguage: 'en' | 'cy';
  email: string;
  phone: string;
  town: string;
  postcode: string;
  localAuthorityArea: string;
  languages: string[];
  /** What the assessing worker records in Stage 2 (unknown before): heritage, faith, experience of children. */
  ethnicity: string | null;
  religion: string | null;
  experienceOfChildren: string | null;
  healthDeclaration: 'not_started' | 'submitted' | 'medical_requested' | 'complete';
  /** Rated by the assessing worker during Stage 2; unknown before. */
  supportNetworkRating: 'strong' | 'some' | 'limited' | null;
  /** Whether a social worker is allocated (from registration on). */
  allocated: boolean;
  applicants: SyntheticApplicant[];
  profiles: SyntheticProfile[];
  checks: SyntheticCheck[];
  history: SyntheticStageEvent[];
};

function profileFor(
  random: Random,
  target: CampaignForHouseholds['targetProfile'],
  recordedOn: IsoDate,
  version: number,
  isCurrent: boolean,
): SyntheticProfile {
  // A campaign for brothers and sisters, older children or additional needs finds more families open to them.
  const siblingGroups = random() < (target.siblingGroups ? 0.6 : 0.3);
  const childrenMax = siblingGroups ? between(random, 2, 4) : 1;
  const ageMin = between(random, 0, 2);
  const ageMax = Math.max(ageMin + 1, target.ageMin !== undefined && target.ageMin >= 4 ? pick(random, [3, 5, 6, 8, 10]) : pick(random, [2, 3, 3, 4, 5, 6, 8]));
  const openness = random() + (target.needCategories?.length ? 0.25 : 0);
  const needs: Record<string, ConsiderationLevel> = {};
  for (const category of NEED_CATEGORIES) {
    const r = random();
    needs[category] =
      openness < 0.45 ? 'cannot' : openness < 0.85 ? (r < 0.2 ? 'with_support' : 'cannot') : r < 0.3 ? 'can' : r < 0.7 ? 'with_support' : 'cannot';
  }
  const contact: ContactArrangement[] = ['letterbox', ...CONTACT_ARRANGEMENTS.filter((c) => c !== 'letterbox' && random() < 0.35)];
  return {
    profileVersion: version,
    isCurrent,
    childrenMin: 1,
    childrenMax,
    ageMin,
    ageMax,
    siblingGroups,
    needs,
    contact,
    strengths: pick(random, STRENGTHS),
    changeReason: version > 1 ? 'Terms agreed at approval' : null,
    recordedOn,
  };
}

function checksFor(random: Random, j: SyntheticJourney, applicants: number, today: IsoDate): SyntheticCheck[] {
  if (!j.stage1Date) return [];
  const done = Boolean(j.stage2Date || j.breakDate);
  const end = j.breakDate ?? j.stage2Date ?? today;
  const check = (kind: CheckKind, applicant: number | null, subject: string | null): SyntheticCheck => {
    const requestedDate = addDays(j.stage1Date!, between(random, 0, 10));
    const back = addDays(requestedDate, between(random, 10, 45));
    const received = done ? (back > end ? end : back) : back <= today && random() < 0.6 ? back : null;
    return { kind, applicant, subject, requestedDate, receivedDate: received, outcome: received ? 'satisfactory' : 'pending' };
  };
  const out: SyntheticCheck[] = [];
  for (let a = 0; a < applicants; a++) out.push(check('dbs', a, null), check('medical', a, null));
  for (let r = 1; r <= 3; r++) out.push(check('reference', null, `Referee ${r} (fictional)`));
  out.push(check('local_authority', null, 'Home local authority'));
  return out;
}

const EXPERIENCE = [
  'Parents of a grown-up son; both help at a youth club (fictional)',
  'Aunt and uncle to six nieces and nephews, who stay most holidays (fictional)',
  'Primary school teaching assistant for ten years (fictional)',
  'Respite foster carers for two years (fictional)',
  'Childminder; raised a younger brother (fictional)',
];
const RELIGIONS = ['None', 'None', 'Christian', 'None', 'Christian', 'Muslim', 'Sikh', 'Jewish'];

/** What the assessing worker records of a family in Stage 2 (drawn whether or not the household got there). */
export function stage2Facts(random: Random): { ethnicity: string; religion: string; experienceOfChildren: string } {
  const ethnicity =
    random() < 0.8
      ? 'white_british'
      : pick(random, ['white_other', 'mixed_white_asian', 'mixed_white_black_caribbean', 'asian_pakistani', 'black_african', 'white_irish']);
  return { ethnicity, religion: pick(random, RELIGIONS), experienceOfChildren: pick(random, EXPERIENCE) };
}

/**
 * Households attributed to the campaigns generateCampaigns gives for the same seed and today
 * (about seven in ten through a campaign, the rest through no campaign or by word of mouth).
 */
export function generateHouseholds(options: {
  count: number;
  seed: number;
  today: IsoDate;
  campaigns: readonly CampaignForHouseholds[];
  everyStage?: boolean;
  postcodes?: readonly string[];
}): SyntheticHousehold[] {
  const random = prng(options.seed);
  // A stream of its own for what Stage 2 records, so the rest of the data stays as the seed always gave it.
  const assessed = prng(options.seed ^ 0x5eed);
  const out: SyntheticHousehold[] = [];
  const earliest = addMonths(options.today, -36);
  const span = Math.round((Date.parse(options.today) - Date.parse(earliest)) / 86_400_000);
  for (let i = 0; i < options.count; i++) {
    const campaignIndex = options.campaigns.length && random() < 0.7 ? Math.floor(random() * options.campaigns.length) : null;
    const campaign = campaignIndex === null ? undefined : options.campaigns[campaignIndex];
    let enquiryDate: IsoDate;
    let channel: Channel | null;
    if (campaign) {
      // Enquiries come while the campaign runs and for a couple of months after.
      const last = campaign.endDate ? addMonths(campaign.endDate, 2) : options.today;
      const until = last > options.today ? options.today : last;
      const days = Math.max(0, Math.round((Date.parse(until) - Date.parse(campaign.startDate)) / 86_400_000));
      enquiryDate = addDays(campaign.startDate, Math.floor(random() * (days + 1)));
      channel = pick(random, campaign.channels);
    } else {
      enquiryDate = addDays(earliest, Math.floor(random() * (span + 1)));
      channel = random() < 0.1 ? null : random() < 0.5 ? 'word_of_mouth' : pick(random, CHANNELS);
    }
    const quality = channel ? (CHANNEL_QUALITY[channel] ?? 1) : 1;
    // With everyStage (a small demo), the first households stop one at each stage, enquiring early enough to get there.
    const target = options.everyStage ? STAGES[i] : undefined;
    if (target) enquiryDate = addDays(options.today, -(DAYS_TO_REACH[target] + between(random, 20, 60)));
    const { journey: j, history } = journey(random, enquiryDate, options.today, quality, target);
    const welsh = random() < 0.2;
    const family = `${pick(random, FAMILY_NAMES)} (fictional)`;
    const count = random() < 0.35 ? 1 : 2;
    const applicants: SyntheticApplicant[] = Array.from({ length: count }, (_, a) => ({
      givenNames: pick(random, GIVEN_NAMES),
      familyName: a === 1 && random() < 0.3 ? `${pick(random, FAMILY_NAMES)} (fictional)` : family,
      email: `household.${options.seed}.${i + 1}.${a === 0 ? 'a' : 'b'}@example.invalid`,
      dateOfBirth: addDays(addMonths(enquiryDate, -12 * between(random, 28, 55)), -between(random, 0, 364)),
      preferredLanguage: welsh ? 'cy' : 'en',
    }));
    const profiles: SyntheticProfile[] = [];
    if (j.stage2Date) {
      const target = campaign?.targetProfile ?? {};
      // Terms often change at approval: then the first version is kept, no longer current.
      const changed = Boolean(j.approvedDate) && random() < 0.25;
      profiles.push(profileFor(random, target, j.stage2Date, 1, !changed));
      if (changed) profiles.push(profileFor(random, target, j.approvedDate!, 2, true));
    }
    const [town, area] = pick(random, TOWNS);
    const facts = stage2Facts(assessed);
    const zz99 = `ZZ99 ${between(random, 1, 9)}${pick(random, ['AB', 'DE', 'FG', 'HJ', 'LN', 'PQ', 'RS', 'TU', 'WX', 'YZ'])}`;
    const postcode = options.postcodes?.length ? pick(assessed, options.postcodes) : zz99;
    out.push({
      ...j,
      reference: `SYN-${options.seed}-${String(i + 1).padStart(6, '0')}`,
      campaignIndex,
      channel,
      referrerCode: campaign?.referrerCode ?? null,
      preferredLanguage: welsh ? 'cy' : 'en',
      email: applicants[0]!.email,
      phone: `01632 960${String(between(random, 0, 999)).padStart(3, '0')}`,
      town,
      postcode,
      localAuthorityArea: area,
      languages: welsh ? ['cy', 'en'] : ['en'],
      ...(j.stage2Date ? facts : { ethnicity: null, religion: null, experienceOfChildren: null }),
      // From the household's number rather than the random stream, so the rest of the data stays as it was.
      supportNetworkRating: j.stage2Date ? (['strong', 'some', 'strong', 'limited'] as const)[i % 4]! : null,
      healthDeclaration: j.stage2Date ? 'complete' : j.stage1Date ? 'medical_requested' : j.registrationDate ? 'submitted' : 'not_started',
      allocated: Boolean(j.registrationDate),
      applicants,
      profiles,
      checks: checksFor(random, j, count, options.today),
      history,
    });
  }
  return out;
}

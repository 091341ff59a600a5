import { addMonths, type IsoDate } from '../../platform/dates/dates.ts';
import { prng } from '../children/index.ts';
import { NEED_CATEGORIES } from '../children/index.ts';
import type { TargetProfile } from '../campaigns/schema.ts';
import type { SyntheticCampaign } from '../campaigns/index.ts';
import { MILESTONE, NEXT_STAGES } from './stages.ts';
import { CHANNELS, CONTACT_ARRANGEMENTS, STAGES, type Channel, type CheckKind, type ConsiderationLevel, type ContactArrangement, type Stage } from './vocabulary.ts';

/**
 * Synthetic recruitment campaigns and adopter households for demos, benchmarks and tests,
 * deterministic from a seed. Names are invented and marked "(fictional)", e-mail addresses end in
 * @example.invalid, telephone numbers are in Ofcom's range for drama, postcodes are the ZZ99
 * pseudo-postcodes: nothing resembles a real family's record.
 *
 * Each household walks the adopter's journey as the state machine allows (stages.ts), with
 * realistic gaps (Stage 1 about two months, Stage 2 about four), stopping where its luck or today
 * runs out; some withdraw, are not approved or pause, with a reason.
 */

const GIVEN_NAMES = ['Aled', 'Bethan', 'Carys', 'Dafydd', 'Elin', 'Gareth', 'Hywel', 'Ifan', 'Jess', 'Kieran', 'Llinos', 'Meinir', 'Nerys', 'Owain', 'Priya', 'Rhian', 'Sioned', 'Tariq', 'Non', 'Yusuf', 'Mari', 'Emrys', 'Leah', 'Sam'];
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
const WITHDRAWAL_REASONS = ['Decided the time is not right for them', 'Moved out of the area', 'Chose to adopt through another agency', 'A change in their health', 'Chose to foster instead'];
const NOT_APPROVED_REASONS = ['References raised concerns the agency could not resolve', 'The assessment found they could not yet meet a child’s needs', 'The agency decision maker did not approve them'];
const HOLD_REASONS = ['A bereavement in the family', 'Moving house', 'A new job with long hours', 'Building work at home'];
const STRENGTHS = ['Patient and playful; large support network nearby', 'Experience of caring for children with additional needs', 'Welsh-speaking home, close to extended family', 'Calm, structured home; both work part-time'];

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const between = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));

// Day numbers of dates, remembered: a benchmark's 50,000 households add days a few million times.
const dayNumbers = new Map<IsoDate, number>();
const isoDates = new Map<number, IsoDate>();

function dayNumber(date: IsoDate): number {
  let day = dayNumbers.get(date);
  if (day === undefined) {
    day = Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
    dayNumbers.set(date, day);
  }
  return day;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const day = dayNumber(date) + days;
  let iso = isoDates.get(day);
  if (iso === undefined) {
    iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
    isoDates.set(day, iso);
  }
  return iso;
}

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

export type SyntheticCheck = { kind: CheckKind; applicant: number | null; subject: string | null; requestedDate: IsoDate; receivedDate: IsoDate | null; outcome: 'pending' | 'satisfactory' };

export type SyntheticStageEvent = { fromStage: Stage | null; toStage: Stage; effectiveDate: IsoDate; reason: string | null };

/** Columns of a household that the journey decides; milestone names as in households (schema.ts). */
export type SyntheticJourney = {
  stage: Stage;
  stageSince: IsoDate;
  stageBeforeHold: Stage | null;
  stageReason: string | null;
  enquiryDate: IsoDate;
  informationEventDate: IsoDate | null;
  registrationDate: IsoDate | null;
  stage1Date: IsoDate | null;
  breakDate: IsoDate | null;
  stage2Date: IsoDate | null;
  panelDate: IsoDate | null;
  approvedDate: IsoDate | null;
  linkedDate: IsoDate | null;
  matchedDate: IsoDate | null;
  placedDate: IsoDate | null;
  closedDate: IsoDate | null;
  reportCompletedDate: IsoDate | null;
  panelMeetingDate: IsoDate | null;
  panelRecommendation: 'suitable' | 'not_suitable' | null;
  decisionDate: IsoDate | null;
  decision: 'suitable' | 'not_suitable' | null;
  decisionMaker: string | null;
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

type Step = { to: Stage; probability: number; gap: [number, number] };

/** The main line after enquiry, with the chance of going on (before channel quality) and the gap in days. */
const STEPS: Step[] = [
  { to: 'registration', probability: 0.45, gap: [7, 50] },
  { to: 'stage1', probability: 0.85, gap: [7, 30] },
  // Stage 1 about two months (a break between the stages is decided separately).
  { to: 'stage2', probability: 0.82, gap: [50, 75] },
  // Stage 2 about four months, to the prospective adopter's report and a panel date.
  { to: 'panel', probability: 0.92, gap: [100, 140] },
  { to: 'agency_decision', probability: 0.97, gap: [14, 35] },
  { to: 'approved', probability: 0.95, gap: [7, 21] },
  { to: 'linked', probability: 0.8, gap: [30, 240] },
  { to: 'matched', probability: 0.85, gap: [20, 90] },
  { to: 'placed', probability: 0.95, gap: [14, 60] },
];

/** The most days a household can take from enquiry to each stage (the longest gaps above), so a targeted one gets there by today. */
const DAYS_TO_REACH: Record<Stage, number> = {
  enquiry: 0,
  information_event: 40,
  registration: 90,
  stage1: 120,
  break: 195,
  stage2: 195,
  panel: 335,
  agency_decision: 370,
  approved: 391,
  linked: 631,
  matched: 721,
  placed: 781,
  // Stopped on the way (see journey): registration, Stage 1 or Stage 2, then 90 days at most.
  withdrawn: 180,
  on_hold: 210,
  not_approved: 285,
};

/** How much more (or less) likely people who came through a channel are to go on at each step. */
const CHANNEL_QUALITY: Partial<Record<Channel, number>> = { word_of_mouth: 1.08, information_event: 1.06, community_event: 1.04, social_media: 0.94, search: 0.97 };

/**
 * One household's way along the journey. With a target the household goes straight there (and,
 * for on hold, withdrawn or not approved, stops on the way with that outcome); without one, chance
 * and today decide.
 */
function journey(random: Random, enquiryDate: IsoDate, today: IsoDate, quality: number, target?: Stage): { journey: SyntheticJourney; history: SyntheticStageEvent[] } {
  const j: SyntheticJourney = {
    stage: 'enquiry',
    stageSince: enquiryDate,
    stageBeforeHold: null,
    stageReason: null,
    enquiryDate,
    informationEventDate: null,
    registrationDate: null,
    stage1Date: null,
    breakDate: null,
    stage2Date: null,
    panelDate: null,
    approvedDate: null,
    linkedDate: null,
    matchedDate: null,
    placedDate: null,
    closedDate: null,
    reportCompletedDate: null,
    panelMeetingDate: null,
    panelRecommendation: null,
    decisionDate: null,
    decision: null,
    decisionMaker: null,
  };
  const history: SyntheticStageEvent[] = [{ fromStage: null, toStage: 'enquiry', effectiveDate: enquiryDate, reason: null }];
  const move = (to: Stage, date: IsoDate, reason: string | null = null) => {
    history.push({ fromStage: j.stage, toStage: to, effectiveDate: date, reason });
    j.stage = to;
    j.stageSince = date;
    const milestone = MILESTONE[to];
    if (milestone && !j[milestone]) j[milestone] = date;
  };

  // Where a targeted household goes before it pauses, withdraws or is not approved.
  const goal: Stage | undefined = target === 'on_hold' ? 'stage1' : target === 'withdrawn' ? 'registration' : target === 'not_approved' ? 'stage2' : target;
  const forced = goal !== undefined;

  // Most people come to an information event first; some register straight away.
  let stopped = false;
  if (forced ? goal !== 'enquiry' : random() < 0.6 * quality) {
    const date = addDays(enquiryDate, between(random, 10, 40));
    if (date <= today) move('information_event', date);
    else return { journey: j, history };
  }
  for (const step of STEPS) {
    if (forced && j.stage === goal) {
      stopped = true;
      break;
    }
    const probability = forced ? 1 : step.to === 'registration' && j.stage === 'enquiry' ? 0.15 * quality : Math.min(0.99, step.probability * quality);
    if (random() >= probability) {
      stopped = true;
      break;
    }
    let when: IsoDate;
    if (step.to === 'stage2' && (forced ? target === 'break' : random() < 0.12)) {
      // A break between the stages (up to six months), once Stage 1 is done.
      const breakDate = addDays(j.stageSince, between(random, 55, 75));
      if (breakDate > today) break;
      move('break', breakDate);
      if (target === 'break') break;
      when = addDays(breakDate, between(random, 30, 180));
    } else {
      when = addDays(j.stageSince, between(random, step.gap[0], step.gap[1]));
    }
    if (when > today) break;
    // The prospective adopter's report is finished a few days before the panel date.
    if (step.to === 'panel') j.reportCompletedDate = addDays(when, -between(random, 3, 20));
    if (step.to === 'agency_decision') {
      j.panelMeetingDate = when;
      j.panelRecommendation = forced || random() < 0.96 ? 'suitable' : 'not_suitable';
    }
    if (step.to === 'approved') {
      if (j.panelRecommendation !== 'suitable' && random() < 0.7) {
        stopped = true;
        break;
      }
      j.decisionDate = when;
      j.decision = 'suitable';
      j.decisionMaker = 'Agency decision maker (fictional)';
    }
    move(step.to, when);
  }
  if (!stopped || j.stage === 'placed') return { journey: j, history };
  if (forced && target === goal) return { journey: j, history };

  // Stopped by choice or decision, not by today: approved families mostly wait; others close or pause.
  const date = addDays(j.stageSince, between(random, 14, 90));
  if (date > today) return { journey: j, history };
  const allowed = NEXT_STAGES[j.stage];
  const roll = forced ? ({ on_hold: 0.95, not_approved: 0.85, withdrawn: 0 } as Partial<Record<Stage, number>>)[target!]! : random();
  if (['approved', 'linked', 'matched'].includes(j.stage) && roll < 0.8) return { journey: j, history };
  if (j.stage === 'agency_decision') {
    j.decisionDate = date;
    j.decision = 'not_suitable';
    j.decisionMaker = 'Agency decision maker (fictional)';
    const reason = pick(random, NOT_APPROVED_REASONS);
    move('not_approved', date, reason);
    j.stageReason = reason;
    j.closedDate = date;
  } else if (allowed.includes('on_hold') && roll > 0.88) {
    const reason = pick(random, HOLD_REASONS);
    const before = j.stage;
    move('on_hold', date, reason);
    j.stageBeforeHold = before;
    j.stageReason = reason;
  } else if (allowed.includes('not_approved') && roll > 0.8) {
    const reason = pick(random, NOT_APPROVED_REASONS);
    move('not_approved', date, reason);
    j.stageReason = reason;
    j.closedDate = date;
  } else if (allowed.includes('withdrawn')) {
    const reason = pick(random, WITHDRAWAL_REASONS);
    move('withdrawn', date, reason);
    j.stageReason = reason;
    j.closedDate = date;
  }
  return { journey: j, history };
}

function profileFor(random: Random, target: TargetProfile, recordedOn: IsoDate, version: number, isCurrent: boolean): SyntheticProfile {
  // A campaign for brothers and sisters, older children or additional needs finds more families open to them.
  const siblingGroups = random() < (target.siblingGroups ? 0.6 : 0.3);
  const childrenMax = siblingGroups ? between(random, 2, 4) : 1;
  const ageMin = between(random, 0, 2);
  const ageMax = Math.max(ageMin + 1, target.ageMin !== undefined && target.ageMin >= 4 ? pick(random, [3, 5, 6, 8, 10]) : pick(random, [2, 3, 3, 4, 5, 6, 8]));
  const openness = random() + (target.needCategories?.length ? 0.25 : 0);
  const needs: Record<string, ConsiderationLevel> = {};
  for (const category of NEED_CATEGORIES) {
    const r = random();
    needs[category] = openness < 0.45 ? 'cannot' : openness < 0.85 ? (r < 0.2 ? 'with_support' : 'cannot') : r < 0.3 ? 'can' : r < 0.7 ? 'with_support' : 'cannot';
  }
  const contact: ContactArrangement[] = ['letterbox', ...CONTACT_ARRANGEMENTS.filter((c) => c !== 'letterbox' && random() < 0.35)];
  return { profileVersion: version, isCurrent, childrenMin: 1, childrenMax, ageMin, ageMax, siblingGroups, needs, contact, strengths: pick(random, STRENGTHS), changeReason: version > 1 ? 'Terms agreed at approval' : null, recordedOn };
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
  const ethnicity = random() < 0.8 ? 'white_british' : pick(random, ['white_other', 'mixed_white_asian', 'mixed_white_black_caribbean', 'asian_pakistani', 'black_african', 'white_irish']);
  return { ethnicity, religion: pick(random, RELIGIONS), experienceOfChildren: pick(random, EXPERIENCE) };
}

/**
 * Households attributed to the campaigns generateCampaigns gives for the same seed and today
 * (about seven in ten through a campaign, the rest through no campaign or by word of mouth).
 */
export function generateHouseholds(options: { count: number; seed: number; today: IsoDate; campaigns: readonly SyntheticCampaign[]; everyStage?: boolean; postcodes?: readonly string[] }): SyntheticHousehold[] {
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

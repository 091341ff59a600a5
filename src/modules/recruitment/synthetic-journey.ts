import { type IsoDate } from '../../platform/dates/dates.ts';
import { MILESTONE, NEXT_STAGES } from './stages.ts';
import { type Channel, type Stage } from './vocabulary.ts';

/**
 * One synthetic household's way along the adopter's journey, as the state machine allows (stages.ts),
 * with realistic gaps (Stage 1 about two months, Stage 2 about four), stopping where its luck or today
 * runs out; some withdraw, are not approved or pause, with a reason. Used by synthetic.ts.
 */

const WITHDRAWAL_REASONS = [
  'Decided the time is not right for them',
  'Moved out of the area',
  'Chose to adopt through another agency',
  'A change in their health',
  'Chose to foster instead',
];
const NOT_APPROVED_REASONS = [
  'References raised concerns the agency could not resolve',
  'The assessment found they could not yet meet a child’s needs',
  'The agency decision maker did not approve them',
];
const HOLD_REASONS = ['A bereavement in the family', 'Moving house', 'A new job with long hours', 'Building work at home'];

export type Random = () => number;
export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
export const between = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));

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
export const DAYS_TO_REACH: Record<Stage, number> = {
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
export const CHANNEL_QUALITY: Partial<Record<Channel, number>> = {
  word_of_mouth: 1.08,
  information_event: 1.06,
  community_event: 1.04,
  social_media: 0.94,
  search: 0.97,
};

/**
 * One household's way along the journey. With a target the household goes straight there (and,
 * for on hold, withdrawn or not approved, stops on the way with that outcome); without one, chance
 * and today decide.
 */
export function journey(
  random: Random,
  enquiryDate: IsoDate,
  today: IsoDate,
  quality: number,
  target?: Stage,
): { journey: SyntheticJourney; history: SyntheticStageEvent[] } {
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

import type { IsoDate } from '../../platform/dates/dates.ts';
import type { MissingCheck } from './checks.ts';
import type { Recommendation, Stage } from './vocabulary.ts';

/**
 * The adopter's journey as a state machine: which stage may follow which, and what must be true
 * first. Pure: the service loads the household and its checks, asks here, and saves the patch.
 */

/** Where each stage may go next. On hold returns to the stage it paused (see `resume`). */
export const NEXT_STAGES: Record<Stage, readonly Stage[]> = {
  enquiry: ['information_event', 'registration', 'on_hold', 'withdrawn'],
  information_event: ['registration', 'on_hold', 'withdrawn'],
  registration: ['stage1', 'on_hold', 'withdrawn', 'not_approved'],
  stage1: ['break', 'stage2', 'on_hold', 'withdrawn', 'not_approved'],
  break: ['stage2', 'withdrawn'],
  stage2: ['panel', 'on_hold', 'withdrawn', 'not_approved'],
  panel: ['agency_decision', 'withdrawn'],
  agency_decision: ['approved', 'not_approved', 'withdrawn'],
  approved: ['linked', 'on_hold', 'withdrawn'],
  // A link or match that does not go ahead returns the household to approved.
  linked: ['matched', 'approved', 'withdrawn'],
  matched: ['placed', 'approved', 'withdrawn'],
  placed: [],
  on_hold: ['withdrawn'],
  withdrawn: [],
  not_approved: [],
};

/** Moves that need a reason in words, kept on the record. */
const NEEDS_REASON: readonly Stage[] = ['on_hold', 'withdrawn', 'not_approved'];

/** The column recording the first day a stage was reached (the funnel's milestones). */
export const MILESTONE: Partial<Record<Stage, MilestoneColumn>> = {
  information_event: 'informationEventDate',
  registration: 'registrationDate',
  stage1: 'stage1Date',
  break: 'breakDate',
  stage2: 'stage2Date',
  panel: 'panelDate',
  approved: 'approvedDate',
  linked: 'linkedDate',
  matched: 'matchedDate',
  placed: 'placedDate',
};
type MilestoneColumn =
  | 'informationEventDate'
  | 'registrationDate'
  | 'stage1Date'
  | 'breakDate'
  | 'stage2Date'
  | 'panelDate'
  | 'approvedDate'
  | 'linkedDate'
  | 'matchedDate'
  | 'placedDate';

export type HouseholdState = {
  stage: Stage;
  stageSince: IsoDate;
  stageBeforeHold: Stage | null;
  reportCompletedDate: IsoDate | null;
  panelRecommendation: Recommendation | null;
} & Partial<Record<MilestoneColumn, IsoDate | null>>;

export type TransitionRequest = {
  /** The stage to move to, or 'resume' to end a hold. */
  to: Stage | 'resume';
  /** The day the change took effect (not in the future, not before the current stage began). */
  date: IsoDate;
  reason?: string | null;
  /** Panel → agency decision: what the panel recommended (its meeting is `date`). */
  panelRecommendation?: Recommendation | null;
  /** Agency decision → approved / not approved: who decided. */
  decisionMaker?: string | null;
  /** Stage 2 → panel: the prospective adopter's report completion date, when not already recorded. */
  reportCompletedDate?: IsoDate | null;
};

export type TransitionPatch = {
  stage: Stage;
  stageSince: IsoDate;
  stageBeforeHold: Stage | null;
  stageReason: string | null;
  closedDate?: IsoDate;
  reportCompletedDate?: IsoDate;
  panelMeetingDate?: IsoDate;
  panelRecommendation?: Recommendation;
  decisionDate?: IsoDate;
  decision?: Recommendation;
  decisionMaker?: string;
} & Partial<Record<MilestoneColumn, IsoDate>>;

/**
 * Why a move was refused. 'not-allowed' (409): the stage cannot follow the current one. The rest
 * (422): the move is possible but something must be done or said first.
 */
export type Refusal =
  | { code: 'not-allowed'; from: Stage; to: Stage | 'resume' }
  | { code: 'reason-required' }
  | { code: 'date-in-future' }
  | { code: 'date-before-stage' }
  | { code: 'checks-incomplete'; missing: MissingCheck[] }
  | { code: 'report-required' }
  | { code: 'panel-recommendation-required' }
  | { code: 'decision-maker-required' };

export type TransitionResult = { ok: true; patch: TransitionPatch; from: Stage; to: Stage } | { ok: false; refusal: Refusal };

const refuse = (refusal: Refusal): TransitionResult => ({ ok: false, refusal });

/** The stages a household may move to now (what the worker is offered). */
export function availableMoves(state: Pick<HouseholdState, 'stage' | 'stageBeforeHold'>): (Stage | 'resume')[] {
  const moves: (Stage | 'resume')[] = [...NEXT_STAGES[state.stage]];
  if (state.stage === 'on_hold' && state.stageBeforeHold) moves.unshift('resume');
  return moves;
}

/**
 * Decides a stage change. `missingChecks` is what checks.ts says is outstanding for Stage 1;
 * `today` bounds the effective date.
 */
export function transition(state: HouseholdState, request: TransitionRequest, missingChecks: readonly MissingCheck[], today: IsoDate): TransitionResult {
  const from = state.stage;
  const resuming = request.to === 'resume';
  const to: Stage | undefined = resuming ? (state.stage === 'on_hold' ? (state.stageBeforeHold ?? undefined) : undefined) : (request.to as Stage);
  if (!to || (!resuming && !NEXT_STAGES[from].includes(to))) return refuse({ code: 'not-allowed', from, to: request.to });
  if (request.date > today) return refuse({ code: 'date-in-future' });
  if (request.date < state.stageSince) return refuse({ code: 'date-before-stage' });
  const reason = request.reason?.trim() || null;
  if (NEEDS_REASON.includes(to) && !reason) return refuse({ code: 'reason-required' });

  const patch: TransitionPatch = { stage: to, stageSince: request.date, stageBeforeHold: null, stageReason: null };
  if (to === 'on_hold') {
    patch.stageBeforeHold = from;
    patch.stageReason = reason;
  }
  if (to === 'withdrawn' || to === 'not_approved') {
    patch.stageReason = reason;
    patch.closedDate = request.date;
  }
  if ((to === 'break' || to === 'stage2') && from === 'stage1' && missingChecks.length > 0) {
    return refuse({ code: 'checks-incomplete', missing: [...missingChecks] });
  }
  if (to === 'panel') {
    const report = request.reportCompletedDate ?? state.reportCompletedDate;
    if (!report) return refuse({ code: 'report-required' });
    if (report > request.date) return refuse({ code: 'date-before-stage' });
    patch.reportCompletedDate = report;
  }
  if (to === 'agency_decision') {
    if (!request.panelRecommendation) return refuse({ code: 'panel-recommendation-required' });
    patch.panelMeetingDate = request.date;
    patch.panelRecommendation = request.panelRecommendation;
  }
  if (from === 'agency_decision' && (to === 'approved' || to === 'not_approved')) {
    if (!state.panelRecommendation) return refuse({ code: 'panel-recommendation-required' });
    const decisionMaker = request.decisionMaker?.trim();
    if (!decisionMaker) return refuse({ code: 'decision-maker-required' });
    patch.decisionDate = request.date;
    patch.decision = to === 'approved' ? 'suitable' : 'not_suitable';
    patch.decisionMaker = decisionMaker;
  }
  // A milestone records the first time a stage was reached: returning to approved keeps the first date.
  const milestone = MILESTONE[to];
  if (milestone && !state[milestone]) patch[milestone] = request.date;
  return { ok: true, patch, from, to };
}

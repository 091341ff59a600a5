import { addDays, type IsoDate } from '../../platform/dates/add-days.ts';
import type { MatchStage } from './vocabulary.ts';
import { MATCH_STAGE_LIST } from './stages.ts';

/**
 * The matching workflow as a state machine, pure: the service loads the match, asks here, saves
 * the patch. People decide every step; this only keeps the steps in order and their facts complete.
 */
/** Where a match at each stage may go next: read from the one ordered list of stages. */
export const NEXT_MATCH_STAGES = Object.fromEntries(MATCH_STAGE_LIST.map((s) => [s.stage, s.next])) as Record<MatchStage, readonly MatchStage[]>;

/** Adopters may apply for the adoption order once the child has lived with them ten weeks. */
export const WEEKS_BEFORE_ORDER = 10;

export type MatchState = {
  stage: MatchStage;
  stageSince: IsoDate;
  panelRecommendation: 'match' | 'do_not_match' | null;
  decision: 'match' | 'do_not_match' | null;
  localAuthorityAgreed: boolean;
  placementDate: IsoDate | null;
};

export type MatchMove = {
  to: MatchStage;
  date: IsoDate;
  reason?: string | null;
  declinedBy?: 'household' | 'agency' | 'local_authority' | 'child_worker' | null;
  panelRecommendation?: 'match' | 'do_not_match' | null;
  decision?: 'match' | 'do_not_match' | null;
  decisionMaker?: string | null;
};

export type MatchRefusal =
  | { code: 'not-allowed' }
  | { code: 'date-in-future' }
  | { code: 'date-before-stage' }
  | { code: 'reason-required' }
  | { code: 'declined-by-required' }
  | { code: 'panel-recommendation-required' }
  | { code: 'decision-required' }
  | { code: 'decision-maker-required' }
  | { code: 'decision-not-to-match' }
  | { code: 'local-authority-agreement-required' }
  | { code: 'order-too-soon'; earliest: IsoDate };

export type MatchPatch = Partial<{
  stage: MatchStage;
  stageSince: IsoDate;
  shortlistedDate: IsoDate;
  visitsDate: IsoDate;
  matchingMeetingDate: IsoDate;
  panelDate: IsoDate;
  panelRecommendation: 'match' | 'do_not_match';
  decisionDate: IsoDate;
  decision: 'match' | 'do_not_match';
  decisionMaker: string;
  introductionsDate: IsoDate;
  placementDate: IsoDate;
  adoptionOrderDate: IsoDate;
  closedDate: IsoDate;
  declinedBy: 'household' | 'agency' | 'local_authority' | 'child_worker';
  closeReason: string;
  disruptionDate: IsoDate;
  disruptionReasons: string;
}>;

export type MatchResult = { ok: true; patch: MatchPatch } | { ok: false; refusal: MatchRefusal };

const refuse = (refusal: MatchRefusal): MatchResult => ({ ok: false, refusal });

/** Decides one step of a match. */
export function moveMatch(state: MatchState, move: MatchMove, today: IsoDate): MatchResult {
  if (!NEXT_MATCH_STAGES[state.stage].includes(move.to)) return refuse({ code: 'not-allowed' });
  if (move.date > today) return refuse({ code: 'date-in-future' });
  if (move.date < state.stageSince) return refuse({ code: 'date-before-stage' });
  const reason = move.reason?.trim() || null;
  const patch: MatchPatch = { stage: move.to, stageSince: move.date };
  switch (move.to) {
    case 'shortlisted':
      patch.shortlistedDate = move.date;
      break;
    case 'visits':
      patch.visitsDate = move.date;
      break;
    case 'matching_meeting':
      patch.matchingMeetingDate = move.date;
      break;
    case 'matching_panel':
      patch.panelDate = move.date;
      break;
    case 'agency_decision':
      if (!move.panelRecommendation) return refuse({ code: 'panel-recommendation-required' });
      patch.panelRecommendation = move.panelRecommendation;
      break;
    case 'introductions': {
      if (!move.decision) return refuse({ code: 'decision-required' });
      if (move.decision !== 'match') return refuse({ code: 'decision-not-to-match' });
      const decisionMaker = move.decisionMaker?.trim();
      if (!decisionMaker) return refuse({ code: 'decision-maker-required' });
      // The children's local authority agrees the match before introductions begin.
      if (!state.localAuthorityAgreed) return refuse({ code: 'local-authority-agreement-required' });
      Object.assign(patch, { decision: 'match', decisionDate: move.date, decisionMaker, introductionsDate: move.date });
      break;
    }
    case 'placed':
      patch.placementDate = move.date;
      break;
    case 'adoption_order': {
      const earliest = addDays(state.placementDate ?? move.date, WEEKS_BEFORE_ORDER * 7);
      if (move.date < earliest) return refuse({ code: 'order-too-soon', earliest });
      Object.assign(patch, { adoptionOrderDate: move.date, closedDate: move.date });
      break;
    }
    case 'declined':
      if (!reason) return refuse({ code: 'reason-required' });
      if (!move.declinedBy) return refuse({ code: 'declined-by-required' });
      Object.assign(patch, { closedDate: move.date, closeReason: reason, declinedBy: move.declinedBy });
      break;
    case 'ended':
      if (!reason) return refuse({ code: 'reason-required' });
      // A "do not match" decision ends the match: record it as the decision, with who made it.
      if (state.stage === 'agency_decision' && move.decision === 'do_not_match') {
        const decisionMaker = move.decisionMaker?.trim();
        if (!decisionMaker) return refuse({ code: 'decision-maker-required' });
        Object.assign(patch, { decision: 'do_not_match', decisionDate: move.date, decisionMaker });
      }
      Object.assign(patch, { closedDate: move.date, closeReason: reason });
      break;
    case 'disrupted':
      if (!reason) return refuse({ code: 'reason-required' });
      Object.assign(patch, { closedDate: move.date, disruptionDate: move.date, disruptionReasons: reason });
      break;
    default:
      break;
  }
  return { ok: true, patch };
}

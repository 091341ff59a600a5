import { plainPage } from './service-page.ts';

/** Matching: the whole picture, recommendations, the links and matches, transition plans. */
const ID = '[0-9a-f-]{36}';
const at = (path: string) => new RegExp(`^${path}(\\?|$)`);

export const MatchingOverviewPage = plainPage('matching', at('/matching'), 'matches:overview.title', [
  '[data-testid="assignments"] tbody',
  '[data-testid="unmatched"] a',
]);
export const MatchingSettingsPage = plainPage('matching-settings', at('/matching/settings'), 'matches:settings.title');
export const ChildRecommendationsPage = plainPage('child-recommendations', at(`/children/${ID}/recommendations`), 'matches:recommend.childTitle');
export const HouseholdRecommendationsPage = plainPage('household-recommendations', at(`/households/${ID}/recommendations`), 'matches:recommend.householdTitle');
// The children's and the families' names.
export const MatchesPage = plainPage('matches', at('/matches'), 'matches:list.title', ['[data-testid="matches-table"] tbody td:nth-child(-n+2)']);
export const NewLinkPage = plainPage('new-link', at('/matches/new'), 'matches:newLink.title');
// Names (children, family, decision maker, who did what), the steps as described, reasons as given.
export const MatchPage = plainPage('match', at(`/matches/${ID}`), 'matches:match.title', [
  'h1',
  '.govuk-caption-l',
  '[data-testid="match-facts"] dd',
  '[data-testid="match-children"] a',
  '[data-testid="match-steps"] td:nth-child(3)',
  '[data-testid="match-history"] .govuk-body-s',
]);
// The same page for the children's local authority, while it is theirs to agree.
export const MatchToAgreePage = plainPage('match-to-agree', at(`/matches/${ID}`), 'matches:match.title', [
  'h1',
  '.govuk-caption-l',
  '[data-testid="match-facts"] dd',
  '[data-testid="match-children"] a',
  '[data-testid="match-steps"] td:nth-child(3)',
  '[data-testid="match-history"] .govuk-body-s',
]);
export const MatchStepPage = plainPage('match-step', at(`/matches/${ID}/step`), 'matches:step.title');
// The steps as the workers described them: what happens, who comes, notes and reasons.
const TRANSITION_DATA = [
  'h1',
  '.govuk-caption-l',
  '[data-testid="step-description"]',
  '[data-testid="step-notes"]',
  '[data-testid="step-reason-text"]',
  '[data-testid="step-attendees"]',
];
export const TransitionPlanPage = plainPage('transition-plan', at(`/matches/${ID}/transition-plan`), 'preparation:transition.title', TRANSITION_DATA);
export const TransitionPrintPage = plainPage('transition-print', at(`/matches/${ID}/transition-plan/print`), 'preparation:transition.title', TRANSITION_DATA);
export const TransitionStepFormPage = plainPage(
  'transition-step',
  new RegExp(`^/(matches/${ID}/transition-plan/steps/new|transition-steps/${ID}/edit)(\\?|$)`),
  ['preparation:stepForm.newTitle', 'preparation:stepForm.editTitle'],
  // What the workers wrote about the step, shown back in the form's fields as they wrote it.
  ['.govuk-caption-l', 'textarea', 'input[type="text"]'],
);

/** Which families to recruit next: children's names and ages in the lists behind each figure are data. */
export const RecruitmentGapPage = plainPage('recruitment-gap', at('/matching/recruitment-gap'), 'matches:gap.title', [
  '[data-testid="gap-table"] .govuk-details__text',
  '[data-testid="plan"] td:nth-child(3)',
]);
/** The manager's own family profile: a new one, or one to change. */
export const GapCandidateFormPage = plainPage('gap-candidate-form', at(`/matching/recruitment-gap/candidates/(new|${ID}/edit)`), [
  'matches:gap.form.newTitle',
  'matches:gap.form.editTitle',
]);

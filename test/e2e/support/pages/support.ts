import { plainPage } from './service-page.ts';

/** Support after placement: plans, sessions, requests and the waiting list, groups, hours, stability. */
const ID = '[0-9a-f-]{36}';
const at = (path: string) => new RegExp(`^${path}(\\?|$)`);

export const SupportOverviewPage = plainPage('support', at('/support'), 'support:overview.title');
export const SupportPlansPage = plainPage('support-plans', at('/support/plans'), 'support:plans.title');
// The needs and the support agreed, as the worker wrote them.
export const SupportPlanPage = plainPage('support-plan', at(`/support/plans/${ID}`), 'support:plan.title', [
  '[data-testid="needs-summary"]',
  '[data-testid="items-table"] td:nth-child(-n+4)',
  '[data-testid="remove-item"] .govuk-visually-hidden',
  '[data-testid="plan-sessions"] td:nth-child(3)',
  '[data-testid="plan-summary"] dd',
]);
export const SupportPlanFormPage = plainPage(
  'support-plan-form',
  at(`/support/plans/(new|${ID}/edit)`),
  ['support:planForm.newTitle', 'support:planForm.editTitle'],
  ['textarea', 'select option'],
);
// Families and workers, in the table and the filters.
export const SupportSessionsPage = plainPage('support-sessions', at('/support/sessions'), 'support:sessions.title', [
  '[data-testid="sessions-table"] td:nth-child(2)',
  '[data-testid="sessions-table"] td:nth-child(4)',
  'select option',
]);
// A session's heading is its kind (a home visit, a therapy session).
export const SupportSessionPage = plainPage('support-session', at(`/support/sessions/${ID}`), /\S/, ['[data-testid="session-summary"] dd']);
// The same page for the clinical team and the worker who led the session: with its notes.
export const ClinicalSupportSessionPage = plainPage('support-session-notes', at(`/support/sessions/${ID}`), /\S/, [
  '[data-testid="session-summary"] dd',
  '[data-testid="session-notes"]',
]);
export const SupportSessionFormPage = plainPage(
  'support-session-form',
  at(`/support/sessions/(new|${ID}/edit)`),
  ['support:sessionForm.newTitle', 'support:sessionForm.editTitle'],
  ['textarea', 'select option'],
);
// The need, in the family's or the worker's words.
export const SupportRequestsPage = plainPage('support-requests', at('/support/requests'), 'support:requests.title', [
  '[data-testid="requests-table"] tbody td:nth-child(2)',
]);
export const SupportRequestPage = plainPage('support-request', at(`/support/requests/${ID}`), 'support:request.title', [
  '[data-testid="request-need"]',
  '[data-testid="request-summary"] dd',
  'select option',
]);
export const SupportRequestFormPage = plainPage('support-request-form', at('/support/requests/new'), 'support:requestForm.title');
// Titles and venues as the agency named them.
export const SupportEventsPage = plainPage('support-events', at('/support/events'), 'support:events.title', [
  '[data-testid="events-table"] td:nth-child(1)',
  '[data-testid="events-table"] td:nth-child(4)',
]);
// An event's heading is its title, as the agency named it.
export const SupportEventPage = plainPage('support-event', at(`/support/events/${ID}`), /\S/, [
  'h1',
  '[data-testid="event-summary"] dd',
  '[data-testid="attendance-table"] td:first-child',
  '[data-testid="attendance-table"] button .govuk-visually-hidden',
  'select option',
]);
export const SupportEventFormPage = plainPage(
  'support-event-form',
  at(`/support/events/(new|${ID}/edit)`),
  ['support:eventForm.newTitle', 'support:eventForm.editTitle'],
  ['select option'],
);
export const SupportHoursPage = plainPage('support-hours', at('/support/hours'), 'support:hours.title', [
  '[data-testid="hours-by-household"] tbody th, [data-testid="hours-by-household"] tbody td:first-child',
  '[data-testid="hours-by-worker"] tbody th, [data-testid="hours-by-worker"] tbody td:first-child',
]);
export const StabilityPage = plainPage('stability', at('/support/stability'), 'support:stability.title');

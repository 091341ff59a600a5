import { plainPage } from './service-page.ts';

/** The workforce: staff training and CPD, clinical supervision, the calendar feed ("my work" is in preparation.ts). */
const ID = '[0-9a-f-]{36}';
const at = (path: string) => new RegExp(`^${path}(\\?|$)`);

export const CalendarPage = plainPage('calendar', at('/my-work/calendar'), 'workforce:calendar.title');
export const StaffTrainingOverviewPage = plainPage('staff-training-overview', at('/workforce/training'), 'workforce:training.title', [
  '[data-testid="cpd-table"] tbody td:first-child, [data-testid="cpd-table"] tbody th',
]);
// Courses and providers as recorded.
export const StaffTrainingPage = plainPage(
  'staff-training',
  at(`/workforce/staff/${ID}/training`),
  ['workforce:staffTraining.ownTitle', 'workforce:staffTraining.title'],
  [
    'h1',
    '.govuk-caption-xl',
    '[data-testid="training-records"] td:nth-child(1)',
    '[data-testid="training-records"] td:nth-child(4)',
    '[data-testid="change-training"] .govuk-visually-hidden',
  ],
);
export const StaffTrainingFormPage = plainPage(
  'staff-training-form',
  at(`/workforce/training/(new|${ID}/edit)`),
  ['workforce:trainingForm.newTitle', 'workforce:trainingForm.editTitle'],
  ['.govuk-caption-l', '.govuk-caption-xl', 'select option', 'textarea'],
);
// Supervision as a worker sees it (their own and the sessions they gave) and as those who oversee
// it see it (the whole team, who is due and overdue): checked once each.
export const SupervisionPage = plainPage('supervision', at('/workforce/supervision'), 'workforce:supervision.title', [
  '[data-testid="sessions-table"] td:nth-child(n+2)',
]);
export const SupervisionTeamPage = plainPage('supervision-team', at('/workforce/supervision'), 'workforce:supervision.title', [
  '[data-testid="team-table"] td:first-child',
  '[data-testid="sessions-table"] td:nth-child(n+2)',
]);
export const StaffSupervisionPage = plainPage(
  'staff-supervision',
  at(`/workforce/staff/${ID}/supervision`),
  ['workforce:staffSupervision.ownTitle', 'workforce:staffSupervision.title'],
  ['h1', '[data-testid="sessions-table"] td:nth-child(n+2)'],
);
export const SupervisionSessionPage = plainPage('supervision-session', at(`/workforce/supervision/${ID}`), 'workforce:supervisionSession.title', [
  '[data-testid="supervision-summary"] dd',
]);
export const SupervisionFormPage = plainPage(
  'supervision-form',
  at(`/workforce/supervision/(new|${ID}/edit)`),
  ['workforce:supervisionForm.newTitle', 'workforce:supervisionForm.editTitle'],
  ['select option', 'textarea'],
);

import { translator } from '../../../../src/platform/i18n/i18n.ts';
import { escapeRegExp, plainPage } from './service-page.ts';

/** Preparation training: courses, their sessions, bookings and attendance, certificates. */
const ID = '[0-9a-f-]{36}';
const at = (path: string) => new RegExp(`^${path}(\\?|$)`);

export const CoursesPage = plainPage('courses', at('/courses'), 'training:courses.title');
// A course's and a session's heading is the course's title, as the agency named it.
export const CoursePage = plainPage('course', at(`/courses/${ID}`), /\S/, [
  'h1',
  '[data-testid="course-summary"] dd',
  '[data-testid="sessions-table"] td:nth-child(2)',
  '[data-testid="sessions-table"] td:nth-child(4)',
]);
export const CourseFormPage = plainPage(
  'course-form',
  at(`/courses/(new|${ID}/edit)`),
  ['training:courseForm.newTitle', 'training:courseForm.editTitle'],
  ['textarea'],
);
// Venue, facilitators and the people booked.
export const TrainingSessionPage = plainPage('training-session', at(`/sessions/${ID}`), /\S/, [
  'h1',
  '[data-testid="session-summary"] dd',
  '[data-testid="booked-name"]',
  '[data-testid="bookings-table"] button .govuk-visually-hidden',
  'select option',
]);
export const TrainingSessionFormPage = plainPage(
  'training-session-form',
  at(`/(courses/${ID}/sessions/new|sessions/${ID}/edit)`),
  ['training:sessionForm.newTitle', 'training:sessionForm.editTitle'],
  ['.govuk-caption-l', '.govuk-caption-xl', '.govuk-checkboxes__label', 'textarea'],
);
/** A certificate prints in both languages, the holder's own first (its heading is that part's). */
export const CertificatePage = plainPage(
  'certificate',
  at(`/certificates/${ID}`),
  new RegExp(`^(${(['en', 'cy'] as const).map((l) => escapeRegExp(translator(l)('training:certificate.heading'))).join('|')})$`),
);

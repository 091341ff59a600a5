import { plainPage } from './service-page.ts';

/** The adoptive family's own pages. */
const at = (path: string) => new RegExp(`^${path}(\\?|#[\\w-]+|$)`);

// Names (their worker, the applicants, who came), and what people wrote: the children's profiles,
// why a link ended, the transition plan's steps, the formulation, the family's own requests.
export const MyApplicationPage = plainPage('my-application', at('/my-application'), 'portal:myApplication.title', [
  '[data-testid="application-summary"] dd',
  '[data-testid="applicant-training"] h3',
  '[data-testid="training-bookings"] caption',
  '[data-testid="link-children"]',
  '[data-testid="link-profile"]',
  '[data-testid="link-reason"]',
  '[data-testid="family-sessions"] td:nth-child(3)',
  '[data-testid="family-match"] h3',
  '[data-testid="step-description"]',
  '[data-testid="step-attendees"]',
  '[data-testid="formulation-text"]',
  '[data-testid="family-requests"] dd p.govuk-body',
]);
// Sent back with a mistake, the form is at the address it was sent to.
export const FamilyRequestFormPage = plainPage('family-request-form', at('/my-application/support-requests(/new)?'), 'support:family.formTitle', ['textarea']);

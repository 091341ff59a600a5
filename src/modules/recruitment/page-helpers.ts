import { withDateFields, type FormErrorOptions } from '../../platform/forms/forms.ts';

export type T = (key: string, params?: Record<string, unknown>) => string;

/** Date inputs of the recruitment forms, for formErrors. */
export const RECRUITMENT_FORM: FormErrorOptions = withDateFields([
  'date',
  'requestedDate',
  'receivedDate',
  'visitDate',
  'reportCompletedDate',
  'dateOfBirth',
  'applicant1DateOfBirth',
  'applicant2DateOfBirth',
  'member1DateOfBirth',
  'member2DateOfBirth',
  'member3DateOfBirth',
  'member4DateOfBirth',
]);

export const STAGE_TAG: Record<string, string> = {
  enquiry: 'govuk-tag--grey',
  information_event: 'govuk-tag--grey',
  registration: 'govuk-tag--light-blue',
  stage1: 'govuk-tag--blue',
  break: 'govuk-tag--yellow',
  stage2: 'govuk-tag--blue',
  panel: 'govuk-tag--purple',
  agency_decision: 'govuk-tag--purple',
  approved: 'govuk-tag--green',
  linked: 'govuk-tag--turquoise',
  matched: 'govuk-tag--turquoise',
  placed: 'govuk-tag--green',
  on_hold: 'govuk-tag--orange',
  withdrawn: 'govuk-tag--red',
  not_approved: 'govuk-tag--red',
};
export const DUE_TAG: Record<string, string> = { ok: 'govuk-tag--green', due_soon: 'govuk-tag--yellow', overdue: 'govuk-tag--red' };

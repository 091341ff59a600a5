import { z } from 'zod';
import { ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { conjunctionContext } from '../../platform/i18n/welsh.ts';
import { toFieldErrors } from '../../platform/http/validation.ts';
import { childInput, childPatch, referralInput, siblingAssessmentInput, type ChildInput, type ReferralInput } from './inputs.ts';
import { dateFromParts, dateParts, formValues, list, text, type Form } from '../../platform/forms/forms.ts';
import { siblingPairs, type ReferralDraft, type SiblingPair } from './referral-journey.ts';
import { SIBLING_RELATIONSHIPS, type SiblingRelationship } from './vocabulary.ts';

/**
 * The forms of the referral journey's steps: from the posted fields to checked answers (the API's
 * own rules, so a date is refused with the same message wherever it is entered), and back for
 * re-display. A child's page is also the form of the child's record (record-pages.ts).
 */

/** The dates of a child's record, entered on pages as day, month and year. */
export const CHILD_DATE_FIELDS = ['dateOfBirth', 'enteredCareDate', 'careOrderDate', 'placementOrderDate', 'adoptionPlanDate'] as const;

/** Parses with a schema and throws the person's field errors, joined with errors found before. */
function check<S extends z.ZodType>(schema: S, candidate: unknown, earlier: FieldError[], rename: (field: string) => string = (f) => f): z.infer<S> {
  const result = schema.safeParse(candidate);
  const errors = [...earlier];
  if (!result.success) {
    for (const e of toFieldErrors(result.error)) {
      const field = rename(e.field);
      if (!errors.some((x) => x.field === field)) errors.push({ ...e, field });
    }
  }
  if (errors.length) throw new ValidationError(errors);
  return result.data as z.infer<S>;
}

const legalBasisStep = z.object({ legalBasis: referralInput.shape.legalBasis, legalBasisNotes: referralInput.shape.legalBasisNotes });

export function legalBasisFromForm(form: Form): Pick<ReferralDraft, 'legalBasis' | 'legalBasisNotes'> {
  return check(legalBasisStep, { legalBasis: text(form, 'legalBasis') || undefined, legalBasisNotes: text(form, 'legalBasisNotes') }, []);
}

/**
 * One child's page: the same rules as the API (childInput), so a date of birth in the future or
 * a placement order before birth is refused with the same message wherever it is entered.
 */
export function childFromForm(form: Form): ChildInput {
  const errors: FieldError[] = [];
  const dates: Record<string, string | null | undefined> = {};
  for (const field of CHILD_DATE_FIELDS) {
    const parsed = dateFromParts(form, field);
    if (parsed.error) errors.push(parsed.error);
    dates[field] = parsed.value ?? undefined;
  }
  const chosenNeeds = list(form, 'needs');
  const needs = chosenNeeds.map((category) => ({
    category,
    severity: text(form, `needSeverity-${category}`) || undefined,
    description: text(form, `needDescription-${category}`),
  }));
  const candidate = {
    legalGivenNames: text(form, 'legalGivenNames'),
    legalFamilyName: text(form, 'legalFamilyName'),
    preferredName: text(form, 'preferredName'),
    localAuthorityReference: text(form, 'localAuthorityReference'),
    sex: text(form, 'sex') || undefined,
    ethnicity: text(form, 'ethnicity') || undefined,
    religion: text(form, 'religion'),
    languages: list(form, 'languages'),
    preferredLanguage: text(form, 'preferredLanguage') || null,
    developmentalUncertainty: text(form, 'developmentalUncertainty') || 'no',
    healthSummary: text(form, 'healthSummary'),
    educationSummary: text(form, 'educationSummary'),
    additionalLearningNeeds: text(form, 'additionalLearningNeeds') || 'no',
    legalStatus: text(form, 'legalStatus') || undefined,
    currentPlacement: text(form, 'currentPlacement'),
    contactBirthFamily: text(form, 'contactBirthFamily'),
    contactSiblings: text(form, 'contactSiblings'),
    profileEn: text(form, 'profileEn'),
    profileCy: text(form, 'profileCy'),
    needs,
    ...dates,
  };
  // The rules between dates (not in the future, not before birth) are checked on their own too:
  // the whole-record rule runs only once every other answer is sound, and a person should hear
  // about a future date of birth in the same round as a missing name.
  const dated = childPatch.safeParse(Object.fromEntries(CHILD_DATE_FIELDS.filter((f) => dates[f]).map((f) => [f, dates[f]])));
  if (!dated.success) for (const e of toFieldErrors(dated.error)) if (!errors.some((x) => x.field === e.field)) errors.push(e);
  // A date the boxes could not make is reported once, as the boxes' error (check keeps the first).
  try {
    return check(childInput, candidate, errors, (field) => {
      const need = /^needs\.(\d+)\.(severity|category|description)$/.exec(field);
      if (!need) return field;
      const category = chosenNeeds[Number(need[1])] ?? '';
      return need[2] === 'severity' ? `needSeverity-${category}` : need[2] === 'description' ? `needDescription-${category}` : 'needs';
    });
  } catch (error) {
    // The error summary lists problems in the order of the page.
    if (error instanceof ValidationError) throw new ValidationError([...error.fieldErrors].sort((a, b) => fieldPosition(a.field) - fieldPosition(b.field)));
    throw error;
  }
}

/** The order of the child's page, for the error summary. */
const CHILD_FIELD_ORDER = [
  'legalGivenNames',
  'legalFamilyName',
  'preferredName',
  'localAuthorityReference',
  'dateOfBirth',
  'sex',
  'ethnicity',
  'religion',
  'languages',
  'preferredLanguage',
  'legalStatus',
  'enteredCareDate',
  'careOrderDate',
  'placementOrderDate',
  'adoptionPlanDate',
  'needs',
  'need',
  'developmentalUncertainty',
  'healthSummary',
  'educationSummary',
  'additionalLearningNeeds',
  'currentPlacement',
  'contactBirthFamily',
  'contactSiblings',
  'profileEn',
  'profileCy',
];

function fieldPosition(field: string): number {
  const name = field.startsWith('needSeverity-') || field.startsWith('needDescription-') ? 'need' : field;
  const index = CHILD_FIELD_ORDER.indexOf(name);
  return index === -1 ? CHILD_FIELD_ORDER.length : index;
}

/** A child's answers as the values of the form's fields. */
export function childToForm(child: Partial<ChildInput> | undefined): Record<string, unknown> {
  if (!child) return { languages: [], needs: [], developmentalUncertainty: 'no', additionalLearningNeeds: 'no' };
  const values: Record<string, unknown> = {
    ...child,
    developmentalUncertainty: child.developmentalUncertainty ? 'yes' : 'no',
    additionalLearningNeeds: child.additionalLearningNeeds ? 'yes' : 'no',
    needs: (child.needs ?? []).map((n) => n.category),
  };
  for (const need of child.needs ?? []) {
    values[`needSeverity-${need.category}`] = need.severity;
    values[`needDescription-${need.category}`] = need.description ?? '';
  }
  for (const field of CHILD_DATE_FIELDS) Object.assign(values, dateParts(field, child[field]));
  return values;
}

/** The typed values of a re-displayed form are what was posted, with the child's lists kept as lists. */
export function childFormValues(form: Form): Form {
  return { ...formValues(form), languages: list(form, 'languages'), needs: list(form, 'needs') };
}

/** How each pair of brothers and sisters is related, and whether they should live together. */
export function siblingsFromForm(form: Form, names: string[]): Pick<ReferralDraft, 'siblingRelationships' | 'siblingAssessment'> {
  const errors: FieldError[] = [];
  const relationships: SiblingPair[] = [];
  for (const [a, b] of siblingPairs(names.length)) {
    const field = `relationship-${a}-${b}`;
    const value = text(form, field);
    if ((SIBLING_RELATIONSHIPS as readonly string[]).includes(value)) relationships.push({ child: a, sibling: b, relationship: value as SiblingRelationship });
    else
      errors.push({
        field,
        key: 'children:errors.relationship.required',
        params: { first: names[a] ?? '', second: names[b] ?? '', context: conjunctionContext(names[b]) ?? '' },
      });
  }
  const date = dateFromParts(form, 'assessmentDate');
  if (date.error) errors.push(date.error);
  const assessment = check(
    siblingAssessmentInput,
    { assessment: text(form, 'assessment') || undefined, reasons: text(form, 'reasons'), assessmentDate: date.value },
    errors,
  );
  if (assessment.assessment !== 'not_yet_assessed' && !assessment.reasons)
    throw new ValidationError([{ field: 'reasons', key: 'children:errors.assessment.reasonsRequired' }]);
  return { siblingRelationships: relationships, siblingAssessment: assessment };
}

export function siblingsToForm(draft: ReferralDraft): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const pair of draft.siblingRelationships) values[`relationship-${pair.child}-${pair.sibling}`] = pair.relationship;
  const assessment = draft.siblingAssessment;
  if (assessment) {
    values.assessment = assessment.assessment;
    values.reasons = assessment.reasons ?? '';
    Object.assign(values, dateParts('assessmentDate', assessment.assessmentDate));
  }
  return values;
}

/**
 * The whole referral for submission, checked with the API's own schema. Errors name the step
 * to go back to, so the check page can link to it.
 */
export function referralFromDraft(draft: ReferralDraft): ReferralInput {
  const candidate = {
    legalBasis: draft.legalBasis,
    legalBasisNotes: draft.legalBasisNotes,
    children: draft.children,
    siblingRelationships: draft.children.length > 1 ? draft.siblingRelationships : [],
    siblingAssessment: draft.children.length > 1 ? draft.siblingAssessment : undefined,
  };
  return check(referralInput, candidate, []);
}

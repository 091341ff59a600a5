import { z } from 'zod';
import { ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { toFieldErrors } from '../../platform/http/validation.ts';
import { childInput, childPatch, referralInput, siblingAssessmentInput, type ChildInput, type ReferralInput } from './inputs.ts';
import { dateFromParts, dateParts, formValues, list, text, type Form } from '../../platform/forms/forms.ts';
import { LEGAL_BASES, SIBLING_RELATIONSHIPS, type SiblingRelationship } from './vocabulary.ts';

/**
 * The referral journey as data: a typed sequence of steps (legal basis, one page per child,
 * brothers and sisters, check your answers). The page order lives here, not in file names, and
 * the answers between steps live in the referral's draft.
 */

export const MAX_CHILDREN = 8;

/** The dates of a child's record, entered on pages as day, month and year. */
export const CHILD_DATE_FIELDS = ['dateOfBirth', 'enteredCareDate', 'careOrderDate', 'placementOrderDate', 'adoptionPlanDate'] as const;

export type SiblingPair = { child: number; sibling: number; relationship: SiblingRelationship };
export type SiblingAssessment = z.infer<typeof siblingAssessmentInput>;

/** What a draft referral keeps between steps: answers already checked by the step that took them. */
export type ReferralDraft = {
  legalBasis?: (typeof LEGAL_BASES)[number];
  legalBasisNotes?: string | null;
  children: ChildInput[];
  siblingRelationships: SiblingPair[];
  siblingAssessment?: SiblingAssessment;
  /**
   * Pages saved with "Save and come back later" before they were complete: what was typed, as
   * typed, by page (`legal-basis`, `child-0`, `siblings`). Shown again when the person comes back;
   * the page's answers proper are taken only once it is complete.
   */
  unfinished?: Record<string, UnfinishedForm>;
};

/** The raw fields of a page as posted (text boxes, radios, checkboxes). */
export type UnfinishedForm = Record<string, string | string[]>;

export type StepRef = { step: 'legal-basis' } | { step: 'child'; index: number } | { step: 'siblings' } | { step: 'check' };

type Step = {
  id: StepRef['step'];
  /** Whether the step is part of this referral's journey (brothers and sisters only for 2 or more children). */
  applies: (draft: ReferralDraft) => boolean;
  /** Whether its answers are complete; the first incomplete step is where "Continue" lands. */
  complete: (draft: ReferralDraft) => boolean;
};

/** Every pair of children (by position), each once. */
export function siblingPairs(count: number): [number, number][] {
  const pairs: [number, number][] = [];
  for (let a = 0; a < count; a++) for (let b = a + 1; b < count; b++) pairs.push([a, b]);
  return pairs;
}

/** The key of a page among the draft's unfinished pages. */
export function pageKey(ref: StepRef): string {
  return ref.step === 'child' ? `child-${ref.index}` : ref.step;
}

/** Index of the first child whose page was saved unfinished, if any. */
function firstUnfinishedChild(draft: ReferralDraft): number | undefined {
  const indexes = Object.keys(draft.unfinished ?? {})
    .map((key) => /^child-(\d+)$/.exec(key)?.[1])
    .filter((i): i is string => i !== undefined)
    .map(Number);
  return indexes.length ? Math.min(...indexes) : undefined;
}

const isUnfinished = (draft: ReferralDraft, key: string) => Boolean(draft.unfinished?.[key]);

export const JOURNEY: readonly Step[] = [
  { id: 'legal-basis', applies: () => true, complete: (d) => Boolean(d.legalBasis) && !isUnfinished(d, 'legal-basis') },
  { id: 'child', applies: () => true, complete: (d) => d.children.length > 0 && firstUnfinishedChild(d) === undefined },
  {
    id: 'siblings',
    applies: (d) => d.children.length > 1,
    complete: (d) =>
      !isUnfinished(d, 'siblings') &&
      Boolean(d.siblingAssessment) &&
      siblingPairs(d.children.length).every(([a, b]) => d.siblingRelationships.some((p) => p.child === a && p.sibling === b)),
  },
  { id: 'check', applies: () => true, complete: () => false },
];

export function emptyDraft(): ReferralDraft {
  return { children: [], siblingRelationships: [] };
}

/** Where the person should go next: the first step of the journey not yet answered. */
export function firstIncomplete(draft: ReferralDraft): StepRef {
  for (const step of JOURNEY) {
    if (!step.applies(draft) || step.complete(draft)) continue;
    if (step.id === 'child') return { step: 'child', index: firstUnfinishedChild(draft) ?? 0 };
    return { step: step.id };
  }
  return { step: 'check' };
}

/** The step before this one, for the back link. */
export function previousStep(ref: StepRef, draft: ReferralDraft): StepRef | undefined {
  switch (ref.step) {
    case 'legal-basis':
      return undefined;
    case 'child':
      return ref.index === 0 ? { step: 'legal-basis' } : { step: 'child', index: ref.index - 1 };
    case 'siblings':
      return { step: 'child', index: Math.max(0, draft.children.length - 1) };
    case 'check':
      return draft.children.length > 1 ? { step: 'siblings' } : { step: 'child', index: Math.max(0, draft.children.length - 1) };
  }
}

/** The address of a step of a saved draft (children are numbered from 1 for people). */
export function stepUrl(draftId: string, ref: StepRef): string {
  const base = `/referrals/drafts/${draftId}`;
  switch (ref.step) {
    case 'legal-basis':
      return `${base}/legal-basis`;
    case 'child':
      return `${base}/children/${ref.index + 1}`;
    case 'siblings':
      return `${base}/siblings`;
    case 'check':
      return `${base}/check`;
  }
}

// ---------------------------------------------------------------------------------------------
// Forms of the steps: from the posted fields to checked answers, and back for re-display.
// ---------------------------------------------------------------------------------------------

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
    else errors.push({ field, key: 'children:errors.relationship.required', params: { first: names[a] ?? '', second: names[b] ?? '' } });
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

// ---------------------------------------------------------------------------------------------
// Changes to a draft: each returns a new draft, keeping brothers and sisters consistent.
// ---------------------------------------------------------------------------------------------

export function withChild(draft: ReferralDraft, index: number, child: ChildInput): ReferralDraft {
  const children = [...draft.children];
  children[index] = child;
  return withoutUnfinished({ ...draft, children }, { step: 'child', index });
}

/** A page kept as typed, unfinished (fields of the form only: no CSRF token, no button). */
export function withUnfinished(draft: ReferralDraft, ref: StepRef, form: Form): ReferralDraft {
  const kept: UnfinishedForm = {};
  for (const [name, value] of Object.entries(form).slice(0, 300)) {
    if (name === '_csrf' || name === 'action') continue;
    if (typeof value === 'string') kept[name] = value.slice(0, 20_000);
    else if (Array.isArray(value)) kept[name] = value.filter((v): v is string => typeof v === 'string').slice(0, 50);
  }
  return { ...draft, unfinished: { ...draft.unfinished, [pageKey(ref)]: kept } };
}

/** The page is complete now: what was kept unfinished goes. */
export function withoutUnfinished(draft: ReferralDraft, ref: StepRef): ReferralDraft {
  if (!draft.unfinished?.[pageKey(ref)]) return draft;
  const { [pageKey(ref)]: _done, ...rest } = draft.unfinished;
  return { ...draft, unfinished: Object.keys(rest).length ? rest : undefined };
}

/** What was typed on a page saved unfinished, to show it again. */
export function unfinishedForm(draft: ReferralDraft, ref: StepRef): UnfinishedForm | undefined {
  return draft.unfinished?.[pageKey(ref)];
}

/** Removes a child; relationships naming them go, later children move up one place. */
export function withoutChild(draft: ReferralDraft, index: number): ReferralDraft {
  const children = draft.children.filter((_, i) => i !== index);
  const shift = (i: number) => (i > index ? i - 1 : i);
  const siblingRelationships = draft.siblingRelationships
    .filter((p) => p.child !== index && p.sibling !== index)
    .map((p) => ({ ...p, child: shift(p.child), sibling: shift(p.sibling) }));
  // Unfinished pages of later children move up with them; the removed child's goes, and so does
  // an unfinished brothers-and-sisters page (its pairs no longer match the children).
  const unfinished: Record<string, UnfinishedForm> = {};
  for (const [key, form] of Object.entries(draft.unfinished ?? {})) {
    const child = /^child-(\d+)$/.exec(key);
    if (!child) {
      if (key !== 'siblings') unfinished[key] = form;
      continue;
    }
    const i = Number(child[1]);
    if (i !== index) unfinished[`child-${shift(i)}`] = form;
  }
  const rest = { ...draft, children, unfinished: Object.keys(unfinished).length ? unfinished : undefined };
  return children.length > 1 ? { ...rest, siblingRelationships } : { ...rest, siblingRelationships: [], siblingAssessment: undefined };
}

/** A stored draft read back leniently: a draft saved by an older version still opens. */
export function readDraft(stored: unknown): ReferralDraft {
  const value = (stored && typeof stored === 'object' ? stored : {}) as Partial<ReferralDraft>;
  return {
    legalBasis: (LEGAL_BASES as readonly string[]).includes(value.legalBasis ?? '') ? value.legalBasis : undefined,
    legalBasisNotes: value.legalBasisNotes ?? null,
    children: Array.isArray(value.children) ? value.children.slice(0, MAX_CHILDREN) : [],
    siblingRelationships: Array.isArray(value.siblingRelationships) ? value.siblingRelationships : [],
    siblingAssessment: value.siblingAssessment,
    unfinished: readUnfinished(value.unfinished),
  };
}

function readUnfinished(stored: unknown): Record<string, UnfinishedForm> | undefined {
  if (!stored || typeof stored !== 'object') return undefined;
  const pages: Record<string, UnfinishedForm> = {};
  for (const [key, form] of Object.entries(stored as Record<string, unknown>)) {
    if (!/^(legal-basis|siblings|child-\d+)$/.test(key) || !form || typeof form !== 'object') continue;
    pages[key] = Object.fromEntries(
      Object.entries(form as Record<string, unknown>).filter(([, v]) => typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'))),
    ) as UnfinishedForm;
  }
  return Object.keys(pages).length ? pages : undefined;
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

/** The step a whole-referral error belongs to ("children.1.dateOfBirth" is the second child's page). */
export function stepOfField(field: string): StepRef {
  const child = /^children\.(\d+)/.exec(field);
  if (child) return { step: 'child', index: Number(child[1]) };
  if (field.startsWith('sibling')) return { step: 'siblings' };
  if (field.startsWith('legalBasis')) return { step: 'legal-basis' };
  return { step: 'check' };
}

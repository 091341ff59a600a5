import type { Call } from '../../server/route.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { conjunctionContext } from '../../platform/i18n/welsh.ts';
import { choices, formErrors } from '../../platform/forms/forms.ts';
import { ASSESSMENTS, childFormOptions, childName, longDate, CHILDREN_FORM } from './page-helpers.ts';
import { MAX_CHILDREN, previousStep, siblingPairs, stepOfField, stepUrl, type ReferralDraft, type StepRef } from './referral-journey.ts';
import { childSummaryRows, paragraphs } from './view-models.ts';
import { LEGAL_BASES, SIBLING_RELATIONSHIPS } from './vocabulary.ts';

/**
 * The pages of the referral journey's steps, as the referrer sees them (the routes that take
 * their answers are in referral-pages.ts). A page with errors answers 400 and keeps what was typed.
 */

/** The back link of a step: the step before it, or the referrals list from the first. */
function back(draftId: string | undefined, ref: StepRef, draft: ReferralDraft): string {
  const previous = previousStep(ref, draft);
  return previous && draftId ? stepUrl(draftId, previous) : '/referrals';
}

// --- Step 1: legal basis -----------------------------------------------------------------
export function legalBasisPage(call: Call, draftId: string | undefined, values: Record<string, unknown>, errors: FieldError[] = []) {
  return call.render(
    'children/views/referral-legal-basis.njk',
    {
      pageTitle: call.t('children:journey.legalBasis.title'),
      action: draftId ? stepUrl(draftId, { step: 'legal-basis' }) : '/referrals/new',
      backHref: draftId ? stepUrl(draftId, { step: 'check' }) : '/referrals',
      values,
      legalBasisItems: choices(LEGAL_BASES, 'children:vocabulary.legalBasis', call.t, values.legalBasis),
      ...formErrors(errors, call.t, CHILDREN_FORM),
    },
    errors.length ? 400 : 200,
  );
}

// --- Step 2: one child per page ----------------------------------------------------------
export function childPage(call: Call, draftId: string, draft: ReferralDraft, index: number, values: Record<string, unknown>, errors: FieldError[] = []) {
  const ref: StepRef = { step: 'child', index };
  const existing = draft.children[index];
  return call.render(
    'children/views/referral-child.njk',
    {
      pageTitle: existing
        ? call.t('children:journey.child.titleNamed', { name: childName(existing) })
        : call.t('children:journey.child.title', { number: index + 1 }),
      action: stepUrl(draftId, ref),
      backHref: back(draftId, ref, draft),
      canAddAnother: Math.max(draft.children.length, index + 1) < MAX_CHILDREN,
      values,
      ...childFormOptions(values, call.t),
      ...formErrors(errors, call.t, CHILDREN_FORM),
    },
    errors.length ? 400 : 200,
  );
}

// --- Step 3: brothers and sisters (two or more children) ---------------------------------
export function siblingsPage(call: Call, draftId: string, draft: ReferralDraft, values: Record<string, unknown>, errors: FieldError[] = []) {
  const names = draft.children.map((c) => childName(c));
  return call.render(
    'children/views/referral-siblings.njk',
    {
      pageTitle: call.t('children:journey.siblings.title'),
      action: stepUrl(draftId, { step: 'siblings' }),
      backHref: back(draftId, { step: 'siblings' }, draft),
      values,
      pairs: siblingPairs(names.length).map(([a, b]) => {
        const field = `relationship-${a}-${b}`;
        return {
          field,
          first: names[a],
          second: names[b],
          context: conjunctionContext(names[b]),
          items: choices(SIBLING_RELATIONSHIPS, 'children:vocabulary.relationship', call.t, values[field]),
        };
      }),
      assessmentItems: choices(ASSESSMENTS, 'children:vocabulary.assessment', call.t, values.assessment),
      ...formErrors(errors, call.t, CHILDREN_FORM),
    },
    errors.length ? 400 : 200,
  );
}

// --- Step 4: check your answers ----------------------------------------------------------
export function checkPage(call: Call, draftId: string, draft: ReferralDraft, errors: FieldError[] = []) {
  const t = call.t;
  const change = (ref: StepRef, hidden: string) => ({ href: stepUrl(draftId, ref), text: t('children:journey.check.change'), visuallyHiddenText: hidden });
  const notGiven = t('children:summary.notGiven');
  const names = draft.children.map((c) => childName(c));
  const sections = [
    {
      title: t('children:journey.check.legalBasis'),
      testid: 'check-legal-basis',
      actions: [change({ step: 'legal-basis' }, t('children:journey.check.legalBasis').toLowerCase())],
      rows: [
        {
          key: { text: t('children:journey.check.legalBasis') },
          value: { text: draft.legalBasis ? t(`children:vocabulary.legalBasis.${draft.legalBasis}`) : notGiven },
        },
        {
          key: { text: t('children:journey.legalBasis.notes') },
          value: draft.legalBasisNotes ? { html: paragraphs(draft.legalBasisNotes) } : { text: notGiven },
        },
      ],
    },
    ...draft.children.map((child, index) => ({
      title: names[index]!,
      testid: `check-child-${index + 1}`,
      actions: [change({ step: 'child', index }, names[index]!)],
      rows: childSummaryRows(child, t, call.language),
      removeAction: `/referrals/drafts/${draftId}/children/${index + 1}/remove`,
    })),
    ...(draft.children.length > 1
      ? [
          {
            title: t('children:journey.siblings.title'),
            testid: 'check-siblings',
            actions: [change({ step: 'siblings' }, t('children:journey.siblings.title').toLowerCase())],
            rows: [
              ...draft.siblingRelationships.map((p) => ({
                key: {
                  text: t('children:journey.siblings.pair', { first: names[p.child], second: names[p.sibling], context: conjunctionContext(names[p.sibling]) }),
                },
                value: { text: t(`children:vocabulary.relationship.${p.relationship}`) },
              })),
              {
                key: { text: t('children:journey.siblings.assessment') },
                value: { text: draft.siblingAssessment ? t(`children:vocabulary.assessment.${draft.siblingAssessment.assessment}`) : notGiven },
              },
              {
                key: { text: t('children:journey.siblings.reasons') },
                value: draft.siblingAssessment?.reasons ? { html: paragraphs(draft.siblingAssessment.reasons) } : { text: notGiven },
              },
              {
                key: { text: t('children:journey.siblings.assessmentDate') },
                value: { text: longDate(draft.siblingAssessment?.assessmentDate, call.language) || notGiven },
              },
            ],
          },
        ]
      : []),
  ];
  // A whole-referral error links to the page where it can be put right.
  const model = formErrors(errors, t, CHILDREN_FORM);
  const errorList = model.errorList.map((e, i) => ({ ...e, href: stepUrl(draftId, stepOfField(errors[i]?.field ?? '')) }));
  return call.render(
    'children/views/referral-check.njk',
    {
      pageTitle: t('children:journey.check.title'),
      backHref: back(draftId, { step: 'check' }, draft),
      sections,
      canAddAnother: draft.children.length < MAX_CHILDREN,
      addAnotherHref: stepUrl(draftId, { step: 'child', index: draft.children.length }),
      submitAction: `/referrals/drafts/${draftId}/submit`,
      deleteHref: `/referrals/drafts/${draftId}/delete`,
      agencyName: t('service.name'),
      errorList,
    },
    errors.length ? 400 : 200,
  );
}

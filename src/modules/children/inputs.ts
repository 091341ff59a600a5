import { z } from 'zod';
import { dateInWales, isIsoDate } from '../../platform/dates/dates.ts';
import { ACE_STATUSES } from './aces.ts';
import { PRIORITY_REASONS } from './priority.ts';
import { postcodeField, POSTCODE_MESSAGES } from '../../platform/forms/fields.ts';
import {
  CONTACT_ARRANGEMENTS,
  ETHNICITIES,
  LANGUAGE_CODES,
  LEGAL_BASES,
  LEGAL_STATUSES,
  NEED_CATEGORIES,
  OUTCOMES,
  SEVERITIES,
  SEXES,
  SIBLING_RELATIONSHIPS,
} from './vocabulary.ts';

/** Validation of children's records at every edge (API, pages, CSV import). Messages are translation keys. */
const text = (max = 2000) =>
  z
    .string()
    .trim()
    .max(max, 'errors.field.tooLong')
    .optional()
    .nullable()
    .transform((v) => (v ? v : null));

const isoDate = (field: string) =>
  z
    .string({ error: `children:errors.${field}.required` })
    .trim()
    .refine(isIsoDate, `children:errors.date.invalid`);

const optionalDate = () =>
  z
    .union([z.string().trim(), z.null()])
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || isIsoDate(v), 'children:errors.date.invalid');

const booleanish = z
  .union([z.boolean(), z.enum(['true', 'false', 'yes', 'no', 'on'])])
  .transform((v) => v === true || v === 'true' || v === 'yes' || v === 'on');

export const needInput = z.object({
  category: z.enum(NEED_CATEGORIES, { error: 'children:errors.need.category' }),
  severity: z.enum(SEVERITIES, { error: 'children:errors.need.severity' }),
  description: text(500),
});

const childFields = {
  legalGivenNames: z
    .string({ error: 'children:errors.legalGivenNames.required' })
    .trim()
    .min(1, 'children:errors.legalGivenNames.required')
    .max(200, 'errors.field.tooLong'),
  legalFamilyName: z
    .string({ error: 'children:errors.legalFamilyName.required' })
    .trim()
    .min(1, 'children:errors.legalFamilyName.required')
    .max(200, 'errors.field.tooLong'),
  preferredName: text(200),
  localAuthorityReference: text(50),
  dateOfBirth: isoDate('dateOfBirth'),
  sex: z.enum(SEXES, { error: 'children:errors.sex.invalid' }),
  gender: text(100),
  ethnicity: z.enum(ETHNICITIES, { error: 'children:errors.ethnicity.invalid' }),
  religion: text(100),
  languages: z
    .array(z.enum(LANGUAGE_CODES, { error: 'children:errors.language.invalid' }))
    .max(3)
    .default([]),
  preferredLanguage: z
    .enum(LANGUAGE_CODES, { error: 'children:errors.language.invalid' })
    .optional()
    .nullable()
    .transform((v) => v ?? null),
  developmentalUncertainty: booleanish.default(false),
  healthSummary: text(),
  educationSummary: text(),
  additionalLearningNeeds: booleanish.default(false),
  legalStatus: z.enum(LEGAL_STATUSES, { error: 'children:errors.legalStatus.invalid' }),
  enteredCareDate: optionalDate(),
  careOrderDate: optionalDate(),
  placementOrderDate: optionalDate(),
  adoptionPlanDate: optionalDate(),
  currentPlacement: text(500),
  contactBirthFamily: text(),
  contactSiblings: text(),
  profileEn: text(5000),
  profileCy: text(5000),
  needs: z.array(needInput).max(NEED_CATEGORIES.length).default([]),
  // What matching needs from the child's worker (optional: omitted means unchanged / not recorded).
  requiredContact: z
    .array(z.enum(CONTACT_ARRANGEMENTS, { error: 'children:errors.requiredContact.invalid' }))
    .max(CONTACT_ARRANGEMENTS.length)
    .optional(),
  identityConsiderations: z
    .object({
      religionImportant: z.boolean().optional(),
      religion: text(100),
      ethnicityImportant: z.boolean().optional(),
      welshLanguageImportant: z.boolean().optional(),
      notes: text(1000),
    })
    .nullable()
    .optional(),
  birthFamilyPostcodes: z.array(postcodeField(POSTCODE_MESSAGES)).max(10).optional(),
  importantContactPostcodes: z.array(postcodeField(POSTCODE_MESSAGES)).max(10).optional(),
};

type DatedChild = {
  dateOfBirth: string;
  enteredCareDate: string | null;
  careOrderDate: string | null;
  placementOrderDate: string | null;
  adoptionPlanDate: string | null;
};

/** Dates must be possible: nothing in the future, nothing before the child was born. */
function checkDates(child: Partial<DatedChild>, ctx: z.RefinementCtx, today = dateInWales(new Date())) {
  const dob = child.dateOfBirth;
  if (dob && isIsoDate(dob) && dob > today) ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: 'children:errors.dateOfBirth.inFuture' });
  for (const field of ['enteredCareDate', 'careOrderDate', 'placementOrderDate', 'adoptionPlanDate'] as const) {
    const value = child[field];
    if (!value || !isIsoDate(value)) continue;
    if (value > today) ctx.addIssue({ code: 'custom', path: [field], message: `children:errors.${field}.inFuture` });
    else if (dob && isIsoDate(dob) && value < dob) ctx.addIssue({ code: 'custom', path: [field], message: `children:errors.${field}.beforeBirth` });
  }
  const needs = (child as { needs?: { category: string }[] }).needs;
  if (needs && new Set(needs.map((n) => n.category)).size !== needs.length)
    ctx.addIssue({ code: 'custom', path: ['needs'], message: 'children:errors.need.duplicate' });
}

export const childInput = z.object(childFields).superRefine((child, ctx) => checkDates(child, ctx));
export type ChildInput = z.infer<typeof childInput>;

/** An edit: any subset of the record, plus the version it is based on (pages) or If-Match (API). */
export const childPatch = z
  .object(childFields)
  .partial()
  .extend({ version: z.coerce.number().int().min(1).optional() })
  .superRefine((child, ctx) => checkDates(child, ctx));
export type ChildPatch = z.infer<typeof childPatch>;

export const siblingAssessmentInput = z.object({
  assessment: z.enum(['together', 'apart', 'not_yet_assessed'], { error: 'children:errors.assessment.invalid' }),
  reasons: text(2000),
  assessmentDate: optionalDate(),
});

export const referralInput = z
  .object({
    agencyId: z.uuid().optional(),
    legalBasis: z.enum(LEGAL_BASES, { error: 'children:errors.legalBasis.invalid' }),
    legalBasisNotes: text(1000),
    children: z
      .array(childInput, { error: 'children:errors.children.required' })
      .min(1, 'children:errors.children.required')
      .max(8, 'children:errors.children.tooMany'),
    /** Pairs by position in `children` (0-based). */
    siblingRelationships: z
      .array(
        z.object({
          child: z.number().int().min(0),
          sibling: z.number().int().min(0),
          relationship: z.enum(SIBLING_RELATIONSHIPS, { error: 'children:errors.relationship.invalid' }),
        }),
      )
      .default([]),
    siblingAssessment: siblingAssessmentInput.optional(),
  })
  .superRefine((referral, ctx) => {
    for (const [i, pair] of referral.siblingRelationships.entries()) {
      if (pair.child >= referral.children.length || pair.sibling >= referral.children.length || pair.child === pair.sibling) {
        ctx.addIssue({ code: 'custom', path: ['siblingRelationships', i], message: 'children:errors.relationship.invalid' });
      }
    }
  });
export type ReferralInput = z.infer<typeof referralInput>;

export const decisionInput = z.discriminatedUnion(
  'decision',
  [
    z.object({ decision: z.literal('accept'), familyFinderId: z.uuid({ error: 'children:errors.familyFinder.required' }) }),
    z.object({
      decision: z.literal('decline'),
      reason: z.string({ error: 'children:errors.declineReason.required' }).trim().min(1, 'children:errors.declineReason.required').max(2000),
    }),
  ],
  { error: 'children:errors.decision.invalid' },
);

export const AGE_BANDS = ['0-3', '4-6', '7-9', '10-plus'] as const;
export const WAITING_BANDS = ['6-months', '12-months'] as const;
export const SORTS = ['referralDate', '-referralDate', 'dateOfBirth', '-dateOfBirth', 'placementOrderDate'] as const;

export const childListQuery = z.object({
  priorityReason: z.enum(PRIORITY_REASONS, { error: 'children:errors.filter.invalid' }).optional(),
  ageBand: z.enum(AGE_BANDS, { error: 'children:errors.filter.invalid' }).optional(),
  waiting: z.enum(WAITING_BANDS, { error: 'children:errors.filter.invalid' }).optional(),
  region: z
    .string()
    .trim()
    .max(100)
    .transform((v) => v || undefined)
    .optional(),
  need: z.enum(NEED_CATEGORIES, { error: 'children:errors.filter.invalid' }).optional(),
  outcome: z.enum([...OUTCOMES, 'none'], { error: 'children:errors.filter.invalid' }).optional(),
  sort: z.enum(SORTS, { error: 'children:errors.filter.invalid' }).default('referralDate'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ChildListFilters = z.infer<typeof childListQuery>;

export const aceEntryInput = z.object({
  category: z.string().trim().min(1).max(60),
  status: z.enum(ACE_STATUSES, { error: 'children:errors.ace.status' }),
  source: text(500),
  recordedOn: optionalDate(),
});
export const acesInput = z.object({ entries: z.array(aceEntryInput).max(40) });

export const outcomeInput = z
  .object({
    outcome: z.enum(OUTCOMES, { error: 'children:errors.outcome.invalid' }),
    reason: text(2000),
    outcomeDate: isoDate('outcomeDate'),
    version: z.coerce.number().int().min(1).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === 'plan_changed_long_term_fostering' && !v.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'children:errors.outcome.reasonRequired' });
    if (isIsoDate(v.outcomeDate) && v.outcomeDate > dateInWales(new Date()))
      ctx.addIssue({ code: 'custom', path: ['outcomeDate'], message: 'children:errors.outcomeDate.inFuture' });
  });

export const aceAnalyticsQuery = z.object({
  referralYear: z.coerce.number().int().min(2000).max(2100).optional(),
  region: z
    .string()
    .trim()
    .max(100)
    .transform((v) => v || undefined)
    .optional(),
  ageBand: z.enum(AGE_BANDS, { error: 'children:errors.filter.invalid' }).optional(),
  priorityReason: z.enum(PRIORITY_REASONS, { error: 'children:errors.filter.invalid' }).optional(),
  outcome: z.enum([...OUTCOMES, 'none'], { error: 'children:errors.filter.invalid' }).optional(),
  measure: z.enum(['known', 'knownOrSuspected']).default('known'),
});
export type AceAnalyticsFilters = z.infer<typeof aceAnalyticsQuery>;

/** The filters that narrow the cohort (the measure only chooses which of two fixed tables). */
export const ACE_COHORT_FILTERS = ['referralYear', 'region', 'ageBand', 'priorityReason', 'outcome'] as const satisfies readonly (keyof AceAnalyticsFilters)[];

/** The names of the cohort filters chosen (names only: a log or an audit entry may carry them). */
export function cohortFiltersChosen(filters: AceAnalyticsFilters): string[] {
  return ACE_COHORT_FILTERS.filter((name) => filters[name] !== undefined);
}

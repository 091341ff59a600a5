import { z } from 'zod';
import { fields } from '../../platform/http/validation.ts';
import { postcodeField, POSTCODE_MESSAGES } from '../../platform/forms/fields.ts';
import { isIsoDate } from '../../platform/dates/dates.ts';
import { ETHNICITIES, NEED_CATEGORIES } from '../children/index.ts';
import {
  CHANNELS,
  CHECK_KINDS,
  CHECK_OUTCOMES,
  CONSIDERATION_LEVELS,
  CONTACT_ARRANGEMENTS,
  HEALTH_DECLARATION_STATUSES,
  SUPPORT_NETWORK_LEVELS,
  MAX_CHILDREN_CONSIDERED,
  MEMBER_KINDS,
  RECOMMENDATIONS,
  STAGES,
} from './vocabulary.ts';

/** Validation of enquiries and households at every edge (public form, pages, API). Messages are translation keys. */

const text = (max = 2000) =>
  z
    .string()
    .trim()
    .max(max, 'errors.field.tooLong')
    .optional()
    .nullable()
    .transform((v) => (v ? v : null));

const required = (key: string, max = 200) => z.string({ error: key }).trim().min(1, key).max(max, 'errors.field.tooLong');

/** A UK postcode, normalised to upper case with one space ("CF10 1AA"). */
export const postcode = () => postcodeField(POSTCODE_MESSAGES);

const optionalPostcode = () =>
  z
    .union([z.string(), z.null()])
    .optional()
    .transform((v) => (v && v.trim() ? v : null))
    .pipe(z.union([z.null(), postcode()]));

/** A UK telephone number: digits, spaces, brackets, a leading +; 10 to 13 digits. */
const phone = () =>
  text(30).refine(
    (v) => v === null || (/^[+0-9 ()-]+$/.test(v) && v.replace(/\D/g, '').length >= 10 && v.replace(/\D/g, '').length <= 13),
    'recruitment:errors.phone.invalid',
  );

export const isoDate = (key = 'recruitment:errors.date.required') =>
  z.string({ error: key }).trim().min(1, key).refine(isIsoDate, 'recruitment:errors.date.invalid');
const optionalDate = () =>
  z
    .union([z.string().trim(), z.null()])
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || isIsoDate(v), 'recruitment:errors.date.invalid');

const language = z.enum(['en', 'cy'], { error: 'recruitment:errors.language.invalid' });

/** The public enquiry form (and POST /api/v1/enquiries). `website` is the honeypot: people leave it empty. */
export const enquiryInput = z.object({
  givenNames: required('recruitment:errors.givenNames.required'),
  familyName: required('recruitment:errors.familyName.required'),
  email: fields.email(),
  phone: phone(),
  postcode: postcode(),
  preferredLanguage: language.default('en'),
  channel: z
    .enum(CHANNELS, { error: 'recruitment:errors.channel.invalid' })
    .optional()
    .nullable()
    .transform((v) => v ?? null),
  campaign: z
    .string()
    .trim()
    .max(60)
    .optional()
    .nullable()
    .transform((v) => (v ? v : null)),
  interests: z
    .array(z.enum(['siblings', 'older_children', 'additional_needs', 'not_sure']))
    .max(4)
    .default([]),
  message: text(2000),
  consent: z.union([z.literal(true), z.literal('yes'), z.literal('on'), z.literal('true')], { error: 'recruitment:errors.consent.required' }),
  website: z.string().max(500).optional(),
});
export type EnquiryInput = z.infer<typeof enquiryInput>;

export const applicantInput = z.object({
  givenNames: required('recruitment:errors.givenNames.required'),
  familyName: required('recruitment:errors.familyName.required'),
  dateOfBirth: optionalDate(),
  email: z
    .union([z.string(), z.null()])
    .optional()
    .transform((v) => (v && v.trim() ? v : null))
    .pipe(z.union([z.null(), fields.email()])),
  phone: phone(),
  preferredLanguage: language.default('en'),
  ethnicity: z
    .enum(ETHNICITIES, { error: 'recruitment:errors.ethnicity.invalid' })
    .optional()
    .nullable()
    .transform((v) => v ?? null),
  religion: text(100),
  languages: z.array(z.string().trim().min(1).max(40)).max(6).default([]),
  occupation: text(200),
});
export type ApplicantInput = z.infer<typeof applicantInput>;

export const memberInput = z.object({
  kind: z.enum(MEMBER_KINDS, { error: 'recruitment:errors.memberKind.invalid' }),
  name: required('recruitment:errors.memberName.required'),
  relationship: required('recruitment:errors.relationship.required', 100),
  dateOfBirth: optionalDate(),
  livesInHousehold: z.boolean().default(true),
});

/** The household's own details (contact, location, background). Applicants and members are edited on their own. */
const householdFields = {
  email: fields.email(),
  phone: phone(),
  preferredLanguage: language,
  addressLine1: text(200),
  addressLine2: text(200),
  town: text(100),
  postcode: optionalPostcode(),
  localAuthorityArea: text(100),
  ethnicity: z
    .enum(ETHNICITIES, { error: 'recruitment:errors.ethnicity.invalid' })
    .optional()
    .nullable()
    .transform((v) => v ?? null),
  religion: text(100),
  languages: z.array(z.string().trim().min(1).max(40)).max(6).default([]),
  pets: text(500),
  supportNetwork: text(),
  supportNetworkRating: z
    .enum(SUPPORT_NETWORK_LEVELS, { error: 'recruitment:errors.supportNetworkRating.invalid' })
    .optional()
    .nullable()
    .transform((v) => v ?? null),
  experienceOfChildren: text(),
  healthDeclaration: z.enum(HEALTH_DECLARATION_STATUSES, { error: 'recruitment:errors.healthDeclaration.invalid' }).default('not_started'),
  socialWorkerId: fields
    .uuid()
    .optional()
    .nullable()
    .transform((v) => v ?? null),
};

/** A household recorded by a worker (a telephone enquiry): the first applicant comes with it. */
export const householdInput = z.object({
  ...householdFields,
  channel: z
    .enum(CHANNELS, { error: 'recruitment:errors.channel.invalid' })
    .optional()
    .nullable()
    .transform((v) => v ?? null),
  campaignId: fields
    .uuid()
    .optional()
    .nullable()
    .transform((v) => v ?? null),
  applicants: z.array(applicantInput).min(1, 'recruitment:errors.applicants.count').max(2, 'recruitment:errors.applicants.count'),
  members: z.array(memberInput).max(12).default([]),
});
export type HouseholdInput = z.infer<typeof householdInput>;

/** A change to a household (PATCH): any of its own fields, plus the version being changed. */
export const householdPatch = z
  .object({
    ...householdFields,
    preferredLanguage: language.optional(),
    healthDeclaration: householdFields.healthDeclaration.removeDefault().optional(),
    languages: z.array(z.string().trim().min(1).max(40)).max(6).optional(),
    reportCompletedDate: optionalDate(),
    applicants: z
      .array(applicantInput.extend({ id: fields.uuid().optional() }))
      .min(1, 'recruitment:errors.applicants.count')
      .max(2, 'recruitment:errors.applicants.count')
      .optional(),
    members: z.array(memberInput).max(12).optional(),
    version: fields.version().optional(),
  })
  .partial()
  .strict();
export type HouseholdPatch = z.infer<typeof householdPatch>;

export const transitionInput = z.object({
  to: z.enum([...STAGES, 'resume'] as const, { error: 'recruitment:errors.transition.to' }),
  date: isoDate('recruitment:errors.transition.date'),
  reason: text(1000),
  panelRecommendation: z
    .enum(RECOMMENDATIONS, { error: 'recruitment:errors.recommendation.invalid' })
    .optional()
    .nullable()
    .transform((v) => v ?? null),
  decisionMaker: text(200),
  reportCompletedDate: optionalDate(),
  version: fields.version().optional(),
});
export type TransitionInput = z.infer<typeof transitionInput>;

export const checkInput = z
  .object({
    kind: z.enum(CHECK_KINDS, { error: 'recruitment:errors.checkKind.invalid' }),
    applicantId: fields
      .uuid()
      .optional()
      .nullable()
      .transform((v) => v ?? null),
    subject: text(200),
    requestedDate: optionalDate(),
    receivedDate: optionalDate(),
    outcome: z.enum(CHECK_OUTCOMES, { error: 'recruitment:errors.checkOutcome.invalid' }).default('pending'),
    notes: text(1000),
    version: fields.version().optional(),
  })
  .superRefine((check, context) => {
    if ((check.kind === 'dbs' || check.kind === 'medical') && !check.applicantId) {
      context.addIssue({ code: 'custom', path: ['applicantId'], message: 'recruitment:errors.check.applicantRequired' });
    }
    if (check.receivedDate && check.requestedDate && check.receivedDate < check.requestedDate) {
      context.addIssue({ code: 'custom', path: ['receivedDate'], message: 'recruitment:errors.check.receivedBeforeRequested' });
    }
    if (check.outcome !== 'pending' && !check.receivedDate) {
      context.addIssue({ code: 'custom', path: ['receivedDate'], message: 'recruitment:errors.check.outcomeWithoutReceived' });
    }
  });
export type CheckInput = z.infer<typeof checkInput>;

export const visitInput = z.object({ visitDate: isoDate('recruitment:errors.visitDate.required'), focus: text(500) });

/** What the family can consider: used by matching, versioned (approval terms change). */
export const considerationInput = z
  .object({
    childrenMin: z.coerce
      .number({ error: 'recruitment:errors.children.invalid' })
      .int()
      .min(1, 'recruitment:errors.children.invalid')
      .max(MAX_CHILDREN_CONSIDERED, 'recruitment:errors.children.invalid'),
    childrenMax: z.coerce
      .number({ error: 'recruitment:errors.children.invalid' })
      .int()
      .min(1, 'recruitment:errors.children.invalid')
      .max(MAX_CHILDREN_CONSIDERED, 'recruitment:errors.children.invalid'),
    ageMin: z.coerce
      .number({ error: 'recruitment:errors.age.invalid' })
      .int()
      .min(0, 'recruitment:errors.age.invalid')
      .max(17, 'recruitment:errors.age.invalid'),
    ageMax: z.coerce
      .number({ error: 'recruitment:errors.age.invalid' })
      .int()
      .min(0, 'recruitment:errors.age.invalid')
      .max(17, 'recruitment:errors.age.invalid'),
    siblingGroups: z
      .union([z.boolean(), z.enum(['yes', 'no'])], { error: 'recruitment:errors.siblingGroups.required' })
      .transform((v) => v === true || v === 'yes'),
    needs: z.record(z.enum(NEED_CATEGORIES), z.enum(CONSIDERATION_LEVELS, { error: 'recruitment:errors.needLevel.invalid' })),
    contact: z.array(z.enum(CONTACT_ARRANGEMENTS, { error: 'recruitment:errors.contact.invalid' })).default([]),
    strengths: text(4000),
    changeReason: text(1000),
  })
  .superRefine((profile, context) => {
    if (profile.childrenMax < profile.childrenMin) context.addIssue({ code: 'custom', path: ['childrenMax'], message: 'recruitment:errors.children.order' });
    if (profile.ageMax < profile.ageMin) context.addIssue({ code: 'custom', path: ['ageMax'], message: 'recruitment:errors.age.order' });
    if (profile.siblingGroups && profile.childrenMax < 2)
      context.addIssue({ code: 'custom', path: ['childrenMax'], message: 'recruitment:errors.children.siblingsNeedTwo' });
    for (const category of NEED_CATEGORIES) {
      if (!profile.needs[category]) context.addIssue({ code: 'custom', path: [`needs.${category}`], message: 'recruitment:errors.needLevel.required' });
    }
  });
export type ConsiderationInput = z.infer<typeof considerationInput>;

export const householdListQuery = z.object({
  stage: z.enum(STAGES).optional(),
  /** 'mine': households allocated to me; 'overdue': a statutory timescale passed. */
  view: z.enum(['all', 'mine', 'overdue', 'due_soon']).default('all'),
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type HouseholdListQuery = z.infer<typeof householdListQuery>;

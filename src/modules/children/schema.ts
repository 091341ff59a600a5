import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from '../../platform/auth/schema.ts';

/**
 * A referral: a local authority asks the agency to find a family for one child or a sibling
 * group. Drafts keep the answers of the multi-step form until it is submitted.
 */
/** Identity considerations the child's worker records for matching; null = not recorded (never inferred). */
export type IdentityConsiderations = {
  religionImportant?: boolean;
  religion?: string | null;
  ethnicityImportant?: boolean;
  welshLanguageImportant?: boolean;
  notes?: string | null;
};

export const referrals = pgTable(
  'referrals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => organisations.id),
    referredBy: uuid('referred_by')
      .notNull()
      .references(() => users.id),
    status: text('status', { enum: ['draft', 'submitted', 'accepted', 'declined'] })
      .notNull()
      .default('draft'),
    legalBasis: text('legal_basis'),
    legalBasisNotes: text('legal_basis_notes'),
    draft: jsonb('draft').$type<Record<string, unknown>>(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    declineReason: text('decline_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('referrals_organisation_idx').on(t.organisationId, t.status), index('referrals_agency_idx').on(t.agencyId, t.status)],
);

export const children = pgTable(
  'children',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The referring local authority: the child's corporate parent and the record's owner. */
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    referralId: uuid('referral_id').references(() => referrals.id),
    status: text('status', { enum: ['referred', 'family_finding', 'linked', 'matched', 'placed', 'closed', 'declined'] })
      .notNull()
      .default('referred'),
    legalGivenNames: text('legal_given_names').notNull(),
    legalFamilyName: text('legal_family_name').notNull(),
    preferredName: text('preferred_name'),
    /** The child's reference in the referring authority's own case system (searched; migration 0028). */
    localAuthorityReference: text('local_authority_reference'),
    dateOfBirth: date('date_of_birth').notNull(),
    sex: text('sex').notNull(),
    gender: text('gender'),
    ethnicity: text('ethnicity').notNull(),
    religion: text('religion'),
    languages: text('languages')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    preferredLanguage: text('preferred_language'),
    developmentalUncertainty: boolean('developmental_uncertainty').notNull().default(false),
    healthSummary: text('health_summary'),
    educationSummary: text('education_summary'),
    additionalLearningNeeds: boolean('additional_learning_needs').notNull().default(false),
    legalStatus: text('legal_status').notNull(),
    enteredCareDate: date('entered_care_date'),
    careOrderDate: date('care_order_date'),
    placementOrderDate: date('placement_order_date'),
    /** The agency decision maker's decision that the child should be placed for adoption. */
    adoptionPlanDate: date('adoption_plan_date'),
    referralDate: date('referral_date').notNull(),
    currentPlacement: text('current_placement'),
    contactBirthFamily: text('contact_birth_family'),
    contactSiblings: text('contact_siblings'),
    profileEn: text('profile_en'),
    profileCy: text('profile_cy'),
    /**
     * The child's worker chose to show the profile, anonymised, to the agency's approved families
     * (Link Maker's practice): when, and who; null = not shown (migration 0046).
     */
    profileSharedAt: timestamp('profile_shared_at', { withTimezone: true }),
    profileSharedBy: uuid('profile_shared_by').references(() => users.id),
    region: text('region'),
    /** Reasons that do not change with time (age at referral, needs, ...), kept for fast filtering. */
    priorityReasons: text('priority_reasons')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    needCategories: text('need_categories')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /**
     * Organisations holding a live sharing grant, kept in step with sharing_grants in the same
     * transaction: row-level security reads this array instead of a subquery per row.
     */
    sharedWith: uuid('shared_with')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    /** ACE counts over the standard ten (null until recorded), kept here for cohort analysis at scale. */
    aceKnown: integer('ace_known'),
    aceKnownOrSuspected: integer('ace_known_or_suspected'),
    /** What matching needs from the child's worker: contact the plan requires, identity considerations, places to stay near or away from. */
    requiredContact: text('required_contact')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    identityConsiderations: jsonb('identity_considerations').$type<IdentityConsiderations>(),
    /** Postcodes of birth family members the child must be placed a safe distance from (never shown outside the case). */
    birthFamilyPostcodes: text('birth_family_postcodes')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Postcodes of people the child should stay near (a sibling placed elsewhere, a grandparent). */
    importantContactPostcodes: text('important_contact_postcodes')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    familyFinderId: uuid('family_finder_id').references(() => users.id),
    socialWorkerId: uuid('social_worker_id').references(() => users.id),
    outcome: text('outcome'),
    outcomeReason: text('outcome_reason'),
    outcomeDate: date('outcome_date'),
    /** Adoption case records are kept 100 years from the adoption order. */
    retentionClass: text('retention_class').notNull().default('adoption_case_record'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('children_organisation_idx').on(t.organisationId, t.referralDate, t.id),
    index('children_referral_date_idx').on(t.referralDate, t.id),
    index('children_dob_idx').on(t.dateOfBirth, t.id),
    index('children_placement_order_idx').on(t.placementOrderDate, t.id),
    index('children_priority_gin').using('gin', t.priorityReasons),
    index('children_needs_gin').using('gin', t.needCategories),
    index('children_region_idx').on(t.region),
    index('children_family_finder_idx').on(t.familyFinderId),
    // Plans changed in a period (placement success; migration 0018).
    index('children_outcome_date_idx')
      .on(t.outcomeDate)
      .where(sql`${t.outcome} IS NOT NULL`),
  ],
);

/** A need or disability of a child, categorised and rated. */
export const childNeeds = pgTable(
  'child_needs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    category: text('category').notNull(),
    severity: text('severity').notNull(),
    description: text('description'),
  },
  (t) => [uniqueIndex('child_needs_child_category_key').on(t.childId, t.category)],
);

/**
 * A sharing grant: a record owned by one organisation opened to another for a purpose
 * (a submitted referral to the agency for decision; an accepted referral for family finding).
 */
export const sharingGrants = pgTable(
  'sharing_grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id, { onDelete: 'cascade' }),
    /** The organisation the record is opened to. */
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** The organisation that owns the record (so grants need no lookup of the child to be scoped). */
    ownerOrganisationId: uuid('owner_organisation_id')
      .notNull()
      .references(() => organisations.id),
    purpose: text('purpose', { enum: ['referral_decision', 'family_finding'] }).notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('sharing_grants_org_idx').on(t.organisationId, t.childId)],
);

export const siblingGroups = pgTable('sibling_groups', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id')
    .notNull()
    .references(() => organisations.id),
  referralId: uuid('referral_id').references(() => referrals.id),
  /** The together-or-apart assessment: should these brothers and sisters be placed together? */
  assessment: text('assessment', { enum: ['together', 'apart', 'not_yet_assessed'] })
    .notNull()
    .default('not_yet_assessed'),
  assessmentReasons: text('assessment_reasons'),
  /** When retention removed the reasons (a member's record was destroyed); cleared by the next assessment (migration 0044). */
  assessmentReasonsRemovedAt: timestamp('assessment_reasons_removed_at', { withTimezone: true }),
  assessmentDate: date('assessment_date'),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

export const siblingGroupMembers = pgTable(
  'sibling_group_members',
  {
    groupId: uuid('group_id')
      .notNull()
      .references(() => siblingGroups.id, { onDelete: 'cascade' }),
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** Kept in step with the group's `active`, so a unique index can say: one active group per child. */
    active: boolean('active').notNull().default(true),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.childId] }),
    uniqueIndex('sibling_group_members_one_active')
      .on(t.childId)
      .where(sql`${t.active}`),
  ],
);

/** How two brothers or sisters are related (full, half, step). */
export const siblingRelationships = pgTable(
  'sibling_relationships',
  {
    groupId: uuid('group_id')
      .notNull()
      .references(() => siblingGroups.id, { onDelete: 'cascade' }),
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id, { onDelete: 'cascade' }),
    siblingId: uuid('sibling_id')
      .notNull()
      .references(() => children.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    relationship: text('relationship', { enum: ['full', 'half', 'step'] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.childId, t.siblingId] })],
);

/** Each change of a group's plan, so the history of together-or-apart decisions is kept. */
export const siblingGroupHistory = pgTable('sibling_group_history', {
  id: uuid('id').primaryKey().defaultRandom(),
  groupId: uuid('group_id')
    .notNull()
    .references(() => siblingGroups.id, { onDelete: 'cascade' }),
  organisationId: uuid('organisation_id')
    .notNull()
    .references(() => organisations.id),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  changedBy: uuid('changed_by').references(() => users.id),
  assessment: text('assessment').notNull(),
  reasons: text('reasons'),
  /** When retention removed this row's reasons (a member's record was destroyed; migration 0044). */
  reasonsRemovedAt: timestamp('reasons_removed_at', { withTimezone: true }),
  assessmentDate: date('assessment_date'),
  event: text('event').notNull(),
});

/** One ACE category of one child: status, source and date. */
export const childAces = pgTable(
  'child_aces',
  {
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    category: text('category').notNull(),
    status: text('status', { enum: ['known', 'suspected', 'not_known', 'none'] }).notNull(),
    source: text('source'),
    recordedOn: date('recorded_on'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.childId, t.category] })],
);

/**
 * Extended ACE categories the agency records beyond the standard ten. A category is retired
 * (active = false), never deleted: children's recorded ACEs refer to it by code.
 */
export const aceCategories = pgTable('ace_categories', {
  code: text('code').primaryKey(),
  nameEn: text('name_en').notNull(),
  nameCy: text('name_cy').notNull(),
  /** What the category covers, in English and in Welsh (both or neither). */
  description: text('description'),
  descriptionCy: text('description_cy'),
  active: boolean('active').notNull().default(true),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

/**
 * The agency's settings for children who wait (priority and clock thresholds, the ACE comparator,
 * disclosure control). Every change is a new version with its reason and who made it (audited);
 * none is ever updated in place.
 */
export const childrenSettings = pgTable(
  'children_settings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    version: integer('version').notNull(),
    config: jsonb('config').$type<Record<string, unknown>>().notNull(),
    changeReason: text('change_reason').notNull(),
    changedBy: uuid('changed_by').references(() => users.id),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('children_settings_version_idx').on(t.organisationId, t.version)],
);

/** Everything that happened to a child's record, newest first on the child's timeline. */
export const childEvents = pgTable(
  'child_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id').references(() => users.id),
    event: text('event').notNull(),
    /** Which fields changed, from what to what: the record's version history. */
    changes: jsonb('changes').$type<Record<string, { from: unknown; to: unknown }>>(),
    version: integer('version'),
  },
  (t) => [index('child_events_child_idx').on(t.childId, t.at)],
);

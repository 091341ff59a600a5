import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from '../../platform/auth/schema.ts';
import { campaigns } from '../campaigns/schema.ts';
import {
  CHANNELS,
  CHECK_KINDS,
  CHECK_OUTCOMES,
  HEALTH_DECLARATION_STATUSES,
  MEMBER_KINDS,
  RECOMMENDATIONS,
  STAGES,
  SUPPORT_NETWORK_LEVELS,
  type ConsiderationLevel,
} from './vocabulary.ts';

/**
 * An adopter household of one or two applicants, from enquiry to placement. The record belongs
 * to the agency assessing it. The *Date columns record the first day each stage was reached: the
 * campaign funnel counts and times them without replaying the history.
 */
export const households = pgTable(
  'households',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** A short reference people can say on the phone ("AT-2026-00042"). */
    reference: text('reference').notNull(),
    stage: text('stage', { enum: STAGES }).notNull().default('enquiry'),
    stageSince: date('stage_since').notNull(),
    /** Where to return when a hold ends. */
    stageBeforeHold: text('stage_before_hold', { enum: STAGES }),
    /** Why the household is on hold, withdrew or was not approved. */
    stageReason: text('stage_reason'),
    preferredLanguage: text('preferred_language', { enum: ['en', 'cy'] })
      .notNull()
      .default('en'),
    email: text('email').notNull(),
    phone: text('phone'),
    addressLine1: text('address_line1'),
    addressLine2: text('address_line2'),
    town: text('town'),
    postcode: text('postcode'),
    localAuthorityArea: text('local_authority_area'),
    ethnicity: text('ethnicity'),
    religion: text('religion'),
    languages: text('languages')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    pets: text('pets'),
    supportNetwork: text('support_network'),
    /** The assessing worker's rating of that network; the matcher scores it (null: not yet assessed). */
    supportNetworkRating: text('support_network_rating', { enum: SUPPORT_NETWORK_LEVELS }),
    experienceOfChildren: text('experience_of_children'),
    healthDeclaration: text('health_declaration', { enum: HEALTH_DECLARATION_STATUSES }).notNull().default('not_started'),
    /** Attribution: the campaign (by its link's code), the channel the person named. */
    campaignId: uuid('campaign_id').references(() => campaigns.id),
    channel: text('channel', { enum: CHANNELS }),
    referrerCode: text('referrer_code'),
    /** The assessing social worker. */
    socialWorkerId: uuid('social_worker_id').references(() => users.id),
    /** Adopter accounts of the applicants, kept in step with applicants.user_id for row-level security. */
    adopterUserIds: uuid('adopter_user_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    enquiryDate: date('enquiry_date').notNull(),
    informationEventDate: date('information_event_date'),
    registrationDate: date('registration_date'),
    stage1Date: date('stage1_date'),
    breakDate: date('break_date'),
    stage2Date: date('stage2_date'),
    panelDate: date('panel_date'),
    approvedDate: date('approved_date'),
    linkedDate: date('linked_date'),
    matchedDate: date('matched_date'),
    placedDate: date('placed_date'),
    closedDate: date('closed_date'),
    /** Stage 2's prospective adopter's report, completed before panel. */
    reportCompletedDate: date('report_completed_date'),
    panelMeetingDate: date('panel_meeting_date'),
    panelRecommendation: text('panel_recommendation', { enum: RECOMMENDATIONS }),
    decisionDate: date('decision_date'),
    decision: text('decision', { enum: RECOMMENDATIONS }),
    decisionMaker: text('decision_maker'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('households_reference_idx').on(t.reference),
    index('households_organisation_stage_idx').on(t.organisationId, t.stage),
    index('households_campaign_idx').on(t.campaignId, t.channel),
    index('households_email_idx').on(sql`lower(${t.email})`),
  ],
);

/** One or two applicants of a household; an adopter account may be linked once invited. */
export const applicants = pgTable(
  'applicants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    givenNames: text('given_names').notNull(),
    familyName: text('family_name').notNull(),
    dateOfBirth: date('date_of_birth'),
    email: text('email'),
    phone: text('phone'),
    preferredLanguage: text('preferred_language', { enum: ['en', 'cy'] })
      .notNull()
      .default('en'),
    ethnicity: text('ethnicity'),
    religion: text('religion'),
    languages: text('languages')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    occupation: text('occupation'),
    userId: uuid('user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('applicants_household_idx').on(t.householdId), uniqueIndex('applicants_user_idx').on(t.userId)],
);

/** Other people in the household: children of the family, other adults. */
export const householdMembers = pgTable(
  'household_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    kind: text('kind', { enum: MEMBER_KINDS }).notNull(),
    name: text('name').notNull(),
    relationship: text('relationship').notNull(),
    dateOfBirth: date('date_of_birth'),
    livesInHousehold: boolean('lives_in_household').notNull().default(true),
  },
  (t) => [index('household_members_household_idx').on(t.householdId)],
);

/** Stage 1 checks (DBS, medical, references, local authority), each requested, received, concluded. */
export const householdChecks = pgTable(
  'household_checks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    applicantId: uuid('applicant_id').references(() => applicants.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: CHECK_KINDS }).notNull(),
    /** Who or what was checked: a referee's name, the authority asked. */
    subject: text('subject'),
    requestedDate: date('requested_date'),
    receivedDate: date('received_date'),
    outcome: text('outcome', { enum: CHECK_OUTCOMES }).notNull().default('pending'),
    notes: text('notes'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('household_checks_household_idx').on(t.householdId)],
);

/** Stage 2 home study visits. */
export const homeStudyVisits = pgTable(
  'home_study_visits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    visitDate: date('visit_date').notNull(),
    focus: text('focus'),
    workerId: uuid('worker_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('home_study_visits_household_idx').on(t.householdId)],
);

/** Every stage change, with who made it and why: the household's history. */
export const householdStageEvents = pgTable(
  'household_stage_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    fromStage: text('from_stage', { enum: STAGES }),
    toStage: text('to_stage', { enum: STAGES }).notNull(),
    effectiveDate: date('effective_date').notNull(),
    reason: text('reason'),
    actorId: uuid('actor_id').references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('household_stage_events_household_idx').on(t.householdId, t.at)],
);

/**
 * What the family can consider, used by matching. Versioned: approval terms change, and a match
 * must be explainable against the terms in force when it was made. One current version per household.
 */
export const considerationProfiles = pgTable(
  'consideration_profiles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    profileVersion: integer('profile_version').notNull(),
    isCurrent: boolean('is_current').notNull().default(true),
    childrenMin: integer('children_min').notNull(),
    /** 4 means "4 or more". */
    childrenMax: integer('children_max').notNull(),
    ageMin: integer('age_min').notNull(),
    ageMax: integer('age_max').notNull(),
    siblingGroups: boolean('sibling_groups').notNull(),
    needs: jsonb('needs').$type<Record<string, ConsiderationLevel>>().notNull(),
    contact: text('contact')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    strengths: text('strengths'),
    changeReason: text('change_reason'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('consideration_profiles_version_idx').on(t.householdId, t.profileVersion),
    uniqueIndex('consideration_profiles_current_idx')
      .on(t.householdId)
      .where(sql`${t.isCurrent}`),
  ],
);

/**
 * What a person sent through the public enquiry form, kept as sent. An enquiry from an address the
 * agency already knows joins that household instead of creating a second one.
 */
export const enquiries = pgTable(
  'enquiries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    householdId: uuid('household_id').references(() => households.id, { onDelete: 'set null' }),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    givenNames: text('given_names').notNull(),
    familyName: text('family_name').notNull(),
    email: text('email').notNull(),
    phone: text('phone'),
    postcode: text('postcode').notNull(),
    preferredLanguage: text('preferred_language', { enum: ['en', 'cy'] }).notNull(),
    campaignId: uuid('campaign_id').references(() => campaigns.id),
    channel: text('channel', { enum: CHANNELS }),
    referrerCode: text('referrer_code'),
    interests: text('interests')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    message: text('message'),
    /** True when the address already belonged to a household (the person is not told). */
    repeat: boolean('repeat').notNull().default(false),
  },
  (t) => [index('enquiries_organisation_idx').on(t.organisationId, t.receivedAt)],
);

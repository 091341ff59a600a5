import { sql } from 'drizzle-orm';
import { date, doublePrecision, index, integer, jsonb, pgTable, real, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from '../../platform/auth/schema.ts';
import { children, siblingGroups } from '../children/schema.ts';
import { households } from '../recruitment/schema.ts';
import { DECLINED_BY, INTEREST_STATUSES, MATCH_STAGES, TRANSITION_STEP_KINDS, TRANSITION_STEP_STATUSES } from './vocabulary.ts';

/** The agency's matching weights and limits; every change is a new version (and audited). */
export const matchingConfigs = pgTable(
  'matching_configs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    configVersion: integer('config_version').notNull(),
    config: jsonb('config').$type<Record<string, unknown>>().notNull(),
    changeReason: text('change_reason'),
    changedBy: uuid('changed_by').references(() => users.id),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('matching_configs_version_idx').on(t.organisationId, t.configVersion)],
);

/** Postcode centroids the agency loads (ONS postcode directory extracts), for distances. */
export const postcodeCentroids = pgTable('postcode_centroids', {
  postcode: text('postcode').primaryKey(),
  latitude: doublePrecision('latitude').notNull(),
  longitude: doublePrecision('longitude').notNull(),
  source: text('source'),
  loadedAt: timestamp('loaded_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A link between a household and the children of one unit (a sibling group, or one child), from
 * exploring it to the adoption order. Shared with the children's local authority, which agrees it.
 */
export const matches = pgTable(
  'matches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The agency finding the family (owner of the household record). */
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** The children's local authority. */
    childOrganisationId: uuid('child_organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** Organisations that may see the match (agency and authority), read by row-level security. */
    sharedWith: uuid('shared_with').array().notNull(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    siblingGroupId: uuid('sibling_group_id').references(() => siblingGroups.id),
    childIds: uuid('child_ids').array().notNull(),
    /** The sibling group's id, or the child's id for a child on their own: one active match per unit. */
    unitKey: uuid('unit_key').notNull(),
    stage: text('stage', { enum: MATCH_STAGES }).notNull().default('linked'),
    stageSince: date('stage_since').notNull(),
    source: text('source', { enum: ['recommendation', 'manual'] }).notNull(),
    /** The score and its reasons when the link was made, so the decision stays explainable later. */
    score: real('score'),
    scoreReasons: jsonb('score_reasons').$type<unknown>(),
    configVersion: integer('config_version'),
    profileVersion: integer('profile_version'),
    linkedDate: date('linked_date').notNull(),
    shortlistedDate: date('shortlisted_date'),
    visitsDate: date('visits_date'),
    matchingMeetingDate: date('matching_meeting_date'),
    panelDate: date('panel_date'),
    panelRecommendation: text('panel_recommendation', { enum: ['match', 'do_not_match'] }),
    decisionDate: date('decision_date'),
    decision: text('decision', { enum: ['match', 'do_not_match'] }),
    decisionMaker: text('decision_maker'),
    introductionsDate: date('introductions_date'),
    placementDate: date('placement_date'),
    adoptionOrderDate: date('adoption_order_date'),
    localAuthorityAgreedAt: timestamp('local_authority_agreed_at', { withTimezone: true }),
    localAuthorityAgreedBy: uuid('local_authority_agreed_by').references(() => users.id),
    closedDate: date('closed_date'),
    declinedBy: text('declined_by', { enum: DECLINED_BY }),
    closeReason: text('close_reason'),
    /** A placement ending before the adoption order. */
    disruptionDate: date('disruption_date'),
    disruptionReasons: text('disruption_reasons'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('matches_household_idx').on(t.householdId, t.stage),
    index('matches_unit_idx').on(t.unitKey, t.stage),
    index('matches_organisation_idx').on(t.organisationId, t.stage),
    // A period's decisions, moves and endings (placement success; migration 0018).
    index('matches_decision_date_idx')
      .on(t.decisionDate)
      .where(sql`${t.decisionDate} IS NOT NULL`),
    index('matches_placement_date_idx')
      .on(t.placementDate)
      .where(sql`${t.placementDate} IS NOT NULL`),
    index('matches_disruption_date_idx')
      .on(t.disruptionDate)
      .where(sql`${t.disruptionDate} IS NOT NULL`),
    uniqueIndex('matches_one_active_per_unit_idx')
      .on(t.unitKey)
      .where(sql`${t.stage} IN ('matching_meeting', 'matching_panel', 'agency_decision', 'introductions', 'placed')`),
    uniqueIndex('matches_one_open_per_pair_idx')
      .on(t.unitKey, t.householdId)
      .where(sql`${t.stage} NOT IN ('adoption_order', 'declined', 'ended', 'disrupted')`),
  ],
);

export const matchEvents = pgTable(
  'match_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    matchId: uuid('match_id')
      .notNull()
      .references(() => matches.id, { onDelete: 'cascade' }),
    fromStage: text('from_stage', { enum: MATCH_STAGES }),
    toStage: text('to_stage', { enum: MATCH_STAGES }).notNull(),
    effectiveDate: date('effective_date').notNull(),
    reason: text('reason'),
    actorId: uuid('actor_id').references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('match_events_match_idx').on(t.matchId, t.at)],
);

/** Introductions under a transition plan: dated steps, who attends, progress, changes with reasons. */
export const transitionSteps = pgTable(
  'transition_steps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    matchId: uuid('match_id')
      .notNull()
      .references(() => matches.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: TRANSITION_STEP_KINDS }).notNull(),
    plannedDate: date('planned_date').notNull(),
    description: text('description'),
    attendees: text('attendees'),
    status: text('status', { enum: TRANSITION_STEP_STATUSES }).notNull().default('planned'),
    notes: text('notes'),
    changeReason: text('change_reason'),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('transition_steps_match_idx').on(t.matchId, t.plannedDate)],
);

/**
 * Candidate family profiles for the recruitment gap written or edited by hand by the agency's
 * manager (generated ones are made afresh from the waiting children and not stored). A profile is
 * a family not yet found: no one's personal data, but the agency's own planning.
 */
export const matchingGapCandidates = pgTable(
  'matching_gap_candidates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    profile: jsonb('profile').$type<Record<string, unknown>>().notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('matching_gap_candidates_organisation_idx').on(t.organisationId, t.createdAt)],
);

/**
 * A family's expression of interest in a child whose profile was shown to them (the child's unit:
 * a sibling group placed together, or one child), and the agency's answer: a link explored
 * (`matchId`), or not taken forward with the reason as written, in the language it was written
 * in. Migration 0046; row-level security of the household scope.
 */
export const expressionsOfInterest = pgTable(
  'expressions_of_interest',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The agency whose family it is (and who answers). */
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id, { onDelete: 'cascade' }),
    /** The child whose entry the family chose (the eldest of a sibling group). */
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id, { onDelete: 'cascade' }),
    unitKey: uuid('unit_key').notNull(),
    childIds: uuid('child_ids').array().notNull(),
    message: text('message'),
    status: text('status', { enum: INTEREST_STATUSES }).notNull().default('waiting'),
    reason: text('reason'),
    reasonLanguage: text('reason_language', { enum: ['en', 'cy'] }),
    matchId: uuid('match_id').references(() => matches.id, { onDelete: 'set null' }),
    answeredBy: uuid('answered_by').references(() => users.id),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('expressions_of_interest_household_idx').on(t.householdId, t.createdAt),
    index('expressions_of_interest_unit_idx').on(t.unitKey, t.createdAt),
    uniqueIndex('expressions_of_interest_one_open_idx')
      .on(t.householdId, t.unitKey)
      .where(sql`${t.status} IN ('waiting', 'exploring')`),
  ],
);

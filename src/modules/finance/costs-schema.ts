import { date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from '../../platform/auth/schema.ts';
import { ACTIVITIES, CARE_KINDS, COSTED_ROLES, DIRECT_COST_CATEGORIES } from './costs-vocabulary.ts';

/**
 * Tables of the cost side of finance (migration 0020). All are the agency's own settings and
 * registers. finance_care_choices.child_id references children in SQL; Drizzle does not need the
 * foreign key, and a module's tables name no other module's here.
 */

/** How long an activity takes when its record says nothing, and who gives their time to it. */
export const financeActivitySettings = pgTable(
  'finance_activity_settings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    activity: text('activity', { enum: ACTIVITIES }).notNull(),
    defaultMinutes: integer('default_minutes').notNull(),
    roles: text('roles', { enum: COSTED_ROLES }).array().notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('finance_activity_settings_idx').on(t.organisationId, t.activity)],
);

/** An hourly rate of a role for a financial year (2025 = April 2025 to March 2026), in pence. */
export const financeHourlyRates = pgTable(
  'finance_hourly_rates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    role: text('role', { enum: COSTED_ROLES }).notNull(),
    financialYear: integer('financial_year').notNull(),
    pencePerHour: integer('pence_per_hour').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('finance_hourly_rates_idx').on(t.organisationId, t.role, t.financialYear)],
);

/** A cost entered by hand (venue, interpreter, travel): kept as entered, corrected by a further entry. */
export const financeDirectCosts = pgTable(
  'finance_direct_costs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    incurredOn: date('incurred_on').notNull(),
    category: text('category', { enum: DIRECT_COST_CATEGORIES }).notNull(),
    description: text('description').notNull(),
    amountPence: integer('amount_pence').notNull(),
    /** The authority the cost was for, when it was for one (an interpreter for its child's meeting). */
    localAuthorityId: uuid('local_authority_id').references(() => organisations.id),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('finance_direct_costs_incurred_idx').on(t.organisationId, t.incurredOn, t.id)],
);

/** Surplus put back into the service: amount, purpose, date. */
export const financeReinvestments = pgTable(
  'finance_reinvestments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    reinvestedOn: date('reinvested_on').notNull(),
    amountPence: integer('amount_pence').notNull(),
    purpose: text('purpose').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('finance_reinvestments_date_idx').on(t.organisationId, t.reinvestedOn, t.id)],
);

/** A dated weekly unit cost of care (the year its prices are in). */
export const financeUnitCosts = pgTable(
  'finance_unit_costs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    careKind: text('care_kind', { enum: CARE_KINDS }).notNull(),
    priceYear: integer('price_year').notNull(),
    weeklyPence: integer('weekly_pence').notNull(),
    source: text('source').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('finance_unit_costs_idx').on(t.organisationId, t.careKind, t.priceYear)],
);

/** A price index figure of a financial year, in thousandths (100.000 = 100000). */
export const financePriceIndex = pgTable(
  'finance_price_index',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    financialYear: integer('financial_year').notNull(),
    indexThousandths: integer('index_thousandths').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('finance_price_index_idx').on(t.organisationId, t.financialYear)],
);

/** The financial return's discount rate and the fee assumed when none is recorded for a child. */
export const financeReturnSettings = pgTable('finance_return_settings', {
  organisationId: uuid('organisation_id')
    .primaryKey()
    .references(() => organisations.id),
  discountBasisPoints: integer('discount_basis_points').notNull(),
  defaultRouteFeePence: integer('default_route_fee_pence').notNull(),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

/** The care a placed child would otherwise have had, chosen from the plan at referral (editable, with a reason). */
export const financeCareChoices = pgTable(
  'finance_care_choices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    childId: uuid('child_id').notNull(),
    careKind: text('care_kind', { enum: CARE_KINDS }).notNull(),
    reason: text('reason').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('finance_care_choices_idx').on(t.organisationId, t.childId)],
);

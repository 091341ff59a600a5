import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from '../../platform/auth/schema.ts';
import { CHANNELS } from '../recruitment/vocabulary.ts';

/** Who a campaign hopes to find: the children it speaks for (matches a household's profile). */
export type TargetProfile = {
  siblingGroups?: boolean;
  ageMin?: number;
  ageMax?: number;
  needCategories?: string[];
  /**
   * The recruitment gap's family profile the campaign is aimed at ("families like this"), kept as
   * it was when the campaign took it: generated profiles change as children are matched. Its shape
   * is matching's (`candidateProfileSchema`), checked when read.
   */
  candidate?: { id: string; profile: Record<string, unknown> };
};

/**
 * A recruitment campaign ("families for brothers and sisters"): its dates, channels, who it is
 * for, and a referrer code carried by its links so enquiries are attributed to it.
 */
export const campaigns = pgTable(
  'campaigns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    name: text('name').notNull(),
    nameCy: text('name_cy'),
    description: text('description'),
    startDate: date('start_date').notNull(),
    endDate: date('end_date'),
    channels: text('channels', { enum: CHANNELS })
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    targetProfile: jsonb('target_profile').$type<TargetProfile>().notNull().default({}),
    /** Short code in the campaign's links (?campaign=CODE) that attributes an enquiry. */
    referrerCode: text('referrer_code').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('campaigns_referrer_code_idx').on(sql`lower(${t.referrerCode})`), index('campaigns_organisation_idx').on(t.organisationId, t.startDate)],
);

/** What a campaign cost, per channel, in integer pence. */
export const campaignCosts = pgTable(
  'campaign_costs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    description: text('description'),
    amountPence: integer('amount_pence').notNull(),
    incurredOn: date('incurred_on').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('campaign_costs_campaign_idx').on(t.campaignId)],
);

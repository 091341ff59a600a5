import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from '../auth/schema.ts';

/**
 * Every e-mail the platform sends, written in the transaction of the change that caused it. A
 * sender delivers from here (in development: the log), so a rolled-back change sends nothing.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').references(() => organisations.id),
    recipient: text('recipient').notNull(),
    /** The person's account when the recipient has one: a daily digest gathers their messages by it. */
    recipientUserId: uuid('recipient_user_id').references(() => users.id, { onDelete: 'set null' }),
    /** 'cy+en': one message in both languages, Welsh first (the person has not chosen one). */
    language: text('language', { enum: ['en', 'cy', 'cy+en'] }).notNull(),
    template: text('template').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    /** References only (household id, invitation id), for finding a message again. */
    detail: jsonb('detail').$type<Record<string, string>>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    failedAt: timestamp('failed_at', { withTimezone: true }),
    failure: text('failure'),
    /** 'now': the deliverer sends it; 'digest': held for the person's daily digest, which names it in digestedInto. */
    delivery: text('delivery', { enum: ['now', 'digest'] })
      .notNull()
      .default('now'),
    digestedInto: uuid('digested_into'),
    /** How many times a sender was asked to deliver it; a failure waits longer each time (see outbox.ts). */
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
  },
  (t) => [
    index('outbox_due_idx')
      .on(t.nextAttemptAt, t.createdAt)
      .where(sql`${t.sentAt} IS NULL AND ${t.delivery} = 'now'`),
    index('outbox_digest_idx')
      .on(t.recipientUserId, t.createdAt)
      .where(sql`${t.delivery} = 'digest' AND ${t.digestedInto} IS NULL`),
  ],
);

import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only, hash-chained audit log. The app role may only INSERT and SELECT; a trigger
 * refuses UPDATE and DELETE for everyone. Records are referenced by type and id, never copied.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    userId: uuid('user_id'),
    organisationId: uuid('organisation_id'),
    role: text('role'),
    action: text('action').notNull(),
    resourceType: text('resource_type'),
    resourceId: text('resource_id'),
    outcome: text('outcome', { enum: ['success', 'denied', 'not_found', 'invalid', 'conflict', 'error'] }).notNull(),
    requestId: text('request_id'),
    channel: text('channel', { enum: ['web', 'api', 'cli', 'system'] }).notNull(),
    detail: jsonb('detail').$type<Record<string, string | number | boolean | null>>(),
    /** Position in the hash chain, given when the row is sealed (shortly after it commits). */
    seq: bigint('seq', { mode: 'number' }).unique(),
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (t) => [index('audit_log_resource_idx').on(t.resourceType, t.resourceId, t.id), index('audit_log_user_idx').on(t.userId, t.id)],
);

/** The newest sealed hash of the chain and its position (last_id holds the last sealed seq). */
export const auditChainHead = pgTable('audit_chain_head', {
  id: integer('id').primaryKey(),
  lastId: bigint('last_id', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
});

/** The result of each `audit verify` (command line or the administrator's page); the newest is the last check. */
export const auditVerifications = pgTable(
  'audit_verifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    verifiedAt: timestamp('verified_at', { withTimezone: true }).notNull().defaultNow(),
    passed: boolean('passed').notNull(),
    rowsChecked: bigint('rows_checked', { mode: 'number' }).notNull(),
    /** How the chain stood against its newest signed checkpoint (none, anchored, rewritten, rewound, forged). */
    anchor: text('anchor').notNull(),
    /** The first entry found altered, when the chain broke. */
    brokenAt: bigint('broken_at', { mode: 'number' }),
    channel: text('channel', { enum: ['web', 'api', 'cli', 'system'] }).notNull(),
    userId: uuid('user_id'),
  },
  (t) => [index('audit_verifications_at_idx').on(t.verifiedAt)],
);

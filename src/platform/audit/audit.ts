import { and, asc, desc, eq, gt, lt, lte, type SQL } from 'drizzle-orm';
import type { Database, Tx } from '../db/pool.ts';
import type { RequestContext } from '../policy/actor.ts';
import { chainHash, findBreak, type AuditFields, type ChainBreak } from './chain.ts';
import { auditChainHead, auditLog } from './schema.ts';

export type AuditOutcome = (typeof auditLog.$inferSelect)['outcome'];

export type AuditEntry = {
  action: string;
  resourceType?: string;
  resourceId?: string;
  outcome?: AuditOutcome;
  /** References and counts only (a filter used, a number of rows), never a person's data. */
  detail?: Record<string, string | number | boolean | null>;
};

/**
 * Appends one row in the caller's transaction, so the record of a change commits with it.
 * Call it last in a transaction: the chain head stays locked until commit.
 */
export async function recordAudit(tx: Tx, ctx: RequestContext, entry: AuditEntry): Promise<void> {
  const actor = ctx.actor;
  const fields: AuditFields = {
    at: new Date().toISOString(),
    userId: actor.kind === 'user' ? actor.userId : null,
    organisationId: actor.kind === 'user' ? actor.organisationId : null,
    role: actor.kind === 'user' ? actor.roles.join(',') : actor.kind === 'system' ? `system:${actor.purpose}` : 'anonymous',
    action: entry.action,
    resourceType: entry.resourceType ?? null,
    resourceId: entry.resourceId ?? null,
    outcome: entry.outcome ?? 'success',
    requestId: ctx.requestId,
    channel: ctx.channel,
    detail: entry.detail ?? null,
  };
  const [head] = await tx.select().from(auditChainHead).where(eq(auditChainHead.id, 1)).for('update');
  if (!head) throw new Error('audit chain head missing: migrations not applied');
  const hash = chainHash(head.hash, fields);
  // Ids follow the chain head, so they are gapless: a deleted row shows as a missing number.
  // No RETURNING: the app role may append rows it is not allowed to read back.
  const id = head.lastId + 1;
  await tx.insert(auditLog).values({
    ...fields,
    id,
    at: new Date(fields.at),
    outcome: fields.outcome as AuditOutcome,
    channel: ctx.channel,
    detail: entry.detail ?? null,
    prevHash: head.hash,
    hash,
  });
  await tx.update(auditChainHead).set({ hash, lastId: id }).where(eq(auditChainHead.id, 1));
}

export type AuditRow = typeof auditLog.$inferSelect;

export type AuditQuery = {
  userId?: string;
  resourceType?: string;
  resourceId?: string;
  action?: string;
  before?: number;
  limit: number;
};

/** Newest first, keyset-paginated by id. Callers have already been authorised. */
export async function searchAudit(tx: Tx, query: AuditQuery): Promise<AuditRow[]> {
  const filters: SQL[] = [];
  if (query.userId) filters.push(eq(auditLog.userId, query.userId));
  if (query.resourceType) filters.push(eq(auditLog.resourceType, query.resourceType));
  if (query.resourceId) filters.push(eq(auditLog.resourceId, query.resourceId));
  if (query.action) filters.push(eq(auditLog.action, query.action));
  if (query.before) filters.push(lt(auditLog.id, query.before));
  return tx
    .select()
    .from(auditLog)
    .where(filters.length ? and(...filters) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(query.limit);
}

/**
 * Reads the whole chain in batches and reports the first broken link, if any; the chain head
 * must also point at the last row, so removing the newest rows is caught too.
 */
export async function verifyAuditChain(db: Database | Tx): Promise<{ rows: number; break?: ChainBreak }> {
  // The head first: rows appended while we read are beyond it and are checked next time.
  const [head] = await db.select().from(auditChainHead).where(eq(auditChainHead.id, 1));
  const lastId = head?.lastId ?? 0;
  let after = 0;
  let prev: string | undefined;
  let rows = 0;
  for (;;) {
    const batch = await db
      .select()
      .from(auditLog)
      .where(and(gt(auditLog.id, after), lte(auditLog.id, lastId)))
      .orderBy(asc(auditLog.id))
      .limit(5000);
    if (batch.length === 0) break;
    const broken = findBreak(
      batch.map((r) => ({ ...r, at: r.at.toISOString(), detail: r.detail ?? null })),
      prev,
      after,
    );
    if (broken) return { rows: rows + Math.max(0, batch.findIndex((r) => r.id >= broken.id)), break: broken };
    rows += batch.length;
    prev = batch[batch.length - 1]!.hash;
    after = batch[batch.length - 1]!.id;
  }
  if (head && (head.lastId !== after || (after > 0 && head.hash !== prev))) {
    return { rows, break: { id: after + 1, expected: head.hash, found: prev ?? 'missing' } };
  }
  return { rows };
}

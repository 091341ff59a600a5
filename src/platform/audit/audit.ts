import { and, asc, desc, eq, gt, isNull, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { Database, Tx } from '../db/pool.ts';
import { deferUntilCommit, literal } from '../db/transaction.ts';
import type { RequestContext } from '../policy/actor.ts';
import { chainHash, findBreak, type AuditFields, type ChainBreak } from './chain.ts';
import { auditChainHead, auditLog } from './schema.ts';
import { users } from '../auth/schema.ts';

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
 * No lock is taken: the sealer chains committed rows (sealAuditLog) moments later.
 */
export async function recordAudit(tx: Tx, ctx: RequestContext, entry: AuditEntry): Promise<void> {
  await recordAudits(tx, ctx, [entry]);
}

/** Appends a row for each entry in one statement (a use case that writes many records at once, e.g. a month's invoices). */
export async function recordAudits(tx: Tx, ctx: RequestContext, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const actor = ctx.actor;
  const at = new Date();
  const who = {
    userId: actor.kind === 'user' ? actor.userId : null,
    organisationId: actor.kind === 'user' ? actor.organisationId : null,
    role: actor.kind === 'user' ? actor.roles.join(',') : actor.kind === 'system' ? `system:${actor.job}` : 'anonymous',
  };
  const rows = entries.map((entry) => ({
    at,
    ...who,
    action: entry.action,
    resourceType: entry.resourceType ?? null,
    resourceId: entry.resourceId ?? null,
    outcome: entry.outcome ?? 'success',
    requestId: ctx.requestId,
    channel: ctx.channel,
    detail: entry.detail ?? null,
  }));
  // No RETURNING: the app role may append rows it is not allowed to read back. Nothing reads the
  // rows back in the transaction either, so they travel with the COMMIT (one round trip fewer).
  if (!deferUntilCommit(tx, insertText(rows))) await tx.insert(auditLog).values(rows);
}

type AuditInsert = typeof auditLog.$inferInsert;
const INSERTED = ['at', 'userId', 'organisationId', 'role', 'action', 'resourceType', 'resourceId', 'outcome', 'requestId', 'channel', 'detail'] as const;
const INSERT_INTO = `insert into "audit_log" (${INSERTED.map((key) => `"${auditLog[key].name}"`).join(', ')}) values `;

/**
 * The rows' INSERT with its values written in as literals, to go with the COMMIT: the same
 * statement the query builder writes, built directly (for a month's 50 invoices the builder's
 * 550 parameters cost more than the rows).
 */
function insertText(rows: readonly AuditInsert[]): string {
  return (
    INSERT_INTO +
    rows
      .map((row) => `(${INSERTED.map((key) => (key === 'detail' && row.detail != null ? literal(JSON.stringify(row.detail)) : literal(row[key]))).join(', ')})`)
      .join(', ')
  );
}

function fieldsOf(row: typeof auditLog.$inferSelect): AuditFields {
  return {
    at: row.at.toISOString(),
    userId: row.userId,
    organisationId: row.organisationId,
    role: row.role,
    action: row.action,
    resourceType: row.resourceType,
    resourceId: row.resourceId,
    outcome: row.outcome,
    requestId: row.requestId,
    channel: row.channel,
    detail: row.detail ?? null,
  };
}

/**
 * Chains committed, unsealed rows onto the head in id order: seq, prev_hash = the head's hash,
 * hash = sha256(prev_hash || row). One sealer at a time (the head row is locked for update).
 * Run in a transaction of the platform itself (app.system on). Returns how many rows it sealed.
 */
export async function sealAuditLog(tx: Tx, batch = 2000): Promise<number> {
  const [head] = await tx.select().from(auditChainHead).where(eq(auditChainHead.id, 1)).for('update');
  if (!head) throw new Error('audit chain head missing: migrations not applied');
  const rows = await tx.select().from(auditLog).where(isNull(auditLog.seq)).orderBy(asc(auditLog.id)).limit(batch);
  let hash = head.hash;
  let seq = head.lastId;
  for (const row of rows) {
    seq += 1;
    const next = chainHash(hash, fieldsOf(row));
    await tx.update(auditLog).set({ seq, prevHash: hash, hash: next }).where(eq(auditLog.id, row.id));
    hash = next;
  }
  if (rows.length) await tx.update(auditChainHead).set({ hash, lastId: seq }).where(eq(auditChainHead.id, 1));
  return rows.length;
}

export type AuditRow = typeof auditLog.$inferSelect;

export type AuditQuery = {
  userId?: string;
  /** Part of a person's name (any case): the entries of everyone whose name holds it. */
  personName?: string;
  resourceType?: string;
  resourceId?: string;
  action?: string;
  /** Calendar dates in Wales, inclusive. */
  from?: string;
  to?: string;
  before?: number;
  limit: number;
};

/** An entry with the name of the person who made it, where the reader may see that person. */
export type AuditListRow = AuditRow & { userName: string | null };

/** Newest first, keyset-paginated by id. Callers have already been authorised. */
export async function searchAudit(tx: Tx, query: AuditQuery): Promise<AuditListRow[]> {
  const filters: SQL[] = [];
  if (query.userId) filters.push(eq(auditLog.userId, query.userId));
  if (query.personName) filters.push(sql`${users.name} ilike ${`%${query.personName.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  if (query.resourceType) filters.push(eq(auditLog.resourceType, query.resourceType));
  if (query.resourceId) filters.push(eq(auditLog.resourceId, query.resourceId));
  if (query.action) filters.push(eq(auditLog.action, query.action));
  if (query.from) filters.push(sql`${auditLog.at} >= (${query.from}::date)::timestamp at time zone 'Europe/London'`);
  if (query.to) filters.push(sql`${auditLog.at} < (${query.to}::date + 1)::timestamp at time zone 'Europe/London'`);
  if (query.before) filters.push(lt(auditLog.id, query.before));
  const rows = await tx
    .select({ entry: auditLog, userName: users.name })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .where(filters.length ? and(...filters) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(query.limit);
  return rows.map((row) => ({ ...row.entry, userName: row.userName }));
}

/**
 * Reads the sealed chain in seq order and reports the first broken link, if any (by the row's id);
 * the head must point at the last sealed row, so removing the newest rows is caught too.
 */
export async function verifyAuditChain(db: Database | Tx): Promise<{ rows: number; unsealed: number; lastSeq: number; break?: ChainBreak }> {
  // The head first: rows sealed while we read are beyond it and are checked next time.
  const [head] = await db.select().from(auditChainHead).where(eq(auditChainHead.id, 1));
  const lastSeq = head?.lastId ?? 0;
  let after = 0;
  let prev: string | undefined;
  let rows = 0;
  for (;;) {
    const batch = await db
      .select()
      .from(auditLog)
      .where(and(gt(auditLog.seq, after), lte(auditLog.seq, lastSeq)))
      .orderBy(asc(auditLog.seq))
      .limit(5000);
    if (batch.length === 0) break;
    const broken = findBreak(
      batch.map((r) => ({ ...fieldsOf(r), id: r.seq!, prevHash: r.prevHash ?? 'missing', hash: r.hash ?? 'missing' })),
      prev,
      after,
    );
    if (broken) {
      // An altered row is named by its id; a missing one, which has no row left, by its chain position.
      const row = broken.found === 'missing' ? undefined : batch.find((r) => r.seq === broken.id);
      return { rows: rows + batch.filter((r) => r.seq! < broken.id).length, unsealed: 0, lastSeq, break: { ...broken, id: row?.id ?? broken.id } };
    }
    rows += batch.length;
    prev = batch[batch.length - 1]!.hash!;
    after = batch[batch.length - 1]!.seq!;
  }
  if (head && (after !== lastSeq || (after > 0 && head.hash !== prev))) {
    return { rows, unsealed: 0, lastSeq, break: { id: after + 1, expected: head.hash, found: prev ?? 'missing' } };
  }
  const [pending] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditLog)
    .where(isNull(auditLog.seq));
  return { rows, unsealed: pending?.n ?? 0, lastSeq };
}

/** The hash of the sealed row at a position of the chain (undefined when there is none). */
export async function hashAtSeq(db: Database | Tx, seq: number): Promise<string | undefined> {
  const [row] = await db.select({ hash: auditLog.hash }).from(auditLog).where(eq(auditLog.seq, seq));
  return row?.hash ?? undefined;
}

/** The chain head as the sealer left it, and which database it belongs to (checkpoints name it). */
export async function chainHead(tx: Tx): Promise<{ database: string; seq: number; hash: string }> {
  const [head] = await tx.select().from(auditChainHead).where(eq(auditChainHead.id, 1));
  const database = (await tx.execute<{ name: string }>(sql`select current_database() as name`)).rows[0]!.name;
  return { database, seq: head?.lastId ?? 0, hash: head?.hash ?? '' };
}

import { desc } from 'drizzle-orm';
import type { Tx } from '../db/pool.ts';
import type { RequestContext } from '../policy/actor.ts';
import { authorize } from '../policy/policy.ts';
import type { Housekeeping, UseCaseRunner } from '../use-case.ts';
import { chainHead, hashAtSeq, recordAudit, sealAuditLog, searchAudit, verifyAuditChain, type AuditEntry, type AuditQuery } from './audit.ts';
import {
  appendCheckpoint,
  judgeAnchor,
  loadCheckpointText,
  readCheckpoints,
  type AnchorResult,
  type CheckpointStore,
  type SignedCheckpoint,
} from './checkpoint.ts';
import { auditVerifications } from './schema.ts';

/** The last `audit verify`: when, whether the chain held (and passed through its checkpoint), how many entries. */
export type LastVerification = { verifiedAt: Date; passed: boolean; rowsChecked: number; anchor: string; brokenAt: number | null };

/**
 * Reading the audit log is itself audited: who looked at whose trail is part of the trail.
 * Sealing and checkpoints run as the owner role (housekeeping). `checkpoints` says where the
 * signed checkpoints of the chain head live (outside the database).
 */
export function createAuditService(runner: UseCaseRunner, housekeeping: Housekeeping, checkpoints: () => CheckpointStore) {
  async function search(ctx: RequestContext, query: AuditQuery) {
    return runner.run(ctx, async (tx) => {
      authorize(ctx.actor, 'audit.view');
      const rows = await searchAudit(tx, { ...query, limit: query.limit + 1 });
      await recordAudit(tx, ctx, {
        action: 'audit.view',
        resourceType: query.resourceType ?? (query.userId ? 'user' : undefined),
        resourceId: query.resourceId ?? query.userId,
        detail: { rows: Math.min(rows.length, query.limit) },
      });
      const items = rows.slice(0, query.limit);
      return { items, nextBefore: rows.length > query.limit ? items[items.length - 1]?.id : undefined };
    });
  }

  /** Chains every committed row not yet sealed (the server runs this every second). */
  async function seal(): Promise<number> {
    let total = 0;
    for (;;) {
      const sealed = await housekeeping.runAsPlatform((tx) => sealAuditLog(tx));
      total += sealed;
      if (sealed === 0) return total;
    }
  }

  /**
   * Seals what is waiting, then appends a signed checkpoint of the head to the checkpoint file
   * (the server does this every AUDIT_CHECKPOINT_MINUTES and when it stops). Nothing is written
   * when the head has not moved since the last checkpoint.
   */
  async function checkpoint(): Promise<SignedCheckpoint | undefined> {
    await seal();
    const head = await housekeeping.runAsPlatform((tx) => chainHead(tx));
    const store = checkpoints();
    const latest = readCheckpoints(loadCheckpointText(store), store.key, head.database).latest;
    if (latest && latest.seq === head.seq && latest.hash === head.hash) return undefined;
    return appendCheckpoint(store, { ...head, at: new Date().toISOString() });
  }

  async function verify(ctx: RequestContext) {
    authorize(ctx.actor, 'audit.verify');
    await seal();
    return runner.run(ctx, async (tx) => {
      authorize(ctx.actor, 'audit.verify');
      const result = await verifyAuditChain(tx);
      const anchor = await anchorOf(tx, result.lastSeq);
      const failed = result.break || (anchor.state !== 'none' && anchor.state !== 'anchored');
      await recordAudit(tx, ctx, { action: 'audit.verify', outcome: failed ? 'error' : 'success', detail: { rows: result.rows, anchor: anchor.state } });
      // Kept so the administrator's home page can say when the chain was last checked, and how it stood.
      await tx.insert(auditVerifications).values({
        passed: !failed,
        rowsChecked: result.rows,
        anchor: anchor.state,
        brokenAt: result.break?.id ?? null,
        channel: ctx.channel,
        userId: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      });
      return { ...result, anchor };
    });
  }

  /** The newest verification's result, for those who may check the chain; null when it was never checked. */
  async function lastVerification(ctx: RequestContext): Promise<LastVerification | null> {
    return runner.run(ctx, async (tx) => {
      authorize(ctx.actor, 'audit.verify');
      const [row] = await tx.select().from(auditVerifications).orderBy(desc(auditVerifications.verifiedAt), desc(auditVerifications.id)).limit(1);
      return row ? { verifiedAt: row.verifiedAt, passed: row.passed, rowsChecked: row.rowsChecked, anchor: row.anchor, brokenAt: row.brokenAt } : null;
    });
  }

  /** Whether the chain still passes through the newest signed checkpoint of this database. */
  async function anchorOf(tx: Tx, lastSeq: number): Promise<AnchorResult> {
    const store = checkpoints();
    const { database } = await chainHead(tx);
    const reading = readCheckpoints(loadCheckpointText(store), store.key, database);
    const hashAt = reading.latest ? await hashAtSeq(tx, reading.latest.seq) : undefined;
    return judgeAnchor(reading, { lastSeq, hashAt });
  }

  return {
    search,
    verify,
    lastVerification,
    seal,
    checkpoint,
    recordStandalone: (ctx: RequestContext, entry: AuditEntry) => runner.recordStandalone(ctx, entry),
  };
}

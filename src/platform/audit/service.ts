import type { RequestContext } from '../policy/actor.ts';
import { authorize } from '../policy/policy.ts';
import type { UseCaseRunner } from '../use-case.ts';
import { recordAudit, sealAuditLog, searchAudit, verifyAuditChain, type AuditEntry, type AuditQuery } from './audit.ts';

/** Reading the audit log is itself audited: who looked at whose trail is part of the trail. */
export function createAuditService(runner: UseCaseRunner) {
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
      const sealed = await runner.runAsPlatform((tx) => sealAuditLog(tx));
      total += sealed;
      if (sealed === 0) return total;
    }
  }

  async function verify(ctx: RequestContext) {
    authorize(ctx.actor, 'audit.verify');
    await seal();
    return runner.run(ctx, async (tx) => {
      authorize(ctx.actor, 'audit.verify');
      const result = await verifyAuditChain(tx);
      await recordAudit(tx, ctx, { action: 'audit.verify', outcome: result.break ? 'error' : 'success', detail: { rows: result.rows } });
      return result;
    });
  }

  return { search, verify, seal, recordStandalone: (ctx: RequestContext, entry: AuditEntry) => runner.recordStandalone(ctx, entry) };
}

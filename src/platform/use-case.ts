import type { Database, Tx } from './db/pool.ts';
import { inActorTransaction, inPlatformTransaction } from './db/transaction.ts';
import { recordAudit, type AuditEntry } from './audit/audit.ts';
import type { RequestContext } from './policy/actor.ts';
import { AccessDeniedError } from './policy/policy.ts';

/**
 * How every use case runs: one transaction scoped to the actor. When the policy refuses,
 * the refused work rolls back but the refusal itself is audited in a transaction of its own.
 */
export function createUseCaseRunner(db: Database) {
  async function recordStandalone(ctx: RequestContext, entry: AuditEntry): Promise<void> {
    await inActorTransaction(db, ctx.actor, (tx) => recordAudit(tx, ctx, entry));
  }

  async function run<T>(ctx: RequestContext, work: (tx: Tx) => Promise<T>): Promise<T> {
    try {
      return await inActorTransaction(db, ctx.actor, work);
    } catch (error) {
      if (error instanceof AccessDeniedError) {
        const resource = error.resource as { type?: string; id?: string } | undefined;
        await recordStandalone(ctx, {
          action: error.action,
          resourceType: resource?.type,
          resourceId: resource?.id,
          outcome: 'denied',
        });
      }
      throw error;
    }
  }

  /** Housekeeping as the owner role (see inPlatformTransaction); never on a person's behalf. */
  const runAsPlatform = <T>(work: (tx: Tx) => Promise<T>) => inPlatformTransaction(db, work);

  return { run, runAsPlatform, recordStandalone, db };
}

export type UseCaseRunner = ReturnType<typeof createUseCaseRunner>;

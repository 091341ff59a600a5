import type { Database, Tx } from './db/pool.ts';
import { inActorTransaction, inPlatformTransaction } from './db/transaction.ts';
import { recordAudit, type AuditEntry } from './audit/audit.ts';
import type { RequestContext } from './policy/actor.ts';
import { AccessDeniedError, authorize } from './policy/policy.ts';
import { ownActionOf, systemActor, type SystemJob } from './policy/system-jobs.ts';
import { createWorkflowEvents } from './events/events.ts';

/**
 * How every use case runs: one transaction scoped to the actor. When the policy refuses,
 * the refused work rolls back but the refusal itself is audited in a transaction of its own.
 * This is all services (and the route factories that build one) are given: no database handle,
 * and the platform only as one of its named system jobs.
 */
export function createUseCaseRunner(db: Database) {
  // Steps of the workflow published in their own transaction (events/events.ts); the composition root subscribes.
  const events = createWorkflowEvents();
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

  /**
   * Runs `work` as the platform doing one named job (policy/system-jobs.ts), not as the person in
   * `ctx`: the job's own action is asserted first, and the policy then allows only what the job
   * lists. `work` gets the job's context (its request id, channel and language are the person's),
   * to audit what the platform did; audit in the person's name with `ctx`.
   */
  async function runAsSystemJob<T>(job: SystemJob, ctx: RequestContext, work: (tx: Tx, system: RequestContext) => Promise<T>): Promise<T> {
    const system: RequestContext = { ...ctx, actor: systemActor(job) };
    return run(system, async (tx) => {
      authorize(system.actor, ownActionOf(job));
      return work(tx, system);
    });
  }

  return { run, recordStandalone, runAsSystemJob, events };
}

export type UseCaseRunner = ReturnType<typeof createUseCaseRunner>;

/**
 * Housekeeping as the owner role (see inPlatformTransaction): sealing the audit chain, reading and
 * delivering the outbox. Only the platform's own audit and outbox services hold it, never a
 * module or a route, and never on a person's behalf.
 */
export function createHousekeeping(db: Database) {
  return { runAsPlatform: <T>(work: (tx: Tx) => Promise<T>) => inPlatformTransaction(db, work) };
}

export type Housekeeping = ReturnType<typeof createHousekeeping>;

import { recordAudit } from '../../platform/audit/audit.ts';
import * as authRepo from '../../platform/auth/repository.ts';
import { SIGN_IN_LIMITS, signInAccountKey } from '../../platform/auth/service.ts';
import { ConflictError, NotFoundError } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { authorize, can } from '../../platform/policy/policy.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import * as repo from './repository.ts';

/**
 * Accounts locked by failed sign-ins (platform/auth counts them per account for a window): whether
 * one is locked now, and the administrator's unlock, so a person who rang does not wait the window out.
 */
export function createAccountLocks(runner: UseCaseRunner, clock: () => Date = () => new Date()) {
  const windowStart = () => new Date(clock().getTime() - SIGN_IN_LIMITS.windowMinutes * 60_000);

  /** True when failed sign-ins lock the account now; false too for a reader who may not unlock it (they cannot act on it). */
  async function isLockedOut(ctx: RequestContext, id: string): Promise<boolean> {
    return runner.run(ctx, async (tx) => {
      const user = await repo.getUser(tx, id);
      if (!user || !can(ctx.actor, 'users.unlock', { type: 'user', organisationId: user.organisationId })) return false;
      return (await authRepo.countAccountFailuresSince(tx, signInAccountKey(user.email), windowStart())) >= SIGN_IN_LIMITS.perAccount;
    });
  }

  /**
   * Unlocks the account now: the administrator is checked as themselves on the account; the failures
   * (which only the platform may remove) are cleared by the accountUnlock job, with the version check
   * and the audit in the administrator's name in the same transaction.
   */
  async function unlockAccount(ctx: RequestContext, id: string, version: number): Promise<void> {
    const email = await runner.run(ctx, async (tx) => {
      const user = await repo.getUser(tx, id);
      if (!user) throw new NotFoundError();
      authorize(ctx.actor, 'users.unlock', { type: 'user', organisationId: user.organisationId });
      return user.email;
    });
    await runner.runAsSystemJob('accountUnlock', ctx, async (tx) => {
      const current = await repo.getUser(tx, id);
      if (!current) throw new NotFoundError();
      if (!(await repo.touchUser(tx, id, version))) throw new ConflictError('errors.conflict.body', current.version);
      const cleared = await authRepo.clearFailuresOfAccount(tx, signInAccountKey(email));
      await recordAudit(tx, ctx, { action: 'users.unlock', resourceType: 'user', resourceId: id, detail: { cleared } });
    });
  }

  return { isLockedOut, unlockAccount };
}

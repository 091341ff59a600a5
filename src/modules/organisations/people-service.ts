import { recordAudit } from '../../platform/audit/audit.ts';
import { SIGN_IN_LIMITS } from '../../platform/auth/service.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { can, listScope } from '../../platform/policy/policy.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import { activeAccountsByRole, lockedAccounts } from './people-reads.ts';

/** How many locked accounts the administrator's home page names; the rest are on the people list. */
const LOCKED_SHOWN = 20;

/** The administrator's view of the people with accounts: active accounts by role, and those who cannot sign in now. */
export function createPeopleOverview(runner: UseCaseRunner, clock: () => Date = () => new Date()) {
  /**
   * Active accounts by role, and the accounts that cannot sign in (disabled, or locked for now by
   * failed sign-ins, which ends by itself); undefined for anyone who does not manage accounts.
   */
  async function peopleOverview(ctx: RequestContext) {
    if (!can(ctx.actor, 'users.list') || !can(ctx.actor, 'users.disable')) return undefined;
    const scope = listScope(ctx.actor, 'users.list');
    const organisationId = scope.kind === 'organisation' ? scope.organisationId : undefined;
    const now = clock();
    const window = SIGN_IN_LIMITS.windowMinutes * 60_000;
    return runner.run(ctx, async (tx) => {
      const byRole = await activeAccountsByRole(tx, organisationId);
      const locked = await lockedAccounts(tx, organisationId, new Date(now.getTime() - window), SIGN_IN_LIMITS.perAccount, LOCKED_SHOWN);
      await recordAudit(tx, ctx, { action: 'users.list', resourceType: 'user', detail: { overview: true, locked: locked.length } });
      return {
        byRole,
        locked: locked.map((a) => ({ id: a.id, name: a.name, disabled: a.disabled })),
        lockMinutes: SIGN_IN_LIMITS.windowMinutes,
      };
    });
  }
  return { peopleOverview };
}

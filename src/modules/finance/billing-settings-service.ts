import { recordAudit } from '../../platform/audit/audit.ts';
import { ConflictError } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { authorize } from '../../platform/policy/policy.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import * as repo from './billing-settings-repository.ts';
import { agencyOf } from './invoices-service.ts';

const settingsResource = (organisationId: string) => ({ type: 'billing_settings', id: organisationId, organisationId });

/** The agency's billing choices: what the finance officer and the service manager may change. */
export function createBillingSettingsUseCases(runner: UseCaseRunner) {
  const { run } = runner;
  return {
    /** The agency's choices as they are now (the defaults until it chooses; version 0). */
    async billingSettings(ctx: RequestContext) {
      return run(ctx, async (tx) => {
        const agencyId = agencyOf(ctx);
        authorize(ctx.actor, 'billingSettings.edit', settingsResource(agencyId));
        return repo.billingSettingsOf(tx, agencyId);
      });
    },
    /** Whether a disrupted placement takes back its placement fees, from now on; version-checked and audited. */
    async saveBillingSettings(ctx: RequestContext, input: { reversePlacementFeesOnDisruption: boolean }, version: number) {
      return run(ctx, async (tx) => {
        const agencyId = agencyOf(ctx);
        authorize(ctx.actor, 'billingSettings.edit', settingsResource(agencyId));
        const saved = await repo.saveBillingSettings(tx, agencyId, version, {
          reversePlacementFeesOnDisruption: input.reversePlacementFeesOnDisruption,
          updatedBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
        });
        if (!saved) throw new ConflictError();
        await recordAudit(tx, ctx, {
          action: 'billingSettings.edit',
          resourceType: 'billing_settings',
          resourceId: agencyId,
          detail: { reversePlacementFeesOnDisruption: saved.reversePlacementFeesOnDisruption },
        });
        return saved;
      });
    },
  };
}

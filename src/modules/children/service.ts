import { recordAudit } from '../../platform/audit/audit.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import type { IsoDate } from '../../platform/dates/dates.ts';
import { getOrganisation } from '../organisations/index.ts';
import { createAceUseCases } from './aces-service.ts';
import { createAnalyticsUseCases } from './analytics-service.ts';
import { DEFAULT_CHILDREN_CONFIG, type ChildrenConfig } from './config.ts';
import { createRecordUseCases } from './record-service.ts';
import { createReferralUseCases } from './referral-service.ts';
import { createChildrenContext } from './service-context.ts';
import { createSiblingUseCases } from './siblings-service.ts';
import { createProfileSharingUseCases } from './profile-sharing-service.ts';
import { generateChildren } from './synthetic.ts';
import { insertSyntheticChildren } from './synthetic-repository.ts';

/**
 * Children who wait. `defaults` is the configuration used until the agency saves its own settings
 * (/children/settings); each use case reads the agency's current settings once, in its transaction,
 * and hands them to the pure rules. The use cases live by concept: referrals, records, ACEs, the
 * cohort analysis and sibling groups.
 */
export function createChildrenService(runner: UseCaseRunner, defaults: ChildrenConfig = DEFAULT_CHILDREN_CONFIG, clock: () => Date = () => new Date()) {
  const context = createChildrenContext(runner, defaults, clock);
  return {
    defaults,
    today: context.today,
    ...createReferralUseCases(context),
    ...createRecordUseCases(context),
    ...createAceUseCases(context),
    ...createAnalyticsUseCases(context),
    ...createSiblingUseCases(context),
    ...createProfileSharingUseCases(context, clock),
  };
}

export type ChildrenService = ReturnType<typeof createChildrenService>;

/** Synthetic children for the demo and benchmarks, written as the platform itself. */
export async function seedSyntheticChildren(
  runner: UseCaseRunner,
  ctx: RequestContext,
  options: { count: number; seed: number; today: IsoDate; localAuthorityIds: string[]; agencyId: string; familyFinderIds: string[] },
): Promise<number> {
  const rows = generateChildren({ count: options.count, seed: options.seed, today: options.today, organisations: options.localAuthorityIds.length });
  return runner.run(ctx, async (tx) => {
    const organisations = [];
    for (const id of options.localAuthorityIds) organisations.push({ id, region: (await getOrganisation(tx, id))?.region ?? null });
    const n = await insertSyntheticChildren(tx, rows, { organisations, agencyId: options.agencyId, familyFinderIds: options.familyFinderIds });
    await recordAudit(tx, ctx, { action: 'demo.children', resourceType: 'child', detail: { rows: n, seed: options.seed } });
    return n;
  });
}

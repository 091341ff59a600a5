import type { Tx } from '../../platform/db/pool.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import type { Limit } from '../../platform/limits/limits.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { authorize, type Resource } from '../../platform/policy/policy.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import { dateInWales } from '../../platform/dates/dates.ts';
import { DEFAULT_CHECK_REQUIREMENTS, type CheckRequirements } from './checks.ts';
import * as repo from './repository.ts';
import { DEFAULT_TIMESCALES, dueFor, type Due, type Timescales } from './timescales.ts';
import { CLOSED_STAGES, STAGES, type Stage } from './vocabulary.ts';

/**
 * What recruitment reads of the campaigns module (which owns their tables and depends on
 * recruitment for its funnel): handed in by the composition root, src/server/services.ts, so the
 * two modules do not import each other. Each reads in the caller's transaction.
 */
export type CampaignDirectory = {
  /** The campaign a link's code names (case does not matter), if it exists. */
  campaignByCode(tx: Tx, code: string): Promise<{ id: string; organisationId: string; name: string; nameCy: string | null } | undefined>;
  campaignName(tx: Tx, id: string): Promise<{ name: string; nameCy: string | null; referrerCode: string } | undefined>;
  /** The organisation's campaigns, newest first, for choosing one on a form. */
  campaignsOf(tx: Tx, organisationId: string): Promise<{ id: string; name: string; nameCy: string | null }[]>;
};

export type RecruitmentConfig = { timescales: Timescales; checks: CheckRequirements; enquiryLimit: Limit };

export const DEFAULT_RECRUITMENT_CONFIG: RecruitmentConfig = {
  timescales: DEFAULT_TIMESCALES,
  checks: DEFAULT_CHECK_REQUIREMENTS,
  // A person enquires once or twice; more from one address within the hour is a script.
  enquiryLimit: { bucket: 'public-enquiry', max: 5, windowMinutes: 60 },
};

export function householdResource(household: repo.HouseholdRow): Resource & { id: string } {
  return {
    type: 'household',
    id: household.id,
    organisationId: household.organisationId,
    allocatedUserIds: household.socialWorkerId ? [household.socialWorkerId] : [],
  };
}

export const STAGES_WITH_TIMESCALES: readonly Stage[] = ['stage1', 'break', 'stage2'];
export const OPEN_STAGES: readonly Stage[] = STAGES.filter((s) => !(CLOSED_STAGES as readonly Stage[]).includes(s));

/**
 * What the recruitment service's use cases share: the runner, the service's clock and
 * configuration, and loading a household with the policy's say.
 */
export function createRecruitmentContext(runner: UseCaseRunner, campaigns: CampaignDirectory, config: RecruitmentConfig, clock: () => Date) {
  const { run } = runner;
  const today = () => dateInWales(clock());

  async function loadHousehold(tx: Tx, ctx: RequestContext, id: string, action: Parameters<typeof authorize>[1], forUpdate = false) {
    const household = forUpdate ? await repo.getHouseholdForUpdate(tx, id) : await repo.getHousehold(tx, id);
    if (!household) {
      authorize(ctx.actor, action); // a role that may never do this hears 403, not 404
      throw new NotFoundError();
    }
    authorize(ctx.actor, action, householdResource(household));
    return household;
  }
  function userId(ctx: RequestContext): string | null {
    return ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  }

  function dueOf(household: repo.HouseholdRow): Due | undefined {
    return dueFor(household, today(), config.timescales);
  }

  return { run, runner, campaigns, today, clock, config, loadHousehold, userId, dueOf };
}

export type RecruitmentContext = ReturnType<typeof createRecruitmentContext>;

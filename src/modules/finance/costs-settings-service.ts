import { recordAudit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/pool.ts';
import type { PageRequest } from '../../platform/db/keyset.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import type { Action } from '../../platform/policy/actions.ts';
import { authorize } from '../../platform/policy/policy.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import { dateInWales } from '../../platform/dates/dates.ts';
import type {
  ActivitySettingInput,
  CareChoiceInput,
  DirectCostInput,
  HourlyRateInput,
  PriceIndexInput,
  ReinvestmentInput,
  ReturnSettingsInput,
  UnitCostInput,
} from './costs-inputs.ts';
import { loadSettings } from './costs-settings.ts';
import * as repo from './costs-repository.ts';

/**
 * The cost side's settings and registers: hourly rates, activity durations, unit costs, the price
 * index, the return's discount rate, each placed child's alternative care; direct costs and surplus
 * reinvested. Every change is checked by the policy, saved at the version it was read at (a stale
 * one is refused), and audited in the same transaction.
 */

/** The agency whose finance the person keeps (finance is the agency's own: a person of no organisation has none). */
export function agencyOf(ctx: RequestContext): string {
  if (ctx.actor.kind !== 'user') throw new NotFoundError();
  return ctx.actor.organisationId;
}

const userOf = (ctx: RequestContext) => (ctx.actor.kind === 'user' ? ctx.actor.userId : null);

export function createFinanceCostSettingsService(runner: UseCaseRunner, clock: () => Date = () => new Date()) {
  const { run } = runner;
  const today = () => dateInWales(clock());

  /** Runs a change as the agency's: policy first, then the save, refusing a stale version, then the audit. */
  function change<T>(
    ctx: RequestContext,
    action: Action,
    resourceType: string,
    work: (tx: Tx, organisationId: string) => Promise<T | undefined>,
    detail: Record<string, string | number | boolean | null>,
  ): Promise<T> {
    return run(ctx, async (tx) => {
      const organisationId = agencyOf(ctx);
      authorize(ctx.actor, action, { type: resourceType, organisationId });
      const saved = await work(tx, organisationId);
      if (saved === undefined) throw new ConflictError('errors.conflict.body');
      await recordAudit(tx, ctx, { action, resourceType, resourceId: (saved as { id?: string }).id, detail });
      return saved;
    });
  }

  function settings(ctx: RequestContext) {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'financeCosts.view');
      const organisationId = agencyOf(ctx);
      return { ...(await loadSettings(tx, organisationId)), localAuthorities: await repo.localAuthorities(tx) };
    });
  }

  const setActivity = (ctx: RequestContext, input: ActivitySettingInput, version: number) =>
    change(
      ctx,
      'financeCosts.configure',
      'finance-activity-setting',
      (tx, organisationId) => repo.saveActivitySetting(tx, { ...input, organisationId, updatedBy: userOf(ctx) }, version),
      { activity: input.activity, defaultMinutes: input.defaultMinutes, roles: input.roles.join(',') },
    );

  const setHourlyRate = (ctx: RequestContext, input: HourlyRateInput, version: number) =>
    change(
      ctx,
      'financeCosts.configure',
      'finance-hourly-rate',
      (tx, organisationId) => repo.saveHourlyRate(tx, { ...input, organisationId, updatedBy: userOf(ctx) }, version),
      { role: input.role, financialYear: input.financialYear, pencePerHour: input.pencePerHour },
    );

  const setUnitCost = (ctx: RequestContext, input: UnitCostInput, version: number) =>
    change(
      ctx,
      'financialReturn.configure',
      'finance-unit-cost',
      (tx, organisationId) => repo.saveUnitCost(tx, { ...input, organisationId, updatedBy: userOf(ctx) }, version),
      { careKind: input.careKind, priceYear: input.priceYear, weeklyPence: input.weeklyPence },
    );

  const setPriceIndex = (ctx: RequestContext, input: PriceIndexInput, version: number) =>
    change(
      ctx,
      'financialReturn.configure',
      'finance-price-index',
      (tx, organisationId) => repo.savePriceIndex(tx, { ...input, organisationId, updatedBy: userOf(ctx) }, version),
      { financialYear: input.financialYear, indexThousandths: input.indexThousandths },
    );

  const setReturnSettings = (ctx: RequestContext, input: ReturnSettingsInput, version: number) =>
    change(
      ctx,
      'financialReturn.configure',
      'finance-return-settings',
      async (tx, organisationId) => {
        const saved = await repo.saveReturnSettings(tx, { ...input, organisationId, updatedBy: userOf(ctx) }, version);
        return saved && { ...saved, id: organisationId };
      },
      { discountBasisPoints: input.discountBasisPoints, defaultRouteFeePence: input.defaultRouteFeePence },
    );

  /** The care a placed child would otherwise have had: a child the agency placed, or not found. */
  const setCareChoice = (ctx: RequestContext, childId: string, input: CareChoiceInput, version: number, placedChildIds: ReadonlySet<string>) =>
    change(
      ctx,
      'financialReturn.configure',
      'finance-care-choice',
      async (tx, organisationId) => {
        if (!placedChildIds.has(childId)) throw new NotFoundError();
        return repo.saveCareChoice(tx, { ...input, childId, organisationId, updatedBy: userOf(ctx) }, version);
      },
      { childId, careKind: input.careKind },
    );

  /** Records a direct cost; a cost dated after today is refused (costs are recorded once incurred). */
  const recordDirectCost = (ctx: RequestContext, input: DirectCostInput) =>
    change(
      ctx,
      'financeCosts.record',
      'finance-direct-cost',
      async (tx, organisationId) => {
        if (input.incurredOn > today()) throw new ValidationError([{ field: 'incurredOn', key: 'finance-costs:errors.incurredOn.future' }]);
        if (input.localAuthorityId && !(await repo.localAuthorities(tx)).some((la) => la.id === input.localAuthorityId)) {
          throw new ValidationError([{ field: 'localAuthorityId', key: 'finance-costs:errors.localAuthorityId.invalid' }]);
        }
        return repo.insertDirectCost(tx, { ...input, localAuthorityId: input.localAuthorityId ?? null, organisationId, createdBy: userOf(ctx) });
      },
      { category: input.category, amountPence: input.amountPence, incurredOn: input.incurredOn },
    );

  const recordReinvestment = (ctx: RequestContext, input: ReinvestmentInput) =>
    change(
      ctx,
      'financeCosts.record',
      'finance-reinvestment',
      async (tx, organisationId) => {
        if (input.reinvestedOn > today()) throw new ValidationError([{ field: 'reinvestedOn', key: 'finance-costs:errors.reinvestedOn.future' }]);
        return repo.insertReinvestment(tx, { ...input, organisationId, createdBy: userOf(ctx) });
      },
      { amountPence: input.amountPence, reinvestedOn: input.reinvestedOn },
    );

  function pageDirectCosts(ctx: RequestContext, period: { from?: string; to?: string }, page: PageRequest) {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'financeCosts.view');
      return repo.pageDirectCosts(tx, agencyOf(ctx), period, page);
    });
  }

  function pageReinvestments(ctx: RequestContext, page: PageRequest) {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'financeCosts.view');
      return repo.pageReinvestments(tx, agencyOf(ctx), page);
    });
  }

  return {
    today,
    settings,
    setActivity,
    setHourlyRate,
    setUnitCost,
    setPriceIndex,
    setReturnSettings,
    setCareChoice,
    recordDirectCost,
    recordReinvestment,
    pageDirectCosts,
    pageReinvestments,
  };
}

export type FinanceCostSettingsService = ReturnType<typeof createFinanceCostSettingsService>;

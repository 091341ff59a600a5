import { recordAudit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/pool.ts';
import type { PageRequest } from '../../platform/db/keyset.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { authorize } from '../../platform/policy/policy.ts';
import { dateInWales } from '../../platform/dates/dates.ts';
import { auditedRead, householdResource, organisationOf, refuseIf, userIdOf, type SupportDeps } from './access.ts';
import { hoursDelivered } from './hours.ts';
import type { PlanInput, PlanItemInput, PlanPatch } from './inputs.ts';
import * as plans from './plans-repository.ts';
import * as repo from './repository.ts';
import { planProblems, reviewState } from './rules.ts';
import * as sessions from './sessions-repository.ts';

/** The database refused a second plan for one match (two people creating it at once). */
function isSecondPlan(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string; constraint?: string } }).cause ?? (error as { code?: string; constraint?: string });
  return cause?.code === '23505' && cause.constraint === 'support_plans_match_idx';
}

/** Adoption support plans, one per placement: needs, agreed support, who provides it, review dates. */
export function createPlanUseCases(deps: SupportDeps) {
  const { run, clock, config } = deps;
  const today = () => dateInWales(clock());

  async function loadPlan(tx: Tx, ctx: RequestContext, id: string, action: 'support.view' | 'support.edit') {
    const plan = await plans.getPlan(tx, id);
    if (!plan) throw new NotFoundError();
    const household = await repo.getHousehold(tx, plan.householdId);
    if (!household) throw new NotFoundError();
    authorize(ctx.actor, action, householdResource(household, 'support_plan', id));
    return { plan, household };
  }

  /** Every plan of the organisation with where its review stands; reviews due first. */
  /** A page of the organisation's plans, next review first (the API). */
  async function pagePlans(ctx: RequestContext, page: PageRequest) {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'support.view');
      const found = await plans.listPlans(tx, organisationOf(ctx), page);
      await recordAudit(tx, ctx, { action: 'support.view', resourceType: 'support_plan', detail: { list: 'plans', rows: found.items.length } });
      const on = today();
      return {
        items: found.items.map((r) => ({
          ...r.plan,
          householdReference: r.householdReference,
          stage: r.stage,
          placementDate: r.placementDate,
          childCount: r.childCount,
          items: r.items,
          review: reviewState(r.plan.nextReviewDate, on, config.reviewDueSoonDays),
        })),
        next: found.next,
      };
    });
  }

  /** The plans the pages show: the first 2,000, next review first. */
  async function listPlans(ctx: RequestContext) {
    return (await pagePlans(ctx, { limit: 2000 })).items;
  }

  /** Matches that may be given a plan and have none yet (the form's choices). */
  async function planFormOptions(ctx: RequestContext) {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'support.edit');
      const matches = await repo.matchesWithoutPlan(tx, organisationOf(ctx));
      await recordAudit(tx, ctx, { action: 'support.edit', resourceType: 'match', detail: { list: 'without-plan', rows: matches.length } });
      return { matches };
    });
  }

  /**
   * Agrees the support plan of a match (from the matching meeting on, so it goes to panel with the
   * match), with its first items. One plan per match: a second is refused beside the field.
   */
  async function createPlan(ctx: RequestContext, input: PlanInput) {
    try {
      return await run(ctx, async (tx) => {
        authorize(ctx.actor, 'support.edit');
        const match = await repo.getMatch(tx, input.matchId);
        const household = match ? await repo.getHousehold(tx, match.householdId) : undefined;
        if (!match || !household || match.organisationId !== household.organisationId)
          throw new ValidationError([{ field: 'matchId', key: 'support:errors.matchId.unknown' }]);
        authorize(ctx.actor, 'support.edit', householdResource(household, 'match', match.id));
        if (!repo.isPlannable(match.stage)) throw new ValidationError([{ field: 'matchId', key: 'support:errors.matchId.notPlannable' }]);
        if (await plans.planOfMatch(tx, match.id)) throw new ValidationError([{ field: 'matchId', key: 'support:errors.matchId.hasPlan' }]);
        refuseIf(planProblems(input, today()));
        const plan = await plans.insertPlan(tx, {
          organisationId: household.organisationId,
          matchId: match.id,
          householdId: household.id,
          needsSummary: input.needsSummary,
          agreedDate: input.agreedDate,
          nextReviewDate: input.nextReviewDate,
          createdBy: userIdOf(ctx),
        });
        for (const item of input.items) await plans.insertItem(tx, { ...item, planId: plan.id, householdId: household.id });
        await recordAudit(tx, ctx, {
          action: 'support.edit',
          resourceType: 'support_plan',
          resourceId: plan.id,
          detail: { created: true, match: match.id, household: household.id, items: input.items.length },
        });
        return plan;
      });
    } catch (error) {
      if (isSecondPlan(error)) throw new ValidationError([{ field: 'matchId', key: 'support:errors.matchId.hasPlan' }]);
      throw error;
    }
  }

  /**
   * A plan with its items, the match it belongs to (stage, placement and order dates, the children
   * the person may see), the family's sessions and the hours delivered to them. Audited.
   */
  async function getPlan(ctx: RequestContext, id: string) {
    return auditedRead(deps, ctx, { action: 'support.view', resourceType: 'support_plan', resourceId: id }, () => readPlan(ctx, id));
  }

  async function readPlan(ctx: RequestContext, id: string) {
    return run(ctx, async (tx) => {
      const { plan, household } = await loadPlan(tx, ctx, id, 'support.view');
      const match = await repo.getMatch(tx, plan.matchId);
      const items = await plans.itemsOfPlan(tx, id);
      const recent = await sessions.listSessions(tx, plan.organisationId, { householdId: household.id, newestFirst: true, limit: 50 });
      const delivered = hoursDelivered(await sessions.deliveredSessions(tx, plan.organisationId, { householdId: household.id }));
      const children = match ? await repo.childNames(tx, match.childIds) : [];
      const names = await repo.userNames(tx, [household.socialWorkerId, plan.createdBy]);
      await recordAudit(tx, ctx, {
        action: 'support.view',
        resourceType: 'support_plan',
        resourceId: id,
        detail: { household: household.id, items: items.length },
      });
      return {
        plan,
        items,
        review: reviewState(plan.nextReviewDate, today(), config.reviewDueSoonDays),
        household: {
          id: household.id,
          reference: household.reference,
          socialWorkerName: household.socialWorkerId ? (names.get(household.socialWorkerId) ?? null) : null,
        },
        match: match
          ? {
              id: match.id,
              stage: match.stage,
              placementDate: match.placementDate,
              adoptionOrderDate: match.adoptionOrderDate,
              disruptionDate: match.disruptionDate,
              childCount: match.childIds.length,
              childNames: children,
            }
          : null,
        sessions: recent,
        hours: { sessions: delivered.sessions, minutes: delivered.minutes },
        createdByName: plan.createdBy ? (names.get(plan.createdBy) ?? null) : null,
      };
    });
  }

  /** Changes the plan's summary or dates (version-checked). */
  async function updatePlan(ctx: RequestContext, id: string, patch: PlanPatch, version: number) {
    return run(ctx, async (tx) => {
      const { plan } = await loadPlan(tx, ctx, id, 'support.edit');
      const next = { ...plan, ...patch };
      // An agreed date already in the past stays acceptable; only a change is checked against today.
      refuseIf(
        planProblems({ agreedDate: patch.agreedDate ?? (plan.agreedDate > today() ? today() : plan.agreedDate), nextReviewDate: next.nextReviewDate }, today()),
      );
      const updated = await plans.updatePlan(tx, id, version, patch);
      if (!updated) throw new ConflictError('errors.conflict.body', plan.version);
      await recordAudit(tx, ctx, { action: 'support.edit', resourceType: 'support_plan', resourceId: id, detail: { fields: Object.keys(patch).length } });
      return updated;
    });
  }

  /** Adds an item of agreed support. The plan's version moves on, so two people editing at once are told. */
  async function addItem(ctx: RequestContext, planId: string, item: PlanItemInput, version: number) {
    return run(ctx, async (tx) => {
      const { plan, household } = await loadPlan(tx, ctx, planId, 'support.edit');
      const updated = await plans.updatePlan(tx, planId, version, {});
      if (!updated) throw new ConflictError('errors.conflict.body', plan.version);
      const row = await plans.insertItem(tx, { ...item, planId, householdId: household.id });
      await recordAudit(tx, ctx, { action: 'support.edit', resourceType: 'support_plan', resourceId: planId, detail: { itemAdded: row.id } });
      return { plan: updated, item: row };
    });
  }

  /** Removes an item (version-checked); an item of another plan is not found. */
  async function removeItem(ctx: RequestContext, planId: string, itemId: string, version: number) {
    return run(ctx, async (tx) => {
      const { plan } = await loadPlan(tx, ctx, planId, 'support.edit');
      const updated = await plans.updatePlan(tx, planId, version, {});
      if (!updated) throw new ConflictError('errors.conflict.body', plan.version);
      if (!(await plans.deleteItem(tx, planId, itemId))) throw new NotFoundError();
      await recordAudit(tx, ctx, { action: 'support.edit', resourceType: 'support_plan', resourceId: planId, detail: { itemRemoved: itemId } });
      return updated;
    });
  }

  return { listPlans, pagePlans, planFormOptions, createPlan, getPlan, updatePlan, addItem, removeItem };
}

import { recordAudit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/pool.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import type { Action } from '../../platform/policy/actions.ts';
import { authorize, can, type Resource } from '../../platform/policy/policy.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import { dateInWales, type IsoDate } from '../../platform/dates/dates.ts';
import { childrenByIds } from '../children/index.ts';
import * as repo from './transition-repository.ts';
import { inOrder, planEditable, planProgress, statusAfter, stepRefusals, type StepChange, type StepKind } from './transition-rules.ts';

/** A step as a worker writes it: what, when, who attends, progress, notes, and why it changed. */
export type StepInput = {
  kind: StepKind;
  plannedDate: IsoDate;
  description: string | null;
  attendees: string | null;
  status: StepChange['status'];
  notes: string | null;
  reason: string | null;
};

const REFUSAL_KEYS = {
  'before-link': 'preparation:errors.plannedDate.beforeLink',
  'second-moving-day': 'preparation:errors.kind.secondMovingDay',
  'done-in-future': 'preparation:errors.status.doneInFuture',
  'reason-required': 'preparation:errors.reason.required',
  'after-moving-day': 'preparation:errors.reason.afterMovingDay',
} as const;

function matchResource(match: repo.MatchRow, socialWorkerId: string | null | undefined): Resource & { id: string } {
  return {
    type: 'match',
    id: match.id,
    organisationId: match.organisationId,
    sharedWithOrganisationIds: match.sharedWith,
    allocatedUserIds: socialWorkerId ? [socialWorkerId] : [],
  };
}

/** Transition plans: introductions as dated steps, who attends, progress, and changes with their reasons. */
export function createTransitionService(runner: UseCaseRunner, clock: () => Date = () => new Date()) {
  const { run } = runner;
  const today = () => dateInWales(clock());

  async function loadMatch(tx: Tx, ctx: RequestContext, id: string, action: Action) {
    const match = await repo.getMatch(tx, id);
    if (!match) throw new NotFoundError();
    const household = await repo.householdOf(tx, match.householdId);
    authorize(ctx.actor, action, matchResource(match, household?.socialWorkerId));
    return { match, household };
  }

  /** The plan of a match: its steps in order, how far introductions have come, and whether it may be changed. */
  async function transitionPlan(ctx: RequestContext, matchId: string) {
    return run(ctx, async (tx) => {
      const { match, household } = await loadMatch(tx, ctx, matchId, 'matches.view');
      const steps = inOrder((await repo.stepsOf(tx, [matchId])).map((s) => ({ ...s.step, updatedByName: s.updatedByName })));
      const children = await childrenByIds(tx, match.childIds);
      await recordAudit(tx, ctx, {
        action: 'matches.view',
        resourceType: 'match',
        resourceId: matchId,
        detail: { part: 'transition-plan', steps: steps.length },
      });
      return {
        match,
        householdReference: household?.reference ?? null,
        householdNames: household?.names ?? [],
        children,
        steps,
        progress: planProgress(steps, today()),
        editable: planEditable(match.stage),
        mayEdit: planEditable(match.stage) && can(ctx.actor, 'transitionPlans.edit'),
      };
    });
  }

  /** Loads the match to change its plan: the plan must still be open, and the change must keep it sound. */
  async function checkChange(tx: Tx, ctx: RequestContext, matchId: string, change: StepChange) {
    const { match } = await loadMatch(tx, ctx, matchId, 'transitionPlans.edit');
    if (!planEditable(match.stage)) throw new ConflictError('preparation:errors.plan.notEditable');
    const steps = (await repo.stepsOf(tx, [matchId])).map((s) => s.step);
    const refusals = stepRefusals(steps, change, { linkedDate: match.linkedDate, today: today() });
    if (refusals.length) throw new ValidationError(refusals.map((r) => ({ field: r.field, key: REFUSAL_KEYS[r.code] })));
    return { match, steps };
  }

  async function addStep(ctx: RequestContext, matchId: string, input: StepInput) {
    return run(ctx, async (tx) => {
      const change: StepChange = { kind: input.kind, plannedDate: input.plannedDate, status: input.status, reason: input.reason };
      const { steps } = await checkChange(tx, ctx, matchId, change);
      const step = await repo.insertStep(tx, {
        matchId,
        kind: input.kind,
        plannedDate: input.plannedDate,
        description: input.description,
        attendees: input.attendees,
        status: statusAfter(steps, change),
        notes: input.notes,
        changeReason: input.reason,
        updatedBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      });
      await recordAudit(tx, ctx, {
        action: 'transitionPlans.edit',
        resourceType: 'transition_step',
        resourceId: step.id,
        detail: { match: matchId, created: true, kind: step.kind },
      });
      return step;
    });
  }

  async function getStep(ctx: RequestContext, stepId: string) {
    return run(ctx, async (tx) => {
      const step = await repo.getStep(tx, stepId);
      if (!step) throw new NotFoundError();
      const { match } = await loadMatch(tx, ctx, step.matchId, 'matches.view');
      await recordAudit(tx, ctx, { action: 'matches.view', resourceType: 'transition_step', resourceId: stepId });
      return { step, match, editable: planEditable(match.stage) };
    });
  }

  /** Changes a step: a new date marks it moved and needs a reason, as does cancelling it; done only once its day has come. */
  async function updateStep(ctx: RequestContext, stepId: string, input: StepInput, version: number) {
    return run(ctx, async (tx) => {
      const step = await repo.getStep(tx, stepId);
      if (!step) throw new NotFoundError();
      const change: StepChange = { id: stepId, kind: input.kind, plannedDate: input.plannedDate, status: input.status, reason: input.reason };
      const { steps } = await checkChange(tx, ctx, step.matchId, change);
      const updated = await repo.updateStep(tx, stepId, version, {
        kind: input.kind,
        plannedDate: input.plannedDate,
        description: input.description,
        attendees: input.attendees,
        status: statusAfter(steps, change),
        notes: input.notes,
        changeReason: input.reason ?? step.changeReason,
        updatedBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      });
      if (!updated) throw new ConflictError('errors.conflict.body', step.version);
      await recordAudit(tx, ctx, {
        action: 'transitionPlans.edit',
        resourceType: 'transition_step',
        resourceId: stepId,
        detail: { match: step.matchId, status: updated.status, moved: step.plannedDate !== updated.plannedDate },
      });
      return updated;
    });
  }

  return { transitionPlan, addStep, getStep, updateStep, today };
}

export type TransitionService = ReturnType<typeof createTransitionService>;

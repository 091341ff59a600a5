import type { Tx } from '../../platform/db/pool.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import type { Action } from '../../platform/policy/actions.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { authorize, type Resource } from '../../platform/policy/policy.ts';
import * as repo from './conversation-repository.ts';

/**
 * A household as the portal's messages and documents are decided on: its organisation, the worker
 * allocated to it (and the worker a thread was handed to), and the adopter asking, when the
 * household is theirs. The policy narrows workers to their allocated households (policy.ts).
 */
export function householdResource(household: repo.HouseholdRow, ctx: RequestContext, thread?: repo.ThreadRow): Resource & { id: string } {
  const userId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  return {
    type: 'household',
    id: household.id,
    organisationId: household.organisationId,
    allocatedUserIds: [household.socialWorkerId, thread?.workerId].filter((id): id is string => Boolean(id)),
    subjectUserId: userId && household.adopterUserIds.includes(userId) ? userId : null,
  };
}

/** Is the person asking one of the family (an adopter), rather than the agency's staff? */
export function isFamily(ctx: RequestContext): boolean {
  return ctx.actor.kind === 'user' && ctx.actor.roles.includes('adopter');
}

export function userIdOf(ctx: RequestContext): string {
  if (ctx.actor.kind !== 'user') throw new NotFoundError();
  return ctx.actor.userId;
}

/** The household, with the action asserted on it; 404 when missing or out of the actor's reach. */
export async function householdFor(tx: Tx, ctx: RequestContext, householdId: string, action: Action, thread?: repo.ThreadRow) {
  const household = await repo.getHousehold(tx, householdId);
  if (!household) throw new NotFoundError();
  authorize(ctx.actor, action, householdResource(household, ctx, thread));
  return household;
}

/** The signed-in adopter's own household, with the action asserted on it (404 when they have none). */
export async function ownHousehold(tx: Tx, ctx: RequestContext, action: Action) {
  authorize(ctx.actor, action);
  const own = await repo.applicantOfUser(tx, userIdOf(ctx));
  if (!own) throw new NotFoundError();
  return householdFor(tx, ctx, own.householdId, action);
}

/** A thread and its household, with the action asserted on the household (as seen through this thread). */
export async function threadFor(tx: Tx, ctx: RequestContext, threadId: string, action: Action) {
  const thread = await repo.getThread(tx, threadId);
  if (!thread) throw new NotFoundError();
  const household = await householdFor(tx, ctx, thread.householdId, action, thread);
  return { thread, household };
}

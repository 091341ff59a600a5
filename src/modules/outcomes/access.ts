import { NotFoundError } from '../../platform/http/errors.ts';
import type { Tx } from '../../platform/db/pool.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import type { Action } from '../../platform/policy/actions.ts';
import { authorize, type Resource } from '../../platform/policy/policy.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import { childrenByIds, type ChildFacts } from '../children/index.ts';

export type OutcomesDeps = {
  run: UseCaseRunner['run'];
  recordStandalone: UseCaseRunner['recordStandalone'];
  runAsSystemJob: UseCaseRunner['runAsSystemJob'];
  clock: () => Date;
};

/** A child's outcomes as the policy sees them: the authority's record, shared with the agency, allocated to its workers. */
export function childOutcomesResource(child: ChildFacts): Resource & { id: string } {
  return {
    type: 'child',
    id: child.id,
    organisationId: child.organisationId,
    sharedWithOrganisationIds: child.sharedWith,
    allocatedUserIds: [child.familyFinderId, child.socialWorkerId].filter((v): v is string => Boolean(v)),
  };
}

/** Loads the child (row-level security hides one out of reach) and asserts the action on it: 404 either way. */
export async function loadChild(tx: Tx, ctx: RequestContext, id: string, action: Action): Promise<ChildFacts> {
  const [child] = await childrenByIds(tx, [id]);
  if (!child) throw new NotFoundError();
  authorize(ctx.actor, action, childOutcomesResource(child));
  return child;
}

/**
 * Runs a read of one child's record so that asking for one that is not there (or not the person's:
 * row-level security hides it) is audited too, in a transaction of its own since the read rolls back.
 */
export async function auditedNotFound<T>(
  deps: OutcomesDeps,
  ctx: RequestContext,
  entry: { action: Action; resourceType: string; resourceId: string },
  read: () => Promise<T>,
): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof NotFoundError) await deps.recordStandalone(ctx, { ...entry, outcome: 'not_found' });
    throw error;
  }
}

/**
 * The local authority that referred a child reads its children's bands and whether they changed
 * reliably, not the scores or the working: the agency's clinical record stays with the agency and
 * its clinical partner, and a band is what the authority's own reviews use.
 */
const FULL_SCORE_ROLES = ['clinical_psychologist', 'therapeutic_social_worker', 'family_finder', 'social_worker', 'service_manager'];

export function readsBandsOnly(ctx: RequestContext): boolean {
  const actor = ctx.actor;
  if (actor.kind === 'system') return false;
  if (actor.kind !== 'user') return true;
  const clinicalRecordHolder = actor.organisationType === 'agency' || actor.organisationType === 'clinical_partner';
  return !clinicalRecordHolder || !actor.roles.some((role) => FULL_SCORE_ROLES.includes(role));
}

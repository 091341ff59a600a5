import type { Tx } from '../../platform/db/pool.ts';
import { NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import type { Action } from '../../platform/policy/actions.ts';
import { authorize, type Resource } from '../../platform/policy/policy.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import type { SupportConfig } from './config.ts';
import * as repo from './repository.ts';

/** What every support use case is built from: the runner, the clock, the agency's settings. */
export type SupportDeps = { run: UseCaseRunner['run']; recordStandalone: UseCaseRunner['recordStandalone']; clock: () => Date; config: SupportConfig };

/**
 * Runs the read of one record so that asking for one that is not there (or not the person's to
 * see: row-level security hides it) is audited too. The refused read rolls back, so its audit row
 * is written on its own.
 */
export async function auditedRead<T>(
  deps: SupportDeps,
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

/** A family's record as the policy sees it: the agency's, allocated to its social worker. */
export function householdResource(household: repo.HouseholdRow, type = 'household', id = household.id): Resource & { id: string } {
  return { type, id, organisationId: household.organisationId, allocatedUserIds: household.socialWorkerId ? [household.socialWorkerId] : [] };
}

/** The organisation whose lists a person works in. The platform itself has none: it asks for one record at a time. */
export function organisationOf(ctx: RequestContext): string {
  if (ctx.actor.kind !== 'user') throw new NotFoundError();
  return ctx.actor.organisationId;
}

export function userIdOf(ctx: RequestContext): string | null {
  return ctx.actor.kind === 'user' ? ctx.actor.userId : null;
}

/**
 * The family a form or API call names. One the person may not see, or whose journey ended, is
 * refused beside the field (the same words either way, so nothing is revealed).
 */
export async function chosenHousehold(tx: Tx, ctx: RequestContext, id: string, action: Action): Promise<repo.HouseholdRow> {
  const household = await repo.getHousehold(tx, id);
  if (!household || repo.isClosedHousehold(household.stage)) throw new ValidationError([{ field: 'householdId', key: 'support:errors.householdId.unknown' }]);
  authorize(ctx.actor, action, householdResource(household));
  return household;
}

/** A worker chosen from the organisation's support staff; anyone else is refused beside the field. */
export async function chosenWorker(tx: Tx, organisationId: string, id: string, field: string): Promise<string> {
  const staff = await repo.supportWorkers(tx, organisationId);
  if (!staff.some((s) => s.id === id)) throw new ValidationError([{ field, key: `support:errors.${field}.unknown` }]);
  return id;
}

/**
 * A session's worker: one of the organisation's support staff or a clinical psychologist of a
 * clinical partner it works with (repo.sessionWorkers); anyone else is refused beside the field.
 */
export async function chosenSessionWorker(tx: Tx, organisationId: string, id: string): Promise<string> {
  const workers = await repo.sessionWorkers(tx, organisationId);
  if (!workers.some((w) => w.id === id)) throw new ValidationError([{ field: 'workerId', key: 'support:errors.workerId.unknown' }]);
  return id;
}

export function refuseIf(problems: { field: string; key: string; params?: Record<string, string | number> }[]): void {
  if (problems.length) throw new ValidationError(problems);
}

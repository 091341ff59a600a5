import type { Tx } from '../../platform/db/pool.ts';
import { NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { authorize, type Resource } from '../../platform/policy/policy.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import { dateInWales, type IsoDate } from '../../platform/dates/dates.ts';
import type { ChildrenConfig } from './config.ts';
import type { ChildInput } from './inputs.ts';
import { classifyPriority } from './priority.ts';
import * as repo from './repository.ts';
import { loadChildrenConfig, settingsOwner } from './settings-service.ts';

/** What the children module's use cases share: helpers, and one context built per service. */
/** Reasons that never change once recorded (everything but time waited), stored for filtering. */
export function staticReasons(
  child: Pick<ChildInput, 'dateOfBirth' | 'needs' | 'developmentalUncertainty' | 'ethnicity'>,
  referralDate: IsoDate,
  inSiblingGroup: boolean,
  config: ChildrenConfig,
): string[] {
  return classifyPriority(
    {
      dateOfBirth: child.dateOfBirth,
      referralDate,
      inSiblingGroup,
      needs: child.needs,
      developmentalUncertainty: child.developmentalUncertainty,
      ethnicity: child.ethnicity,
      placementOrderDate: null,
    },
    referralDate,
    config.priority,
  ).map((r) => r.reason);
}

export function childResource(child: repo.ChildRow, sharedWith: string[]): Resource & { id: string } {
  return {
    type: 'child',
    id: child.id,
    organisationId: child.organisationId,
    sharedWithOrganisationIds: sharedWith,
    allocatedUserIds: [child.familyFinderId, child.socialWorkerId].filter((v): v is string => Boolean(v)),
  };
}

export function userId(ctx: RequestContext): string | null {
  return ctx.actor.kind === 'user' ? ctx.actor.userId : null;
}

/** A database refusal of a second active sibling group, as a message for the person. */
export function isOneActiveGroupViolation(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string; constraint?: string } }).cause ?? (error as { code?: string; constraint?: string });
  return cause?.code === '23505' && cause.constraint === 'sibling_group_members_one_active';
}

/** Reasons worked out from the dates with the agency's current thresholds, never taken from storage. */
export const LIVE_REASONS: readonly string[] = ['age', 'waiting_since_placement_order'];

/**
 * The context every use case of the children service works in: the runner, the service's clock
 * (the story's day in the demo), and the agency settings it reads once per transaction.
 */
export function createChildrenContext(runner: UseCaseRunner, defaults: ChildrenConfig, clock: () => Date) {
  const { run } = runner;
  const today = () => dateInWales(clock());
  /** An event on the child's timeline, dated by the service's clock (the story's day in the demo). */
  const addEvent = (tx: Tx, values: Parameters<typeof repo.addEvent>[1]) => repo.addEvent(tx, { ...values, at: clock() });
  /** The settings this person works to (their agency's, or the partnership's agency's). */
  const configFor = (tx: Tx, ctx: RequestContext) => loadChildrenConfig(tx, settingsOwner(ctx.actor), defaults);

  /** Loads a child and asserts the action on it; out of scope answers 404. */
  async function loadChild(tx: Tx, ctx: RequestContext, id: string, action: Parameters<typeof authorize>[1]) {
    const child = await repo.getChild(tx, id);
    if (!child) throw new NotFoundError();
    const shared = await repo.sharedWith(tx, id);
    authorize(ctx.actor, action, childResource(child, shared));
    return child;
  }

  async function chooseAgency(tx: Tx, agencyId: string | undefined): Promise<string> {
    const agencies = await repo.agencyOrganisations(tx);
    const agency = agencyId ? agencies.find((a) => a.id === agencyId) : agencies[0];
    if (!agency) throw new ValidationError([{ field: 'agencyId', key: 'children:errors.agency.unknown' }]);
    return agency.id;
  }

  return { run, runner, today, clock, addEvent, configFor, loadChild, chooseAgency, defaults };
}

export type ChildrenContext = ReturnType<typeof createChildrenContext>;

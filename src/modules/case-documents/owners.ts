import type { Tx } from '../../platform/db/pool.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import type { Action } from '../../platform/policy/actions.ts';
import { authorize, type Resource } from '../../platform/policy/policy.ts';
import { childrenByIds, siblingGroupFacts } from '../children/index.ts';
import { matchById } from '../matching/index.ts';
import { householdLabelOf, householdLabelsOf } from '../recruitment/index.ts';
import type { OwnerKind } from './vocabulary.ts';

/** The record a document is filed on, as the policy decides on it, and the words that name it on a page. */
export type Owner = { kind: OwnerKind; id: string; organisationId: string; label: string; resource: Resource & { id: string } };

const present = (ids: (string | null | undefined)[]) => ids.filter((id): id is string => Boolean(id));

/**
 * Loads the record through its owner module's front door (row-level security hides one out of
 * reach) and asserts the action on it: a record that is not there, or not the person's, is 404.
 */
export async function loadOwner(tx: Tx, ctx: RequestContext, kind: OwnerKind, id: string, action: Action): Promise<Owner> {
  const owner = await describeOwner(tx, kind, id);
  if (!owner) throw new NotFoundError();
  authorize(ctx.actor, action, owner.resource);
  return owner;
}

async function describeOwner(tx: Tx, kind: OwnerKind, id: string): Promise<Owner | undefined> {
  if (kind === 'child') {
    const [child] = await childrenByIds(tx, [id]);
    if (!child) return undefined;
    const resource = {
      type: 'child',
      id,
      organisationId: child.organisationId,
      sharedWithOrganisationIds: child.sharedWith,
      allocatedUserIds: present([child.familyFinderId, child.socialWorkerId]),
    };
    return { kind, id, organisationId: child.organisationId, label: child.fullName, resource };
  }
  if (kind === 'sibling_group') {
    const group = await siblingGroupFacts(tx, id);
    if (!group) return undefined;
    const resource = {
      type: 'sibling_group',
      id,
      organisationId: group.organisationId,
      // Shared as far as its children are: whoever sees a brother or sister sees the group.
      sharedWithOrganisationIds: [...new Set(group.members.flatMap((m) => [m.organisationId, ...m.sharedWith]))],
      allocatedUserIds: present(group.members.flatMap((m) => [m.familyFinderId, m.socialWorkerId])),
    };
    return { kind, id, organisationId: group.organisationId, label: group.members.map((m) => m.name).join(', '), resource };
  }
  if (kind === 'household') {
    const household = await householdLabelOf(tx, id);
    if (!household) return undefined;
    const resource = { type: 'household', id, organisationId: household.organisationId, allocatedUserIds: present([household.socialWorkerId]) };
    return { kind, id, organisationId: household.organisationId, label: household.reference, resource };
  }
  const match = await matchById(tx, id);
  if (!match) return undefined;
  const household = (await householdLabelsOf(tx, [match.householdId])).get(match.householdId);
  const names = (await childrenByIds(tx, match.childIds)).map((c) => c.name);
  const resource = { type: 'match', id, organisationId: match.organisationId, sharedWithOrganisationIds: match.sharedWith };
  return { kind, id, organisationId: match.organisationId, label: [names.join(', '), household?.reference].filter(Boolean).join(' – '), resource };
}

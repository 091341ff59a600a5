import { recordAudit } from '../../platform/audit/audit.ts';
import type { PageRequest } from '../../platform/db/keyset.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import { type RequestContext } from '../../platform/policy/actor.ts';
import { authorize } from '../../platform/policy/policy.ts';
import * as siblingsRepo from './siblings-repository.ts';
import { userId, isOneActiveGroupViolation } from './service-context.ts';
import type { ChildrenContext } from './service-context.ts';

/** Sibling groups: who belongs, the together-or-apart assessment and its history. */
export function createSiblingUseCases(context: ChildrenContext) {
  const { run, addEvent, loadChild } = context;

  async function getSiblingGroup(ctx: RequestContext, id: string) {
    return run(ctx, async (tx) => {
      const group = await siblingsRepo.getGroup(tx, id);
      if (!group) throw new NotFoundError();
      const members = await siblingsRepo.membersOf(tx, id);
      if (members.length === 0) throw new NotFoundError();
      authorize(ctx.actor, 'siblingGroups.view', {
        type: 'sibling_group',
        id,
        organisationId: group.organisationId,
        sharedWithOrganisationIds: ctx.actor.kind === 'user' ? [ctx.actor.organisationId] : [],
      });
      const relationships = await siblingsRepo.relationshipsOf(tx, id);
      const history = await siblingsRepo.historyOf(tx, id);
      await recordAudit(tx, ctx, { action: 'siblingGroups.view', resourceType: 'sibling_group', resourceId: id });
      return { group, members, relationships, history };
    });
  }
  async function listSiblingGroups(ctx: RequestContext, page: PageRequest = { limit: 100 }) {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'siblingGroups.view');
      const groups = await siblingsRepo.listGroups(tx, page);
      await recordAudit(tx, ctx, { action: 'siblingGroups.view', resourceType: 'sibling_group', detail: { rows: groups.items.length } });
      return groups;
    });
  }
  /** A new together-or-apart assessment; the previous one stays in the group's history. */
  async function assessSiblingGroup(
    ctx: RequestContext,
    id: string,
    input: { assessment: 'together' | 'apart' | 'not_yet_assessed'; reasons: string | null; assessmentDate: string | null },
    version: number,
  ) {
    return run(ctx, async (tx) => {
      const group = await siblingsRepo.getGroup(tx, id);
      const members = group ? await siblingsRepo.membersOf(tx, id) : [];
      if (!group || members.length === 0) throw new NotFoundError();
      authorize(ctx.actor, 'siblingGroups.edit', {
        type: 'sibling_group',
        id,
        organisationId: group.organisationId,
        sharedWithOrganisationIds: ctx.actor.kind === 'user' ? [ctx.actor.organisationId] : [],
      });
      if (input.assessment !== 'not_yet_assessed' && !input.reasons)
        throw new ValidationError([{ field: 'reasons', key: 'children:errors.assessment.reasonsRequired' }]);
      const updated = await siblingsRepo.updateGroup(tx, id, version, {
        assessment: input.assessment,
        assessmentReasons: input.reasons,
        // A new assessment replaces reasons retention removed: the page no longer says they were.
        assessmentReasonsRemovedAt: null,
        assessmentDate: input.assessmentDate,
      });
      if (!updated) throw new ConflictError('errors.conflict.body', group.version);
      await siblingsRepo.addHistory(tx, {
        groupId: id,
        organisationId: group.organisationId,
        changedBy: userId(ctx),
        assessment: input.assessment,
        reasons: input.reasons,
        assessmentDate: input.assessmentDate,
        event: 'assessed',
      });
      await recordAudit(tx, ctx, { action: 'siblingGroups.edit', resourceType: 'sibling_group', resourceId: id });
      return updated;
    });
  }
  /** Puts a child into an existing group; refused when the child is already in another active group. */
  async function addToSiblingGroup(
    ctx: RequestContext,
    groupId: string,
    childId: string,
    relationships: { siblingId: string; relationship: 'full' | 'half' | 'step' }[],
  ) {
    return run(ctx, async (tx) => {
      const child = await loadChild(tx, ctx, childId, 'siblingGroups.edit');
      const group = await siblingsRepo.getGroup(tx, groupId);
      if (!group || !group.active) throw new NotFoundError();
      if (await siblingsRepo.activeGroupOf(tx, childId)) throw new ValidationError([{ field: 'childId', key: 'children:errors.siblingGroup.alreadyInGroup' }]);
      try {
        await siblingsRepo.addMembers(tx, groupId, group.organisationId, [childId]);
      } catch (error) {
        if (isOneActiveGroupViolation(error)) throw new ValidationError([{ field: 'childId', key: 'children:errors.siblingGroup.alreadyInGroup' }]);
        throw error;
      }
      await siblingsRepo.addRelationships(
        tx,
        relationships.map((r) => ({ groupId, childId, siblingId: r.siblingId, organisationId: group.organisationId, relationship: r.relationship })),
      );
      await siblingsRepo.addHistory(tx, {
        groupId,
        organisationId: group.organisationId,
        changedBy: userId(ctx),
        assessment: group.assessment,
        reasons: group.assessmentReasons,
        reasonsRemovedAt: group.assessmentReasonsRemovedAt,
        assessmentDate: group.assessmentDate,
        event: 'member-added',
      });
      await addEvent(tx, { childId, organisationId: child.organisationId, actorId: userId(ctx), event: 'sibling-group.joined' });
      await recordAudit(tx, ctx, { action: 'siblingGroups.edit', resourceType: 'sibling_group', resourceId: groupId, detail: { child: childId } });
    });
  }

  return { getSiblingGroup, listSiblingGroups, assessSiblingGroup, addToSiblingGroup };
}

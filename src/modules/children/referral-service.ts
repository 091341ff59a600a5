import { recordAudit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/pool.ts';
import type { PageRequest } from '../../platform/db/keyset.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import { type RequestContext } from '../../platform/policy/actor.ts';
import { authorize } from '../../platform/policy/policy.ts';
import { getOrganisation } from '../organisations/index.ts';
import { loadChildrenConfig } from './settings-service.ts';
import { type ReferralInput } from './inputs.ts';
import * as repo from './repository.ts';
import * as listReads from './referral-list-reads.ts';
import { pageWindow, type SortDirection } from '../../platform/views/list-page.ts';
import * as siblingsRepo from './siblings-repository.ts';
import { staticReasons, userId } from './service-context.ts';
import type { ChildrenContext } from './service-context.ts';

/** Referrals: a local authority refers a child or a sibling group; the agency accepts or declines. */
export function createReferralUseCases(context: ChildrenContext) {
  const { run, runner, today, clock, addEvent, chooseAgency, defaults } = context;

  /**
   * A local authority refers one child or a sibling group. The record stays the authority's; a
   * sharing grant opens it to the agency for its decision.
   */
  async function submitReferral(ctx: RequestContext, input: ReferralInput, existingReferralId?: string) {
    return run(ctx, (tx) => submitReferralInTx(tx, ctx, input, existingReferralId));
  }
  /** The referral inside a caller's transaction, so an import of many commits all or nothing. */
  async function submitReferralInTx(tx: Tx, ctx: RequestContext, input: ReferralInput, existingReferralId?: string) {
    authorize(ctx.actor, 'referrals.create');
    if (ctx.actor.kind !== 'user') throw new NotFoundError();
    const actor = ctx.actor;
    const organisation = await getOrganisation(tx, actor.organisationId);
    const agencyId = await chooseAgency(tx, input.agencyId);
    const config = await loadChildrenConfig(tx, agencyId, defaults);
    const referralDate = today();
    let referral;
    if (existingReferralId) {
      const draft = await repo.getReferral(tx, existingReferralId);
      if (!draft || draft.organisationId !== actor.organisationId || draft.status !== 'draft') throw new NotFoundError();
      referral = await repo.updateReferral(tx, draft.id, draft.version, {
        status: 'submitted',
        agencyId,
        legalBasis: input.legalBasis,
        legalBasisNotes: input.legalBasisNotes,
        submittedAt: clock(),
        draft: null,
      });
      if (!referral) throw new ConflictError();
    } else {
      referral = await repo.insertReferral(tx, {
        organisationId: actor.organisationId,
        agencyId,
        referredBy: actor.userId,
        status: 'submitted',
        legalBasis: input.legalBasis,
        legalBasisNotes: input.legalBasisNotes,
        submittedAt: clock(),
      });
    }
    const inGroup = input.children.length > 1;
    const childIds: string[] = [];
    for (const childInput of input.children) {
      const { needs, ...columns } = childInput;
      const child = await repo.insertChild(tx, {
        ...columns,
        organisationId: actor.organisationId,
        referralId: referral.id,
        referralDate,
        region: organisation?.region ?? null,
        priorityReasons: staticReasons(childInput, referralDate, inGroup, config),
        needCategories: needs.map((n) => n.category),
        socialWorkerId: actor.userId,
      });
      await repo.replaceNeeds(tx, child.id, actor.organisationId, needs);
      await repo.grantAccess(tx, { childId: child.id, organisationId: agencyId, ownerOrganisationId: actor.organisationId, purpose: 'referral_decision' });
      await addEvent(tx, { childId: child.id, organisationId: actor.organisationId, actorId: actor.userId, event: 'referred', version: 1 });
      childIds.push(child.id);
    }
    let siblingGroupId: string | undefined;
    if (inGroup) {
      const assessment = input.siblingAssessment ?? { assessment: 'not_yet_assessed' as const, reasons: null, assessmentDate: null };
      const group = await siblingsRepo.insertGroup(tx, {
        organisationId: actor.organisationId,
        referralId: referral.id,
        assessment: assessment.assessment,
        assessmentReasons: assessment.reasons,
        assessmentDate: assessment.assessmentDate,
      });
      await siblingsRepo.addMembers(tx, group.id, actor.organisationId, childIds);
      await siblingsRepo.addRelationships(
        tx,
        input.siblingRelationships.map((pair) => ({
          groupId: group.id,
          childId: childIds[pair.child]!,
          siblingId: childIds[pair.sibling]!,
          organisationId: actor.organisationId,
          relationship: pair.relationship,
        })),
      );
      await siblingsRepo.addHistory(tx, {
        groupId: group.id,
        organisationId: actor.organisationId,
        changedBy: actor.userId,
        assessment: assessment.assessment,
        reasons: assessment.reasons,
        assessmentDate: assessment.assessmentDate,
        event: 'created',
      });
      siblingGroupId = group.id;
    }
    await recordAudit(tx, ctx, { action: 'referrals.create', resourceType: 'referral', resourceId: referral.id, detail: { children: childIds.length } });
    return { referralId: referral.id, childIds, siblingGroupId };
  }
  /** The agency accepts (allocating a family finder) or declines with a reason. */
  async function decideReferral(
    ctx: RequestContext,
    referralId: string,
    decision: { decision: 'accept'; familyFinderId: string } | { decision: 'decline'; reason: string },
  ) {
    return run(ctx, async (tx) => {
      const referral = await repo.getReferral(tx, referralId);
      if (!referral || referral.status === 'draft') throw new NotFoundError();
      authorize(ctx.actor, 'referrals.decide', { type: 'referral', id: referralId, organisationId: referral.agencyId });
      if (referral.status !== 'submitted') throw new ConflictError('children:errors.referral.alreadyDecided');
      const kids = await repo.childrenOfReferral(tx, referralId);
      if (decision.decision === 'accept') {
        if (!(await repo.userInOrganisation(tx, decision.familyFinderId, referral.agencyId, 'family_finder'))) {
          throw new ValidationError([{ field: 'familyFinderId', key: 'children:errors.familyFinder.required' }]);
        }
        for (const child of kids) {
          await repo.changeGrantPurpose(tx, child.id, referral.agencyId, 'family_finding');
          await addEvent(tx, { childId: child.id, organisationId: child.organisationId, actorId: userId(ctx), event: 'accepted' });
        }
        await repo.setChildrenStatus(tx, referralId, { status: 'family_finding', familyFinderId: decision.familyFinderId });
      } else {
        for (const child of kids) await addEvent(tx, { childId: child.id, organisationId: child.organisationId, actorId: userId(ctx), event: 'declined' });
        await repo.setChildrenStatus(tx, referralId, { status: 'declined' });
        // Last: once access is given up the agency can no longer see the children's rows.
        for (const child of kids) await repo.revokeGrants(tx, child.id, referral.agencyId);
      }
      const updated = await repo.updateReferral(tx, referralId, referral.version, {
        status: decision.decision === 'accept' ? 'accepted' : 'declined',
        decidedBy: userId(ctx),
        decidedAt: clock(),
        declineReason: decision.decision === 'decline' ? decision.reason : null,
      });
      if (!updated) throw new ConflictError();
      // Whatever follows an accepted referral (the recruitment fee) commits with it or not at all.
      if (decision.decision === 'accept') {
        const children = kids.map((child) => ({ id: child.id, localAuthorityId: child.organisationId }));
        await runner.events.publish(tx, ctx, 'referral.accepted', { referralId, agencyId: referral.agencyId, children, date: today() });
      }
      await recordAudit(tx, ctx, { action: 'referrals.decide', resourceType: 'referral', resourceId: referralId, detail: { decision: decision.decision } });
      return updated;
    });
  }
  /** A page of referrals, newest first; row-level security limits them to the actor's own or those made to the agency. */
  async function listReferrals(ctx: RequestContext, status?: repo.ReferralRow['status'], page: PageRequest = { limit: 200 }) {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'referrals.view');
      const found = await repo.listReferrals(tx, { status }, page);
      await recordAudit(tx, ctx, { action: 'referrals.view', resourceType: 'referral', detail: { rows: found.items.length, status: status ?? null } });
      return found;
    });
  }
  /**
   * The referrals page: drafts and those waiting for a decision whole (open work), and one page of
   * the decided ones, sorted by a heading, with how many there are. Row-level security limits them
   * to the reader's own authority's referrals, or those made to the reader's agency.
   */
  async function referralsPage(
    ctx: RequestContext,
    filter: { decision?: (typeof listReads.DECISIONS)[number] },
    list: { page: number; limit: number; sort: listReads.DecidedReferralSort; dir: SortDirection },
  ) {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'referrals.view');
      const drafts = await listReads.openReferrals(tx, 'draft');
      const waiting = await listReads.openReferrals(tx, 'submitted');
      const decided = await listReads.pageDecidedReferrals(tx, filter, { sort: list.sort, dir: list.dir, ...pageWindow(list) });
      await recordAudit(tx, ctx, {
        action: 'referrals.view',
        resourceType: 'referral',
        detail: { rows: drafts.length + waiting.length + decided.rows.length, status: filter.decision ?? null, page: list.page },
      });
      return { drafts, waiting, decided: decided.rows, decidedTotal: decided.total };
    });
  }
  async function getReferral(ctx: RequestContext, id: string) {
    return run(ctx, async (tx) => {
      const referral = await repo.getReferral(tx, id);
      if (!referral) throw new NotFoundError();
      authorize(ctx.actor, 'referrals.view', {
        type: 'referral',
        id,
        organisationId: referral.organisationId,
        sharedWithOrganisationIds: referral.status === 'draft' ? [] : [referral.agencyId],
      });
      const kids = await repo.childrenOfReferral(tx, id);
      const agency = await getOrganisation(tx, referral.agencyId);
      const authority = await getOrganisation(tx, referral.organisationId);
      const finders = ctx.actor.kind === 'user' && ctx.actor.organisationId === referral.agencyId ? await repo.familyFinders(tx, referral.agencyId) : [];
      const textRemoved = await repo.referralTextRemoved(tx, id);
      await recordAudit(tx, ctx, { action: 'referrals.view', resourceType: 'referral', resourceId: id });
      // Both names of each, so the page can show the one in its reader's language.
      const names = (o: typeof agency) => ({ name: o?.name ?? '', nameCy: o?.nameCy ?? null });
      return { referral, children: kids, agency: names(agency), authority: names(authority), familyFinders: finders, textRemoved };
    });
  }

  return { submitReferral, submitReferralInTx, decideReferral, listReferrals, referralsPage, getReferral };
}

import { recordAudit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/pool.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { authorize } from '../../platform/policy/policy.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import { readDraft, type ReferralDraft } from './referral-journey.ts';
import * as repo from './repository.ts';

/**
 * Draft referrals: the answers of the referral journey kept between its steps, so a social worker
 * can stop and come back. A draft is the referring authority's alone (row-level security never
 * shows a draft to the agency) until submitReferral turns it into a submitted referral.
 */
export function createReferralDrafts(runner: UseCaseRunner) {
  const { run } = runner;

  /** Loads a draft of the actor's own authority; anything else is "not found". */
  async function loadDraft(tx: Tx, ctx: RequestContext, id: string) {
    const referral = await repo.getReferral(tx, id);
    if (!referral || referral.status !== 'draft') throw new NotFoundError();
    authorize(ctx.actor, 'referrals.create', { type: 'referral', id, organisationId: referral.organisationId });
    return referral;
  }

  /** Starts a draft with the answers of the first step. */
  async function startDraft(ctx: RequestContext, answers: ReferralDraft): Promise<{ id: string }> {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'referrals.create');
      if (ctx.actor.kind !== 'user') throw new NotFoundError();
      const [agency] = await repo.agencyOrganisations(tx);
      if (!agency) throw new ValidationError([{ field: 'legalBasis', key: 'children:errors.agency.unknown' }]);
      const referral = await repo.insertReferral(tx, {
        organisationId: ctx.actor.organisationId,
        agencyId: agency.id,
        referredBy: ctx.actor.userId,
        status: 'draft',
        legalBasis: answers.legalBasis ?? null,
        legalBasisNotes: answers.legalBasisNotes ?? null,
        draft: answers,
      });
      await recordAudit(tx, ctx, { action: 'referrals.create', resourceType: 'referral', resourceId: referral.id, detail: { draft: 'started' } });
      return { id: referral.id };
    });
  }

  async function getDraft(ctx: RequestContext, id: string): Promise<{ id: string; version: number; answers: ReferralDraft }> {
    return run(ctx, async (tx) => {
      const referral = await loadDraft(tx, ctx, id);
      await recordAudit(tx, ctx, { action: 'referrals.view', resourceType: 'referral', resourceId: id, detail: { draft: 'read' } });
      return { id: referral.id, version: referral.version, answers: readDraft(referral.draft) };
    });
  }

  /** Replaces a draft's answers (each step sends the whole draft, already checked). */
  async function saveDraft(ctx: RequestContext, id: string, answers: ReferralDraft): Promise<void> {
    return run(ctx, async (tx) => {
      const referral = await loadDraft(tx, ctx, id);
      const updated = await repo.updateReferral(tx, id, referral.version, {
        legalBasis: answers.legalBasis ?? null,
        legalBasisNotes: answers.legalBasisNotes ?? null,
        draft: answers,
      });
      if (!updated) throw new ConflictError();
      await recordAudit(tx, ctx, {
        action: 'referrals.create',
        resourceType: 'referral',
        resourceId: id,
        detail: { draft: 'saved', children: answers.children.length },
      });
    });
  }

  /**
   * Deletes a draft the referrer will not send (started by mistake, or for a child referred another
   * way). Only a draft, only by its own authority, only at the version the person saw; audited with
   * the number of children it named, never their names.
   */
  async function deleteDraft(ctx: RequestContext, id: string, version: number): Promise<void> {
    return run(ctx, async (tx) => {
      const referral = await loadDraft(tx, ctx, id);
      if (referral.version !== version || !(await repo.deleteDraftReferral(tx, id, version))) throw new ConflictError();
      await recordAudit(tx, ctx, {
        action: 'referrals.create',
        resourceType: 'referral',
        resourceId: id,
        detail: { draft: 'deleted', children: readDraft(referral.draft).children.length },
      });
    });
  }

  return { startDraft, getDraft, saveDraft, deleteDraft };
}

export type ReferralDrafts = ReturnType<typeof createReferralDrafts>;

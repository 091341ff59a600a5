import { recordAudit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/pool.ts';
import { dateInWales } from '../../platform/dates/dates.ts';
import { ConflictError, NotFoundError } from '../../platform/http/errors.ts';
import type { Action } from '../../platform/policy/actions.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { authorize, type Resource } from '../../platform/policy/policy.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import { anonymisedChildrenOf, childrenByIds, familyFindersOf, sharedProfilesFor, type AnonymisedChild, type SharedEntry } from '../children/index.ts';
import { APPROVED_STAGES, householdLabelOf, householdLabelsOf, householdOfAdopter, type HouseholdLabel } from '../recruitment/index.ts';
import * as repo from './interest-repository.ts';
import { householdSeesWaitingChildren, isOpen, mayAnswer, mayWithdraw } from './interest-rules.ts';
import type { MatchingService } from './service.ts';
import type { InterestStatus } from './vocabulary.ts';

/** An interest as its family sees it: the children by first name and age, the answer and its reason as written. */
export type FamilyInterest = {
  id: string;
  version: number;
  status: InterestStatus;
  message: string | null;
  reason: string | null;
  reasonLanguage: 'en' | 'cy' | null;
  createdAt: Date;
  answeredAt: Date | null;
  children: AnonymisedChild[];
};

/** What the family's page shows. */
export type WaitingChildren =
  | { state: 'noHousehold' }
  | {
      /** `notLooking`: approved once, but matched or placed now (children waiting are for families still looking). */
      state: 'approved' | 'notYetApproved' | 'notLooking';
      householdId: string;
      entries: (SharedEntry & { openInterest: { id: string; status: InterestStatus } | null })[];
      interests: FamilyInterest[];
    };

/** The answer a worker gives: explore a link, or not taken forward with the reason written in `language`. */
export type InterestAnswer = { kind: 'explore' } | { kind: 'notTakenForward'; reason: string; language: 'en' | 'cy' };

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const cause = (error as { cause?: { code?: string; constraint?: string } }).cause ?? (error as { code?: string; constraint?: string });
  return cause?.code === '23505' && cause.constraint === constraint;
}

const interestResource = (row: repo.InterestRow): Resource & { id: string } => ({ type: 'interest', id: row.id, organisationId: row.organisationId });

/**
 * Expressions of interest: an approved family sees the profiles the children's workers chose to
 * show (anonymised, read as the platform's `sharedChildProfiles` job) and expresses interest; the
 * agency's adoption workers answer each, by exploring a link (matching's own link creation, with
 * its limits and rules, in the same transaction) or "not taken forward" with its reason.
 */
export function createInterestService(runner: UseCaseRunner, matching: MatchingService, clock: () => Date = () => new Date()) {
  const { run } = runner;
  const today = () => dateInWales(clock());
  const userIdOf = (ctx: RequestContext) => (ctx.actor.kind === 'user' ? ctx.actor.userId : null);

  /** The adopter's own household with the action asserted on it (they are its subject); null when they have none. */
  async function ownHousehold(tx: Tx, ctx: RequestContext, action: Action): Promise<HouseholdLabel | null> {
    authorize(ctx.actor, action);
    const userId = userIdOf(ctx);
    if (!userId) throw new NotFoundError();
    const household = await householdOfAdopter(tx, userId);
    if (!household) return null;
    authorize(ctx.actor, action, { type: 'household', id: household.id, organisationId: household.organisationId, subjectUserId: userId });
    return household;
  }

  /** The entries shown to this agency's families now (units already in THE match of their children left out). */
  async function entriesFor(tx: Tx, agencyId: string): Promise<SharedEntry[]> {
    const entries = await sharedProfilesFor(tx, agencyId, today());
    const matched = await repo.unitsInActiveMatch(
      tx,
      entries.map((e) => e.unitKey),
    );
    return entries.filter((e) => !matched.has(e.unitKey));
  }

  /** The family's page: the children waiting (when approved) and every interest of theirs with its answer. */
  async function waitingChildren(ctx: RequestContext): Promise<WaitingChildren> {
    const own = await run(ctx, async (tx) => {
      const household = await ownHousehold(tx, ctx, 'waitingChildren.view');
      if (!household) {
        await recordAudit(tx, ctx, { action: 'waitingChildren.view', outcome: 'not_found' });
        return null;
      }
      const interests = await repo.interestsOfHousehold(tx, household.id);
      await recordAudit(tx, ctx, {
        action: 'waitingChildren.view',
        resourceType: 'household',
        resourceId: household.id,
        detail: { interests: interests.length },
      });
      return { household, interests };
    });
    if (!own) return { state: 'noHousehold' };
    const approved = householdSeesWaitingChildren(own.household.stage);
    // A family may not read a child's record: the platform reads only what the workers chose to show.
    const read = await runner.runAsSystemJob('sharedChildProfiles', ctx, async (tx) => ({
      entries: approved ? await entriesFor(tx, own.household.organisationId) : [],
      names: await anonymisedChildrenOf(
        tx,
        own.interests.flatMap((i) => i.childIds),
        today(),
      ),
    }));
    const open = own.interests.filter((i) => isOpen(i.status));
    return {
      state: approved ? 'approved' : (APPROVED_STAGES as readonly string[]).includes(own.household.stage) ? 'notLooking' : 'notYetApproved',
      householdId: own.household.id,
      entries: read.entries.map((e) => {
        const interest = open.find((i) => i.unitKey === e.unitKey);
        return { ...e, openInterest: interest ? { id: interest.id, status: interest.status } : null };
      }),
      interests: own.interests.map((i) => ({
        id: i.id,
        version: i.version,
        status: i.status,
        message: i.message,
        reason: i.status === 'not_taken_forward' ? i.reason : null,
        reasonLanguage: i.status === 'not_taken_forward' ? (i.reasonLanguage ?? null) : null,
        createdAt: i.createdAt,
        answeredAt: i.answeredAt,
        children: i.childIds.flatMap((id) => read.names.get(id) ?? []).sort((a, b) => b.age - a.age),
      })),
    };
  }

  /** The family expresses interest in the entry of `childId` (the child's whole unit). 404 when it is not shown to them. */
  async function expressInterest(ctx: RequestContext, childId: string, message: string | null) {
    const household = await run(ctx, (tx) => ownHousehold(tx, ctx, 'interests.express'));
    if (!household || !householdSeesWaitingChildren(household.stage)) throw new NotFoundError();
    const found = await runner.runAsSystemJob('sharedChildProfiles', ctx, async (tx) => {
      const shown = (await entriesFor(tx, household.organisationId)).find((e) => e.childIds.includes(childId));
      // The children's family finders are told a family is interested (the family may not read who they are).
      return shown ? { entry: shown, familyFinderIds: await familyFindersOf(tx, shown.childIds) } : undefined;
    });
    if (!found) throw new NotFoundError();
    const { entry } = found;
    return run(ctx, async (tx) => {
      const own = await ownHousehold(tx, ctx, 'interests.express');
      if (!own || own.id !== household.id) throw new NotFoundError();
      let row: repo.InterestRow;
      try {
        row = await repo.insertInterest(tx, {
          organisationId: own.organisationId,
          householdId: own.id,
          childId,
          unitKey: entry.unitKey,
          childIds: entry.childIds,
          message,
          createdBy: userIdOf(ctx),
        });
      } catch (error) {
        if (isUniqueViolation(error, 'expressions_of_interest_one_open_idx')) throw new ConflictError('portal:errors.interest.alreadyOpen');
        throw error;
      }
      await runner.events.publish(tx, ctx, 'matching.interestExpressed', {
        interestId: row.id,
        householdId: own.id,
        organisationId: own.organisationId,
        childIds: row.childIds,
        recipientUserIds: found.familyFinderIds,
      });
      await recordAudit(tx, ctx, { action: 'interests.express', resourceType: 'interest', resourceId: row.id, detail: { children: row.childIds.length } });
      return row;
    });
  }

  /** The family withdraws an interest still waiting for an answer. */
  async function withdrawInterest(ctx: RequestContext, id: string, version: number) {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'interests.withdraw');
      const row = await repo.getInterest(tx, id, true);
      const household = row ? await householdLabelOf(tx, row.householdId) : undefined;
      const userId = userIdOf(ctx);
      if (!row || !household || !userId || !household.adopterUserIds.includes(userId)) throw new NotFoundError();
      authorize(ctx.actor, 'interests.withdraw', { type: 'household', id: household.id, organisationId: household.organisationId, subjectUserId: userId });
      if (row.version !== version) throw new ConflictError('errors.conflict.body', row.version);
      if (!mayWithdraw(row.status)) throw new ConflictError('portal:errors.interest.answered');
      const updated = await repo.updateInterest(tx, id, version, { status: 'withdrawn', withdrawnAt: clock() });
      if (!updated) throw new ConflictError('errors.conflict.body', row.version);
      await recordAudit(tx, ctx, { action: 'interests.withdraw', resourceType: 'interest', resourceId: id });
      return updated;
    });
  }

  /** The interests in a child (or the sibling group placed together), with each family's reference. */
  async function interestsInChild(ctx: RequestContext, childId: string) {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'interests.view');
      // Row-level security shows the child only to whoever may see the child.
      const [child] = await childrenByIds(tx, [childId]);
      if (!child) throw new NotFoundError();
      authorize(ctx.actor, 'interests.view', {
        type: 'child',
        id: child.id,
        organisationId: child.organisationId,
        sharedWithOrganisationIds: child.sharedWith,
      });
      const rows = await repo.interestsInChild(tx, childId);
      for (const row of rows) authorize(ctx.actor, 'interests.view', interestResource(row));
      const households = await householdLabelsOf(
        tx,
        rows.map((r) => r.householdId),
      );
      await recordAudit(tx, ctx, { action: 'interests.view', resourceType: 'child', resourceId: childId, detail: { count: rows.length } });
      return {
        child: { id: child.id, name: child.name },
        interests: rows.map((r) => ({ ...r, householdReference: households.get(r.householdId)?.reference ?? null })),
      };
    });
  }

  /** A worker answers an interest still waiting: a link explored, or not taken forward with its reason. Stale versions answer 409. */
  async function answerInterest(ctx: RequestContext, id: string, answer: InterestAnswer, version: number) {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'interests.answer');
      const row = await repo.getInterest(tx, id, true);
      if (!row) throw new NotFoundError();
      authorize(ctx.actor, 'interests.answer', interestResource(row));
      if (row.version !== version) throw new ConflictError('errors.conflict.body', row.version);
      if (!mayAnswer(row.status)) throw new ConflictError('errors.conflict.body', row.version);
      const answeredBy = userIdOf(ctx);
      const now = clock();
      let updated: repo.InterestRow | undefined;
      if (answer.kind === 'explore') {
        // Matching's own link creation: its limits on links explored at once and every rule apply.
        const match = await matching.createLinkInTx(tx, ctx, { householdId: row.householdId, childId: row.childId, source: 'manual' });
        updated = await repo.updateInterest(tx, id, version, { status: 'exploring', matchId: match.id, answeredBy, answeredAt: now });
      } else {
        updated = await repo.updateInterest(tx, id, version, {
          status: 'not_taken_forward',
          reason: answer.reason,
          reasonLanguage: answer.language,
          answeredBy,
          answeredAt: now,
        });
      }
      if (!updated) throw new ConflictError('errors.conflict.body', row.version);
      const household = await householdLabelOf(tx, row.householdId);
      await runner.events.publish(tx, ctx, 'matching.interestAnswered', {
        interestId: id,
        householdId: row.householdId,
        organisationId: row.organisationId,
        answer: updated.status === 'exploring' ? 'exploring' : 'not_taken_forward',
        matchId: updated.matchId,
        recipientUserIds: household?.adopterUserIds ?? [],
      });
      await recordAudit(tx, ctx, {
        action: 'interests.answer',
        resourceType: 'interest',
        resourceId: id,
        detail: { answer: updated.status, ...(updated.matchId ? { match: updated.matchId } : {}) },
      });
      return updated;
    });
  }

  return { waitingChildren, expressInterest, withdrawInterest, interestsInChild, answerInterest };
}

export type InterestService = ReturnType<typeof createInterestService>;

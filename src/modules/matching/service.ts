import { recordAudit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/pool.ts';
import { pageOf, type PageRequest } from '../../platform/db/keyset.ts';
import { ConflictError, DomainError, NotFoundError, PreconditionFailedError, ValidationError } from '../../platform/http/errors.ts';
import { type RequestContext } from '../../platform/policy/actor.ts';
import { adopterMayRead, authorize, can, type Resource } from '../../platform/policy/policy.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import { followHouseholdInTx, getHouseholdInTx, householdProfilesInTx } from '../recruitment/index.ts';
import type { Stage } from '../recruitment/index.ts';
import { dateInWales, type IsoDate } from '../../platform/dates/add-days.ts';
import * as repo from './repository.ts';
import { pageWindow } from '../../platform/views/list-page.ts';
import { setChildrenStatusInTx } from '../children/index.ts';
import { ACTIVE_MATCH_STAGES, LINK_STAGES, type MatchStage } from './vocabulary.ts';
import { childMayBeLinked, childMayBeRecommended, isActiveStage } from './stages.ts';
import { moveMatch as decideMove, type MatchMove, type MatchRefusal } from './workflow.ts';

export type WorkflowConfig = {
  /** Links a household may explore at once (Link Maker's limit on expressions of interest). */
  maxOpenLinksPerHousehold: number;
  /** Links explored at once for one child or sibling group. */
  maxOpenLinksPerUnit: number;
  /** Children's units a household may be matched with at once (almost always one). */
  householdCapacity: number;
};
export const DEFAULT_WORKFLOW_CONFIG: WorkflowConfig = { maxOpenLinksPerHousehold: 3, maxOpenLinksPerUnit: 5, householdCapacity: 1 };

/** A step the workflow refused: 409 when it cannot follow, 422 when something must be done or said first. */
export class MatchRefusedError extends DomainError {
  constructor(
    readonly refusal:
      | MatchRefusal
      | {
          code:
            | 'household-not-approved'
            | 'child-not-waiting'
            | 'links-per-household'
            | 'links-per-unit'
            | 'already-linked'
            | 'unit-already-matched'
            | 'household-at-capacity';
        },
    params: Record<string, string | number> = {},
  ) {
    const conflict = ['not-allowed', 'already-linked', 'unit-already-matched', 'household-at-capacity', 'links-per-household', 'links-per-unit'].includes(
      refusal.code,
    );
    super(conflict ? 409 : 422, `matches:refusals.${refusal.code}`, { ...params, ...('earliest' in refusal ? { earliest: refusal.earliest } : {}) });
    this.titleKey = 'matches:refusals.title';
  }
}

/** A link asked for: by a recommendation, by hand, or by answering a family's expression of interest. */
type LinkInput = {
  householdId: string;
  childId: string;
  source: 'recommendation' | 'manual';
  score?: number | null;
  scoreReasons?: unknown;
  configVersion?: number | null;
};

/** Stages of a household that may explore links with children. */
const HOUSEHOLD_CAN_LINK: readonly Stage[] = ['approved', 'linked', 'matched'];

function matchResource(match: repo.MatchRow): Resource & { id: string } {
  return { type: 'match', id: match.id, organisationId: match.organisationId, sharedWithOrganisationIds: match.sharedWith };
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const cause = (error as { cause?: { code?: string; constraint?: string } }).cause ?? (error as { code?: string; constraint?: string });
  return cause?.code === '23505' && cause.constraint === constraint;
}

export function createMatchingService(runner: UseCaseRunner, config: WorkflowConfig = DEFAULT_WORKFLOW_CONFIG, clock: () => Date = () => new Date()) {
  const { run } = runner;
  const today = () => dateInWales(clock());
  const userId = (ctx: RequestContext) => (ctx.actor.kind === 'user' ? ctx.actor.userId : null);

  async function loadMatch(tx: Tx, ctx: RequestContext, id: string, action: Parameters<typeof authorize>[1], forUpdate = false) {
    const match = await repo.getMatch(tx, id, forUpdate);
    if (!match) {
      authorize(ctx.actor, action);
      throw new NotFoundError();
    }
    authorize(ctx.actor, action, matchResource(match));
    return match;
  }

  /** Moves the household along its own journey when its links change (approved ⇄ linked ⇄ matched → placed). */
  async function followHousehold(tx: Tx, ctx: RequestContext, householdId: string, to: Stage, date: IsoDate, reason: string | null = null) {
    await followHouseholdInTx(tx, { householdId, to, date, reason, actorId: userId(ctx), today: today() });
  }

  /**
   * A link between an approved household and a child — always the child's whole sibling group
   * when they are to be placed together; the matcher never splits brothers and sisters.
   */
  async function createLink(ctx: RequestContext, input: LinkInput) {
    return run(ctx, (tx) => createLinkInTx(tx, ctx, input));
  }

  /** The same, inside the caller's transaction (answering a family's interest makes the link with its answer). */
  async function createLinkInTx(tx: Tx, ctx: RequestContext, input: LinkInput) {
    authorize(ctx.actor, 'matches.create');
    const household = await getHouseholdInTx(tx, input.householdId);
    if (!household) throw new ValidationError([{ field: 'householdId', key: 'matches:errors.household.unknown' }]);
    authorize(ctx.actor, 'matches.create', { type: 'household', id: household.id, organisationId: household.organisationId });
    if (!HOUSEHOLD_CAN_LINK.includes(household.stage)) throw new MatchRefusedError({ code: 'household-not-approved' });
    const unit = await repo.unitOfChild(tx, input.childId);
    if (!unit) throw new ValidationError([{ field: 'childId', key: 'matches:errors.child.unknown' }]);
    const unitChildren = await repo.childrenByIds(tx, unit.childIds);
    if (unitChildren.length !== unit.childIds.length) throw new ValidationError([{ field: 'childId', key: 'matches:errors.child.unknown' }]);
    if (unitChildren.some((c) => !childMayBeLinked(c.status))) throw new MatchRefusedError({ code: 'child-not-waiting' });
    const householdLinks = await repo.openMatches(tx, { householdId: household.id, stages: LINK_STAGES });
    if (householdLinks.some((m) => m.unitKey === unit.unitKey)) throw new MatchRefusedError({ code: 'already-linked' });
    if (householdLinks.length >= config.maxOpenLinksPerHousehold)
      throw new MatchRefusedError({ code: 'links-per-household' }, { count: config.maxOpenLinksPerHousehold });
    const unitLinks = await repo.openMatches(tx, { unitKey: unit.unitKey, stages: LINK_STAGES });
    if (unitLinks.length >= config.maxOpenLinksPerUnit) throw new MatchRefusedError({ code: 'links-per-unit' }, { count: config.maxOpenLinksPerUnit });
    const profile = (await householdProfilesInTx(tx, household.id)).find((p) => p.isCurrent);
    const childOrganisationId = unitChildren[0]!.organisationId;
    const date = today();
    let match: repo.MatchRow;
    try {
      match = await repo.insertMatch(tx, {
        organisationId: household.organisationId,
        childOrganisationId,
        sharedWith: [...new Set([household.organisationId, childOrganisationId])],
        householdId: household.id,
        siblingGroupId: unit.siblingGroupId,
        childIds: unit.childIds,
        unitKey: unit.unitKey,
        stage: 'linked',
        stageSince: date,
        source: input.source,
        score: input.score ?? null,
        scoreReasons: input.scoreReasons ?? null,
        configVersion: input.configVersion ?? null,
        profileVersion: profile?.profileVersion ?? null,
        linkedDate: date,
        createdBy: userId(ctx),
      });
    } catch (error) {
      if (isUniqueViolation(error, 'matches_one_open_per_pair_idx')) throw new MatchRefusedError({ code: 'already-linked' });
      throw error;
    }
    await repo.insertMatchEvent(tx, { matchId: match.id, fromStage: null, toStage: 'linked', effectiveDate: date, actorId: userId(ctx) });
    await followHousehold(tx, ctx, household.id, 'linked', date);
    await setChildrenStatusInTx(
      tx,
      unit.childIds.filter((id) => unitChildren.find((c) => c.id === id)?.status === 'family_finding'),
      'linked',
      'matching.linked',
      userId(ctx),
      clock(),
    );
    await recordAudit(tx, ctx, {
      action: 'matches.create',
      resourceType: 'match',
      resourceId: match.id,
      detail: { children: unit.childIds.length, source: input.source },
    });
    return match;
  }

  /** One step of the workflow, decided on the locked match. */
  async function progress(ctx: RequestContext, id: string, move: MatchMove, version?: number) {
    return run(ctx, async (tx) => {
      const match = await loadMatch(tx, ctx, id, 'matches.progress', true);
      if (version !== undefined && version !== match.version) throw new PreconditionFailedError(match.version);
      const decision = decideMove(
        {
          stage: match.stage,
          stageSince: match.stageSince,
          panelRecommendation: match.panelRecommendation,
          decision: match.decision,
          localAuthorityAgreed: Boolean(match.localAuthorityAgreedAt),
          placementDate: match.placementDate,
        },
        move,
        today(),
      );
      if (!decision.ok) throw new MatchRefusedError(decision.refusal);
      const to = move.to;
      if (to === 'matching_meeting') {
        const householdActive = await repo.openMatches(tx, { householdId: match.householdId, stages: ACTIVE_MATCH_STAGES, exceptId: match.id });
        if (householdActive.length >= config.householdCapacity) throw new MatchRefusedError({ code: 'household-at-capacity' });
      }
      let updated: repo.MatchRow | undefined;
      try {
        updated = await repo.updateMatch(tx, id, match.version, decision.patch);
      } catch (error) {
        if (isUniqueViolation(error, 'matches_one_active_per_unit_idx')) throw new MatchRefusedError({ code: 'unit-already-matched' });
        throw error;
      }
      if (!updated) throw new ConflictError();
      await repo.insertMatchEvent(tx, {
        matchId: id,
        fromStage: match.stage,
        toStage: to,
        effectiveDate: move.date,
        reason: move.reason ?? null,
        actorId: userId(ctx),
      });
      await followTheChildrenAndHousehold(tx, ctx, match, to, move.date);
      await publishStep(tx, ctx, match, to, move.date);
      await recordAudit(tx, ctx, { action: 'matches.progress', resourceType: 'match', resourceId: id, detail: { from: match.stage, to } });
      return updated;
    });
  }

  /**
   * Steps others follow in this transaction (finance raises its fees): approval, placement, the
   * adoption order; and steps taken back. A match ended during introductions takes back its
   * approval (the children never moved); a disruption takes back the placement (the children wait
   * for a family again, and their next placement is its own). What they raised is reversed, never edited.
   */
  async function publishStep(tx: Tx, ctx: RequestContext, match: repo.MatchRow, to: MatchStage, date: IsoDate) {
    const reversed =
      to === 'disrupted'
        ? ({ step: 'match.placed', because: 'disruption', reason: 'Placement disrupted before the adoption order' } as const)
        : to === 'ended' && match.stage === 'introductions'
          ? ({ step: 'match.approved', because: 'endedDuringIntroductions', reason: 'Match ended during introductions, before placement' } as const)
          : null;
    if (reversed) await runner.events.publish(tx, ctx, 'step.reversed', { ...reversed, agencyId: match.organisationId, key: match.id, date });
    const name = to === 'introductions' ? 'match.approved' : to === 'placed' ? 'match.placed' : to === 'adoption_order' ? 'match.adoptionOrder' : null;
    if (!name) return;
    const children = match.childIds.map((id) => ({ id, localAuthorityId: match.childOrganisationId }));
    await runner.events.publish(tx, ctx, name, { matchId: match.id, agencyId: match.organisationId, children, date });
  }

  async function followTheChildrenAndHousehold(tx: Tx, ctx: RequestContext, match: repo.MatchRow, to: MatchStage, date: IsoDate) {
    const actor = userId(ctx);
    if (to === 'matching_meeting') {
      await followHousehold(tx, ctx, match.householdId, 'matched', date);
      await setChildrenStatusInTx(tx, match.childIds, 'matched', 'matching.matched', actor, clock());
    } else if (to === 'placed') {
      await followHousehold(tx, ctx, match.householdId, 'placed', date);
      await setChildrenStatusInTx(tx, match.childIds, 'placed', 'matching.placed', actor, clock(), { outcome: 'placed_for_adoption', outcomeDate: date });
    } else if (to === 'declined' || to === 'ended') {
      // Back to waiting when nothing else is open for them; the household back to approved likewise.
      if ((await repo.openMatches(tx, { unitKey: match.unitKey, exceptId: match.id })).length === 0)
        await setChildrenStatusInTx(tx, match.childIds, 'family_finding', to === 'declined' ? 'matching.declined' : 'matching.ended', actor, clock());
      if ((await repo.openMatches(tx, { householdId: match.householdId, exceptId: match.id })).length === 0)
        await followHousehold(tx, ctx, match.householdId, 'approved', date, to === 'declined' ? 'Link declined' : 'Match ended');
    } else if (to === 'disrupted') {
      await setChildrenStatusInTx(tx, match.childIds, 'family_finding', 'matching.disrupted', actor, clock(), { outcome: null, outcomeDate: null });
    }
  }

  /** The children's local authority agrees the match (needed before introductions). */
  async function agree(ctx: RequestContext, id: string) {
    return run(ctx, async (tx) => {
      const match = await loadMatch(tx, ctx, id, 'matches.agree', true);
      // Only the children's own authority agrees, not the agency.
      authorize(ctx.actor, 'matches.agree', { type: 'match', id, organisationId: match.childOrganisationId });
      if (!isActiveStage(match.stage)) throw new MatchRefusedError({ code: 'not-allowed' });
      const updated = await repo.updateMatch(tx, id, match.version, { localAuthorityAgreedAt: clock(), localAuthorityAgreedBy: userId(ctx) });
      if (!updated) throw new ConflictError();
      await repo.insertMatchEvent(tx, {
        matchId: id,
        fromStage: match.stage,
        toStage: match.stage,
        effectiveDate: today(),
        reason: 'local_authority_agreed',
        actorId: userId(ctx),
      });
      await recordAudit(tx, ctx, { action: 'matches.agree', resourceType: 'match', resourceId: id });
      return updated;
    });
  }

  async function getMatch(ctx: RequestContext, id: string) {
    return run(ctx, async (tx) => {
      const match = await loadMatch(tx, ctx, id, 'matches.view');
      // One statement at a time: a connection runs one query at once (node-postgres 9 refuses more).
      const events = await repo.eventsOf(tx, id);
      const children = await repo.childrenByIds(tx, match.childIds);
      const household = await repo.householdNames(tx, match.householdId);
      const steps = await repo.transitionStepsOf(tx, id);
      await recordAudit(tx, ctx, { action: 'matches.view', resourceType: 'match', resourceId: id });
      return { match, events, children, household, steps };
    });
  }

  /** A page of links and matches, most recently changed first (the API). */
  async function pageMatches(ctx: RequestContext, filter: { householdId?: string; childId?: string; open?: boolean; allocatedTo?: string }, page: PageRequest) {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'matches.view');
      const rows = await repo.listMatches(tx, {
        ...filter,
        organisationId: ctx.actor.kind === 'user' ? ctx.actor.organisationId : undefined,
        limit: page.limit + 1,
        after: page.after,
      });
      const found = pageOf(
        rows,
        page.limit,
        (r) => ({ value: r.sortValue, id: r.match.id }),
        ({ sortValue: _s, ...r }) => r,
      );
      await recordAudit(tx, ctx, { action: 'matches.view', resourceType: 'match', detail: { count: found.items.length } });
      return found;
    });
  }

  /** One page of the matches list (open ones, or all), sorted by a heading, with how many there are. */
  async function pageMatchList(
    ctx: RequestContext,
    filter: { open: boolean; stage?: MatchStage },
    list: { page: number; limit: number; sort: repo.MatchListSort; dir: 'asc' | 'desc' },
  ) {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'matches.view');
      const found = await repo.pageMatchList(
        tx,
        { ...filter, organisationId: ctx.actor.kind === 'user' ? ctx.actor.organisationId : undefined },
        { sort: list.sort, dir: list.dir, ...pageWindow(list) },
      );
      await recordAudit(tx, ctx, { action: 'matches.view', resourceType: 'match', detail: { count: found.rows.length, page: list.page } });
      return { items: found.rows, total: found.total };
    });
  }

  /** The links and matches a page shows (a child's, a household's, the open ones): the first 200. */
  async function listMatches(ctx: RequestContext, filter: { householdId?: string; childId?: string; open?: boolean; allocatedTo?: string }) {
    return (await pageMatches(ctx, filter, { limit: 200 })).items;
  }

  /**
   * The adopter's own links: each with only what they may read of the children at that step
   * (the policy module's adopterMayRead), and the reason when a link was declined.
   */
  async function linksForAdopter(ctx: RequestContext, householdId: string) {
    // Row-level security shows an adopter only the matches of their own household.
    const rows = await run(ctx, async (tx) => {
      authorize(ctx.actor, 'portal.view');
      const found = await repo.listMatches(tx, { householdId, limit: 50 });
      await recordAudit(tx, ctx, { action: 'portal.view', resourceType: 'household', resourceId: householdId, detail: { part: 'links', count: found.length } });
      return found;
    });
    // Adopters never read children's records directly: the platform reads the parts the policy opens at this step.
    const readable = rows.filter((row) => adopterMayRead('profile', row.match.stage)).flatMap((row) => row.match.childIds);
    const children = readable.length ? await runner.runAsSystemJob('adopterLinkProfile', ctx, (tx) => repo.childrenByIds(tx, readable)) : [];
    return rows.map(({ match: m }) => ({
      id: m.id,
      stage: m.stage,
      stageSince: m.stageSince,
      childCount: m.childIds.length,
      children: adopterMayRead('profile', m.stage)
        ? children
            .filter((c) => m.childIds.includes(c.id))
            .map((c) => ({
              name: c.preferredName ?? c.legalGivenNames.split(' ')[0]!,
              dateOfBirth: c.dateOfBirth,
              profileEn: c.profileEn,
              profileCy: c.profileCy,
            }))
        : [],
      closeReason: m.stage === 'declined' || m.stage === 'ended' ? m.closeReason : null,
      mayReadFormulation: adopterMayRead('formulation', m.stage),
      mayReadTransitionPlan: adopterMayRead('transitionPlan', m.stage),
    }));
  }

  /** What the "link a family by hand" page offers: the children's unit and the agency's approved families. */
  async function linkOptions(ctx: RequestContext, childId: string) {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'matches.create');
      if (ctx.actor.kind !== 'user') throw new NotFoundError();
      const unit = await repo.unitOfChild(tx, childId);
      if (!unit) throw new NotFoundError();
      const unitChildren = await repo.childrenByIds(tx, unit.childIds);
      const families = await repo.linkableHouseholds(tx, ctx.actor.organisationId);
      await recordAudit(tx, ctx, {
        action: 'matches.create',
        resourceType: 'child',
        resourceId: childId,
        outcome: 'success',
        detail: { part: 'link-options', families: families.length },
      });
      return { unit, children: unitChildren, families };
    });
  }

  return {
    linkOptions,
    createLink,
    createLinkInTx,
    progress,
    agree,
    getMatch,
    listMatches,
    pageMatches,
    pageMatchList,
    linksForAdopter,
    config,
    canProgress: (ctx: RequestContext) => can(ctx.actor, 'matches.progress'),
    childMayBeLinked,
    childMayBeRecommended,
  };
}

export type MatchingService = ReturnType<typeof createMatchingService>;

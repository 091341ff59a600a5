import { recordAudit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/pool.ts';
import type { PageRequest } from '../../platform/db/keyset.ts';
import { ConflictError, DomainError, NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import { type RequestContext } from '../../platform/policy/actor.ts';
import { authorize, decide, type Resource } from '../../platform/policy/policy.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import { getOrganisation } from '../organisations/index.ts';
import { countAces, cohortStatistics, STANDARD_ACES, type AceEntry } from './aces.ts';
import * as acesRepo from './aces-repository.ts';
import { clocksFor, worstLevel } from './clocks.ts';
import { DEFAULT_CHILDREN_CONFIG, type ChildrenConfig } from './config.ts';
import { loadChildrenConfig, settingsOwner } from './settings-service.ts';
import { thresholdsOf } from './settings.ts';
import { ageInYears, dateInWales, type IsoDate } from '../../platform/dates/dates.ts';
import { cohortFiltersChosen, type AceAnalyticsFilters, type ChildInput, type ChildListFilters, type ChildPatch, type ReferralInput } from './inputs.ts';
import { classifyPriority, type PriorityReasonDetail } from './priority.ts';
import * as repo from './repository.ts';
import * as siblingsRepo from './siblings-repository.ts';
import { generateChildren } from './synthetic.ts';
import { insertSyntheticChildren } from './synthetic-repository.ts';
import { discloseCohort, type Cell } from '../reporting/index.ts';
import type { Outcome } from './vocabulary.ts';

/** Reasons that never change once recorded (everything but time waited), stored for filtering. */
function staticReasons(child: Pick<ChildInput, 'dateOfBirth' | 'needs' | 'developmentalUncertainty' | 'ethnicity'>, referralDate: IsoDate, inSiblingGroup: boolean, config: ChildrenConfig): string[] {
  return classifyPriority(
    { dateOfBirth: child.dateOfBirth, referralDate, inSiblingGroup, needs: child.needs, developmentalUncertainty: child.developmentalUncertainty, ethnicity: child.ethnicity, placementOrderDate: null },
    referralDate,
    config.priority,
  ).map((r) => r.reason);
}

function childResource(child: repo.ChildRow, sharedWith: string[]): Resource & { id: string } {
  return {
    type: 'child',
    id: child.id,
    organisationId: child.organisationId,
    sharedWithOrganisationIds: sharedWith,
    allocatedUserIds: [child.familyFinderId, child.socialWorkerId].filter((v): v is string => Boolean(v)),
  };
}

function userId(ctx: RequestContext): string | null {
  return ctx.actor.kind === 'user' ? ctx.actor.userId : null;
}

/** A database refusal of a second active sibling group, as a message for the person. */
function isOneActiveGroupViolation(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string; constraint?: string } }).cause ?? (error as { code?: string; constraint?: string });
  return cause?.code === '23505' && cause.constraint === 'sibling_group_members_one_active';
}

/** Reasons worked out from the dates with the agency's current thresholds, never taken from storage. */
const LIVE_REASONS: readonly string[] = ['age', 'waiting_since_placement_order'];

/**
 * Children who wait. `defaults` is the configuration used until the agency saves its own settings
 * (/children/settings); each use case reads the agency's current settings once, in its transaction,
 * and hands them to the pure rules.
 */
export function createChildrenService(runner: UseCaseRunner, defaults: ChildrenConfig = DEFAULT_CHILDREN_CONFIG, clock: () => Date = () => new Date()) {
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
      referral = await repo.updateReferral(tx, draft.id, draft.version, { status: 'submitted', agencyId, legalBasis: input.legalBasis, legalBasisNotes: input.legalBasisNotes, submittedAt: clock(), draft: null });
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
      const group = await siblingsRepo.insertGroup(tx, { organisationId: actor.organisationId, referralId: referral.id, assessment: assessment.assessment, assessmentReasons: assessment.reasons, assessmentDate: assessment.assessmentDate });
      await siblingsRepo.addMembers(tx, group.id, actor.organisationId, childIds);
      await siblingsRepo.addRelationships(
        tx,
        input.siblingRelationships.map((pair) => ({ groupId: group.id, childId: childIds[pair.child]!, siblingId: childIds[pair.sibling]!, organisationId: actor.organisationId, relationship: pair.relationship })),
      );
      await siblingsRepo.addHistory(tx, { groupId: group.id, organisationId: actor.organisationId, changedBy: actor.userId, assessment: assessment.assessment, reasons: assessment.reasons, assessmentDate: assessment.assessmentDate, event: 'created' });
      siblingGroupId = group.id;
    }
    await recordAudit(tx, ctx, { action: 'referrals.create', resourceType: 'referral', resourceId: referral.id, detail: { children: childIds.length } });
    return { referralId: referral.id, childIds, siblingGroupId };
  }

  /** The agency accepts (allocating a family finder) or declines with a reason. */
  async function decideReferral(ctx: RequestContext, referralId: string, decision: { decision: 'accept'; familyFinderId: string } | { decision: 'decline'; reason: string }) {
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

  async function getReferral(ctx: RequestContext, id: string) {
    return run(ctx, async (tx) => {
      const referral = await repo.getReferral(tx, id);
      if (!referral) throw new NotFoundError();
      authorize(ctx.actor, 'referrals.view', { type: 'referral', id, organisationId: referral.organisationId, sharedWithOrganisationIds: referral.status === 'draft' ? [] : [referral.agencyId] });
      const kids = await repo.childrenOfReferral(tx, id);
      const agency = await getOrganisation(tx, referral.agencyId);
      const authority = await getOrganisation(tx, referral.organisationId);
      const finders = ctx.actor.kind === 'user' && ctx.actor.organisationId === referral.agencyId ? await repo.familyFinders(tx, referral.agencyId) : [];
      await recordAudit(tx, ctx, { action: 'referrals.view', resourceType: 'referral', resourceId: id });
      return { referral, children: kids, agencyName: agency?.name ?? '', authorityName: authority?.name ?? '', familyFinders: finders };
    });
  }

  /** What lists and dashboards show of a child: priority reasons (with time waited) and clock levels. */
  function summarise(child: repo.ChildListRow, siblingGroupId: string | null, on: IsoDate, config: ChildrenConfig) {
    const reasons = classifyPriority(
      { dateOfBirth: child.dateOfBirth, referralDate: child.referralDate, inSiblingGroup: Boolean(siblingGroupId), needs: [], developmentalUncertainty: false, ethnicity: null, placementOrderDate: child.placementOrderDate },
      on,
      config.priority,
    ).filter((r) => LIVE_REASONS.includes(r.reason));
    const clocks = clocksFor(child, on, config.clocks);
    return {
      id: child.id,
      name: child.preferredName ?? child.legalGivenNames,
      legalName: `${child.legalGivenNames} ${child.legalFamilyName}`,
      dateOfBirth: child.dateOfBirth,
      age: ageInYears(child.dateOfBirth, on),
      sex: child.sex,
      ethnicity: child.ethnicity,
      region: child.region,
      status: child.status,
      referralDate: child.referralDate,
      placementOrderDate: child.placementOrderDate,
      priorityReasons: [...new Set([...child.priorityReasons.filter((r) => !LIVE_REASONS.includes(r)), ...reasons.map((r) => r.reason)])],
      needCategories: child.needCategories,
      outcome: child.outcome,
      siblingGroupId,
      clocks,
      clockLevel: worstLevel(clocks),
      /** The threshold the worst clock passed ("over 6 months"), null when every clock is within it. */
      clockLevelMonths: ((level) => (level === 'urgent' ? config.clocks.urgentMonths : level === 'warning' ? config.clocks.warningMonths : null))(worstLevel(clocks)),
      organisationId: child.organisationId,
      version: child.version,
    };
  }

  /** A page of children; `statuses` narrows it for a panel (the home page's children still waiting), not a filter people choose. */
  async function listChildren(ctx: RequestContext, filters: ChildListFilters, after?: repo.ListCursor, options: { statuses?: readonly repo.ChildStatus[] } = {}) {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'children.list');
      const on = today();
      const config = await configFor(tx, ctx);
      // Row-level security already limits the rows to what this person may see.
      const rows = await repo.listChildren(tx, filters, on, { after, thresholds: config.priority, statuses: options.statuses });
      const page = rows.slice(0, filters.limit);
      const last = page[page.length - 1];
      await recordAudit(tx, ctx, { action: 'children.list', resourceType: 'child', detail: { rows: page.length, filtered: Object.keys(filters).length } });
      return {
        items: page.map((r) => summarise(r.child, r.siblingGroupId, on, config)),
        thresholds: thresholdsOf(config),
        next: rows.length > filters.limit && last ? { value: last.sortValue, id: last.child.id } : undefined,
      };
    });
  }

  /** The child's whole record as the actor may see it; ACE detail only for roles that may view ACEs. */
  async function getChild(ctx: RequestContext, id: string) {
    return run(ctx, async (tx) => {
      const child = await loadChild(tx, ctx, id, 'children.view');
      const on = today();
      const config = await configFor(tx, ctx);
      const needs = await repo.needsOf(tx, id);
      const groupId = (await siblingsRepo.activeGroupOf(tx, id)) ?? null;
      const priority: PriorityReasonDetail[] = classifyPriority(
        { dateOfBirth: child.dateOfBirth, referralDate: child.referralDate, inSiblingGroup: Boolean(groupId), needs: needs.map((n) => ({ category: n.category as never, severity: n.severity as never })), developmentalUncertainty: child.developmentalUncertainty, ethnicity: child.ethnicity as never, placementOrderDate: child.placementOrderDate },
        on,
        config.priority,
      );
      const mayViewAces = decide(ctx.actor, 'aces.view').allowed;
      const aces = mayViewAces ? await acesRepo.acesOf(tx, id) : [];
      const group = groupId ? { id: groupId, members: await siblingsRepo.membersOf(tx, groupId), group: await siblingsRepo.getGroup(tx, groupId), relationships: await siblingsRepo.relationshipsOf(tx, groupId) } : null;
      const timeline = await repo.timelineOf(tx, id);
      await recordAudit(tx, ctx, { action: 'children.view', resourceType: 'child', resourceId: id });
      return {
        child,
        summary: summarise(child, groupId, on, config),
        thresholds: thresholdsOf(config),
        needs,
        priority,
        aces: mayViewAces ? { entries: aces, counts: countAces(aces) } : null,
        siblingGroup: group,
        timeline,
      };
    });
  }

  async function updateChild(ctx: RequestContext, id: string, patch: ChildPatch, version: number) {
    return run(ctx, async (tx) => {
      const child = await loadChild(tx, ctx, id, 'children.edit');
      const { needs, version: _ignored, ...columns } = patch;
      const merged = { ...child, ...columns };
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const [field, value] of Object.entries(columns)) {
        const before = (child as Record<string, unknown>)[field];
        if (JSON.stringify(before) !== JSON.stringify(value)) changes[field] = { from: before, to: value };
      }
      const currentNeeds = await repo.needsOf(tx, id);
      const nextNeeds = needs ?? currentNeeds.map((n) => ({ category: n.category as never, severity: n.severity as never, description: n.description }));
      if (needs) changes.needs = { from: currentNeeds.map((n) => `${n.category}:${n.severity}`), to: needs.map((n) => `${n.category}:${n.severity}`) };
      const groupId = await siblingsRepo.activeGroupOf(tx, id);
      const config = await configFor(tx, ctx);
      const updated = await repo.updateChild(tx, id, version, {
        ...columns,
        priorityReasons: staticReasons({ ...merged, needs: nextNeeds, ethnicity: merged.ethnicity as never }, child.referralDate, Boolean(groupId), config),
        needCategories: nextNeeds.map((n) => n.category),
      });
      if (!updated) throw new ConflictError('errors.conflict.body', child.version);
      if (needs) await repo.replaceNeeds(tx, id, child.organisationId, needs);
      await addEvent(tx, { childId: id, organisationId: child.organisationId, actorId: userId(ctx), event: 'edited', changes, version: updated.version });
      await recordAudit(tx, ctx, { action: 'children.edit', resourceType: 'child', resourceId: id, detail: { fields: Object.keys(changes).length } });
      return updated;
    });
  }

  async function recordOutcome(ctx: RequestContext, id: string, input: { outcome: Outcome; reason: string | null; outcomeDate: string }, version: number) {
    return run(ctx, async (tx) => {
      const child = await loadChild(tx, ctx, id, 'children.edit');
      const updated = await repo.updateChild(tx, id, version, { outcome: input.outcome, outcomeReason: input.reason, outcomeDate: input.outcomeDate, status: input.outcome === 'placed_for_adoption' ? 'placed' : 'closed' });
      if (!updated) throw new ConflictError('errors.conflict.body', child.version);
      await addEvent(tx, { childId: id, organisationId: child.organisationId, actorId: userId(ctx), event: `outcome.${input.outcome}`, version: updated.version });
      await recordAudit(tx, ctx, { action: 'children.edit', resourceType: 'child', resourceId: id, detail: { outcome: input.outcome } });
      return updated;
    });
  }

  /**
   * The extended categories of a child's ACE record: those offered for new records, and any retired
   * category already recorded for the child (still shown and kept, marked retired, never lost).
   */
  async function categoriesFor(tx: Tx, entries: readonly AceEntry[]) {
    const recorded = new Set(entries.map((e) => e.category));
    const all = await acesRepo.allExtendedCategories(tx);
    return all.filter((c) => c.active || recorded.has(c.code));
  }

  async function getAces(ctx: RequestContext, id: string) {
    return run(ctx, async (tx) => {
      await loadChild(tx, ctx, id, 'aces.view');
      const entries = await acesRepo.acesOf(tx, id);
      const extended = await categoriesFor(tx, entries);
      await recordAudit(tx, ctx, { action: 'aces.view', resourceType: 'child', resourceId: id });
      return { entries, counts: countAces(entries), standard: STANDARD_ACES, extended };
    });
  }

  async function putAces(ctx: RequestContext, id: string, entries: AceEntry[]) {
    return run(ctx, async (tx) => {
      const child = await loadChild(tx, ctx, id, 'aces.edit');
      const known = new Set<string>([...STANDARD_ACES, ...(await categoriesFor(tx, await acesRepo.acesOf(tx, id))).map((c) => c.code)]);
      const errors = entries.flatMap((e, i) => (known.has(e.category) ? [] : [{ field: `entries.${i}.category`, key: 'children:errors.ace.category' }]));
      if (new Set(entries.map((e) => e.category)).size !== entries.length) errors.push({ field: 'entries', key: 'children:errors.ace.duplicate' });
      if (errors.length) throw new ValidationError(errors);
      const counts = countAces(entries);
      await acesRepo.replaceAces(tx, id, child.organisationId, userId(ctx), entries, counts);
      await addEvent(tx, { childId: id, organisationId: child.organisationId, actorId: userId(ctx), event: 'aces.recorded' });
      await recordAudit(tx, ctx, { action: 'aces.edit', resourceType: 'child', resourceId: id });
      return { entries, counts };
    });
  }

  /**
   * Cohort ACE analysis. The agency sees exact figures over the children it may see; a local
   * authority sees its own children; funders and researchers see every child, as aggregates only.
   * Everyone outside the agency gets disclosure-controlled figures, as fixed tables: filtered
   * views compared with each other would give back the counts suppressed in each.
   */
  async function aceAnalytics(ctx: RequestContext, filters: AceAnalyticsFilters) {
    authorize(ctx.actor, 'analytics.aces');
    const actor = ctx.actor;
    const insideAgency = actor.kind === 'system' || (actor.kind === 'user' && actor.organisationType === 'agency');
    const chosen = cohortFiltersChosen(filters);
    if (!insideAgency && chosen.length) {
      await runner.recordStandalone(ctx, { action: 'analytics.aces', resourceType: 'cohort', outcome: 'denied', detail: { filters: chosen.join(',') } });
      throw new DomainError(403, 'children:errors.analytics.fixedTablesOnly');
    }
    const aggregateOnly = actor.kind === 'user' && (actor.organisationType === 'funder' || actor.organisationType === 'research_partner');
    const on = today();
    const owner = settingsOwner(actor);
    const compute = async (tx: Tx) => {
      const config = await loadChildrenConfig(tx, owner, defaults);
      const rows = await acesRepo.aceDistribution(tx, filters, on, { organisationId: actor.kind === 'user' && actor.organisationType === 'local_authority' ? actor.organisationId : undefined, thresholds: config.priority });
      return { rows, config };
    };
    // Funders never see a row: the aggregate runs as the platform and only counts leave it.
    const { rows, config } = aggregateOnly ? await runner.runAsSystemJob('aggregateAces', ctx, compute) : await run(ctx, compute);
    const distribution = Array.from({ length: STANDARD_ACES.length + 1 }, (_, k) => rows.find((r) => r.count === k)?.children ?? 0);
    const counts = distribution.flatMap((n, k) => Array.from({ length: n }, () => k));
    const stats = cohortStatistics(counts);
    await runner.recordStandalone(ctx, { action: 'analytics.aces', resourceType: 'cohort', detail: { children: stats.children, disclosed: !insideAgency } });
    if (insideAgency) {
      return { disclosed: false, children: stats.children as Cell, mean: stats.mean as Cell | null, median: stats.median as Cell | null, distribution: distribution as Cell[], comparatorMean: config.comparatorMeanAces, comparatorLabel: config.comparatorLabel, disclosure: config.disclosure, thresholds: thresholdsOf(config), measure: filters.measure };
    }
    const disclosed = discloseCohort(distribution, { mean: stats.mean, median: stats.median }, config.disclosure);
    return {
      disclosed: true,
      children: disclosed.total,
      mean: disclosed.statistics.mean,
      median: disclosed.statistics.median,
      distribution: disclosed.cells,
      comparatorMean: config.comparatorMeanAces,
      comparatorLabel: config.comparatorLabel,
      disclosure: config.disclosure,
      thresholds: thresholdsOf(config),
      measure: filters.measure,
    };
  }

  async function getSiblingGroup(ctx: RequestContext, id: string) {
    return run(ctx, async (tx) => {
      const group = await siblingsRepo.getGroup(tx, id);
      if (!group) throw new NotFoundError();
      const members = await siblingsRepo.membersOf(tx, id);
      if (members.length === 0) throw new NotFoundError();
      authorize(ctx.actor, 'siblingGroups.view', { type: 'sibling_group', id, organisationId: group.organisationId, sharedWithOrganisationIds: ctx.actor.kind === 'user' ? [ctx.actor.organisationId] : [] });
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
  async function assessSiblingGroup(ctx: RequestContext, id: string, input: { assessment: 'together' | 'apart' | 'not_yet_assessed'; reasons: string | null; assessmentDate: string | null }, version: number) {
    return run(ctx, async (tx) => {
      const group = await siblingsRepo.getGroup(tx, id);
      const members = group ? await siblingsRepo.membersOf(tx, id) : [];
      if (!group || members.length === 0) throw new NotFoundError();
      authorize(ctx.actor, 'siblingGroups.edit', { type: 'sibling_group', id, organisationId: group.organisationId, sharedWithOrganisationIds: ctx.actor.kind === 'user' ? [ctx.actor.organisationId] : [] });
      if (input.assessment !== 'not_yet_assessed' && !input.reasons) throw new ValidationError([{ field: 'reasons', key: 'children:errors.assessment.reasonsRequired' }]);
      const updated = await siblingsRepo.updateGroup(tx, id, version, { assessment: input.assessment, assessmentReasons: input.reasons, assessmentDate: input.assessmentDate });
      if (!updated) throw new ConflictError('errors.conflict.body', group.version);
      await siblingsRepo.addHistory(tx, { groupId: id, organisationId: group.organisationId, changedBy: userId(ctx), assessment: input.assessment, reasons: input.reasons, assessmentDate: input.assessmentDate, event: 'assessed' });
      await recordAudit(tx, ctx, { action: 'siblingGroups.edit', resourceType: 'sibling_group', resourceId: id });
      return updated;
    });
  }

  /** Puts a child into an existing group; refused when the child is already in another active group. */
  async function addToSiblingGroup(ctx: RequestContext, groupId: string, childId: string, relationships: { siblingId: string; relationship: 'full' | 'half' | 'step' }[]) {
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
      await siblingsRepo.addRelationships(tx, relationships.map((r) => ({ groupId, childId, siblingId: r.siblingId, organisationId: group.organisationId, relationship: r.relationship })));
      await siblingsRepo.addHistory(tx, { groupId, organisationId: group.organisationId, changedBy: userId(ctx), assessment: group.assessment, reasons: group.assessmentReasons, assessmentDate: group.assessmentDate, event: 'member-added' });
      await addEvent(tx, { childId, organisationId: child.organisationId, actorId: userId(ctx), event: 'sibling-group.joined' });
      await recordAudit(tx, ctx, { action: 'siblingGroups.edit', resourceType: 'sibling_group', resourceId: groupId, detail: { child: childId } });
    });
  }

  return {
    defaults,
    today,
    submitReferral,
    submitReferralInTx,
    decideReferral,
    listReferrals,
    getReferral,
    listChildren,
    getChild,
    updateChild,
    recordOutcome,
    getAces,
    putAces,
    aceAnalytics,
    getSiblingGroup,
    listSiblingGroups,
    assessSiblingGroup,
    addToSiblingGroup,
  };
}

export type ChildrenService = ReturnType<typeof createChildrenService>;

/** Synthetic children for the demo and benchmarks, written as the platform itself. */
export async function seedSyntheticChildren(
  runner: UseCaseRunner,
  ctx: RequestContext,
  options: { count: number; seed: number; today: IsoDate; localAuthorityIds: string[]; agencyId: string; familyFinderIds: string[] },
): Promise<number> {
  const rows = generateChildren({ count: options.count, seed: options.seed, today: options.today, organisations: options.localAuthorityIds.length });
  return runner.run(ctx, async (tx) => {
    const organisations = [];
    for (const id of options.localAuthorityIds) organisations.push({ id, region: (await getOrganisation(tx, id))?.region ?? null });
    const n = await insertSyntheticChildren(tx, rows, { organisations, agencyId: options.agencyId, familyFinderIds: options.familyFinderIds });
    await recordAudit(tx, ctx, { action: 'demo.children', resourceType: 'child', detail: { rows: n, seed: options.seed } });
    return n;
  });
}

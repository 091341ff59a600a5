import { recordAudit } from '../../platform/audit/audit.ts';
import { ConflictError } from '../../platform/http/errors.ts';
import { type RequestContext } from '../../platform/policy/actor.ts';
import { authorize, decide } from '../../platform/policy/policy.ts';
import { countAces } from './aces.ts';
import * as acesRepo from './aces-repository.ts';
import { clocksFor, worstLevel } from './clocks.ts';
import { type ChildrenConfig } from './config.ts';
import { thresholdsOf } from './settings.ts';
import { ageInYears, type IsoDate } from '../../platform/dates/dates.ts';
import { type ChildListFilters, type ChildPatch } from './inputs.ts';
import { classifyPriority, type PriorityReasonDetail } from './priority.ts';
import * as repo from './repository.ts';
import * as listRepo from './list-repository.ts';
import type { ChildListSort } from './list-repository.ts';
import { pageWindow, type SortDirection } from '../../platform/views/list-page.ts';
import * as siblingsRepo from './siblings-repository.ts';
import type { Outcome } from './vocabulary.ts';
import { staticReasons, userId, LIVE_REASONS } from './service-context.ts';
import type { ChildrenContext } from './service-context.ts';

/** Children's records: the list with priority and clocks, a child's record, edits and outcomes. */
export function createRecordUseCases(context: ChildrenContext) {
  const { run, today, addEvent, configFor, loadChild } = context;

  /** What lists and dashboards show of a child: priority reasons (with time waited) and clock levels. */
  function summarise(child: repo.ChildListRow, siblingGroupId: string | null, on: IsoDate, config: ChildrenConfig) {
    const reasons = classifyPriority(
      {
        dateOfBirth: child.dateOfBirth,
        referralDate: child.referralDate,
        inSiblingGroup: Boolean(siblingGroupId),
        needs: [],
        developmentalUncertainty: false,
        ethnicity: null,
        placementOrderDate: child.placementOrderDate,
      },
      on,
      config.priority,
    ).filter((r) => LIVE_REASONS.includes(r.reason));
    const clocks = clocksFor(child, on, config.clocks);
    return {
      id: child.id,
      name: child.preferredName ?? child.legalGivenNames,
      legalName: `${child.legalGivenNames} ${child.legalFamilyName}`,
      localAuthorityReference: child.localAuthorityReference,
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
      clockLevelMonths: ((level) => (level === 'urgent' ? config.clocks.urgentMonths : level === 'warning' ? config.clocks.warningMonths : null))(
        worstLevel(clocks),
      ),
      organisationId: child.organisationId,
      version: child.version,
    };
  }
  /** A page of children; `statuses` narrows it for a panel (the home page's children still waiting), not a filter people choose. */
  async function listChildren(
    ctx: RequestContext,
    filters: ChildListFilters,
    after?: repo.ListCursor,
    options: { statuses?: readonly repo.ChildStatus[] } = {},
  ) {
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
  /**
   * One numbered page of the children list, sorted by a heading, with how many match: paged in SQL
   * in the reader's transaction (row-level security decides which children exist for them).
   */
  async function pageChildren(
    ctx: RequestContext,
    filters: Omit<ChildListFilters, 'sort' | 'limit'>,
    list: { page: number; limit: number; sort: ChildListSort; dir: SortDirection },
  ) {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'children.list');
      const on = today();
      const config = await configFor(tx, ctx);
      const { rows, total } = await listRepo.pageChildren(tx, filters, on, {
        thresholds: config.priority,
        sort: list.sort,
        dir: list.dir,
        ...pageWindow(list),
      });
      await recordAudit(tx, ctx, {
        action: 'children.list',
        resourceType: 'child',
        detail: { rows: rows.length, filtered: Object.keys(filters).length, page: list.page },
      });
      return { items: rows.map((r) => summarise(r.child, r.siblingGroupId, on, config)), total, thresholds: thresholdsOf(config) };
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
        {
          dateOfBirth: child.dateOfBirth,
          referralDate: child.referralDate,
          inSiblingGroup: Boolean(groupId),
          needs: needs.map((n) => ({ category: n.category as never, severity: n.severity as never })),
          developmentalUncertainty: child.developmentalUncertainty,
          ethnicity: child.ethnicity as never,
          placementOrderDate: child.placementOrderDate,
        },
        on,
        config.priority,
      );
      const mayViewAces = decide(ctx.actor, 'aces.view').allowed;
      const aces = mayViewAces ? await acesRepo.acesOf(tx, id) : [];
      const group = groupId
        ? {
            id: groupId,
            members: await siblingsRepo.membersOf(tx, groupId),
            group: await siblingsRepo.getGroup(tx, groupId),
            relationships: await siblingsRepo.relationshipsOf(tx, groupId),
          }
        : null;
      await recordAudit(tx, ctx, { action: 'children.view', resourceType: 'child', resourceId: id });
      return {
        child,
        summary: summarise(child, groupId, on, config),
        thresholds: thresholdsOf(config),
        needs,
        priority,
        aces: mayViewAces ? { entries: aces, counts: countAces(aces) } : null,
        siblingGroup: group,
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
      const updated = await repo.updateChild(tx, id, version, {
        outcome: input.outcome,
        outcomeReason: input.reason,
        outcomeDate: input.outcomeDate,
        status: input.outcome === 'placed_for_adoption' ? 'placed' : 'closed',
      });
      if (!updated) throw new ConflictError('errors.conflict.body', child.version);
      await addEvent(tx, {
        childId: id,
        organisationId: child.organisationId,
        actorId: userId(ctx),
        event: `outcome.${input.outcome}`,
        version: updated.version,
      });
      await recordAudit(tx, ctx, { action: 'children.edit', resourceType: 'child', resourceId: id, detail: { outcome: input.outcome } });
      return updated;
    });
  }

  return { listChildren, pageChildren, getChild, updateChild, recordOutcome };
}

import type { RequestContext } from '../../platform/policy/actor.ts';
import { authorize } from '../../platform/policy/policy.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import type { ChildListFilters } from './inputs.ts';
import type { ChildrenService } from './service.ts';

/** A download stops here: far more than any agency's caseload, small enough for one response. */
export const EXPORT_LIMIT = 10_000;
const PAGE = 200;
/** Every filter is named in the audit row, chosen or not, so rows compare at a glance. */
const FILTERS = ['priorityReason', 'ageBand', 'waiting', 'region', 'need', 'outcome', 'sort'] as const;

/**
 * The children list of the current filters, every page, for a CSV download. Downloads leave the
 * platform's protection, so they are a separate action (children.export) with their own audit
 * row naming the filter and the number of rows (never the rows themselves).
 */
export function createChildrenExport(runner: UseCaseRunner, children: ChildrenService) {
  async function exportChildren(ctx: RequestContext, filters: Omit<ChildListFilters, 'limit'>) {
    // Asked inside a use case so that a refusal is audited like any other.
    await runner.run(ctx, () => Promise.resolve(authorize(ctx.actor, 'children.export')));
    const rows: Awaited<ReturnType<ChildrenService['listChildren']>>['items'] = [];
    let after: { value: string | null; id: string } | undefined;
    let thresholds: Awaited<ReturnType<ChildrenService['listChildren']>>['thresholds'];
    do {
      const page = await children.listChildren(ctx, { ...filters, limit: PAGE }, after);
      rows.push(...page.items);
      thresholds = page.thresholds;
      after = page.next;
    } while (after && rows.length < EXPORT_LIMIT);
    const detail: Record<string, string | number | null> = { rows: rows.length };
    for (const name of FILTERS) detail[name] = filters[name] === undefined ? null : String(filters[name]);
    await runner.recordStandalone(ctx, { action: 'children.export', resourceType: 'child', detail });
    // The thresholds the rows were classified with, so the download words them the same way.
    return { rows: rows.slice(0, EXPORT_LIMIT), thresholds };
  }
  return { exportChildren };
}

export type ChildrenExport = ReturnType<typeof createChildrenExport>;

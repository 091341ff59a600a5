import { recordAudit } from '../../platform/audit/audit.ts';
import { type RequestContext } from '../../platform/policy/actor.ts';
import { authorize, can, listScope } from '../../platform/policy/policy.ts';
import { addDays } from '../../platform/dates/dates.ts';
import * as repo from './repository.ts';
import { assessmentWorkOf } from './work-reads.ts';
import { STAGES_WITH_TIMESCALES } from './service-context.ts';
import type { RecruitmentContext } from './service-context.ts';

/** Timescales: who is due or overdue at each stage, for the worker and the service manager. */
export function createTimescaleUseCases(context: RecruitmentContext) {
  const { run, userId, dueOf, today } = context;

  /**
   * Timescales at a glance for the manager: households in a timed stage, overdue and due soon,
   * per worker. Workers see the same for the households allocated to them (home page).
   */
  async function timescalesOverview(ctx: RequestContext, mineOnly = false) {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'recruitment.overview');
      const scope = listScope(ctx.actor, 'recruitment.overview');
      const rows = await repo.listHouseholds(tx, {
        organisationId: scope.kind === 'organisation' ? scope.organisationId : undefined,
        stages: STAGES_WITH_TIMESCALES,
        socialWorkerId: mineOnly ? (userId(ctx) ?? undefined) : undefined,
        limit: 5000,
      });
      const items = rows
        .map((row) => ({
          id: row.household.id,
          reference: row.household.reference,
          stage: row.household.stage,
          applicantNames: row.applicantNames,
          socialWorkerName: row.socialWorkerName,
          due: dueOf(row.household)!,
        }))
        .filter((item) => item.due)
        .sort((a, b) => a.due.daysLeft - b.due.daysLeft);
      const byWorker = new Map<string, { worker: string | null; inTimedStage: number; overdue: number; dueSoon: number }>();
      for (const item of items) {
        const key = item.socialWorkerName ?? '';
        const entry = byWorker.get(key) ?? { worker: item.socialWorkerName, inTimedStage: 0, overdue: 0, dueSoon: 0 };
        entry.inTimedStage += 1;
        if (item.due.level === 'overdue') entry.overdue += 1;
        if (item.due.level === 'due_soon') entry.dueSoon += 1;
        byWorker.set(key, entry);
      }
      await recordAudit(tx, ctx, { action: 'recruitment.overview', resourceType: 'household', detail: { count: items.length, mineOnly } });
      return { items, byWorker: [...byWorker.values()].sort((a, b) => b.overdue - a.overdue || (a.worker ?? '').localeCompare(b.worker ?? '')) };
    });
  }
  /** The worker's home-page panel: their households overdue or due soon (managers: everyone's). */
  async function needingAttention(ctx: RequestContext) {
    if (ctx.actor.kind !== 'user' || !can(ctx.actor, 'recruitment.overview')) return undefined;
    const manager = ctx.actor.roles.includes('service_manager');
    const overview = await timescalesOverview(ctx, !manager);
    return overview.items.filter((item) => item.due.level !== 'ok').slice(0, 10);
  }

  /**
   * The assessing worker's checks awaited and home study visits booked in the next `daysAhead` days,
   * for the households allocated to them; undefined for anyone who assesses no household.
   */
  async function assessmentWork(ctx: RequestContext, daysAhead: number) {
    const me = userId(ctx);
    if (!me || ctx.actor.kind !== 'user' || !can(ctx.actor, 'recruitment.overview') || !can(ctx.actor, 'households.view')) return undefined;
    return run(ctx, async (tx) => {
      const from = today();
      const found = await assessmentWorkOf(tx, me, from, addDays(from, daysAhead));
      await recordAudit(tx, ctx, {
        action: 'households.view',
        resourceType: 'household',
        detail: { checksAwaited: found.checksRequested.length, visits: found.visits.length },
      });
      return found;
    });
  }

  return { timescalesOverview, needingAttention, assessmentWork };
}

import { recordAudit } from '../../platform/audit/audit.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { authorize, can } from '../../platform/policy/policy.ts';
import { dateInWales } from '../../platform/dates/dates.ts';
import { householdResource, type SupportDeps } from './access.ts';
import { hoursDelivered } from './hours.ts';
import * as plans from './plans-repository.ts';
import * as repo from './repository.ts';
import * as requests from './requests-repository.ts';
import { reviewState, type ReviewState } from './rules.ts';
import * as sessions from './sessions-repository.ts';
import { daysWaiting } from './waiting.ts';

/** What a household's page shows of its support: plans and their reviews, open requests, sessions and hours. */
export type HouseholdSupport = {
  householdId: string;
  plans: { id: string; matchId: string; agreedDate: string; nextReviewDate: string | null; review: ReviewState }[];
  openRequests: { id: string; status: 'waiting' | 'allocated'; daysWaiting: number; need: string }[];
  nextSession: { id: string; startsAt: Date; durationMinutes: number; kind: string } | null;
  delivered: { sessions: number; minutes: number };
};

export function createHouseholdSupportUseCases(deps: SupportDeps) {
  const { run, clock, config } = deps;

  /**
   * The support part of a household's page. Null for someone who does not see support (the page
   * simply leaves the part out); the read is audited as a read of the household.
   */
  async function householdSupport(ctx: RequestContext, householdId: string): Promise<HouseholdSupport | null> {
    if (!can(ctx.actor, 'support.view')) return null;
    return run(ctx, async (tx) => {
      const household = await repo.getHousehold(tx, householdId);
      if (!household) throw new NotFoundError();
      authorize(ctx.actor, 'support.view', householdResource(household));
      const now = clock();
      const today = dateInWales(now);
      const planRows = await plans.plansOfHousehold(tx, householdId);
      const open = (await requests.requestsOfHousehold(tx, householdId)).filter((r) => r.status !== 'closed');
      const upcoming = await sessions.listSessions(tx, household.organisationId, { householdId, status: 'planned', from: now, limit: 1 });
      const delivered = hoursDelivered(await sessions.deliveredSessions(tx, household.organisationId, { householdId }));
      await recordAudit(tx, ctx, {
        action: 'support.view',
        resourceType: 'household',
        resourceId: householdId,
        detail: { part: 'support', plans: planRows.length, openRequests: open.length },
      });
      return {
        householdId,
        plans: planRows.map((p) => ({
          id: p.id,
          matchId: p.matchId,
          agreedDate: p.agreedDate,
          nextReviewDate: p.nextReviewDate,
          review: reviewState(p.nextReviewDate, today, config.reviewDueSoonDays),
        })),
        openRequests: open.map((r) => ({ id: r.id, status: r.status as 'waiting' | 'allocated', daysWaiting: daysWaiting(r, now), need: r.need })),
        nextSession: upcoming[0]
          ? { id: upcoming[0].id, startsAt: upcoming[0].startsAt, durationMinutes: upcoming[0].durationMinutes, kind: upcoming[0].kind }
          : null,
        delivered: { sessions: delivered.sessions, minutes: delivered.minutes },
      };
    });
  }

  return { householdSupport };
}

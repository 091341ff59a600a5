import { recordAudit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/pool.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { authorize, can } from '../../platform/policy/policy.ts';
import { auditedRead, chosenHousehold, chosenWorker, organisationOf, type SupportDeps } from './access.ts';
import { SupportRefusal } from './errors.ts';
import type { RequestInput } from './inputs.ts';
import * as repo from './repository.ts';
import * as requests from './requests-repository.ts';
import { daysWaiting, monthlyWaits, orderWaitingList, waitingLevel, waitingSummary } from './waiting.ts';
import { notify } from '../notifications/index.ts';
import { pageWindow } from '../../platform/views/list-page.ts';
import { adopterRecords } from '../recruitment/index.ts';

/** One of a family's own requests as their portal shows it: no internal reasons, only the worker's name. */
export type FamilyRequest = {
  id: string;
  need: string;
  status: requests.RequestStatus;
  requestedAt: Date;
  allocatedAt: Date | null;
  allocatedToName: string | null;
  closedAt: Date | null;
};

/**
 * Families ask for adoption support from approval on (linked, matched, placed, and after the order);
 * before that, their social worker and preparation training are their support.
 */
export function familyMayAsk(stage: string): boolean {
  return (repo.SUPPORTED_HOUSEHOLD_STAGES as readonly string[]).includes(stage);
}

/** Requests for support from families (their portal) and workers; the waiting list; allocation. */
export function createRequestUseCases(deps: SupportDeps) {
  const { run, clock, config } = deps;
  async function loadRequest(tx: Tx, ctx: RequestContext, id: string, action: 'support.view' | 'supportRequests.manage') {
    const found = await requests.getRequest(tx, id);
    if (!found) throw new NotFoundError();
    const allocated = [found.householdSocialWorkerId, found.request.allocatedTo].filter((v): v is string => Boolean(v));
    authorize(ctx.actor, action, { type: 'support_request', id, organisationId: found.request.organisationId, allocatedUserIds: allocated });
    return found;
  }

  function withWait<T extends requests.RequestRow>(request: T) {
    const days = daysWaiting(request, clock());
    return { ...request, daysWaiting: days, waitingLevel: request.status === 'waiting' ? waitingLevel(days, config) : null };
  }

  /**
   * A worker asks for support for a family they may see. An adopter asking through the same door is
   * a family asking for their own household (any other household is refused beside the field).
   */
  async function createRequest(ctx: RequestContext, input: RequestInput) {
    if (!can(ctx.actor, 'support.view')) {
      const own = await run(ctx, async (tx) => (ctx.actor.kind === 'user' ? await repo.householdOfAdopter(tx, ctx.actor.userId) : undefined));
      if (!own || own.id !== input.householdId) throw new ValidationError([{ field: 'householdId', key: 'support:errors.householdId.unknown' }]);
      const { request } = await requestSupportAsFamily(ctx, input.need);
      return run(ctx, async (tx) => withWait((await requests.getRequest(tx, request.id))!.request));
    }
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'supportRequests.create');
      const household = await chosenHousehold(tx, ctx, input.householdId, 'supportRequests.create');
      const row = await requests.insertRequest(tx, {
        organisationId: household.organisationId,
        householdId: household.id,
        source: 'worker',
        requestedBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
        need: input.need,
        requestedAt: clock(),
      });
      await recordAudit(tx, ctx, {
        action: 'supportRequests.create',
        resourceType: 'support_request',
        resourceId: row.id,
        detail: { household: household.id, source: 'worker' },
      });
      return withWait(row);
    });
  }

  /**
   * A family asks for support from their portal, for their own household. The same words sent again
   * while the first is still waiting (a double click, a reload) are the same request, not a second.
   */
  async function requestSupportAsFamily(ctx: RequestContext, need: string): Promise<{ request: FamilyRequest; created: boolean }> {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'supportRequests.create');
      if (ctx.actor.kind !== 'user') throw new NotFoundError();
      const household = await repo.householdOfAdopter(tx, ctx.actor.userId);
      if (!household || !household.adopterUserIds.includes(ctx.actor.userId)) throw new NotFoundError();
      authorize(ctx.actor, 'supportRequests.create', { type: 'household', id: household.id, organisationId: null, subjectUserId: ctx.actor.userId });
      if (!familyMayAsk(household.stage)) throw new SupportRefusal('support:errors.family.notYet', {}, 'need');
      await requests.lockHouseholdRequests(tx, household.id);
      const same = (await requests.requestsOfHousehold(tx, household.id)).find((r) => r.status === 'waiting' && r.need === need);
      if (same) {
        await recordAudit(tx, ctx, {
          action: 'supportRequests.create',
          resourceType: 'support_request',
          resourceId: same.id,
          detail: { household: household.id, source: 'family', repeated: true },
        });
        return { request: toFamily(same, new Map()), created: false };
      }
      const row = await requests.insertRequest(tx, {
        organisationId: household.organisationId,
        householdId: household.id,
        source: 'family',
        requestedBy: ctx.actor.userId,
        need,
        requestedAt: clock(),
      });
      await recordAudit(tx, ctx, {
        action: 'supportRequests.create',
        resourceType: 'support_request',
        resourceId: row.id,
        detail: { household: household.id, source: 'family' },
      });
      return { request: toFamily(row, new Map()), created: true };
    });
  }

  function toFamily(r: requests.RequestRow, names: Map<string, string>): FamilyRequest {
    return {
      id: r.id,
      need: r.need,
      status: r.status,
      requestedAt: r.requestedAt,
      allocatedAt: r.allocatedAt,
      allocatedToName: r.allocatedTo ? (names.get(r.allocatedTo) ?? null) : null,
      closedAt: r.closedAt,
    };
  }

  /**
   * The signed-in adopter's own requests, newest first, and whether they may ask (from approval on);
   * null when they have no household.
   */
  async function myRequests(ctx: RequestContext): Promise<{ householdId: string; mayAsk: boolean; requests: FamilyRequest[] } | null> {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'portal.view');
      if (ctx.actor.kind !== 'user') throw new NotFoundError();
      const household = await repo.householdOfAdopter(tx, ctx.actor.userId);
      if (!household || !household.adopterUserIds.includes(ctx.actor.userId)) return null;
      authorize(ctx.actor, 'portal.view', { type: 'household', id: household.id, organisationId: null, subjectUserId: ctx.actor.userId });
      const rows = await requests.requestsOfHousehold(tx, household.id);
      const names = await repo.userNames(
        tx,
        rows.map((r) => r.allocatedTo),
      );
      await recordAudit(tx, ctx, {
        action: 'portal.view',
        resourceType: 'household',
        resourceId: household.id,
        detail: { part: 'support-requests', rows: rows.length },
      });
      return { householdId: household.id, mayAsk: familyMayAsk(household.stage), requests: rows.map((r) => toFamily(r, names)) };
    });
  }

  /**
   * The list of one status. Waiting: the longest wait first, with days waiting and how long that is,
   * and a summary (how many wait, longest, median, how many too long).
   */
  async function listRequests(ctx: RequestContext, status: requests.RequestStatus) {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'support.view');
      const rows = await requests.listRequests(tx, organisationOf(ctx), status);
      const names = await repo.userNames(
        tx,
        rows.flatMap((r) => [r.request.allocatedTo, r.request.requestedBy]),
      );
      const now = clock();
      const ordered =
        status === 'waiting'
          ? orderWaitingList(
              rows.map((r) => ({ ...r.request, householdReference: r.householdReference })),
              now,
            )
          : rows.map((r) => ({ ...r.request, householdReference: r.householdReference }));
      await recordAudit(tx, ctx, { action: 'support.view', resourceType: 'support_request', detail: { list: status, rows: rows.length } });
      return {
        summary: status === 'waiting' ? waitingSummary(ordered, now, config) : null,
        items: ordered.map((r) => ({
          ...withWait(r),
          allocatedToName: r.allocatedTo ? (names.get(r.allocatedTo) ?? null) : null,
          requestedByName: r.requestedBy ? (names.get(r.requestedBy) ?? null) : null,
        })),
      };
    });
  }

  /**
   * One page of the requests of one status, sorted by a heading (waiting: the longest wait first
   * unless another order is asked for), with how many there are and, for the waiting list, its
   * summary over every waiting family.
   */
  async function pageRequests(
    ctx: RequestContext,
    filter: { status: requests.RequestStatus; source?: requests.RequestSource },
    list: { page: number; limit: number; sort: requests.RequestListSort; dir: 'asc' | 'desc' },
  ) {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'support.view');
      const organisationId = organisationOf(ctx);
      const found = await requests.pageRequests(tx, organisationId, filter, { sort: list.sort, dir: list.dir, ...pageWindow(list) });
      const names = await repo.userNames(
        tx,
        found.rows.flatMap((r) => [r.request.allocatedTo, r.request.requestedBy]),
      );
      const summary = filter.status === 'waiting' ? waitingSummary(await requests.waitingFacts(tx, organisationId), clock(), config) : null;
      await recordAudit(tx, ctx, {
        action: 'support.view',
        resourceType: 'support_request',
        detail: { list: filter.status, rows: found.rows.length, page: list.page },
      });
      return {
        summary,
        total: found.total,
        items: found.rows.map((r) => ({
          ...withWait({ ...r.request, householdReference: r.householdReference }),
          allocatedToName: r.request.allocatedTo ? (names.get(r.request.allocatedTo) ?? null) : null,
          requestedByName: r.request.requestedBy ? (names.get(r.request.requestedBy) ?? null) : null,
        })),
      };
    });
  }

  /** Waiting times month by month over the last year (counts and days only, no family): see `monthlyWaits`. */
  async function waitingTrend(ctx: RequestContext, months = 12) {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'support.view');
      const now = clock();
      // A month's margin before the first month: a request allocated then still counts as waiting at no month's end.
      const since = new Date(now.getTime() - (months + 1) * 31 * 86_400_000);
      const rows = await requests.waitingFactsSince(tx, organisationOf(ctx), since);
      await recordAudit(tx, ctx, { action: 'support.view', resourceType: 'support_request', detail: { list: 'waiting_trend', rows: rows.length } });
      return monthlyWaits(rows, now, months);
    });
  }

  /** One request, with the family, who asked, who has it and the days waited. Audited. */
  async function getRequest(ctx: RequestContext, id: string) {
    return auditedRead(deps, ctx, { action: 'support.view', resourceType: 'support_request', resourceId: id }, () => readRequest(ctx, id));
  }

  async function readRequest(ctx: RequestContext, id: string) {
    return run(ctx, async (tx) => {
      const found = await loadRequest(tx, ctx, id, 'support.view');
      const names = await repo.userNames(tx, [found.request.allocatedTo, found.request.requestedBy]);
      await recordAudit(tx, ctx, { action: 'support.view', resourceType: 'support_request', resourceId: id, detail: { household: found.request.householdId } });
      const r = found.request;
      return {
        ...withWait(r),
        householdReference: found.householdReference,
        allocatedToName: r.allocatedTo ? (names.get(r.allocatedTo) ?? null) : null,
        requestedByName: r.requestedBy ? (names.get(r.requestedBy) ?? null) : null,
      };
    });
  }

  /** The workers a request may be allocated to. */
  async function allocationOptions(ctx: RequestContext) {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'supportRequests.manage');
      return { workers: await repo.supportWorkers(tx, organisationOf(ctx)) };
    });
  }

  /**
   * Allocates a request to a worker (or to another worker). Days waiting stop at the first
   * allocation. A closed request stays closed.
   */
  async function allocateRequest(ctx: RequestContext, id: string, workerId: string, version: number) {
    return run(ctx, async (tx) => {
      const { request } = await loadRequest(tx, ctx, id, 'supportRequests.manage');
      if (request.status === 'closed') throw new SupportRefusal('support:errors.request.closed', {}, 'allocatedTo');
      await chosenWorker(tx, request.organisationId, workerId, 'allocatedTo');
      const updated = await requests.updateRequest(tx, id, version, {
        status: 'allocated',
        allocatedTo: workerId,
        allocatedAt: request.allocatedAt ?? clock(),
      });
      if (!updated) throw new ConflictError('errors.conflict.body', request.version);
      await recordAudit(tx, ctx, {
        action: 'supportRequests.manage',
        resourceType: 'support_request',
        resourceId: id,
        detail: { change: request.status === 'allocated' ? 'reallocated' : 'allocated', worker: workerId, daysWaiting: daysWaiting(updated, clock()) },
      });
      // The family hears that someone has its request (once: a reallocation between workers is the agency's business).
      if (request.status !== 'allocated') {
        for (const applicant of await adopterRecords.applicantsOfHousehold(tx, request.householdId)) {
          if (!applicant.email) continue;
          await notify(tx, {
            event: 'supportRequestAllocated',
            organisationId: request.organisationId,
            recipient: { email: applicant.email, language: applicant.preferredLanguage, userId: applicant.userId },
            data: { name: applicant.givenNames },
            references: { householdId: request.householdId, supportRequestId: id },
          });
        }
      }
      return withWait(updated);
    });
  }

  /** Closes a request with a reason (met, withdrawn, referred elsewhere). */
  async function closeRequest(ctx: RequestContext, id: string, reason: string, version: number) {
    return run(ctx, async (tx) => {
      const { request } = await loadRequest(tx, ctx, id, 'supportRequests.manage');
      if (request.status === 'closed') throw new SupportRefusal('support:errors.request.closed', {}, 'closeReason');
      const updated = await requests.updateRequest(tx, id, version, { status: 'closed', closedAt: clock(), closeReason: reason });
      if (!updated) throw new ConflictError('errors.conflict.body', request.version);
      await recordAudit(tx, ctx, {
        action: 'supportRequests.manage',
        resourceType: 'support_request',
        resourceId: id,
        detail: { change: 'closed', from: request.status },
      });
      return withWait(updated);
    });
  }

  return {
    createRequest,
    requestSupportAsFamily,
    myRequests,
    listRequests,
    pageRequests,
    waitingTrend,
    getRequest,
    allocationOptions,
    allocateRequest,
    closeRequest,
  };
}

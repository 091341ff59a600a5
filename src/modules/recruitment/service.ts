import { pageWindow } from '../../platform/views/list-page.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/pool.ts';
import { pageOf, type PageKey } from '../../platform/db/keyset.ts';
import { DomainError, NotFoundError, PreconditionFailedError, ValidationError } from '../../platform/http/errors.ts';
import { type RequestContext } from '../../platform/policy/actor.ts';
import { authorize, listScope } from '../../platform/policy/policy.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import { missingChecks } from './checks.ts';
import type { HouseholdInput, HouseholdListQuery, HouseholdPatch, TransitionInput } from './inputs.ts';
import * as repo from './repository.ts';
import { availableMoves, transition as decideTransition, type Refusal } from './stages.ts';
import { createAssessmentUseCases } from './assessment-service.ts';
import { createEnquiryUseCases } from './enquiry-service.ts';
import { tellApplicants } from './notices.ts';
import {
  createRecruitmentContext,
  DEFAULT_RECRUITMENT_CONFIG,
  OPEN_STAGES,
  STAGES_WITH_TIMESCALES,
  type CampaignDirectory,
  type RecruitmentConfig,
} from './service-context.ts';
import { createTimescaleUseCases } from './timescales-service.ts';

export { DEFAULT_RECRUITMENT_CONFIG, type RecruitmentConfig } from './service-context.ts';

/** A stage change the state machine refused: 409 when the stage cannot follow, 422 when something must be done first. */
export class TransitionRefusedError extends DomainError {
  constructor(readonly refusal: Refusal) {
    super(
      refusal.code === 'not-allowed' ? 409 : 422,
      `recruitment:refusals.${refusal.code}`,
      refusal.code === 'checks-incomplete' ? { count: refusal.missing.length } : {},
    );
    this.titleKey = 'recruitment:refusals.title';
  }
}

/**
 * Specialised recruitment: households from enquiry to approval and beyond. Households and their
 * stages live here; the enquiry form, the assessment's checks and visits, and timescales have
 * files of their own.
 */
export function createRecruitmentService(
  runner: UseCaseRunner,
  campaigns: CampaignDirectory,
  config: RecruitmentConfig = DEFAULT_RECRUITMENT_CONFIG,
  clock: () => Date = () => new Date(),
) {
  const context = createRecruitmentContext(runner, campaigns, config, clock);
  const { run, today, loadHousehold, userId, dueOf } = context;

  /** A household a worker records themself (a telephone enquiry, a transfer from another agency). */
  async function createHousehold(ctx: RequestContext, input: HouseholdInput) {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'households.create');
      if (ctx.actor.kind !== 'user') throw new NotFoundError();
      const organisationId = ctx.actor.organisationId;
      const date = today();
      await assertWorker(tx, organisationId, input.socialWorkerId);
      const household = await repo.insertHousehold(tx, {
        organisationId,
        reference: await repo.nextReference(tx, date.slice(0, 4)),
        stage: 'enquiry',
        stageSince: date,
        enquiryDate: date,
        email: input.email,
        phone: input.phone,
        preferredLanguage: input.preferredLanguage,
        addressLine1: input.addressLine1,
        addressLine2: input.addressLine2,
        town: input.town,
        postcode: input.postcode,
        localAuthorityArea: input.localAuthorityArea,
        ethnicity: input.ethnicity,
        religion: input.religion,
        languages: input.languages,
        pets: input.pets,
        supportNetwork: input.supportNetwork,
        supportNetworkRating: input.supportNetworkRating,
        experienceOfChildren: input.experienceOfChildren,
        healthDeclaration: input.healthDeclaration,
        socialWorkerId: input.socialWorkerId,
        campaignId: input.campaignId,
        channel: input.channel,
      });
      for (const applicant of input.applicants) await repo.insertApplicant(tx, { ...applicant, householdId: household.id, organisationId });
      await repo.replaceMembers(tx, household.id, organisationId, input.members);
      await repo.insertStageEvent(tx, {
        householdId: household.id,
        organisationId,
        fromStage: null,
        toStage: 'enquiry',
        effectiveDate: date,
        actorId: ctx.actor.userId,
      });
      await recordAudit(tx, ctx, {
        action: 'households.create',
        resourceType: 'household',
        resourceId: household.id,
        detail: { applicants: input.applicants.length },
      });
      return household;
    });
  }
  async function assertWorker(tx: Tx, organisationId: string, workerId: string | null | undefined) {
    if (!workerId) return;
    const workers = await repo.adoptionWorkers(tx, organisationId);
    if (!workers.some((w) => w.id === workerId)) throw new ValidationError([{ field: 'socialWorkerId', key: 'recruitment:errors.socialWorker.unknown' }]);
  }
  /** Households the person may see, with the due date of their current stage. */
  function listItem(row: Omit<Awaited<ReturnType<typeof repo.listHouseholds>>[number], 'sortValue'>) {
    return { ...row.household, socialWorkerName: row.socialWorkerName, applicantNames: row.applicantNames, due: dueOf(row.household) ?? null };
  }
  /** A page of households, oldest in their stage first; overdue and due soon read on until the page is full. */
  async function listHouseholds(ctx: RequestContext, query: HouseholdListQuery & { cursor?: PageKey }) {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'households.list');
      const scope = listScope(ctx.actor, 'households.list');
      const timed = query.view === 'overdue' || query.view === 'due_soon';
      const filter = {
        organisationId: scope.kind === 'organisation' ? scope.organisationId : undefined,
        // Closed households (withdrawn, not approved) are found by choosing their stage, not listed by default.
        stages: timed
          ? query.stage
            ? [query.stage].filter((s) => STAGES_WITH_TIMESCALES.includes(s))
            : STAGES_WITH_TIMESCALES
          : query.stage
            ? [query.stage]
            : OPEN_STAGES,
        socialWorkerId: query.view === 'mine' ? (userId(ctx) ?? undefined) : undefined,
        q: query.q,
      };
      // Overdue and due soon are worked out per household: read on in batches until the page is full.
      type Item = ReturnType<typeof listItem> & { key: PageKey };
      const found: Item[] = [];
      let after = query.cursor;
      for (;;) {
        const batch = timed ? 500 : query.limit + 1;
        const rows = await repo.listHouseholds(tx, { ...filter, limit: batch, after });
        for (const row of rows) {
          const item = { ...listItem(row), key: { value: row.sortValue, id: row.household.id } };
          if (!timed || (query.view === 'overdue' ? item.due?.level === 'overdue' : item.due?.level === 'due_soon')) found.push(item);
        }
        const last = rows[rows.length - 1];
        if (found.length > query.limit || rows.length < batch || !last) break;
        after = { value: last.sortValue, id: last.household.id };
      }
      const page = pageOf(
        found,
        query.limit,
        (item) => item.key,
        ({ key: _k, ...item }) => item,
      );
      await recordAudit(tx, ctx, {
        action: 'households.list',
        resourceType: 'household',
        detail: { count: page.items.length, view: query.view, stage: query.stage ?? null },
      });
      return page;
    });
  }
  /**
   * One numbered page of households, sorted by a heading, with how many match. All and mine page
   * in SQL; overdue and due soon are worked out per household from its stage's timescale, so those
   * two views read the organisation's households in the stages with timescales and page in memory.
   */
  async function pageHouseholds(
    ctx: RequestContext,
    query: Omit<HouseholdListQuery, 'limit'>,
    list: { page: number; limit: number; sort: repo.HouseholdListSort; dir: 'asc' | 'desc' },
  ) {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'households.list');
      const scope = listScope(ctx.actor, 'households.list');
      const timed = query.view === 'overdue' || query.view === 'due_soon';
      const filter = {
        organisationId: scope.kind === 'organisation' ? scope.organisationId : undefined,
        // Closed households (withdrawn, not approved) are found by choosing their stage, not listed by default.
        stages: timed
          ? query.stage
            ? [query.stage].filter((s) => STAGES_WITH_TIMESCALES.includes(s))
            : STAGES_WITH_TIMESCALES
          : query.stage
            ? [query.stage]
            : OPEN_STAGES,
        socialWorkerId: query.view === 'mine' ? (userId(ctx) ?? undefined) : undefined,
        q: query.q,
      };
      const order = { sort: list.sort, dir: list.dir };
      let items: ReturnType<typeof listItem>[];
      let total: number;
      if (timed) {
        const wanted = query.view === 'overdue' ? 'overdue' : 'due_soon';
        const due = (await repo.pageHouseholds(tx, filter, order)).rows.map(listItem).filter((item) => item.due?.level === wanted);
        total = due.length;
        items = due.slice((list.page - 1) * list.limit, list.page * list.limit);
      } else {
        const found = await repo.pageHouseholds(tx, filter, { ...order, ...pageWindow(list) });
        items = found.rows.map(listItem);
        total = found.total;
      }
      await recordAudit(tx, ctx, {
        action: 'households.list',
        resourceType: 'household',
        detail: { count: items.length, view: query.view, stage: query.stage ?? null, page: list.page },
      });
      return { items, total };
    });
  }
  /** Everything on a household's page. */
  async function getHousehold(ctx: RequestContext, id: string) {
    return run(ctx, async (tx) => {
      const household = await loadHousehold(tx, ctx, id, 'households.view');
      // One statement at a time: a connection runs one query at once (node-postgres 9 refuses more).
      const applicants = await repo.applicantsOf(tx, id);
      const members = await repo.membersOf(tx, id);
      const checks = await repo.checksOf(tx, id);
      const visits = await repo.visitsOf(tx, id);
      const events = await repo.stageEventsOf(tx, id);
      const profiles = await repo.profilesOf(tx, id);
      const enquiries = await repo.enquiriesOf(tx, id);
      const campaign = household.campaignId ? await campaigns.campaignName(tx, household.campaignId) : undefined;
      const workers = household.socialWorkerId ? await repo.adoptionWorkers(tx, household.organisationId) : [];
      await recordAudit(tx, ctx, { action: 'households.view', resourceType: 'household', resourceId: id });
      return {
        household,
        applicants,
        members,
        checks,
        missingChecks: missingChecks(
          applicants.map((a) => a.id),
          checks,
          config.checks,
        ),
        visits,
        events,
        currentProfile: profiles.find((p) => p.isCurrent) ?? null,
        profiles,
        enquiries,
        campaign: campaign ?? null,
        socialWorkerName: workers.find((w) => w.id === household.socialWorkerId)?.name ?? null,
        due: dueOf(household) ?? null,
        moves: availableMoves(household),
      };
    });
  }
  /** A change to the household's own details, its applicants or its members (version-checked). */
  async function updateHousehold(ctx: RequestContext, id: string, patch: HouseholdPatch, version: number) {
    return run(ctx, async (tx) => {
      const household = await loadHousehold(tx, ctx, id, 'households.edit');
      if (household.version !== version) throw new PreconditionFailedError(household.version);
      const { applicants: applicantPatch, members, version: _version, ...columns } = patch;
      if (columns.socialWorkerId !== undefined) await assertWorker(tx, household.organisationId, columns.socialWorkerId);
      if (applicantPatch) {
        const existing = await repo.applicantsOf(tx, id);
        const kept = new Set(applicantPatch.map((a) => a.id).filter(Boolean));
        for (const gone of existing.filter((a) => !kept.has(a.id))) {
          // Someone with a portal account stays: their access would silently vanish otherwise.
          if (gone.userId) throw new ValidationError([{ field: 'applicants', key: 'recruitment:errors.applicants.hasAccount' }]);
          await repo.deleteApplicant(tx, gone.id, id);
        }
        for (const { id: applicantId, ...values } of applicantPatch) {
          if (applicantId && existing.some((a) => a.id === applicantId)) await repo.updateApplicant(tx, applicantId, id, values);
          else if (applicantId) throw new ValidationError([{ field: 'applicants', key: 'recruitment:errors.applicants.unknown' }]);
          else await repo.insertApplicant(tx, { ...values, householdId: id, organisationId: household.organisationId });
        }
      }
      if (members) await repo.replaceMembers(tx, id, household.organisationId, members);
      const updated = await repo.updateHousehold(tx, id, version, columns);
      if (!updated) throw new PreconditionFailedError(household.version);
      await recordAudit(tx, ctx, {
        action: 'households.edit',
        resourceType: 'household',
        resourceId: id,
        detail: { fields: Object.keys(columns).length, applicants: Boolean(applicantPatch), members: Boolean(members) },
      });
      return updated;
    });
  }
  /** A stage change, decided by the state machine on the locked household and its checks. */
  async function moveStage(ctx: RequestContext, id: string, input: TransitionInput) {
    return run(ctx, async (tx) => {
      const household = await loadHousehold(tx, ctx, id, 'households.transition', true);
      if (input.version !== undefined && input.version !== household.version) throw new PreconditionFailedError(household.version);
      const applicants = await repo.applicantsOf(tx, id);
      const checks = await repo.checksOf(tx, id);
      const decision = decideTransition(
        household,
        input,
        missingChecks(
          applicants.map((a) => a.id),
          checks,
          config.checks,
        ),
        today(),
      );
      if (!decision.ok) throw new TransitionRefusedError(decision.refusal);
      const updated = await repo.updateHousehold(tx, id, household.version, decision.patch);
      if (!updated) throw new PreconditionFailedError(household.version);
      await repo.insertStageEvent(tx, {
        householdId: id,
        organisationId: household.organisationId,
        fromStage: decision.from,
        toStage: decision.to,
        effectiveDate: input.date,
        reason: input.reason,
        actorId: userId(ctx),
      });
      // The agency tells the applicants of its decisions in writing: the stage change always goes.
      await tellApplicants(tx, updated, 'stageChanged', { stage: decision.to });
      await recordAudit(tx, ctx, {
        action: 'households.transition',
        resourceType: 'household',
        resourceId: id,
        detail: { from: decision.from, to: decision.to },
      });
      return updated;
    });
  }
  /** Choices for the household forms: the organisation's adoption workers and campaigns. */
  async function formOptions(ctx: RequestContext) {
    return run(ctx, async (tx) => {
      if (ctx.actor.kind !== 'user') return { workers: [], campaigns: [] };
      return { workers: await repo.adoptionWorkers(tx, ctx.actor.organisationId), campaigns: await campaigns.campaignsOf(tx, ctx.actor.organisationId) };
    });
  }

  return {
    ...createEnquiryUseCases(context),
    createHousehold,
    listHouseholds,
    pageHouseholds,
    getHousehold,
    updateHousehold,
    moveStage,
    ...createAssessmentUseCases(context),
    formOptions,
    ...createTimescaleUseCases(context),
    config,
  };
}

export type RecruitmentService = ReturnType<typeof createRecruitmentService>;

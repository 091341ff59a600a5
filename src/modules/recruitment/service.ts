import { recordAudit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/pool.ts';
import { pageOf, type PageKey } from '../../platform/db/keyset.ts';
import { DomainError, NotFoundError, PreconditionFailedError, TooManyRequestsError, ValidationError } from '../../platform/http/errors.ts';
import { withinLimit, type Limit } from '../../platform/limits/limits.ts';
import { systemActor, type RequestContext } from '../../platform/policy/actor.ts';
import { authorize, can, listScope, type Resource } from '../../platform/policy/policy.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import { dateInWales, type IsoDate } from '../../platform/dates/dates.ts';
import { DEFAULT_CHECK_REQUIREMENTS, missingChecks, type CheckRequirements } from './checks.ts';
import type { CheckInput, ConsiderationInput, EnquiryInput, HouseholdInput, HouseholdListQuery, HouseholdPatch, TransitionInput } from './inputs.ts';
import * as repo from './repository.ts';
import { availableMoves, transition as decideTransition, type Refusal } from './stages.ts';
import { DEFAULT_TIMESCALES, dueFor, type Due, type Timescales } from './timescales.ts';
import { CLOSED_STAGES, STAGES, type Stage } from './vocabulary.ts';

export type RecruitmentConfig = { timescales: Timescales; checks: CheckRequirements; enquiryLimit: Limit };

export const DEFAULT_RECRUITMENT_CONFIG: RecruitmentConfig = {
  timescales: DEFAULT_TIMESCALES,
  checks: DEFAULT_CHECK_REQUIREMENTS,
  // A person enquires once or twice; more from one address within the hour is a script.
  enquiryLimit: { bucket: 'public-enquiry', max: 5, windowMinutes: 60 },
};

/** A stage change the state machine refused: 409 when the stage cannot follow, 422 when something must be done first. */
export class TransitionRefusedError extends DomainError {
  constructor(readonly refusal: Refusal) {
    super(refusal.code === 'not-allowed' ? 409 : 422, `recruitment:refusals.${refusal.code}`, refusal.code === 'checks-incomplete' ? { count: refusal.missing.length } : {});
    this.titleKey = 'recruitment:refusals.title';
  }
}

function householdResource(household: repo.HouseholdRow): Resource & { id: string } {
  return { type: 'household', id: household.id, organisationId: household.organisationId, allocatedUserIds: household.socialWorkerId ? [household.socialWorkerId] : [] };
}

const STAGES_WITH_TIMESCALES: readonly Stage[] = ['stage1', 'break', 'stage2'];
const OPEN_STAGES: readonly Stage[] = STAGES.filter((s) => !(CLOSED_STAGES as readonly Stage[]).includes(s));

export function createRecruitmentService(runner: UseCaseRunner, config: RecruitmentConfig = DEFAULT_RECRUITMENT_CONFIG, clock: () => Date = () => new Date()) {
  const { run } = runner;
  const today = () => dateInWales(clock());

  async function loadHousehold(tx: Tx, ctx: RequestContext, id: string, action: Parameters<typeof authorize>[1], forUpdate = false) {
    const household = forUpdate ? await repo.getHouseholdForUpdate(tx, id) : await repo.getHousehold(tx, id);
    if (!household) {
      authorize(ctx.actor, action); // a role that may never do this hears 403, not 404
      throw new NotFoundError();
    }
    authorize(ctx.actor, action, householdResource(household));
    return household;
  }

  function userId(ctx: RequestContext): string | null {
    return ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  }

  /**
   * The public enquiry form. The answer is the same whether or not the address is known, a bot
   * filled the honeypot, or a campaign code is unknown: nothing about the agency's records leaks.
   */
  async function submitEnquiry(ctx: RequestContext, input: EnquiryInput, address: string): Promise<{ received: true }> {
    authorize(ctx.actor, 'enquiries.submit');
    if (input.website && input.website.trim()) {
      await runner.recordStandalone(ctx, { action: 'enquiries.submit', resourceType: 'enquiry', outcome: 'denied', detail: { honeypot: true } });
      return { received: true };
    }
    // The form has no signed-in person: it writes as the platform, and the audit names the anonymous sender.
    await run({ ...ctx, actor: systemActor('public-enquiry') }, async (tx) => {
      if (!(await withinLimit(tx, config.enquiryLimit, address))) throw new TooManyRequestsError('recruitment:errors.enquiry.tooMany');
      const campaign = input.campaign ? await repo.campaignByCode(tx, input.campaign) : undefined;
      const organisationId = campaign?.organisationId ?? (await repo.firstAgency(tx))?.id;
      if (!organisationId) throw new NotFoundError();
      const date = today();
      const existing = await repo.openHouseholdByEmail(tx, organisationId, input.email);
      let householdId = existing?.id;
      if (!householdId) {
        const household = await repo.insertHousehold(tx, {
          organisationId,
          reference: await repo.nextReference(tx, date.slice(0, 4)),
          stage: 'enquiry',
          stageSince: date,
          enquiryDate: date,
          preferredLanguage: input.preferredLanguage,
          email: input.email,
          phone: input.phone,
          postcode: input.postcode,
          campaignId: campaign?.id ?? null,
          channel: input.channel,
          referrerCode: input.campaign,
        });
        householdId = household.id;
        await repo.insertApplicant(tx, { householdId, organisationId, givenNames: input.givenNames, familyName: input.familyName, email: input.email, phone: input.phone, preferredLanguage: input.preferredLanguage });
        await repo.insertStageEvent(tx, { householdId, organisationId, fromStage: null, toStage: 'enquiry', effectiveDate: date, reason: null, actorId: null });
      }
      await repo.insertEnquiry(tx, {
        organisationId,
        householdId,
        givenNames: input.givenNames,
        familyName: input.familyName,
        email: input.email,
        phone: input.phone,
        postcode: input.postcode,
        preferredLanguage: input.preferredLanguage,
        campaignId: campaign?.id ?? null,
        channel: input.channel,
        referrerCode: input.campaign,
        interests: input.interests,
        message: input.message,
        repeat: Boolean(existing),
      });
      await recordAudit(tx, ctx, { action: 'enquiries.submit', resourceType: 'household', resourceId: householdId, detail: { repeat: Boolean(existing), campaign: Boolean(campaign) } });
    });
    return { received: true };
  }

  /** What the enquiry form says about the campaign its link names (its name, in both languages). */
  async function campaignForLink(ctx: RequestContext, code: string) {
    return run({ ...ctx, actor: systemActor('public-enquiry') }, (tx) => repo.campaignByCode(tx, code));
  }

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
      await repo.insertStageEvent(tx, { householdId: household.id, organisationId, fromStage: null, toStage: 'enquiry', effectiveDate: date, actorId: ctx.actor.userId });
      await recordAudit(tx, ctx, { action: 'households.create', resourceType: 'household', resourceId: household.id, detail: { applicants: input.applicants.length } });
      return household;
    });
  }

  async function assertWorker(tx: Tx, organisationId: string, workerId: string | null | undefined) {
    if (!workerId) return;
    const workers = await repo.adoptionWorkers(tx, organisationId);
    if (!workers.some((w) => w.id === workerId)) throw new ValidationError([{ field: 'socialWorkerId', key: 'recruitment:errors.socialWorker.unknown' }]);
  }

  function dueOf(household: repo.HouseholdRow): Due | undefined {
    return dueFor(household, today(), config.timescales);
  }

  /** Households the person may see, with the due date of their current stage. */
  function listItem(row: Awaited<ReturnType<typeof repo.listHouseholds>>[number]) {
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
        stages: timed ? (query.stage ? [query.stage].filter((s) => STAGES_WITH_TIMESCALES.includes(s)) : STAGES_WITH_TIMESCALES) : query.stage ? [query.stage] : OPEN_STAGES,
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
      const page = pageOf(found, query.limit, (item) => item.key, ({ key: _k, ...item }) => item);
      await recordAudit(tx, ctx, { action: 'households.list', resourceType: 'household', detail: { count: page.items.length, view: query.view, stage: query.stage ?? null } });
      return page;
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
      const campaign = household.campaignId ? await repo.campaignName(tx, household.campaignId) : undefined;
      const workers = household.socialWorkerId ? await repo.adoptionWorkers(tx, household.organisationId) : [];
      await recordAudit(tx, ctx, { action: 'households.view', resourceType: 'household', resourceId: id });
      return {
        household,
        applicants,
        members,
        checks,
        missingChecks: missingChecks(applicants.map((a) => a.id), checks, config.checks),
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
      await recordAudit(tx, ctx, { action: 'households.edit', resourceType: 'household', resourceId: id, detail: { fields: Object.keys(columns).length, applicants: Boolean(applicantPatch), members: Boolean(members) } });
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
      const decision = decideTransition(household, input, missingChecks(applicants.map((a) => a.id), checks, config.checks), today());
      if (!decision.ok) throw new TransitionRefusedError(decision.refusal);
      const updated = await repo.updateHousehold(tx, id, household.version, decision.patch);
      if (!updated) throw new PreconditionFailedError(household.version);
      await repo.insertStageEvent(tx, { householdId: id, organisationId: household.organisationId, fromStage: decision.from, toStage: decision.to, effectiveDate: input.date, reason: input.reason, actorId: userId(ctx) });
      await recordAudit(tx, ctx, { action: 'households.transition', resourceType: 'household', resourceId: id, detail: { from: decision.from, to: decision.to } });
      return updated;
    });
  }

  async function addCheck(ctx: RequestContext, id: string, input: CheckInput) {
    return run(ctx, async (tx) => {
      const household = await loadHousehold(tx, ctx, id, 'households.edit');
      await assertApplicant(tx, id, input.applicantId);
      assertNotFuture(input);
      const { version: _version, ...values } = input;
      const check = await repo.insertCheck(tx, { ...values, householdId: id, organisationId: household.organisationId });
      await touch(tx, household);
      await recordAudit(tx, ctx, { action: 'households.edit', resourceType: 'household', resourceId: id, detail: { check: check.kind, added: true } });
      return check;
    });
  }

  async function updateCheck(ctx: RequestContext, id: string, checkId: string, input: CheckInput, version: number) {
    return run(ctx, async (tx) => {
      const household = await loadHousehold(tx, ctx, id, 'households.edit');
      const existing = await repo.getCheck(tx, id, checkId);
      if (!existing) throw new NotFoundError();
      if (existing.version !== version) throw new PreconditionFailedError(existing.version);
      await assertApplicant(tx, id, input.applicantId);
      assertNotFuture(input);
      const { version: _version, ...values } = input;
      const check = await repo.updateCheck(tx, checkId, version, values);
      if (!check) throw new PreconditionFailedError(existing.version);
      await touch(tx, household);
      await recordAudit(tx, ctx, { action: 'households.edit', resourceType: 'household', resourceId: id, detail: { check: check.kind, outcome: check.outcome } });
      return check;
    });
  }

  /** A change to a household's checks or visits is a change to the household: its version moves on. */
  async function touch(tx: Tx, household: repo.HouseholdRow) {
    await repo.updateHousehold(tx, household.id, household.version, {});
  }

  function assertNotFuture(input: { requestedDate?: IsoDate | null; receivedDate?: IsoDate | null }) {
    const now = today();
    const errors = (['requestedDate', 'receivedDate'] as const).filter((f) => input[f] && input[f] > now).map((field) => ({ field, key: 'recruitment:errors.date.future' }));
    if (errors.length) throw new ValidationError(errors);
  }

  async function assertApplicant(tx: Tx, householdId: string, applicantId: string | null) {
    if (!applicantId) return;
    const applicants = await repo.applicantsOf(tx, householdId);
    if (!applicants.some((a) => a.id === applicantId)) throw new ValidationError([{ field: 'applicantId', key: 'recruitment:errors.applicants.unknown' }]);
  }

  async function addVisit(ctx: RequestContext, id: string, input: { visitDate: IsoDate; focus: string | null }) {
    return run(ctx, async (tx) => {
      const household = await loadHousehold(tx, ctx, id, 'households.edit');
      if (input.visitDate > today()) throw new ValidationError([{ field: 'visitDate', key: 'recruitment:errors.date.future' }]);
      const visit = await repo.insertVisit(tx, { householdId: id, organisationId: household.organisationId, visitDate: input.visitDate, focus: input.focus, workerId: userId(ctx) });
      await touch(tx, household);
      await recordAudit(tx, ctx, { action: 'households.edit', resourceType: 'household', resourceId: id, detail: { visit: true } });
      return visit;
    });
  }

  /** A new version of what the family can consider. */
  async function recordProfile(ctx: RequestContext, id: string, input: ConsiderationInput) {
    return run(ctx, async (tx) => {
      const household = await loadHousehold(tx, ctx, id, 'households.edit');
      const profile = await repo.insertProfile(tx, { ...input, householdId: id, organisationId: household.organisationId, recordedBy: userId(ctx) });
      await touch(tx, household);
      await recordAudit(tx, ctx, { action: 'households.edit', resourceType: 'household', resourceId: id, detail: { profileVersion: profile.profileVersion } });
      return profile;
    });
  }

  /** Choices for the household forms: the organisation's adoption workers and campaigns. */
  async function formOptions(ctx: RequestContext) {
    return run(ctx, async (tx) => {
      if (ctx.actor.kind !== 'user') return { workers: [], campaigns: [] };
      return { workers: await repo.adoptionWorkers(tx, ctx.actor.organisationId), campaigns: await repo.campaignsOf(tx, ctx.actor.organisationId) };
    });
  }

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
        .map((row) => ({ id: row.household.id, reference: row.household.reference, stage: row.household.stage, applicantNames: row.applicantNames, socialWorkerName: row.socialWorkerName, due: dueOf(row.household)! }))
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

  return {
    submitEnquiry,
    campaignForLink,
    createHousehold,
    listHouseholds,
    getHousehold,
    updateHousehold,
    moveStage,
    addCheck,
    updateCheck,
    addVisit,
    recordProfile,
    formOptions,
    timescalesOverview,
    needingAttention,
    config,
  };
}

export type RecruitmentService = ReturnType<typeof createRecruitmentService>;

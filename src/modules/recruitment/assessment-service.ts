import { recordAudit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/pool.ts';
import { NotFoundError, PreconditionFailedError, ValidationError } from '../../platform/http/errors.ts';
import { type RequestContext } from '../../platform/policy/actor.ts';
import { type IsoDate } from '../../platform/dates/dates.ts';
import type { CheckInput, ConsiderationInput } from './inputs.ts';
import * as repo from './repository.ts';
import type { RecruitmentContext } from './service-context.ts';
import { tellApplicants } from './notices.ts';

/** A household's assessment: Stage 1 checks, Stage 2 home visits, and what the family can consider. */
export function createAssessmentUseCases(context: RecruitmentContext) {
  const { run, today, loadHousehold, userId } = context;

  async function addCheck(ctx: RequestContext, id: string, input: CheckInput) {
    return run(ctx, async (tx) => {
      const household = await loadHousehold(tx, ctx, id, 'households.edit');
      await assertApplicant(tx, id, input.applicantId);
      assertNotFuture(input);
      const { version: _version, ...values } = input;
      const check = await repo.insertCheck(tx, { ...values, householdId: id, organisationId: household.organisationId });
      await touch(tx, household);
      if (check.receivedDate) await tellApplicants(tx, household, 'checkReceived', { check: check.kind });
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
      if (check.receivedDate && !existing.receivedDate) await tellApplicants(tx, household, 'checkReceived', { check: check.kind });
      await recordAudit(tx, ctx, {
        action: 'households.edit',
        resourceType: 'household',
        resourceId: id,
        detail: { check: check.kind, outcome: check.outcome },
      });
      return check;
    });
  }
  /** A change to a household's checks or visits is a change to the household: its version moves on. */
  async function touch(tx: Tx, household: repo.HouseholdRow) {
    await repo.updateHousehold(tx, household.id, household.version, {});
  }
  function assertNotFuture(input: { requestedDate?: IsoDate | null; receivedDate?: IsoDate | null }) {
    const now = today();
    const errors = (['requestedDate', 'receivedDate'] as const)
      .filter((f) => input[f] && input[f] > now)
      .map((field) => ({ field, key: 'recruitment:errors.date.future' }));
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
      const visit = await repo.insertVisit(tx, {
        householdId: id,
        organisationId: household.organisationId,
        visitDate: input.visitDate,
        focus: input.focus,
        workerId: userId(ctx),
      });
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

  return { addCheck, updateCheck, addVisit, recordProfile };
}

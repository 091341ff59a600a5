import { recordAudit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/pool.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import type { Action } from '../../platform/policy/actions.ts';
import { authorize } from '../../platform/policy/policy.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import { dateInWales } from '../../platform/dates/dates.ts';
import type { PreparationSessionInput } from './inputs.ts';
import { dateInFuture } from './meeting-rules.ts';
import * as people from './people-repository.ts';
import { applicantTotals } from './session-rules.ts';
import * as repo from './sessions-repository.ts';
import { CLINICAL_ROLES } from './vocabulary.ts';

/**
 * Therapeutic preparation of adopters: sessions with a psychologist or therapeutic social worker,
 * the topics covered, who attended, and the worker's reflection on the household's readiness.
 * They sit on the household's record beside its preparation training.
 */
export function createSessionsService(runner: UseCaseRunner, clock: () => Date = () => new Date()) {
  const { run } = runner;
  const today = () => dateInWales(clock());

  async function loadHousehold(tx: Tx, ctx: RequestContext, householdId: string, action: Action) {
    const household = await repo.getHousehold(tx, householdId);
    if (!household) throw new NotFoundError();
    authorize(ctx.actor, action, {
      type: 'household',
      id: householdId,
      organisationId: household.organisationId,
      allocatedUserIds: household.socialWorkerId ? [household.socialWorkerId] : [],
    });
    return household;
  }

  /** Who may deliver a session: the clinical team of the household's agency and of the clinical partners. */
  async function deliverers(tx: Tx, organisationId: string) {
    const partners = await people.clinicalPartners(tx);
    return people.workersOf(tx, [organisationId, ...partners.map((p) => p.id)], CLINICAL_ROLES);
  }

  async function check(tx: Tx, household: { organisationId: string }, applicantIds: readonly string[], input: PreparationSessionInput): Promise<void> {
    const errors: FieldError[] = [];
    if (!(await deliverers(tx, household.organisationId)).some((w) => w.id === input.workerId))
      errors.push({ field: 'workerId', key: 'preparation:errors.workerId.role' });
    if (dateInFuture(input.sessionDate, today())) errors.push({ field: 'sessionDate', key: 'preparation:errors.sessionDate.future' });
    if (Object.keys(input.attendance).some((id) => !applicantIds.includes(id)))
      errors.push({ field: 'attendance', key: 'preparation:errors.attendance.unknownApplicant' });
    if (errors.length) throw new ValidationError(errors);
  }

  /** Everything attendance is recorded against: each applicant present or not (absent unless said). */
  const fullAttendance = (applicantIds: readonly string[], attendance: Record<string, boolean>) =>
    Object.fromEntries(applicantIds.map((id) => [id, attendance[id] === true]));

  /** The household's sessions, newest first, with each applicant's sessions and hours attended. */
  async function householdSessions(ctx: RequestContext, householdId: string) {
    return run(ctx, async (tx) => {
      const household = await loadHousehold(tx, ctx, householdId, 'adopterPreparation.view');
      const [sessions, applicants] = [await repo.sessionsOfHousehold(tx, householdId), await repo.applicantsOf(tx, householdId)];
      await recordAudit(tx, ctx, {
        action: 'adopterPreparation.view',
        resourceType: 'household',
        resourceId: householdId,
        detail: { sessions: sessions.length },
      });
      const rows = sessions.map((s) => ({ ...s.session, workerName: s.workerName }));
      return {
        householdId,
        reference: household.reference,
        applicants,
        sessions: rows,
        totals: applicantTotals(
          applicants.map((a) => a.id),
          rows,
        ),
      };
    });
  }

  /** What the session form offers: the household's applicants and who may deliver the session. */
  async function sessionFormOptions(ctx: RequestContext, householdId: string) {
    return run(ctx, async (tx) => {
      const household = await loadHousehold(tx, ctx, householdId, 'adopterPreparation.edit');
      return { household, applicants: await repo.applicantsOf(tx, householdId), workers: await deliverers(tx, household.organisationId) };
    });
  }

  async function recordSession(ctx: RequestContext, householdId: string, input: PreparationSessionInput) {
    return run(ctx, async (tx) => {
      const household = await loadHousehold(tx, ctx, householdId, 'adopterPreparation.edit');
      const applicantIds = (await repo.applicantsOf(tx, householdId)).map((a) => a.id);
      await check(tx, household, applicantIds, input);
      const session = await repo.insertSession(tx, {
        ...input,
        attendance: fullAttendance(applicantIds, input.attendance),
        organisationId: household.organisationId,
        householdId,
      });
      await recordAudit(tx, ctx, {
        action: 'adopterPreparation.edit',
        resourceType: 'adopter_preparation_session',
        resourceId: session.id,
        detail: { household: householdId, created: true },
      });
      return session;
    });
  }

  async function getSession(ctx: RequestContext, sessionId: string) {
    return run(ctx, async (tx) => {
      const session = await repo.getSession(tx, sessionId);
      if (!session) throw new NotFoundError();
      await loadHousehold(tx, ctx, session.householdId, 'adopterPreparation.view');
      await recordAudit(tx, ctx, { action: 'adopterPreparation.view', resourceType: 'adopter_preparation_session', resourceId: sessionId });
      return session;
    });
  }

  async function updateSession(ctx: RequestContext, sessionId: string, input: PreparationSessionInput, version: number) {
    return run(ctx, async (tx) => {
      const session = await repo.getSession(tx, sessionId);
      if (!session) throw new NotFoundError();
      const household = await loadHousehold(tx, ctx, session.householdId, 'adopterPreparation.edit');
      const applicantIds = (await repo.applicantsOf(tx, session.householdId)).map((a) => a.id);
      await check(tx, household, applicantIds, input);
      const updated = await repo.updateSession(tx, sessionId, version, { ...input, attendance: fullAttendance(applicantIds, input.attendance) });
      if (!updated) throw new ConflictError('errors.conflict.body', session.version);
      await recordAudit(tx, ctx, {
        action: 'adopterPreparation.edit',
        resourceType: 'adopter_preparation_session',
        resourceId: sessionId,
        detail: { household: session.householdId },
      });
      return updated;
    });
  }

  return { householdSessions, sessionFormOptions, recordSession, getSession, updateSession };
}

export type SessionsService = ReturnType<typeof createSessionsService>;

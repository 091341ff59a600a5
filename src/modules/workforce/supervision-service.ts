import { recordAudit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/pool.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../../platform/http/errors.ts';
import type { RequestContext, UserActor } from '../../platform/policy/actor.ts';
import type { Action } from '../../platform/policy/actions.ts';
import { authorize, can, reachesOrganisation } from '../../platform/policy/policy.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import { dateInWales } from '../../platform/dates/dates.ts';
import type { WorkforceConfig } from './config.ts';
import type { SupervisionInput, SupervisionPatch } from './inputs.ts';
import { holdsAny, personOf } from './people.ts';
import * as repo from './repository.ts';
import { supervisionDue, supervisionList, type SupervisionDue, type SupervisionLine } from './supervision.ts';

/** Clinical supervision: sessions between a supervising psychologist and a social worker, and who is due. */
export function createSupervisionUseCases(runner: UseCaseRunner, config: WorkforceConfig, clock: () => Date) {
  const { run } = runner;
  const rules = config.supervision;
  const today = () => dateInWales(clock());

  const resourceOf = (s: { id?: string; organisationId: string; superviseeId: string; supervisorId: string }) => ({
    type: 'supervision_session',
    id: s.id,
    organisationId: s.organisationId,
    subjectUserId: s.superviseeId,
    allocatedUserIds: [s.supervisorId],
  });

  async function loadSession(tx: Tx, ctx: RequestContext, id: string, action: Action) {
    const session = await repo.getSupervision(tx, id);
    if (!session) throw new NotFoundError();
    authorize(ctx.actor, action, resourceOf(session));
    return session;
  }

  /** The supervising psychologist: given, or the person recording when they are one. */
  async function checkSupervisor(tx: Tx, actor: UserActor, supervisorId: string | undefined) {
    const id = supervisorId ?? actor.userId;
    const supervisor = await repo.getStaffMember(tx, id);
    if (!supervisor || supervisor.disabled || !holdsAny(supervisor, rules.supervisorRoles)) {
      throw new ValidationError([
        { field: 'supervisorId', key: supervisorId ? 'workforce:errors.supervisor.unknown' : 'workforce:errors.supervisor.required' },
      ]);
    }
    return supervisor;
  }

  async function checkSupervisee(tx: Tx, superviseeId: string) {
    const supervisee = await repo.getStaffMember(tx, superviseeId);
    if (!supervisee || supervisee.disabled || !holdsAny(supervisee, rules.superviseeRoles))
      throw new ValidationError([{ field: 'superviseeId', key: 'workforce:errors.supervisee.unknown' }]);
    return supervisee;
  }

  /** The date (never ahead of today: a session is recorded once it has happened) and the length. */
  function checkFacts(input: { sessionDate?: string; durationMinutes?: number }): void {
    const errors: FieldError[] = [];
    if (input.sessionDate && input.sessionDate > today()) errors.push({ field: 'sessionDate', key: 'workforce:errors.sessionDate.future' });
    if (input.durationMinutes !== undefined && (input.durationMinutes < rules.minutes.min || input.durationMinutes > rules.minutes.max)) {
      errors.push({ field: 'durationMinutes', key: 'workforce:errors.durationMinutes.range', params: rules.minutes });
    }
    if (errors.length) throw new ValidationError(errors);
  }

  /** Whom the form offers: psychologists to supervise, and the workers the person may record supervision for. */
  async function supervisionFormOptions(ctx: RequestContext) {
    const actor = personOf(ctx);
    return run(ctx, async (tx) => {
      authorize(actor, 'supervision.edit');
      const supervisors = await repo.staffWithRoles(tx, rules.supervisorRoles);
      // A psychologist may supervise workers of any organisation; a manager records for their own.
      const isSupervisor = holdsAny(actor, rules.supervisorRoles);
      const supervisees = (await repo.staffWithRoles(tx, rules.superviseeRoles, isSupervisor ? undefined : actor.organisationId)).filter(
        (p) => p.id !== actor.userId,
      );
      return {
        supervisors: supervisors.map((p) => ({ id: p.id, name: p.name, organisationName: p.organisationName })),
        supervisees: supervisees.map((p) => ({ id: p.id, name: p.name, organisationName: p.organisationName })),
        defaultSupervisorId: isSupervisor ? actor.userId : null,
      };
    });
  }

  async function recordSupervision(ctx: RequestContext, input: SupervisionInput) {
    const actor = personOf(ctx);
    return run(ctx, async (tx) => {
      authorize(actor, 'supervision.edit');
      const supervisor = await checkSupervisor(tx, actor, input.supervisorId);
      const supervisee = await checkSupervisee(tx, input.superviseeId);
      if (supervisee.id === supervisor.id) throw new ValidationError([{ field: 'superviseeId', key: 'workforce:errors.supervisee.self' }]);
      const resource = resourceOf({ organisationId: supervisee.organisationId, superviseeId: supervisee.id, supervisorId: supervisor.id });
      // The supervisor records their own sessions; anyone else only for workers of the organisation they oversee.
      if (!can(actor, 'supervision.edit', resource)) throw new ValidationError([{ field: 'superviseeId', key: 'workforce:errors.supervisee.unknown' }]);
      checkFacts(input);
      const session = await repo.insertSupervision(tx, {
        organisationId: supervisee.organisationId,
        supervisorId: supervisor.id,
        superviseeId: supervisee.id,
        sessionDate: input.sessionDate,
        durationMinutes: input.durationMinutes,
        caseReferences: input.caseReferences,
        themes: input.themes,
      });
      await recordAudit(tx, ctx, {
        action: 'supervision.edit',
        resourceType: 'supervision_session',
        resourceId: session.id,
        detail: { supervisee: supervisee.id, cases: session.caseReferences.length, created: true },
      });
      return session;
    });
  }

  async function getSupervision(ctx: RequestContext, id: string) {
    return run(ctx, async (tx) => {
      const session = await loadSession(tx, ctx, id, 'supervision.view');
      const names = await repo.userNames(tx, [session.supervisorId, session.superviseeId]);
      await recordAudit(tx, ctx, {
        action: 'supervision.view',
        resourceType: 'supervision_session',
        resourceId: id,
        detail: { supervisee: session.superviseeId },
      });
      return {
        session,
        supervisorName: names.get(session.supervisorId) ?? '',
        superviseeName: names.get(session.superviseeId) ?? '',
        mayEdit: can(ctx.actor, 'supervision.edit', resourceOf(session)),
        // A supervisor from another organisation (the clinical partner's psychologist) sees the
        // session they gave, not the worker's own page: the page links to it only for those it opens for.
        maySeeSupervisee: can(ctx.actor, 'supervision.view', { type: 'user', organisationId: session.organisationId, subjectUserId: session.superviseeId }),
      };
    });
  }

  async function updateSupervision(ctx: RequestContext, id: string, patch: SupervisionPatch, version: number) {
    const actor = personOf(ctx);
    return run(ctx, async (tx) => {
      const session = await loadSession(tx, ctx, id, 'supervision.edit');
      if (patch.supervisorId && patch.supervisorId !== session.supervisorId) {
        const supervisor = await checkSupervisor(tx, actor, patch.supervisorId);
        if (supervisor.id === session.superviseeId) throw new ValidationError([{ field: 'supervisorId', key: 'workforce:errors.supervisee.self' }]);
      }
      checkFacts(patch);
      const updated = await repo.updateSupervision(tx, id, version, patch);
      if (!updated) throw new ConflictError('errors.conflict.body', session.version);
      await recordAudit(tx, ctx, {
        action: 'supervision.edit',
        resourceType: 'supervision_session',
        resourceId: id,
        detail: { supervisee: session.superviseeId, fields: Object.keys(patch).length },
      });
      return updated;
    });
  }

  /** The organisation's workers with their supervision due, most urgent first (for those who oversee it). */
  async function teamLines(tx: Tx, actor: UserActor): Promise<SupervisionLine[]> {
    const workers = await repo.staffWithRoles(tx, rules.superviseeRoles, actor.organisationId);
    const history = await repo.lastSessions(tx, { organisationId: actor.organisationId }, today());
    return supervisionList(
      workers.map((w) => ({ id: w.id, name: w.name, startedOn: dateInWales(w.createdAt) })),
      history,
      today(),
      rules,
    );
  }

  /** The person's own line (when they are someone supervised): their last session, how many, when the next is due. */
  async function ownLine(tx: Tx, actor: UserActor): Promise<SupervisionLine | null> {
    if (!holdsAny(actor, rules.superviseeRoles)) return null;
    const me = await repo.getStaffMember(tx, actor.userId);
    if (!me) return null;
    const history = await repo.lastSessions(tx, { superviseeIds: [actor.userId] }, today());
    return supervisionList([{ id: me.id, name: me.name, startedOn: dateInWales(me.createdAt) }], history, today(), rules)[0] ?? null;
  }

  async function ownDue(tx: Tx, actor: UserActor): Promise<SupervisionDue | null> {
    const line = await ownLine(tx, actor);
    return line ? { lastSession: line.lastSession, due: line.due, daysLeft: line.daysLeft, level: line.level } : null;
  }

  /**
   * The supervision page: for those who oversee it, every worker of the organisation with when
   * their supervision is due (who is overdue first); for everyone, their own supervision and the
   * sessions they gave or received.
   */
  async function supervisionOverview(ctx: RequestContext) {
    const actor = personOf(ctx);
    return run(ctx, async (tx) => {
      authorize(actor, 'supervision.view');
      const organisationWide = reachesOrganisation(actor, 'supervision.view');
      const team = organisationWide ? await teamLines(tx, actor) : null;
      const mine = await ownDue(tx, actor);
      const sessions = await repo.supervisionSessionsOf(tx, { eitherId: actor.userId }, 50);
      const names = await repo.userNames(
        tx,
        sessions.flatMap((s) => [s.supervisorId, s.superviseeId]),
      );
      await recordAudit(tx, ctx, {
        action: 'supervision.view',
        resourceType: 'supervision_session',
        detail: { workers: team?.length ?? 0, sessions: sessions.length },
      });
      return {
        frequency: rules.frequency,
        organisationWide,
        team,
        mine,
        sessions: sessions.map((s) => ({ ...s, supervisorName: names.get(s.supervisorId) ?? '', superviseeName: names.get(s.superviseeId) ?? '' })),
      };
    });
  }

  /** One worker's supervision: every session, latest first, and when the next is due. */
  async function supervisionOf(ctx: RequestContext, userId: string) {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'supervision.view');
      const person = await repo.getStaffMember(tx, userId);
      if (!person) throw new NotFoundError();
      authorize(ctx.actor, 'supervision.view', { type: 'user', id: userId, organisationId: person.organisationId, subjectUserId: userId });
      const sessions = await repo.supervisionSessionsOf(tx, { superviseeId: userId }, 500);
      const names = await repo.userNames(
        tx,
        sessions.map((s) => s.supervisorId),
      );
      const last = sessions.find((s) => s.sessionDate <= today())?.sessionDate ?? null;
      await recordAudit(tx, ctx, { action: 'supervision.view', resourceType: 'user', resourceId: userId, detail: { sessions: sessions.length } });
      return {
        person,
        supervised: holdsAny(person, rules.superviseeRoles),
        due: supervisionDue({ lastSession: last, startedOn: dateInWales(person.createdAt) }, today(), rules),
        sessions: sessions.map((s) => ({ ...s, supervisorName: names.get(s.supervisorId) ?? '' })),
      };
    });
  }

  /** Who is due or overdue (the API's list): the whole organisation for those who oversee it, else the person themself. */
  async function supervisionDueList(ctx: RequestContext, onlyOverdue: boolean) {
    const actor = personOf(ctx);
    return run(ctx, async (tx) => {
      authorize(actor, 'supervision.view');
      const mine = reachesOrganisation(actor, 'supervision.view') ? null : await ownLine(tx, actor);
      const lines = reachesOrganisation(actor, 'supervision.view') ? await teamLines(tx, actor) : mine ? [mine] : [];
      const shown = onlyOverdue ? lines.filter((l) => l.level === 'overdue') : lines;
      await recordAudit(tx, ctx, { action: 'supervision.view', resourceType: 'supervision_session', detail: { workers: shown.length, onlyOverdue } });
      return { frequency: rules.frequency, items: shown };
    });
  }

  /** For "my work": the person's own supervision, and how many of the team are overdue when they oversee it. */
  async function supervisionForMyWork(ctx: RequestContext) {
    const actor = personOf(ctx);
    return run(ctx, async (tx) => {
      if (!can(actor, 'supervision.view')) return { mine: null, teamOverdue: undefined };
      const mine = await ownDue(tx, actor);
      const teamOverdue = reachesOrganisation(actor, 'supervision.view') ? (await teamLines(tx, actor)).filter((l) => l.level === 'overdue').length : undefined;
      return { mine, teamOverdue };
    });
  }

  return {
    supervisionFormOptions,
    recordSupervision,
    getSupervision,
    updateSupervision,
    supervisionOverview,
    supervisionOf,
    supervisionDueList,
    supervisionForMyWork,
  };
}

import { recordAudit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/pool.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { authorize, can, mayReadClinicalNotes } from '../../platform/policy/policy.ts';
import { walesInstant } from '../../platform/dates/times.ts';
import { auditedRead, chosenHousehold, chosenSessionWorker, householdResource, organisationOf, refuseIf, userIdOf, type SupportDeps } from './access.ts';
import { hoursDelivered, inPeriod, type Period } from './hours.ts';
import type { SessionInput, SessionListQuery, SessionPatch } from './inputs.ts';
import * as repo from './repository.ts';
import { sessionProblems } from './rules.ts';
import * as sessions from './sessions-repository.ts';

/** A session as anyone allowed to see it sees it; `notes` only when the policy lets them read them. */
export type SupportSessionView = Omit<sessions.SessionRow, 'notes'> & {
  householdReference: string;
  workerName: string | null;
  allocatedWorkerId: string | null;
  hasNotes: boolean;
  /** True when the person may read (and change) the notes; `notes` is then the text, or null when there is none. */
  notesVisible: boolean;
  notes: string | null;
  /**
   * True when the person reaches the session only as its worker from another organisation (a
   * clinical partner's psychologist): the family is theirs by reference only, and only the
   * session's organisation hands the session to another worker.
   */
  ledAsPartner: boolean;
};

/** One of the signed-in worker's sessions, for "my work" and the calendar: never the notes. */
export type MySupportSession = {
  id: string;
  kind: sessions.SessionRow['kind'];
  status: sessions.SessionRow['status'];
  mode: sessions.SessionRow['mode'];
  startsAt: Date;
  endsAt: Date;
  durationMinutes: number;
  householdId: string;
  householdReference: string;
  /** The session's page. */
  path: string;
};

/** Instants a day either side of a period of days in Wales: the database narrows, the pure rule decides. */
function periodInstants(period: Period): { from?: Date; before?: Date } {
  return {
    from: period.from ? new Date(walesInstant(period.from, '00:00').getTime() - 86_400_000) : undefined,
    before: period.to ? new Date(walesInstant(period.to, '00:00').getTime() + 2 * 86_400_000) : undefined,
  };
}

/** Support sessions: who, when, how long, how; notes for the clinical team and the allocated worker only; hours delivered. */
export function createSessionUseCases(deps: SupportDeps) {
  const { run, clock, config } = deps;
  async function loadSession(tx: Tx, ctx: RequestContext, id: string, action: 'support.view' | 'support.edit') {
    const found = await sessions.getSession(tx, id);
    if (!found) throw new NotFoundError();
    const allocated = [found.householdSocialWorkerId, found.session.workerId].filter((v): v is string => Boolean(v));
    authorize(ctx.actor, action, { type: 'support_session', id, organisationId: found.session.organisationId, allocatedUserIds: allocated });
    return found;
  }

  function notesReadable(ctx: RequestContext, found: NonNullable<Awaited<ReturnType<typeof sessions.getSession>>>): boolean {
    return mayReadClinicalNotes(ctx.actor, { allocatedUserIds: [found.householdSocialWorkerId], authorId: found.session.workerId });
  }

  function ledAsPartner(ctx: RequestContext, session: { organisationId: string; workerId: string }): boolean {
    return ctx.actor.kind === 'user' && ctx.actor.organisationId !== session.organisationId && ctx.actor.userId === session.workerId;
  }

  function view(ctx: RequestContext, found: NonNullable<Awaited<ReturnType<typeof sessions.getSession>>>, notesVisible: boolean): SupportSessionView {
    const { notes, ...session } = found.session;
    return {
      ...session,
      householdReference: found.householdReference,
      workerName: found.workerName,
      allocatedWorkerId: found.householdSocialWorkerId,
      hasNotes: Boolean(notes),
      notesVisible,
      notes: notesVisible ? notes : null,
      ledAsPartner: ledAsPartner(ctx, session),
    };
  }

  async function checkMatch(tx: Tx, matchId: string | null, householdId: string): Promise<void> {
    if (!matchId) return;
    const match = await repo.getMatch(tx, matchId);
    if (!match || match.householdId !== householdId) throw new ValidationError([{ field: 'matchId', key: 'support:errors.matchId.unknown' }]);
  }

  /**
   * Records a session. A session in the future cannot be marked delivered; the worker is one of the
   * organisation's support staff or a clinical partner's psychologist; the family is one the person may see.
   */
  async function createSession(ctx: RequestContext, input: SessionInput): Promise<SupportSessionView> {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'support.edit');
      const household = await chosenHousehold(tx, ctx, input.householdId, 'support.edit');
      await checkMatch(tx, input.matchId, household.id);
      await chosenSessionWorker(tx, household.organisationId, input.workerId);
      refuseIf(sessionProblems(input, clock(), config.sessionMinutes));
      const row = await sessions.insertSession(tx, { ...input, organisationId: household.organisationId });
      await recordAudit(tx, ctx, {
        action: 'support.edit',
        resourceType: 'support_session',
        resourceId: row.id,
        detail: { created: true, household: household.id, status: row.status, notes: Boolean(row.notes) },
      });
      const found = (await sessions.getSession(tx, row.id))!;
      return view(ctx, found, notesReadable(ctx, found));
    });
  }

  /**
   * Changes a session (version-checked). Only someone who may read the notes may change them; the
   * rules are checked against the session as it would be saved, so a planned session in the future
   * cannot become delivered, nor a delivered one move into the future.
   */
  async function updateSession(ctx: RequestContext, id: string, patch: SessionPatch, version: number): Promise<SupportSessionView> {
    return run(ctx, async (tx) => {
      const found = await loadSession(tx, ctx, id, 'support.edit');
      const current = await sessions.lockSession(tx, id);
      if (!current) throw new NotFoundError();
      if (patch.notes !== undefined && !notesReadable(ctx, found)) throw new ValidationError([{ field: 'notes', key: 'support:errors.notes.notAllowed' }]);
      if (patch.workerId && patch.workerId !== current.workerId) {
        // A partner's psychologist records their session; handing it on is the agency's decision.
        if (ledAsPartner(ctx, current)) throw new ValidationError([{ field: 'workerId', key: 'support:errors.workerId.partnerKeeps' }]);
        await chosenSessionWorker(tx, current.organisationId, patch.workerId);
      }
      const next = { ...current, ...patch };
      refuseIf(sessionProblems(next, clock(), config.sessionMinutes));
      const values = { ...patch, ...(patch.notes !== undefined ? { notes: patch.notes ? patch.notes : null } : {}) };
      const updated = await sessions.updateSession(tx, id, version, values);
      if (!updated) throw new ConflictError('errors.conflict.body', current.version);
      await recordAudit(tx, ctx, {
        action: 'support.edit',
        resourceType: 'support_session',
        resourceId: id,
        detail: { fields: Object.keys(patch).length, status: updated.status, notesChanged: patch.notes !== undefined },
      });
      const reread = (await sessions.getSession(tx, id))!;
      return view(ctx, reread, notesReadable(ctx, reread));
    });
  }

  /**
   * One session. Everyone who may see support sees the session; its notes only the clinical team,
   * the family's allocated worker and the session's own worker. The read is audited, and says
   * whether the notes were shown.
   */
  async function getSession(ctx: RequestContext, id: string): Promise<SupportSessionView> {
    return auditedRead(deps, ctx, { action: 'support.view', resourceType: 'support_session', resourceId: id }, () => readSession(ctx, id));
  }

  async function readSession(ctx: RequestContext, id: string): Promise<SupportSessionView> {
    return run(ctx, async (tx) => {
      const found = await loadSession(tx, ctx, id, 'support.view');
      const notesVisible = notesReadable(ctx, found);
      const shown = notesVisible && Boolean(found.session.notes);
      await recordAudit(tx, ctx, {
        action: shown ? 'supportNotes.view' : 'support.view',
        resourceType: 'support_session',
        resourceId: id,
        detail: { household: found.session.householdId, notes: found.session.notes ? (notesVisible ? 'shown' : 'withheld') : 'none' },
      });
      return view(ctx, found, notesVisible);
    });
  }

  /**
   * Sessions of the organisation, and those the person leads for another (a clinical partner's
   * psychologist), filtered by family, worker, status and period (days in Wales). No notes in a list.
   */
  async function listSessions(ctx: RequestContext, query: SessionListQuery) {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'support.view');
      const organisationId = organisationOf(ctx);
      if (query.householdId) {
        const household = await repo.getHousehold(tx, query.householdId);
        if (!household) throw new NotFoundError();
        authorize(ctx.actor, 'support.view', householdResource(household));
      }
      const { from, before } = periodInstants(query);
      const rows = (
        await sessions.listSessions(tx, organisationId, {
          householdId: query.householdId,
          workerId: query.workerId,
          status: query.status,
          from,
          before,
          newestFirst: true,
          orLedBy: userIdOf(ctx) ?? undefined,
        })
      ).filter((r) => inPeriod(r.startsAt, query));
      await recordAudit(tx, ctx, {
        action: 'support.view',
        resourceType: query.householdId ? 'household' : 'support_session',
        resourceId: query.householdId,
        detail: {
          list: 'sessions',
          rows: rows.length,
          worker: query.workerId ?? null,
          status: query.status ?? null,
          from: query.from ?? null,
          to: query.to ?? null,
        },
      });
      return rows;
    });
  }

  /**
   * Hours of support delivered in a period (days in Wales), per family and per worker, with the
   * family's reference and the worker's name.
   */
  async function hours(ctx: RequestContext, period: Period) {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'support.view');
      const organisationId = organisationOf(ctx);
      const { from, before } = periodInstants(period);
      const rows = await sessions.deliveredSessions(tx, organisationId, { from, before });
      const delivered = hoursDelivered(rows, period);
      const references = new Map(rows.map((r) => [r.householdId, r.householdReference]));
      const names = await repo.userNames(
        tx,
        delivered.byWorker.map((w) => w.id),
      );
      await recordAudit(tx, ctx, {
        action: 'support.view',
        resourceType: 'support_hours',
        detail: { from: period.from ?? null, to: period.to ?? null, sessions: delivered.sessions },
      });
      return {
        period: { from: period.from ?? null, to: period.to ?? null },
        sessions: delivered.sessions,
        minutes: delivered.minutes,
        byHousehold: delivered.byHousehold.map((l) => ({
          householdId: l.id,
          householdReference: references.get(l.id) ?? '',
          sessions: l.sessions,
          minutes: l.minutes,
        })),
        byWorker: delivered.byWorker.map((l) => ({ workerId: l.id, workerName: names.get(l.id) ?? '', sessions: l.sessions, minutes: l.minutes })),
      };
    });
  }

  /**
   * The signed-in worker's sessions starting from `from` up to (not including) `to`, soonest first,
   * every status (a cancelled one shows as cancelled in a calendar). For "my work" and the calendar
   * feed: never the notes. People who deliver no support get an empty list, not a refusal. The
   * platform itself (a calendar feed opened by its secret address) names the worker in `userId`.
   */
  async function sessionsFor(ctx: RequestContext, range: { from: Date; to: Date; userId?: string }): Promise<MySupportSession[]> {
    const actor = ctx.actor;
    const workerId = actor.kind === 'user' ? actor.userId : actor.kind === 'system' ? range.userId : undefined;
    if (!workerId || (actor.kind === 'user' && !can(actor, 'support.view'))) return [];
    return run(ctx, async (tx) => {
      // The worker's own sessions, whichever organisation's (a clinical partner's psychologist leads the agency's).
      const rows = await sessions.listSessions(tx, null, {
        workerId,
        from: range.from,
        before: range.to,
        limit: 1000,
      });
      await recordAudit(tx, ctx, { action: 'support.view', resourceType: 'support_session', detail: { list: 'worker', worker: workerId, rows: rows.length } });
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        status: r.status,
        mode: r.mode,
        startsAt: r.startsAt,
        endsAt: new Date(r.startsAt.getTime() + r.durationMinutes * 60_000),
        durationMinutes: r.durationMinutes,
        householdId: r.householdId,
        householdReference: r.householdReference,
        path: `/support/sessions/${r.id}`,
      }));
    });
  }

  /** What the session form offers: families, and the support staff and partners' psychologists who may lead a session. */
  async function sessionFormOptions(ctx: RequestContext) {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'support.edit');
      const organisationId = organisationOf(ctx);
      const households = await repo.householdsForSupport(tx, organisationId);
      // The choice of families is a list of households by reference: read, so audited.
      await recordAudit(tx, ctx, { action: 'support.edit', resourceType: 'household', detail: { list: 'support-form', rows: households.length } });
      return { households, workers: await repo.sessionWorkers(tx, organisationId) };
    });
  }

  return { createSession, updateSession, getSession, listSessions, hours, sessionsFor, sessionFormOptions };
}

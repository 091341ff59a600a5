import { recordAudit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/pool.ts';
import type { PageRequest } from '../../platform/db/keyset.ts';
import { ConflictError, NotFoundError } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { authorize } from '../../platform/policy/policy.ts';
import { auditedRead, chosenHousehold, chosenWorker, organisationOf, refuseIf, type SupportDeps } from './access.ts';
import * as events from './events-repository.ts';
import type { AttendanceInput, EventInput, EventPatch } from './inputs.ts';
import * as repo from './repository.ts';
import { attendanceProblems, eventProblems } from './rules.ts';

/** Support groups and events for families, and who came. */
export function createEventUseCases(deps: SupportDeps) {
  const { run, clock } = deps;
  async function loadEvent(tx: Tx, ctx: RequestContext, id: string, action: 'support.view' | 'support.edit') {
    const event = await events.getEvent(tx, id);
    if (!event) throw new NotFoundError();
    authorize(ctx.actor, action, { type: 'support_event', id, organisationId: event.organisationId });
    return event;
  }

  /** Upcoming events (soonest first) or past ones (latest first), with families expected and attended. */
  /** A page of groups and events: upcoming soonest first, past latest first (the API). */
  async function pageEvents(ctx: RequestContext, when: 'upcoming' | 'past', page: PageRequest) {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'support.view');
      const found = await events.listEvents(tx, organisationOf(ctx), when, clock(), page);
      await recordAudit(tx, ctx, { action: 'support.view', resourceType: 'support_event', detail: { list: when, rows: found.items.length } });
      return { items: found.items.map((r) => ({ ...r.event, families: r.families, attended: r.attended })), next: found.next };
    });
  }

  /** The events the pages show: the first 500. */
  async function listEvents(ctx: RequestContext, when: 'upcoming' | 'past') {
    return (await pageEvents(ctx, when, { limit: 500 })).items;
  }

  async function eventFormOptions(ctx: RequestContext) {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'support.edit');
      return { facilitators: await repo.supportWorkers(tx, organisationOf(ctx)) };
    });
  }

  async function createEvent(ctx: RequestContext, input: EventInput) {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'support.edit');
      const organisationId = organisationOf(ctx);
      refuseIf(eventProblems(input));
      if (input.facilitatorId) await chosenWorker(tx, organisationId, input.facilitatorId, 'facilitatorId');
      const row = await events.insertEvent(tx, { ...input, organisationId });
      await recordAudit(tx, ctx, { action: 'support.edit', resourceType: 'support_event', resourceId: row.id, detail: { created: true } });
      return row;
    });
  }

  async function updateEvent(ctx: RequestContext, id: string, patch: EventPatch, version: number) {
    return run(ctx, async (tx) => {
      await loadEvent(tx, ctx, id, 'support.edit');
      const event = await events.lockEvent(tx, id);
      if (!event) throw new NotFoundError();
      refuseIf(eventProblems({ ...event, ...patch }));
      if (patch.facilitatorId && patch.facilitatorId !== event.facilitatorId)
        await chosenWorker(tx, event.organisationId, patch.facilitatorId, 'facilitatorId');
      const updated = await events.updateEvent(tx, id, version, patch);
      if (!updated) throw new ConflictError('errors.conflict.body', event.version);
      await recordAudit(tx, ctx, { action: 'support.edit', resourceType: 'support_event', resourceId: id, detail: { fields: Object.keys(patch).length } });
      return updated;
    });
  }

  /** An event with the families expected or who came (by reference) and the families that could be added. Audited. */
  async function getEvent(ctx: RequestContext, id: string) {
    return auditedRead(deps, ctx, { action: 'support.view', resourceType: 'support_event', resourceId: id }, () => readEvent(ctx, id));
  }

  async function readEvent(ctx: RequestContext, id: string) {
    return run(ctx, async (tx) => {
      const event = await loadEvent(tx, ctx, id, 'support.view');
      const attendance = await events.attendanceOfEvent(tx, id);
      const listed = new Set(attendance.map((a) => a.attendance.householdId));
      const households = (await repo.householdsForSupport(tx, event.organisationId)).filter((h) => !listed.has(h.id));
      const names = await repo.userNames(tx, [event.facilitatorId]);
      await recordAudit(tx, ctx, { action: 'support.view', resourceType: 'support_event', resourceId: id, detail: { families: attendance.length } });
      return {
        event,
        facilitatorName: event.facilitatorId ? (names.get(event.facilitatorId) ?? null) : null,
        started: clock().getTime() >= event.startsAt.getTime(),
        attendance: attendance.map((a) => ({ ...a.attendance, householdReference: a.householdReference })),
        households,
      };
    });
  }

  /**
   * Adds a family to an event, or records whether they came and how many. Whether they came is
   * known only once the event has begun.
   */
  async function recordAttendance(ctx: RequestContext, eventId: string, input: AttendanceInput) {
    return run(ctx, async (tx) => {
      await loadEvent(tx, ctx, eventId, 'support.edit');
      const event = await events.lockEvent(tx, eventId);
      if (!event) throw new NotFoundError();
      const household = await chosenHousehold(tx, ctx, input.householdId, 'support.edit');
      if (household.organisationId !== event.organisationId) throw new NotFoundError();
      refuseIf(attendanceProblems(input, event.startsAt, clock()));
      const row = await events.upsertAttendance(tx, {
        eventId,
        householdId: household.id,
        attended: input.attended,
        adults: input.adults,
        children: input.children,
      });
      await recordAudit(tx, ctx, {
        action: 'support.edit',
        resourceType: 'household',
        resourceId: household.id,
        detail: { event: eventId, attended: input.attended === null ? 'expected' : input.attended ? 'attended' : 'absent' },
      });
      return row;
    });
  }

  async function removeAttendance(ctx: RequestContext, eventId: string, householdId: string) {
    return run(ctx, async (tx) => {
      await loadEvent(tx, ctx, eventId, 'support.edit');
      if (!(await events.deleteAttendance(tx, eventId, householdId))) throw new NotFoundError();
      await recordAudit(tx, ctx, { action: 'support.edit', resourceType: 'household', resourceId: householdId, detail: { event: eventId, removed: true } });
    });
  }

  return { listEvents, pageEvents, eventFormOptions, createEvent, updateEvent, getEvent, recordAttendance, removeAttendance };
}

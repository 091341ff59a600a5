import { recordAudit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/pool.ts';
import { pageOf, type PageRequest } from '../../platform/db/keyset.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import type { Action } from '../../platform/policy/actions.ts';
import { authorize, can, type Resource } from '../../platform/policy/policy.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import { dateInWales, type IsoDate } from '../../platform/dates/dates.ts';
import { actionState, daysOverdue, daysUntilDue, dueDateRefusal, orderForOwner, suggestedDueDate, type ActionState } from './action-rules.ts';
import type { ActionInput, AttendeeInput, MeetingInput, MeetingPatch } from './inputs.ts';
import { childrenRefusal, mayRecordOutcome, meetingOrganisations, meetingTimesRefusal, ownerRefusal } from './meeting-rules.ts';
import * as people from './people-repository.ts';
import type { ChildFacts } from './people-repository.ts';
import * as repo from './tac-repository.ts';
import { ACTION_OWNER_ROLES } from './vocabulary.ts';

/** A child as the policy sees it: the authority's record, open to organisations it is shared with and to its workers. */
export function childResource(child: ChildFacts): Resource & { id: string } {
  return {
    type: 'child',
    id: child.id,
    organisationId: child.organisationId,
    sharedWithOrganisationIds: child.sharedWith,
    allocatedUserIds: [child.familyFinderId, child.socialWorkerId].filter((v): v is string => Boolean(v)),
  };
}

/** A record about children (a meeting, a consultation): its own organisation's, and open to whoever may see its children. */
export function aboutChildrenResource(type: string, id: string, organisationId: string, children: readonly ChildFacts[]): Resource & { id: string } {
  return {
    type,
    id,
    organisationId,
    sharedWithOrganisationIds: children.flatMap((c) => [c.organisationId, ...c.sharedWith]),
    allocatedUserIds: children.flatMap((c) => [c.familyFinderId, c.socialWorkerId]).filter((v): v is string => Boolean(v)),
  };
}

export function userIdOf(ctx: RequestContext): string | null {
  return ctx.actor.kind === 'user' ? ctx.actor.userId : null;
}

const invalid = (field: string, key: string, params?: Record<string, string | number>) => new ValidationError([{ field, key, params }]);

const TIMES_KEYS = { 'ends-before-start': 'preparation:errors.endsAt.beforeStart', 'too-long': 'preparation:errors.endsAt.tooLong' } as const;
const OWNER_KEYS = {
  unknown: 'preparation:errors.ownerId.unknown',
  'outside-organisations': 'preparation:errors.ownerId.outsideOrganisations',
  role: 'preparation:errors.ownerId.role',
} as const;
const DUE_KEYS = { 'before-meeting': 'preparation:errors.dueDate.beforeMeeting', 'too-far': 'preparation:errors.dueDate.tooFar' } as const;

export type MyAction = {
  id: string;
  version: number;
  description: string;
  dueDate: IsoDate;
  state: ActionState;
  daysOverdue: number;
  daysUntilDue: number;
  meetingId: string;
  /** The meeting's date, and its children's names, when the owner may see the meeting. */
  meetingDate: IsoDate | null;
  childNames: string[];
};

export type MyMeeting = { id: string; startsAt: Date; endsAt: Date; location: string | null; childNames: string[] };

/** The children a new meeting (or consultation) is about: visible, one unit, and each open to the action. */
export async function loadUnit(
  tx: Tx,
  ctx: RequestContext,
  childIds: readonly string[],
  action: Action,
): Promise<{ children: ChildFacts[]; siblingGroupId: string | null }> {
  const unique = [...new Set(childIds)];
  const children = await people.childrenByIds(tx, unique);
  const group = unique[0] ? await people.activeGroupOf(tx, unique[0]) : null;
  const refusal = childrenRefusal(
    unique,
    children.map((c) => c.id),
    group?.memberIds ?? null,
  );
  if (refusal === 'not-found') throw new NotFoundError();
  if (refusal === 'not-one-group') throw invalid('childIds', 'preparation:errors.childIds.notOneGroup');
  for (const child of children) authorize(ctx.actor, action, childResource(child));
  return { children, siblingGroupId: unique.length > 1 ? (group?.groupId ?? null) : null };
}

/**
 * Attendees with their organisation's Welsh name, when it has one. The list keeps the organisation's English
 * name as it stood when the person was added (the meeting's record), so the Welsh name is given only while the
 * person's organisation still goes by that English name; an outsider's organisation stays as it was typed.
 */
async function withWelshOrganisationNames(tx: Tx, attendees: readonly repo.AttendeeRow[]) {
  const now = await people.organisationsOfPeople(
    tx,
    attendees.flatMap((a) => (a.userId ? [a.userId] : [])),
  );
  return attendees.map((a) => {
    const organisation = a.userId ? now.get(a.userId) : undefined;
    return { ...a, organisationNameCy: organisation && organisation.name === a.organisationName ? organisation.nameCy : null };
  });
}

/** Team Around the Child meetings: the meeting, who came, what was decided and the actions agreed. */
export function createTacService(runner: UseCaseRunner, clock: () => Date = () => new Date()) {
  const { run } = runner;
  const today = () => dateInWales(clock());

  /** A meeting and the children it is about that this person may see; none visible is not found. */
  async function loadMeeting(tx: Tx, ctx: RequestContext, id: string, action: Action) {
    const meeting = await repo.getMeeting(tx, id);
    if (!meeting) throw new NotFoundError();
    const children = await people.childrenByIds(tx, meeting.childIds);
    if (children.length === 0) throw new NotFoundError();
    authorize(ctx.actor, action, aboutChildrenResource('tac_meeting', id, meeting.organisationId, children));
    return { meeting, children };
  }

  /** What the new-meeting form offers for a child: the child and their brothers and sisters in an active group. */
  async function meetingFormOptions(ctx: RequestContext, childId: string) {
    return run(ctx, async (tx) => {
      const [child] = await people.childrenByIds(tx, [childId]);
      if (!child) throw new NotFoundError();
      authorize(ctx.actor, 'tac.edit', childResource(child));
      const group = await people.activeGroupOf(tx, childId);
      const unit = group ? await people.childrenByIds(tx, group.memberIds) : [child];
      return { child, unit };
    });
  }

  async function createMeeting(ctx: RequestContext, input: MeetingInput) {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'tac.edit');
      if (ctx.actor.kind !== 'user') throw new NotFoundError();
      const actor = ctx.actor;
      const { children, siblingGroupId } = await loadUnit(tx, ctx, input.childIds, 'tac.edit');
      const times = meetingTimesRefusal(input.startsAt, input.endsAt);
      if (times) throw invalid('endsAt', TIMES_KEYS[times]);
      const meeting = await repo.insertMeeting(tx, {
        organisationId: actor.organisationId,
        childIds: children.map((c) => c.id),
        siblingGroupId,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        location: input.location,
        agenda: input.agenda,
        createdBy: actor.userId,
      });
      // Whoever calls the meeting is at it.
      const [organisation] = await people.organisationsByIds(tx, [actor.organisationId]);
      await repo.insertAttendee(tx, {
        meetingId: meeting.id,
        userId: actor.userId,
        name: actor.name,
        organisationName: organisation?.name ?? null,
        roleDescription: null,
        attended: true,
      });
      await recordAudit(tx, ctx, {
        action: 'tac.edit',
        resourceType: 'tac_meeting',
        resourceId: meeting.id,
        detail: { created: true, children: children.length },
      });
      return meeting;
    });
  }

  /** A meeting with its children, attendees and actions (each with its state today). */
  async function getMeeting(ctx: RequestContext, id: string) {
    return run(ctx, async (tx) => {
      const { meeting, children } = await loadMeeting(tx, ctx, id, 'tac.view');
      const [attendees, actions, organisations] = [
        await repo.attendeesOf(tx, [id]),
        await repo.actionsOfMeeting(tx, id),
        await people.organisationsByIds(tx, [meeting.organisationId]),
      ];
      const on = today();
      await recordAudit(tx, ctx, { action: 'tac.view', resourceType: 'tac_meeting', resourceId: id });
      return {
        meeting,
        children,
        organisation: organisations[0] ? { name: organisations[0].name, nameCy: organisations[0].nameCy } : null,
        attendees: await withWelshOrganisationNames(tx, attendees),
        actions: actions.map((a) => ({ ...a.action, ownerName: a.ownerName, state: actionState(a.action, on), daysOverdue: daysOverdue(a.action, on) })),
        held: mayRecordOutcome(meeting.startsAt, clock()),
        meetingDate: dateInWales(meeting.startsAt),
      };
    });
  }

  /** Meetings the person may see, about one child or all, newest first. */
  /** Meetings newest first, a page at a time (the pages ask for the first 100). */
  async function listMeetings(ctx: RequestContext, filter: { childId?: string }, page: PageRequest = { limit: 100 }) {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'tac.view');
      const found = pageOf(
        await repo.listMeetings(tx, { childId: filter.childId, limit: page.limit + 1, after: page.after }),
        page.limit,
        (m) => ({ value: m.sortValue, id: m.id }),
        ({ sortValue: _s, ...m }) => m,
      );
      const counts = await repo.openActionCounts(
        tx,
        found.items.map((m) => m.id),
      );
      await recordAudit(tx, ctx, {
        action: 'tac.view',
        resourceType: 'tac_meeting',
        resourceId: filter.childId,
        detail: { rows: found.items.length, child: Boolean(filter.childId) },
      });
      return { items: found.items.map((m) => ({ ...m, openActions: counts.get(m.id) ?? 0 })), next: found.next };
    });
  }

  /** Changes a meeting's times, place, agenda, minutes or decisions; minutes and decisions only once it has started. */
  async function updateMeeting(ctx: RequestContext, id: string, patch: MeetingPatch, version: number) {
    return run(ctx, async (tx) => {
      const { meeting } = await loadMeeting(tx, ctx, id, 'tac.edit');
      const startsAt = patch.startsAt ?? meeting.startsAt;
      const endsAt = patch.endsAt ?? meeting.endsAt;
      const times = meetingTimesRefusal(startsAt, endsAt);
      if (times) throw invalid('endsAt', TIMES_KEYS[times]);
      if (!mayRecordOutcome(startsAt, clock())) {
        const early = (['minutes', 'decisions'] as const).filter((field) => patch[field] && patch[field] !== meeting[field]);
        if (early.length) throw new ValidationError(early.map((field) => ({ field, key: `preparation:errors.${field}.notYetHeld` })));
      }
      const updated = await repo.updateMeeting(tx, id, version, patch);
      if (!updated) throw new ConflictError('errors.conflict.body', meeting.version);
      const changed = Object.keys(patch).filter(
        (k) => JSON.stringify((patch as Record<string, unknown>)[k]) !== JSON.stringify((meeting as Record<string, unknown>)[k]),
      );
      await recordAudit(tx, ctx, { action: 'tac.edit', resourceType: 'tac_meeting', resourceId: id, detail: { fields: changed.length } });
      return updated;
    });
  }

  /** Someone at the meeting: a person of the platform, or a named outsider with their organisation and role. */
  async function addAttendee(ctx: RequestContext, meetingId: string, input: AttendeeInput) {
    return run(ctx, async (tx) => {
      const { meeting } = await loadMeeting(tx, ctx, meetingId, 'tac.edit');
      let values = { name: input.name ?? '', organisationName: input.organisationName, roleDescription: input.roleDescription };
      if (input.userId) {
        const [person] = await people.peopleByIds(tx, [input.userId]);
        if (!person || person.disabled) throw invalid('userId', 'preparation:errors.userId.unknown');
        const existing = await repo.attendeesOf(tx, [meetingId]);
        if (existing.some((a) => a.userId === input.userId)) throw invalid('userId', 'preparation:errors.attendee.duplicate');
        const [organisation] = await people.organisationsByIds(tx, [person.organisationId]);
        values = { name: person.name, organisationName: organisation?.name ?? null, roleDescription: input.roleDescription };
      }
      const attended = mayRecordOutcome(meeting.startsAt, clock()) ? input.attended : true;
      const attendee = await repo.insertAttendee(tx, { meetingId, userId: input.userId, ...values, attended });
      await recordAudit(tx, ctx, { action: 'tac.edit', resourceType: 'tac_meeting', resourceId: meetingId, detail: { attendeeAdded: attendee.id } });
      return attendee;
    });
  }

  async function removeAttendee(ctx: RequestContext, meetingId: string, attendeeId: string) {
    return run(ctx, async (tx) => {
      await loadMeeting(tx, ctx, meetingId, 'tac.edit');
      if (!(await repo.deleteAttendee(tx, meetingId, attendeeId))) throw new NotFoundError();
      await recordAudit(tx, ctx, { action: 'tac.edit', resourceType: 'tac_meeting', resourceId: meetingId, detail: { attendeeRemoved: attendeeId } });
    });
  }

  /** Who may own the meeting's actions (workers of its organisations), and the due date the form suggests. */
  async function actionFormOptions(ctx: RequestContext, meetingId: string) {
    return run(ctx, async (tx) => {
      const { meeting, children } = await loadMeeting(tx, ctx, meetingId, 'tac.edit');
      const owners = await people.workersOf(tx, meetingOrganisations(meeting, children), ACTION_OWNER_ROLES);
      const meetingDate = dateInWales(meeting.startsAt);
      return { meeting, children, owners, meetingDate, suggestedDueDate: suggestedDueDate(meetingDate, today()) };
    });
  }

  /** An action agreed at the meeting, owned by a worker of one of its organisations. */
  async function addAction(ctx: RequestContext, meetingId: string, input: ActionInput) {
    return run(ctx, async (tx) => {
      const { meeting, children } = await loadMeeting(tx, ctx, meetingId, 'tac.edit');
      const errors = [];
      const [owner] = await people.peopleByIds(tx, [input.ownerId]);
      const refusal = ownerRefusal(owner, meetingOrganisations(meeting, children), ACTION_OWNER_ROLES);
      if (refusal) errors.push({ field: 'ownerId', key: OWNER_KEYS[refusal] });
      const due = dueDateRefusal(input.dueDate, dateInWales(meeting.startsAt));
      if (due) errors.push({ field: 'dueDate', key: DUE_KEYS[due] });
      if (errors.length) throw new ValidationError(errors);
      const action = await repo.insertAction(tx, { meetingId, description: input.description, ownerId: input.ownerId, dueDate: input.dueDate });
      await recordAudit(tx, ctx, { action: 'tac.edit', resourceType: 'tac_action', resourceId: action.id, detail: { meeting: meetingId, created: true } });
      return action;
    });
  }

  /**
   * Marks an action done: its owner may, and so may the people of the meeting's organisation who may
   * edit it. Done once; a second time (or a stale version) is a conflict, and nothing changes.
   */
  async function completeAction(ctx: RequestContext, actionId: string, version?: number) {
    return run(ctx, async (tx) => {
      const action = await repo.getAction(tx, actionId);
      if (!action) throw new NotFoundError();
      const meeting = await repo.getMeeting(tx, action.meetingId);
      authorize(ctx.actor, 'tacActions.complete', {
        type: 'tac_action',
        id: actionId,
        organisationId: meeting && can(ctx.actor, 'tac.edit') ? meeting.organisationId : null,
        allocatedUserIds: [action.ownerId],
      });
      if (action.doneAt) throw new ConflictError('preparation:errors.action.alreadyDone', action.version);
      const done = await repo.completeAction(tx, actionId, version ?? action.version, userIdOf(ctx), clock());
      if (!done) throw new ConflictError('errors.conflict.body', action.version);
      await recordAudit(tx, ctx, {
        action: 'tacActions.complete',
        resourceType: 'tac_action',
        resourceId: actionId,
        detail: { meeting: action.meetingId, daysOverdue: daysOverdue(action, today()) },
      });
      return done;
    });
  }

  /** The signed-in person's open actions, overdue first (for "my work"). */
  async function actionsFor(ctx: RequestContext): Promise<MyAction[]> {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'tac.view');
      if (ctx.actor.kind !== 'user') return [];
      const rows = await repo.openActionsOfOwner(tx, ctx.actor.userId);
      const names = new Map((await people.childrenByIds(tx, [...new Set(rows.flatMap((r) => r.meetingChildIds ?? []))])).map((c) => [c.id, c.name]));
      const on = today();
      await recordAudit(tx, ctx, { action: 'tac.view', resourceType: 'tac_action', detail: { rows: rows.length, own: true } });
      return orderForOwner(
        rows.map((r) => ({
          id: r.action.id,
          version: r.action.version,
          description: r.action.description,
          dueDate: r.action.dueDate,
          doneAt: r.action.doneAt,
          state: actionState(r.action, on),
          daysOverdue: daysOverdue(r.action, on),
          daysUntilDue: daysUntilDue(r.action, on),
          meetingId: r.action.meetingId,
          meetingDate: r.meetingStartsAt ? dateInWales(r.meetingStartsAt) : null,
          childNames: (r.meetingChildIds ?? []).map((id) => names.get(id)).filter((n): n is string => Boolean(n)),
        })),
        on,
      ).map(({ doneAt: _done, ...rest }) => rest);
    });
  }

  /** The signed-in person's meetings (called by them or naming them as attending) between two instants, soonest first. */
  async function meetingsFor(ctx: RequestContext, range: { from: Date; to: Date }): Promise<MyMeeting[]> {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'tac.view');
      if (ctx.actor.kind !== 'user') return [];
      const meetings = await repo.meetingsOfPerson(tx, ctx.actor.userId, range.from, range.to);
      const names = new Map((await people.childrenByIds(tx, [...new Set(meetings.flatMap((m) => m.childIds))])).map((c) => [c.id, c.name]));
      await recordAudit(tx, ctx, { action: 'tac.view', resourceType: 'tac_meeting', detail: { rows: meetings.length, own: true } });
      return meetings.map((m) => ({
        id: m.id,
        startsAt: m.startsAt,
        endsAt: m.endsAt,
        location: m.location,
        childNames: m.childIds.map((id) => names.get(id)).filter((n): n is string => Boolean(n)),
      }));
    });
  }

  return {
    meetingFormOptions,
    createMeeting,
    getMeeting,
    listMeetings,
    updateMeeting,
    addAttendee,
    removeAttendee,
    actionFormOptions,
    addAction,
    completeAction,
    actionsFor,
    meetingsFor,
  };
}

export type TacService = ReturnType<typeof createTacService>;

import { recordAudit } from '../../platform/audit/audit.ts';
import { ConflictError, ValidationError } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { decide } from '../../platform/policy/policy.ts';
import { checkFacilitators, checkTimes, loadCourse, loadSession, type TrainingDeps } from './access.ts';
import type { SessionInput } from './inputs.ts';
import * as repo from './repository.ts';
import { capacityRefusal, placesLeft } from './rules.ts';

/** A course's sessions: adding and changing one (dates, places, facilitators), and who is booked on it. */
export function createSessionUseCases(deps: TrainingDeps) {
  const { run, clock } = deps;

  /** What the session form offers: the course and the staff who may facilitate. */
  async function sessionFormOptions(ctx: RequestContext, courseId: string) {
    return run(ctx, async (tx) => {
      const course = await loadCourse(tx, ctx, courseId, 'courses.edit');
      return { course, facilitators: await repo.facilitators(tx, course.organisationId) };
    });
  }

  async function createSession(ctx: RequestContext, courseId: string, input: SessionInput) {
    return run(ctx, async (tx) => {
      const course = await loadCourse(tx, ctx, courseId, 'courses.edit');
      checkTimes(input.startsAt, input.endsAt);
      const facilitatorIds = await checkFacilitators(tx, course.organisationId, input.facilitatorIds);
      const session = await repo.insertSession(tx, { ...input, facilitatorIds, courseId, organisationId: course.organisationId });
      await recordAudit(tx, ctx, {
        action: 'courses.edit',
        resourceType: 'course_session',
        resourceId: session.id,
        detail: { course: courseId, created: true },
      });
      return session;
    });
  }

  /**
   * Changes a session. The row is locked first, so a booking cannot slip in between counting the
   * places taken and lowering the capacity below them.
   */
  async function updateSession(ctx: RequestContext, id: string, patch: Partial<SessionInput>, version: number) {
    return run(ctx, async (tx) => {
      const { session } = await loadSession(tx, ctx, id, 'courses.edit');
      await repo.lockSession(tx, id);
      const next = { ...session, ...patch };
      checkTimes(next.startsAt, next.endsAt);
      const booked = await repo.countLiveBookings(tx, id);
      const refusal = capacityRefusal(next.capacity, booked);
      if (refusal) throw new ValidationError([{ field: 'capacity', key: `training:errors.capacity.${refusal}`, params: { booked } }]);
      const values = {
        ...patch,
        ...(patch.facilitatorIds ? { facilitatorIds: await checkFacilitators(tx, session.organisationId, patch.facilitatorIds) } : {}),
      };
      const updated = await repo.updateSession(tx, id, version, values);
      if (!updated) throw new ConflictError('errors.conflict.body', session.version);
      await recordAudit(tx, ctx, { action: 'courses.edit', resourceType: 'course_session', resourceId: id, detail: { fields: Object.keys(patch).length } });
      return updated;
    });
  }

  /**
   * A session with everyone booked on it. Names are people's data, so the read is audited; people
   * who may book are also offered the applicants they could book.
   */
  async function getSession(ctx: RequestContext, id: string) {
    return run(ctx, async (tx) => {
      const { session, course, booked } = await loadSession(tx, ctx, id, 'courses.view');
      const bookings = await repo.bookingsOfSession(tx, id);
      const names = await repo.userNames(tx, session.facilitatorIds);
      const mayBook = decide(ctx.actor, 'bookings.edit', { type: 'course_session', organisationId: session.organisationId }).allowed;
      const liveIds = new Set(bookings.filter((b) => b.booking.status === 'booked').map((b) => b.booking.applicantId));
      const applicants = mayBook ? (await repo.bookableApplicants(tx, session.organisationId)).filter((a) => !liveIds.has(a.id)) : [];
      await recordAudit(tx, ctx, { action: 'courses.view', resourceType: 'course_session', resourceId: id, detail: { bookings: bookings.length } });
      return {
        session,
        course,
        booked,
        placesLeft: placesLeft(session.capacity, booked),
        started: clock().getTime() >= session.startsAt.getTime(),
        facilitators: session.facilitatorIds.map((f) => names.get(f) ?? ''),
        bookings: bookings.map((b) => ({ ...b.booking, name: `${b.givenNames} ${b.familyName}`, householdReference: b.householdReference })),
        applicants: applicants.map((a) => ({ id: a.id, name: `${a.givenNames} ${a.familyName}`, householdReference: a.householdReference })),
      };
    });
  }

  return { sessionFormOptions, createSession, updateSession, getSession };
}

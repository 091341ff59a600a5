import { recordAudit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/pool.ts';
import type { PageRequest } from '../../platform/db/keyset.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import type { Action } from '../../platform/policy/actions.ts';
import { authorize, decide } from '../../platform/policy/policy.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import { dateInWales } from '../../platform/dates/dates.ts';
import { TrainingRefusal } from './errors.ts';
import type { CourseInput, CoursePatch, SessionInput } from './inputs.ts';
import * as repo from './repository.ts';
import {
  attendanceRefusal,
  cancellationRefusal,
  capacityRefusal,
  certificateEligibility,
  certificateNumber,
  checkCapacity,
  nextCertificateSerial,
  placesLeft,
  stage1Training,
} from './rules.ts';

export type { HouseholdTraining } from './record.ts';
import type { HouseholdTraining } from './record.ts';

/** A database refusal of a second live booking of one applicant on one session. */
function isDoubleBooking(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string; constraint?: string } }).cause ?? (error as { code?: string; constraint?: string });
  return cause?.code === '23505' && cause.constraint === 'course_bookings_one_live_idx';
}

function userId(ctx: RequestContext): string | null {
  return ctx.actor.kind === 'user' ? ctx.actor.userId : null;
}

/** The end of a session must come after its start. */
function checkTimes(startsAt: Date, endsAt: Date): void {
  if (endsAt.getTime() <= startsAt.getTime()) throw new ValidationError([{ field: 'endsAt', key: 'training:errors.endsAt.beforeStart' }]);
}

/** Preparation training: courses, sessions, bookings, attendance, certificates. */
export function createTrainingService(runner: UseCaseRunner, clock: () => Date = () => new Date()) {
  const { run } = runner;

  async function loadCourse(tx: Tx, ctx: RequestContext, id: string, action: Action) {
    const course = await repo.getCourse(tx, id);
    if (!course) throw new NotFoundError();
    authorize(ctx.actor, action, { type: 'course', id, organisationId: course.organisationId });
    return course;
  }

  async function loadSession(tx: Tx, ctx: RequestContext, id: string, action: Action) {
    const found = await repo.getSession(tx, id);
    if (!found) throw new NotFoundError();
    authorize(ctx.actor, action, { type: 'course_session', id, organisationId: found.session.organisationId });
    return found;
  }

  /** Loads a booking to change it; a page names the session too, and a booking of another session is not found. */
  async function loadBooking(tx: Tx, ctx: RequestContext, id: string, sessionId?: string) {
    const booking = await repo.getBooking(tx, id);
    if (!booking || (sessionId && booking.sessionId !== sessionId)) throw new NotFoundError();
    authorize(ctx.actor, 'bookings.edit', { type: 'course_booking', id, organisationId: booking.organisationId });
    return booking;
  }

  /** Facilitators chosen from the organisation's staff; anyone else is refused by name of the field. */
  async function checkFacilitators(tx: Tx, organisationId: string, ids: readonly string[]): Promise<string[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const staff = new Set((await repo.facilitators(tx, organisationId)).map((f) => f.id));
    if (unique.some((id) => !staff.has(id))) throw new ValidationError([{ field: 'facilitatorIds', key: 'training:errors.facilitators.unknown' }]);
    return unique;
  }

  /** A page of courses by kind and title (the API). */
  async function pageCourses(ctx: RequestContext, page: PageRequest) {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'courses.view');
      const found = await repo.listCourses(tx, clock(), page);
      return { items: found.items.map((r) => ({ ...r.course, sessions: r.sessions, nextSession: r.nextSession })), next: found.next };
    });
  }

  /** Every course (the pages: an agency runs a few dozen). */
  async function listCourses(ctx: RequestContext) {
    return (await pageCourses(ctx, { limit: 100_000 })).items;
  }

  /** A course with its sessions, each with places booked and left, and who facilitates it. */
  async function getCourse(ctx: RequestContext, id: string) {
    return run(ctx, async (tx) => {
      const course = await loadCourse(tx, ctx, id, 'courses.view');
      const rows = await repo.sessionsOfCourse(tx, id);
      const names = await repo.userNames(
        tx,
        rows.flatMap((r) => r.session.facilitatorIds),
      );
      return {
        course,
        sessions: rows.map((r) => ({
          ...r.session,
          booked: r.booked,
          placesLeft: placesLeft(r.session.capacity, r.booked),
          facilitators: r.session.facilitatorIds.map((f) => names.get(f) ?? ''),
        })),
      };
    });
  }

  async function createCourse(ctx: RequestContext, input: CourseInput) {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'courses.edit');
      if (ctx.actor.kind !== 'user') throw new NotFoundError();
      const course = await repo.insertCourse(tx, { ...input, organisationId: ctx.actor.organisationId });
      await recordAudit(tx, ctx, { action: 'courses.edit', resourceType: 'course', resourceId: course.id, detail: { created: true } });
      return course;
    });
  }

  async function updateCourse(ctx: RequestContext, id: string, patch: CoursePatch, version: number) {
    return run(ctx, async (tx) => {
      const course = await loadCourse(tx, ctx, id, 'courses.edit');
      const updated = await repo.updateCourse(tx, id, version, patch);
      if (!updated) throw new ConflictError('errors.conflict.body', course.version);
      await recordAudit(tx, ctx, { action: 'courses.edit', resourceType: 'course', resourceId: id, detail: { fields: Object.keys(patch).length } });
      return updated;
    });
  }

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

  /**
   * Books an applicant onto a session. The session row is locked before the places are counted, so
   * two people taking the last place at once are served one after the other and the second is told
   * the session is full. A second live booking of the same person is refused; the database's unique
   * index stands behind that check.
   */
  async function bookApplicant(ctx: RequestContext, sessionId: string, applicantId: string) {
    return run(ctx, async (tx) => {
      const found = await repo.getSession(tx, sessionId);
      if (!found) throw new NotFoundError();
      authorize(ctx.actor, 'bookings.edit', { type: 'course_session', id: sessionId, organisationId: found.session.organisationId });
      const session = await repo.lockSession(tx, sessionId);
      if (!session) throw new NotFoundError();
      const applicant = await repo.getApplicant(tx, applicantId);
      if (!applicant || applicant.organisationId !== session.organisationId)
        throw new ValidationError([{ field: 'applicantId', key: 'training:errors.applicant.unknown' }]);
      if (repo.isClosedStage(applicant.stage)) throw new TrainingRefusal('training:errors.booking.householdClosed', {}, 'applicantId');
      const existing = (await repo.bookingsOfSession(tx, sessionId)).filter((b) => b.booking.status === 'booked');
      const name = `${applicant.givenNames} ${applicant.familyName}`;
      if (existing.some((b) => b.booking.applicantId === applicantId))
        throw new TrainingRefusal('training:errors.booking.alreadyBooked', { name }, 'applicantId');
      const capacity = checkCapacity(session.capacity, existing.length);
      if (!capacity.allowed) throw new TrainingRefusal('training:errors.booking.full', { booked: capacity.booked, count: capacity.capacity }, 'applicantId');
      let booking;
      try {
        booking = await repo.insertBooking(tx, {
          sessionId,
          applicantId,
          householdId: applicant.householdId,
          organisationId: session.organisationId,
          bookedBy: userId(ctx),
        });
      } catch (error) {
        if (isDoubleBooking(error)) throw new TrainingRefusal('training:errors.booking.alreadyBooked', { name }, 'applicantId');
        throw error;
      }
      await recordAudit(tx, ctx, {
        action: 'bookings.edit',
        resourceType: 'household',
        resourceId: applicant.householdId,
        detail: { change: 'booked', booking: booking.id, session: sessionId },
      });
      return booking;
    });
  }

  async function cancelBooking(ctx: RequestContext, bookingId: string, version?: number, sessionId?: string) {
    return run(ctx, async (tx) => {
      const booking = await loadBooking(tx, ctx, bookingId, sessionId);
      const refusal = cancellationRefusal(booking);
      if (refusal) throw new TrainingRefusal(`training:errors.cancel.${refusal}`);
      const updated = await repo.updateBooking(tx, bookingId, version ?? booking.version, { status: 'cancelled' });
      if (!updated) throw new ConflictError('errors.conflict.body', booking.version);
      await recordAudit(tx, ctx, {
        action: 'bookings.edit',
        resourceType: 'household',
        resourceId: booking.householdId,
        detail: { change: 'cancelled', booking: bookingId, session: booking.sessionId },
      });
      return updated;
    });
  }

  async function recordAttendance(ctx: RequestContext, bookingId: string, attendance: 'attended' | 'absent', version?: number, sessionId?: string) {
    return run(ctx, async (tx) => {
      const booking = await loadBooking(tx, ctx, bookingId, sessionId);
      const found = await repo.getSession(tx, booking.sessionId);
      if (!found) throw new NotFoundError();
      const refusal = attendanceRefusal(booking, attendance, found.session.startsAt, clock());
      if (refusal) throw new TrainingRefusal(`training:errors.attendance.${refusal}`);
      const updated = await repo.updateBooking(tx, bookingId, version ?? booking.version, { attendance });
      if (!updated) throw new ConflictError('errors.conflict.body', booking.version);
      await recordAudit(tx, ctx, {
        action: 'bookings.edit',
        resourceType: 'household',
        resourceId: booking.householdId,
        detail: { change: `attendance.${attendance}`, booking: bookingId, session: booking.sessionId },
      });
      return updated;
    });
  }

  /**
   * Issues the certificate of completion of someone who attended. Numbers count up per organisation
   * and year under a lock, so two issued at once never share one; asking again returns the same.
   */
  async function issueCertificate(ctx: RequestContext, bookingId: string, sessionId?: string) {
    return run(ctx, async (tx) => {
      const booking = await loadBooking(tx, ctx, bookingId, sessionId);
      const eligibility = certificateEligibility(booking);
      if (eligibility === 'alreadyIssued') return { booking, issued: false };
      if (eligibility !== 'eligible') throw new TrainingRefusal(`training:errors.certificate.${eligibility}`);
      await repo.lockCertificateNumbering(tx, booking.organisationId);
      const issuedOn = dateInWales(clock());
      const year = Number(issuedOn.slice(0, 4));
      const last = await repo.lastCertificateNumberOfYear(tx, booking.organisationId, year);
      const number = certificateNumber(year, nextCertificateSerial(year, last ? [last] : []));
      const updated = await repo.updateBooking(tx, bookingId, booking.version, { certificateNumber: number, certificateIssuedOn: issuedOn });
      if (!updated) throw new ConflictError('errors.conflict.body', booking.version);
      await recordAudit(tx, ctx, {
        action: 'bookings.edit',
        resourceType: 'household',
        resourceId: booking.householdId,
        detail: { change: 'certificate', booking: bookingId, certificate: number },
      });
      return { booking: updated, issued: true };
    });
  }

  /** The printed certificate: the course, the session and the person, in both languages. */
  async function getCertificate(ctx: RequestContext, bookingId: string) {
    return run(ctx, async (tx) => {
      const found = await repo.certificateOf(tx, bookingId);
      if (!found || !found.booking.certificateNumber) throw new NotFoundError();
      authorize(ctx.actor, 'courses.view', { type: 'course_booking', id: bookingId, organisationId: found.booking.organisationId });
      await recordAudit(tx, ctx, {
        action: 'courses.view',
        resourceType: 'household',
        resourceId: found.booking.householdId,
        detail: { certificate: found.booking.certificateNumber },
      });
      return found;
    });
  }

  /**
   * An adoptive household's training record: per applicant, every booking with its course (both
   * titles: the page chooses), session dates, status, attendance and certificate, and whether they
   * have attended every course required for Stage 1. Staff need households.view; an adopter
   * (portal.view) sees only a household they are an applicant of.
   */
  async function householdTraining(ctx: RequestContext, householdId: string): Promise<HouseholdTraining> {
    return run(ctx, async (tx) => {
      const actor = ctx.actor;
      // Staff read it as part of the household; an adopter only through their own portal.
      const action: Action = decide(actor, 'households.view').allowed ? 'households.view' : 'portal.view';
      authorize(actor, action);
      const household = await repo.getHousehold(tx, householdId);
      if (!household) throw new NotFoundError();
      if (action === 'portal.view' && actor.kind === 'user') {
        // Only the subject test may open it: being of the same organisation is not enough for an adopter.
        authorize(actor, 'portal.view', {
          type: 'household',
          id: householdId,
          organisationId: null,
          subjectUserId: household.adopterUserIds.includes(actor.userId) ? actor.userId : null,
        });
      } else {
        authorize(actor, 'households.view', { type: 'household', id: householdId, organisationId: household.organisationId });
      }
      const people = await repo.applicantsOfHousehold(tx, householdId);
      const bookings = await repo.bookingsOfHousehold(tx, householdId);
      const required = await repo.requiredCourses(tx, household.organisationId);
      const requiredIds = required.map((c) => c.id);
      await recordAudit(tx, ctx, { action, resourceType: 'household', resourceId: householdId, detail: { training: true, bookings: bookings.length } });
      return {
        householdId,
        reference: household.reference,
        requiredCourses: required,
        applicants: people.map((person) => {
          const own = bookings.filter((b) => b.booking.applicantId === person.id);
          const stage1 = stage1Training(
            requiredIds,
            own.map((b) => ({ courseId: b.course.id, status: b.booking.status, attendance: b.booking.attendance })),
          );
          return {
            applicantId: person.id,
            name: `${person.givenNames} ${person.familyName}`,
            preferredLanguage: person.preferredLanguage,
            stage1Complete: stage1.complete,
            missingRequiredCourses: required.filter((c) => stage1.missingCourseIds.includes(c.id)),
            bookings: own.map((b) => ({
              bookingId: b.booking.id,
              courseId: b.course.id,
              courseTitle: b.course.title,
              courseTitleCy: b.course.titleCy,
              courseKind: b.course.kind,
              requiredForStage1: b.course.requiredForStage1,
              sessionId: b.session.id,
              startsAt: b.session.startsAt,
              endsAt: b.session.endsAt,
              venue: b.session.venue,
              status: b.booking.status,
              attendance: b.booking.attendance,
              certificateNumber: b.booking.certificateNumber,
              certificateIssuedOn: b.booking.certificateIssuedOn,
            })),
          };
        }),
      };
    });
  }

  return {
    listCourses,
    pageCourses,
    getCourse,
    createCourse,
    updateCourse,
    sessionFormOptions,
    createSession,
    updateSession,
    getSession,
    bookApplicant,
    cancelBooking,
    recordAttendance,
    issueCertificate,
    getCertificate,
    householdTraining,
  };
}

export type TrainingService = ReturnType<typeof createTrainingService>;

export { TrainingRefusal } from './errors.ts';
export { householdTrainingView } from './record.ts';

import { recordAudit } from '../../platform/audit/audit.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { authorize } from '../../platform/policy/policy.ts';
import { dateInWales } from '../../platform/dates/dates.ts';
import { isDoubleBooking, loadBooking, userIdOf, type TrainingDeps } from './access.ts';
import * as repo from './repository.ts';
import { attendanceRefusal, cancellationRefusal, certificateEligibility, certificateNumber, checkCapacity, nextCertificateSerial } from './rules.ts';
import { TrainingRefusal } from './errors.ts';
import { notify } from '../notifications/index.ts';
import { adopterRecords } from '../recruitment/index.ts';

/** Bookings of applicants on sessions: booking, cancelling, attendance and certificates of completion. */
export function createBookingUseCases(deps: TrainingDeps) {
  const { run, clock } = deps;

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
          bookedBy: userIdOf(ctx),
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
      // The applicant hears of their place in their own language (by their preference: at once, in a digest, or not).
      const person = await adopterRecords.getApplicantOfHousehold(tx, applicant.householdId, applicantId);
      if (person?.email) {
        await notify(tx, {
          event: 'trainingBooked',
          organisationId: session.organisationId,
          recipient: { email: person.email, language: person.preferredLanguage, userId: person.userId },
          data: { name: person.givenNames, course: found.course.title, courseCy: found.course.titleCy, date: dateInWales(session.startsAt) },
          references: { householdId: applicant.householdId, bookingId: booking.id },
        });
      }
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

  return { bookApplicant, cancelBooking, recordAttendance, issueCertificate, getCertificate };
}

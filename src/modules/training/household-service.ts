import { recordAudit } from '../../platform/audit/audit.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import type { Action } from '../../platform/policy/actions.ts';
import { authorize, decide } from '../../platform/policy/policy.ts';
import { type TrainingDeps } from './access.ts';
import * as repo from './repository.ts';
import { stage1Training } from './rules.ts';
import type { HouseholdTraining } from './record.ts';

/** An adoptive household's training, as staff and the household's own adopters read it. */
export function createHouseholdTrainingUseCases(deps: TrainingDeps) {
  const { run } = deps;

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

  return { householdTraining };
}

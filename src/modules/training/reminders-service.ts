import { recordAudit } from '../../platform/audit/audit.ts';
import { dateInWales } from '../../platform/dates/dates.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import { notify } from '../notifications/index.ts';
import { adopterRecords } from '../recruitment/index.ts';
import * as repo from './repository.ts';
import { MAX_REMINDER_DAYS } from './settings.ts';
import { reminderDaysOf } from './settings-service.ts';

/** How many days before a session its booked places are reminded, unless the server or the agency says otherwise. */
export const DEFAULT_REMINDER_DAYS = 7;

/**
 * Reminders of booked places on training sessions: the scheduled job (`serve` runs it every hour)
 * finds, across every agency, the places on sessions beginning within the agency's reminder period
 * (its training settings, else `defaultDays`, the server's TRAINING_REMINDER_DAYS) and reminds each
 * applicant once, in their language and as they chose to be told. Each booking is claimed
 * (`reminded_at` set where it was empty) before its e-mail is queued, in the same transaction, so a
 * run repeated, or two runs at once, never remind one place twice; a place booked later than the
 * reminder period is reminded on the next run. Runs as the platform (system job `trainingReminders`),
 * audited with counts only.
 */
export function createTrainingReminders(runner: UseCaseRunner, defaultDays = DEFAULT_REMINDER_DAYS, clock: () => Date = () => new Date()) {
  async function sendDueReminders(ctx: RequestContext): Promise<{ sent: number }> {
    return runner.runAsSystemJob('trainingReminders', ctx, async (tx, system) => {
      const now = clock();
      const day = 24 * 3_600_000;
      // Every place within the longest period an agency may choose, then each agency's own period.
      const periods = new Map<string, number>();
      const periodOf = async (organisationId: string) => {
        if (!periods.has(organisationId)) periods.set(organisationId, await reminderDaysOf(tx, organisationId, defaultDays));
        return periods.get(organisationId)!;
      };
      let sent = 0;
      for (const due of await repo.bookingsToRemind(tx, now, new Date(now.getTime() + MAX_REMINDER_DAYS * day))) {
        if (due.startsAt.getTime() > now.getTime() + (await periodOf(due.booking.organisationId)) * day) continue;
        if (!(await repo.claimBookingReminder(tx, due.booking.id, now))) continue;
        const person = await adopterRecords.getApplicantOfHousehold(tx, due.booking.householdId, due.booking.applicantId);
        if (!person?.email) continue;
        const delivery = await notify(tx, {
          event: 'trainingReminder',
          organisationId: due.booking.organisationId,
          recipient: { email: person.email, language: person.preferredLanguage, userId: person.userId },
          data: { name: person.givenNames, course: due.title, courseCy: due.titleCy, date: dateInWales(due.startsAt) },
          references: { householdId: due.booking.householdId, bookingId: due.booking.id },
        });
        if (delivery !== 'none') sent += 1;
      }
      await recordAudit(tx, system, {
        action: 'system.trainingReminders',
        resourceType: 'training_reminders',
        detail: { defaultDays, agencies: periods.size, sent },
      });
      return { sent };
    });
  }

  return { sendDueReminders };
}

export type TrainingReminders = ReturnType<typeof createTrainingReminders>;

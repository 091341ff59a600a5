import type { Tx } from '../../platform/db/pool.ts';
import { notify, type NotificationData, type NotificationEvent } from '../notifications/index.ts';
import type { HouseholdRow } from './adopter-records.ts';
import * as repo from './repository.ts';

/**
 * Tells a household's applicants that something happened, each in their own language (their
 * account's choice when they have one): every applicant with an address, or the household's own
 * address when none has one. In the caller's transaction, so nothing goes unless the change commits.
 */
export async function tellApplicants(
  tx: Tx,
  household: Pick<HouseholdRow, 'id' | 'organisationId' | 'email' | 'preferredLanguage'>,
  event: NotificationEvent,
  data: NotificationData = {},
): Promise<void> {
  const applicants = (await repo.applicantsOf(tx, household.id)).filter((a) => a.email);
  const references = { householdId: household.id };
  if (applicants.length === 0) {
    await notify(tx, {
      event,
      organisationId: household.organisationId,
      recipient: { email: household.email, language: household.preferredLanguage },
      data,
      references,
    });
    return;
  }
  for (const applicant of applicants) {
    await notify(tx, {
      event,
      organisationId: household.organisationId,
      recipient: { email: applicant.email!, language: applicant.preferredLanguage, userId: applicant.userId },
      data: { ...data, name: applicant.givenNames },
      references: { ...references, applicantId: applicant.id },
    });
  }
}

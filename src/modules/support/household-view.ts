import { daysText, escapeHtml, hoursText, longDate, REVIEW_TAG, sessionWhen, tagHtml, type T } from './format.ts';
import type { HouseholdSupport } from './household-service.ts';

/** The household page's support part, ready for support/views/household-support.njk. */
export function householdSupportView(support: HouseholdSupport | null, t: T, language: string) {
  if (!support) return null;
  return {
    householdId: support.householdId,
    rows: [
      {
        key: { text: t('support:household.plan') },
        value: {
          html: support.plans.length
            ? support.plans
                .map(
                  (p) =>
                    `<a class="govuk-link" href="/support/plans/${p.id}">${escapeHtml(t('support:household.planAgreed', { date: longDate(p.agreedDate, language) }))}</a> ${tagHtml(t(`support:vocabulary.review.${p.review}`), REVIEW_TAG[p.review]!)}`,
                )
                .join('<br>')
            : escapeHtml(t('support:household.noPlan')),
        },
      },
      {
        key: { text: t('support:household.requests') },
        value: {
          html: support.openRequests.length
            ? support.openRequests
                .map(
                  (r) =>
                    `<a class="govuk-link" href="/support/requests/${r.id}">${escapeHtml(t(`support:vocabulary.requestStatus.${r.status}`))}</a>, ${escapeHtml(daysText(r.daysWaiting, t))}`,
                )
                .join('<br>')
            : escapeHtml(t('support:household.noRequests')),
        },
      },
      {
        key: { text: t('support:household.nextSession') },
        value: {
          html: support.nextSession
            ? `<a class="govuk-link" href="/support/sessions/${support.nextSession.id}">${escapeHtml(sessionWhen(support.nextSession.startsAt, support.nextSession.durationMinutes, t, language))}</a> – ${escapeHtml(t(`support:vocabulary.kind.${support.nextSession.kind}`))}`
            : escapeHtml(t('support:household.noSession')),
        },
      },
      {
        key: { text: t('support:household.delivered') },
        value: { text: t('support:plan.hoursValue', { count: support.delivered.sessions, hours: hoursText(support.delivered.minutes, t, language) }) },
      },
    ],
  };
}

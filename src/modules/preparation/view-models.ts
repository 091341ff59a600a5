import { hoursText } from './session-rules.ts';
import { ADOPTER_FORMULATION_PARTS as ADOPTER_PARTS } from '../../platform/policy/policy.ts';
import { longDate, namesText, paragraphs, type T } from './format.ts';
import type { FamilyPreparation } from './family-service.ts';
import type { SessionsService } from './sessions-service.ts';

/**
 * View builders other modules include with a partial of this module:
 * - household-preparation.njk: `preparation = householdPreparationView(await services.preparation.householdSessions(ctx, id), t, language, { canEdit })`;
 * - family-preparation.njk: `preparation = familyPreparationView(await services.preparation.familyPreparation(ctx, householdId), t, language)`.
 * (my-actions.njk takes what `actionsFor(ctx)` returns as it is.)
 */

type HouseholdSessions = Awaited<ReturnType<SessionsService['householdSessions']>>;

/** A household's therapeutic preparation sessions for its record (the partial household-preparation.njk). */
export function householdPreparationView(data: HouseholdSessions, t: T, language: string, options: { canEdit: boolean }) {
  const names = new Map(data.applicants.map((a) => [a.id, a.givenNames]));
  return {
    householdId: data.householdId,
    canEdit: options.canEdit,
    totals: data.totals.map((total) => ({
      name: names.get(total.applicantId) ?? '',
      text: t('preparation:household.total', { sessions: total.sessions, hours: hoursText(total.minutes) }),
    })),
    sessions: data.sessions.map((s) => ({
      id: s.id,
      date: longDate(s.sessionDate, language),
      worker: s.workerName,
      duration: t('preparation:household.minutes', { count: s.durationMinutes }),
      topics: s.topics.map((topic) => t(`preparation:vocabulary.topic.${topic}`)),
      attended: data.applicants.filter((a) => s.attendance[a.id]).map((a) => a.givenNames),
      absent: data.applicants.filter((a) => !s.attendance[a.id]).map((a) => a.givenNames),
      reflection: s.readinessReflection,
    })),
  };
}

/** What the family reads in their portal (the partial family-preparation.njk): sessions, transition plans, formulations. */
export function familyPreparationView(data: FamilyPreparation, t: T, language: string) {
  return {
    sessions: data.sessions.map((s) => ({
      date: longDate(s.sessionDate, language),
      topics: s.topics.map((topic) => t(`preparation:vocabulary.topic.${topic}`)).join(', '),
      attendedBy: s.attendedBy.join(', ') || t('preparation:household.nobody'),
    })),
    matches: data.matches.map((m) => ({
      heading: m.childNames.length ? t('preparation:family.about', { names: namesText(m.childNames, t) }) : t('preparation:family.aboutChildren'),
      plan: m.transitionPlan && {
        movingDay: m.transitionPlan.progress.movingDay
          ? t('preparation:family.movingDay', { date: longDate(m.transitionPlan.progress.movingDay, language) })
          : null,
        steps: m.transitionPlan.steps.map((s) => ({
          date: longDate(s.plannedDate, language),
          kind: t(`matches:vocabulary.step.${s.kind}`),
          description: s.description ?? '',
          attendees: s.attendees ?? '',
          status: t(`matches:vocabulary.stepStatus.${s.status}`),
          statusClass: STEP_STATUS_CLASS[s.status] ?? '',
        })),
      },
      formulations: m.formulations.map((f) => ({
        sections: ADOPTER_PARTS.filter((part) => f[part] !== undefined).map((part) => ({
          title: t(`preparation:formulation.fields.${part}`),
          paragraphs: paragraphs(f[part] ?? null),
        })),
      })),
    })),
  };
}

const STEP_STATUS_CLASS: Record<string, string> = {
  planned: 'govuk-tag--blue',
  done: 'govuk-tag--green',
  moved: 'govuk-tag--yellow',
  cancelled: 'govuk-tag--grey',
};

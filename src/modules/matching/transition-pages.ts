import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { choices, formErrors, withDateFields, type Form } from '../../platform/forms/forms.ts';
import { longDate } from '../../platform/format/format.ts';
import { walesDateTime } from '../../platform/dates/times.ts';
import { namesText, tagHtml } from '../../platform/format/format.ts';
import { STEP_STATUS_CHOICES, stepFromForm, stepToForm } from './transition-inputs.ts';
import { TRANSITION_STEP_KINDS } from './vocabulary.ts';
import { formRoute, idParams, unversioned } from '../../platform/forms/form-route.ts';
import { pdfRoute } from '../../platform/pdf/pdf-route.ts';
import { transitionPlanPdf } from './transition-pdf.ts';

/** The date input of an introductions step, for formErrors. */
const TRANSITION_FORM = withDateFields(['plannedDate']);

export const STEP_STATUS_TAG: Record<string, string> = {
  planned: 'govuk-tag--blue',
  done: 'govuk-tag--green',
  moved: 'govuk-tag--yellow',
  cancelled: 'govuk-tag--grey',
};

/** A match's transition plan (and its printable copy), and the form for its steps. */
export function transitionPageRoutes(services: Services) {
  const transitions = services.preparation.transitions;

  async function planView(call: Call, matchId: string) {
    const t = call.t;
    const lang = call.language;
    const plan = await transitions.transitionPlan(call.ctx, matchId);
    const { progress } = plan;
    return {
      plan,
      title: t('preparation:transition.title', {
        names: namesText(
          plan.children.map((c) => c.name),
          t,
        ),
      }),
      household: [plan.householdNames.join(' & '), plan.householdReference].filter(Boolean).join(' · '),
      stage: t(`matches:vocabulary.stage.${plan.match.stage}`),
      progressRows: [
        {
          key: { text: t('preparation:transition.movingDay') },
          value: { text: progress.movingDay ? longDate(progress.movingDay, lang) : t('preparation:transition.noMovingDay') },
        },
        {
          key: { text: t('preparation:transition.stepsDone') },
          value: { text: t('preparation:transition.stepsDoneValue', { done: progress.done, steps: progress.steps }) },
        },
        ...(progress.notRecorded ? [{ key: { text: t('preparation:transition.notRecorded') }, value: { text: String(progress.notRecorded) } }] : []),
      ],
      steps: plan.steps.map((s) => ({
        id: s.id,
        date: longDate(s.plannedDate, lang),
        kind: t(`matches:vocabulary.step.${s.kind}`),
        description: s.description ?? '',
        attendees: s.attendees ?? '',
        statusHtml: tagHtml(t(`matches:vocabulary.stepStatus.${s.status}`), STEP_STATUS_TAG[s.status] ?? '', 'step-status'),
        status: s.status,
        notes: s.notes ?? '',
        reason: s.changeReason ?? '',
        updated: s.updatedByName ? t('preparation:transition.updated', { name: s.updatedByName, date: longDate(walesDateTime(s.updatedAt).date, lang) }) : '',
        isNext: s.id === progress.nextStepId,
      })),
    };
  }

  async function stepForm(call: Call, options: { matchId?: string; stepId?: string }, values?: Form, errors: FieldError[] = [], status?: number) {
    const t = call.t;
    let matchId = options.matchId;
    let shown = values;
    if (options.stepId) {
      const found = await transitions.getStep(call.ctx, options.stepId);
      matchId = found.step.matchId;
      shown ??= stepToForm(found.step);
    }
    const plan = await transitions.transitionPlan(call.ctx, matchId!);
    shown ??= { status: 'planned' };
    return call.render(
      'matching/views/transition-step.njk',
      {
        pageTitle: options.stepId ? t('preparation:stepForm.editTitle') : t('preparation:stepForm.newTitle'),
        caption: t('preparation:transition.title', {
          names: namesText(
            plan.children.map((c) => c.name),
            t,
          ),
        }),
        action: options.stepId ? `/transition-steps/${options.stepId}/edit` : `/matches/${matchId}/transition-plan/steps/new`,
        back: `/matches/${matchId}/transition-plan`,
        isEdit: Boolean(options.stepId),
        values: shown,
        version: shown.version,
        kindItems: choices(TRANSITION_STEP_KINDS, 'matches:vocabulary.step', t, shown.kind),
        statusItems: choices(STEP_STATUS_CHOICES, 'matches:vocabulary.stepStatus', t, shown.status),
        ...formErrors(errors, t, TRANSITION_FORM),
      },
      status ?? (errors.length ? 400 : 200),
    );
  }

  return [
    route({
      method: 'GET',
      url: '/matches/:id/transition-plan',
      kind: 'page',
      action: 'matches.view',
      summary: 'A match’s transition plan: introductions as dated steps, who attends, progress, changes and their reasons',
      params: idParams,
      handler: async (call) => {
        const view = await planView(call, call.params.id);
        return call.render('matching/views/transition-plan.njk', { pageTitle: view.title, ...view });
      },
    }),
    pdfRoute({
      url: '/matches/:id/transition-plan/pdf',
      action: 'matches.view',
      summary: 'The transition plan as a PDF in the reader’s language: what the plan’s page shows',
      load: planView,
      print: transitionPlanPdf,
      fileName: 'fileNames.transitionPlan',
    }),
    route({
      method: 'GET',
      url: '/matches/:id/transition-plan/print',
      kind: 'page',
      action: 'matches.view',
      summary: 'The transition plan, ready to print',
      params: idParams,
      handler: async (call) => {
        const view = await planView(call, call.params.id);
        return call.render('matching/views/transition-print.njk', { pageTitle: view.title, ...view, printed: longDate(transitions.today(), call.language) });
      },
    }),
    route({
      method: 'GET',
      url: '/matches/:id/transition-plan/steps/new',
      kind: 'page',
      action: 'transitionPlans.edit',
      summary: 'Form: add a step to the transition plan',
      params: idParams,
      handler: async (call) => stepForm(call, { matchId: call.params.id }),
    }),
    formRoute({
      url: '/matches/:id/transition-plan/steps/new',
      action: 'transitionPlans.edit',
      summary: 'Add a step (one moving day; a step after moving day needs a reason)',
      readVersion: unversioned,
      otherConflicts: 'onForm',
      parse: (form) => stepFromForm(form),
      save: (call, input) => transitions.addStep(call.ctx, call.params.id, input),
      view: (call, shown, errors, status) => stepForm(call, { matchId: call.params.id }, shown, errors, status),
      done: (call) => ({ to: `/matches/${call.params.id}/transition-plan`, flash: 'preparation:stepForm.added' }),
    }),
    route({
      method: 'GET',
      url: '/transition-steps/:id/edit',
      kind: 'page',
      action: 'transitionPlans.edit',
      summary: 'Form: change a step, record its progress',
      params: idParams,
      handler: async (call) => stepForm(call, { stepId: call.params.id }),
    }),
    formRoute({
      url: '/transition-steps/:id/edit',
      action: 'transitionPlans.edit',
      summary: 'Change a step: a new date or a cancellation needs a reason; done only once its day has come (stale versions refused)',
      otherConflicts: 'onForm',
      load: async (call) => (await transitions.getStep(call.ctx, call.params.id)).step,
      parse: (form) => stepFromForm(form),
      save: (call, input, version) => transitions.updateStep(call.ctx, call.params.id, input, version),
      view: (call, shown, errors, status) => stepForm(call, { stepId: call.params.id }, shown, errors, status),
      done: (_call, { loaded: step }) => ({ to: `/matches/${step.matchId}/transition-plan`, flash: 'preparation:stepForm.saved' }),
    }),
  ];
}

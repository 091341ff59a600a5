import { z } from 'zod';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { fields } from '../../platform/http/validation.ts';
import { ConflictError, ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { can } from '../../platform/policy/policy.ts';
import { formErrors, formValues, type Form } from '../../platform/forms/forms.ts';
import { escapeHtml, hoursText, longDate, paragraphs, REVIEW_TAG, sessionWhen, SESSION_STATUS_TAG, tagHtml } from './format.ts';
import { itemFromForm, planFromForm, planPatchFromForm, planToForm, SUPPORT_FORM } from './forms.ts';
import { anyForm, formRoute, idParams, versionOf } from '../../platform/forms/form-route.ts';

const itemParams = z.object({ id: fields.uuid(), itemId: fields.uuid() });
const raw = (call: Call) => (call.request.body ?? {}) as Form;

/** Adoption support plans: the list with reviews due, a plan with its items, sessions and hours, and the plan form. */
export function planPageRoutes(services: Services) {
  const support = services.support;

  async function formPage(call: Call, planId: string | null, values: Form, errors: FieldError[] = [], status?: number) {
    const t = call.t;
    const matches = planId ? [] : (await support.planFormOptions(call.ctx)).matches;
    let caption: string | null = null;
    if (planId) caption = (await support.getPlan(call.ctx, planId)).household.reference;
    return call.render(
      'support/views/plan-edit.njk',
      {
        pageTitle: planId ? t('support:planForm.editTitle') : t('support:planForm.newTitle'),
        caption,
        action: planId ? `/support/plans/${planId}/edit` : '/support/plans/new',
        back: planId ? `/support/plans/${planId}` : '/support/plans',
        isNew: !planId,
        values,
        version: values.version,
        matchItems: [
          { value: '', text: t('support:planForm.chooseMatch') },
          ...matches.map((m) => ({
            value: m.id,
            text: t('support:planForm.matchOption', { reference: m.householdReference, count: m.childCount, stage: t(`matches:vocabulary.stage.${m.stage}`) }),
            selected: values.matchId === m.id,
          })),
        ],
        noMatches: !planId && matches.length === 0,
        ...formErrors(errors, t, SUPPORT_FORM),
      },
      status ?? (errors.length ? 400 : 200),
    );
  }

  async function planPage(call: Call, id: string, errors: FieldError[] = [], values: Form = {}, status?: number) {
    const t = call.t;
    const found = await support.getPlan(call.ctx, id);
    const { plan, match, household } = found;
    const canEdit = can(call.actor, 'support.edit');
    return call.render(
      'support/views/plan.njk',
      {
        pageTitle: t('support:plan.title', { reference: household.reference }),
        plan,
        needsParagraphs: paragraphs(plan.needsSummary),
        canEdit,
        values,
        items: found.items,
        reviewTag: tagHtml(t(`support:vocabulary.review.${found.review}`), REVIEW_TAG[found.review]!, 'review-state'),
        summaryRows: [
          {
            key: { text: t('support:plan.household') },
            value: {
              html: can(call.actor, 'households.view')
                ? `<a class="govuk-link" href="/households/${household.id}">${escapeHtml(household.reference)}</a>`
                : escapeHtml(household.reference),
            },
          },
          {
            key: { text: t('support:plan.children') },
            value: { text: match ? (match.childNames.length ? match.childNames.join(', ') : t('support:plan.childCount', { count: match.childCount })) : '' },
          },
          { key: { text: t('support:plan.stage') }, value: { text: match ? t(`matches:vocabulary.stage.${match.stage}`) : '' } },
          { key: { text: t('support:plan.placementDate') }, value: { text: longDate(match?.placementDate, call.language) || t('support:plan.notYet') } },
          ...(match?.adoptionOrderDate
            ? [{ key: { text: t('support:plan.adoptionOrderDate') }, value: { text: longDate(match.adoptionOrderDate, call.language) } }]
            : []),
          ...(match?.disruptionDate
            ? [{ key: { text: t('support:plan.disruptionDate') }, value: { text: longDate(match.disruptionDate, call.language) } }]
            : []),
          { key: { text: t('support:plan.socialWorker') }, value: { text: household.socialWorkerName ?? t('support:plan.noWorker') } },
          { key: { text: t('support:plan.agreedDate') }, value: { text: longDate(plan.agreedDate, call.language) } },
          {
            key: { text: t('support:plan.nextReviewDate') },
            value: {
              html: `${escapeHtml(longDate(plan.nextReviewDate, call.language) || t('support:plan.noReview'))} ${tagHtml(t(`support:vocabulary.review.${found.review}`), REVIEW_TAG[found.review]!, 'review-state')}`,
            },
          },
          {
            key: { text: t('support:plan.hours') },
            value: {
              html: `<span data-testid="plan-hours">${escapeHtml(t('support:plan.hoursValue', { count: found.hours.sessions, hours: hoursText(found.hours.minutes, t, call.language) }))}</span>`,
            },
          },
        ],
        sessionRows: found.sessions.map((s) => [
          { html: `<a class="govuk-link" href="/support/sessions/${s.id}">${escapeHtml(sessionWhen(s.startsAt, s.durationMinutes, t, call.language))}</a>` },
          { text: t(`support:vocabulary.kind.${s.kind}`) },
          { text: s.workerName ?? '' },
          { html: tagHtml(t(`support:vocabulary.sessionStatus.${s.status}`), SESSION_STATUS_TAG[s.status]!) },
        ]),
        newSessionHref: `/support/sessions/new?householdId=${household.id}${match ? `&matchId=${match.id}` : ''}`,
        ...formErrors(errors, t, SUPPORT_FORM),
      },
      status ?? (errors.length ? 400 : 200),
    );
  }

  /** Runs an item change from the plan page: mistakes and stale versions come back to the page. */
  async function fromPlanPage(call: Call, planId: string, work: () => Promise<unknown>, flash: string) {
    try {
      await work();
    } catch (error) {
      if (error instanceof ConflictError) return planPage(call, planId, [{ field: 'version', key: 'errors.conflict.body' }], {}, 409);
      if (error instanceof ValidationError) return planPage(call, planId, error.fieldErrors, formValues(raw(call)), 400);
      throw error;
    }
    return call.redirect(`/support/plans/${planId}`, flash);
  }

  return [
    route({
      method: 'GET',
      url: '/support/plans',
      kind: 'page',
      action: 'support.view',
      summary: 'Adoption support plans and when each is next reviewed',
      handler: async (call) => {
        const t = call.t;
        const plans = await support.listPlans(call.ctx);
        return call.render('support/views/plans.njk', {
          pageTitle: t('support:plans.title'),
          canEdit: can(call.actor, 'support.edit'),
          rows: plans.map((p) => [
            { html: `<a class="govuk-link" href="/support/plans/${p.id}" data-testid="plan-link">${escapeHtml(p.householdReference)}</a>` },
            { text: String(p.childCount), format: 'numeric' },
            { text: t(`matches:vocabulary.stage.${p.stage}`) },
            { text: longDate(p.placementDate, call.language) || t('support:plan.notYet') },
            { text: String(p.items), format: 'numeric' },
            {
              html: `${escapeHtml(longDate(p.nextReviewDate, call.language))} ${tagHtml(t(`support:vocabulary.review.${p.review}`), REVIEW_TAG[p.review]!, 'review-state')}`,
            },
          ]),
        });
      },
    }),
    route({
      method: 'GET',
      url: '/support/plans/new',
      kind: 'page',
      action: 'support.edit',
      summary: 'Form: agree an adoption support plan for a match',
      query: anyForm,
      handler: async (call) => formPage(call, null, { matchId: typeof (call.query as Form).matchId === 'string' ? (call.query as Form).matchId : '' }),
    }),
    route({
      method: 'POST',
      url: '/support/plans/new',
      kind: 'page',
      action: 'support.edit',
      summary: 'Agree an adoption support plan for a match (one per match)',
      body: anyForm,
      onInvalid: (call, errors) => formPage(call, null, formValues(raw(call)), errors),
      handler: async (call) => {
        const plan = await support.createPlan(call.ctx, { ...planFromForm(call.body, true), items: [] });
        return call.redirect(`/support/plans/${plan.id}`, call.t('support:planForm.created'));
      },
    }),
    route({
      method: 'GET',
      url: '/support/plans/:id',
      kind: 'page',
      action: 'support.view',
      summary: 'An adoption support plan: needs, agreed support, who provides it, reviews, sessions and hours',
      params: idParams,
      handler: async (call) => planPage(call, call.params.id),
    }),
    route({
      method: 'GET',
      url: '/support/plans/:id/edit',
      kind: 'page',
      action: 'support.edit',
      summary: 'Form: change a support plan’s summary and review date',
      params: idParams,
      handler: async (call) => formPage(call, call.params.id, planToForm((await support.getPlan(call.ctx, call.params.id)).plan)),
    }),
    formRoute({
      url: '/support/plans/:id/edit',
      action: 'support.edit',
      summary: 'Change a support plan’s summary and review date (version-checked)',
      parse: (form) => planPatchFromForm(form),
      save: (call, patch, version) => support.updatePlan(call.ctx, call.params.id, patch, version),
      view: async (call, shown, errors, status) =>
        formPage(call, call.params.id, shown ?? planToForm((await support.getPlan(call.ctx, call.params.id)).plan), errors, status),
      done: (call) => ({ to: `/support/plans/${call.params.id}`, flash: 'support:planForm.saved' }),
    }),
    route({
      method: 'POST',
      url: '/support/plans/:id/items',
      formPage: '/support/plans/:id',
      kind: 'page',
      action: 'support.edit',
      summary: 'Add a need and the support agreed for it to a plan',
      params: idParams,
      body: anyForm,
      onInvalid: (call, errors) => planPage(call, call.params.id, errors, formValues(raw(call))),
      handler: async (call) => {
        const version = versionOf(call.body);
        const item = itemFromForm(call.body);
        return fromPlanPage(call, call.params.id, () => support.addItem(call.ctx, call.params.id, item, version), call.t('support:plan.items.added'));
      },
    }),
    route({
      method: 'POST',
      url: '/support/plans/:id/items/:itemId/remove',
      formPage: '/support/plans/:id',
      kind: 'page',
      action: 'support.edit',
      summary: 'Remove an item from a plan',
      params: itemParams,
      body: anyForm,
      onInvalid: (call, errors) => planPage(call, call.params.id, errors),
      handler: async (call) => {
        const version = versionOf(call.body);
        return fromPlanPage(
          call,
          call.params.id,
          () => support.removeItem(call.ctx, call.params.id, call.params.itemId, version),
          call.t('support:plan.items.removed'),
        );
      },
    }),
  ];
}

import { z } from 'zod';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { fields, parse, toFieldErrors } from '../../platform/http/validation.ts';
import { ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { choices, dateParts, datesFromForm, firstPerField, formErrors, list, text } from '../../platform/forms/forms.ts';
import { longDate } from '../../platform/format/format.ts';
import { dateInWales } from '../../platform/dates/dates.ts';
import { NEED_CATEGORIES } from '../children/index.ts';
import { missingCheckText } from './household-pages.ts';
import { checkInput, considerationInput, transitionInput, visitInput } from './inputs.ts';
import { DUE_TAG, RECRUITMENT_FORM, STAGE_TAG } from './page-helpers.ts';
import { TransitionRefusedError } from './service.ts';
import { CHECK_KINDS, CHECK_OUTCOMES, CONSIDERATION_LEVELS, CONTACT_ARRANGEMENTS, MAX_CHILDREN_CONSIDERED, RECOMMENDATIONS } from './vocabulary.ts';
import { anyForm, formRoute, idParams } from '../../platform/forms/form-route.ts';

const checkParams = z.object({ id: fields.uuid(), checkId: fields.uuid() });

/** Moving a household on, its Stage 1 checks, home study visits, what the family can consider, and the timescales view. */
export function stagePageRoutes(services: Services) {
  const recruitment = services.recruitment;
  const raw = (call: Call) => (call.request.body ?? {}) as Record<string, unknown>;

  async function stagePage(call: Call, id: string, values?: Record<string, unknown>, errors: FieldError[] = [], status = 200) {
    const t = call.t;
    const record = await recruitment.getHousehold(call.ctx, id);
    const names = new Map(record.applicants.map((a) => [a.id, a.givenNames]));
    const shown = values ?? { ...dateParts('date', dateInWales(new Date())), ...dateParts('reportCompletedDate', record.household.reportCompletedDate) };
    return call.render(
      'recruitment/views/stage.njk',
      {
        pageTitle: t('recruitment:stage.title'),
        caption: `${record.household.reference} · ${record.applicants.map((a) => `${a.givenNames} ${a.familyName}`).join(' & ')}`,
        householdId: id,
        version: record.household.version,
        currentText: t(`recruitment:vocabulary.stage.${record.household.stage}`),
        currentClass: STAGE_TAG[record.household.stage],
        since: longDate(record.household.stageSince, call.language),
        values: shown,
        moveItems: record.moves.map((move) => ({
          value: move,
          text:
            move === 'resume'
              ? t('recruitment:stage.resume', { stage: t(`recruitment:vocabulary.stage.${record.household.stageBeforeHold}`) })
              : t(`recruitment:vocabulary.stage.${move}`),
          hint: { text: t(`recruitment:stage.hints.${move}`) },
          checked: shown.to === move,
        })),
        needsPanel: record.moves.includes('agency_decision'),
        needsDecision: record.household.stage === 'agency_decision',
        needsReport: record.moves.includes('panel'),
        recommendationItems: choices(RECOMMENDATIONS, 'recruitment:vocabulary.recommendation', t, shown.panelRecommendation),
        outstanding: record.household.stage === 'stage1' ? record.missingChecks.map((m) => missingCheckText(m, names, t)) : [],
        ...formErrors(errors, t, RECRUITMENT_FORM),
      },
      status,
    );
  }

  async function checkPage(call: Call, id: string, checkId: string | null, values?: Record<string, unknown>, errors: FieldError[] = [], status = 200) {
    const t = call.t;
    const record = await recruitment.getHousehold(call.ctx, id);
    const existing = checkId ? record.checks.find((c) => c.id === checkId) : undefined;
    if (checkId && !existing) return stagePage(call, id); // unreachable in practice: the service 404s first
    const shown =
      values ??
      (existing
        ? { ...existing, ...dateParts('requestedDate', existing.requestedDate), ...dateParts('receivedDate', existing.receivedDate) }
        : { ...dateParts('requestedDate', dateInWales(new Date())), outcome: 'pending' });
    return call.render(
      'recruitment/views/check.njk',
      {
        pageTitle: t(existing ? 'recruitment:check.editTitle' : 'recruitment:check.newTitle'),
        caption: record.household.reference,
        householdId: id,
        action: existing ? `/households/${id}/checks/${existing.id}` : `/households/${id}/checks/new`,
        version: existing?.version,
        values: shown,
        kindItems: choices(CHECK_KINDS, 'recruitment:vocabulary.check', t, shown.kind),
        applicantItems: [
          { value: '', text: t('recruitment:check.household'), selected: !shown.applicantId },
          ...record.applicants.map((a) => ({ value: a.id, text: `${a.givenNames} ${a.familyName}`, selected: a.id === shown.applicantId })),
        ],
        outcomeItems: choices(CHECK_OUTCOMES, 'recruitment:vocabulary.outcome', t, shown.outcome ?? 'pending'),
        ...formErrors(errors, t, RECRUITMENT_FORM),
      },
      status,
    );
  }

  function checkFromForm(form: Record<string, unknown>) {
    const dates = datesFromForm(form, ['requestedDate', 'receivedDate']);
    const result = checkInput.safeParse({
      kind: text(form, 'kind') || undefined,
      applicantId: text(form, 'applicantId') || null,
      subject: text(form, 'subject'),
      requestedDate: dates.values.requestedDate,
      receivedDate: dates.values.receivedDate,
      outcome: text(form, 'outcome') || 'pending',
      notes: text(form, 'notes'),
    });
    const errors = firstPerField([...dates.errors, ...(result.success ? [] : toFieldErrors(result.error))]);
    if (errors.length || !result.success) throw new ValidationError(errors);
    return result.data;
  }

  async function profilePage(call: Call, id: string, values?: Record<string, unknown>, errors: FieldError[] = [], status = 200) {
    const t = call.t;
    const record = await recruitment.getHousehold(call.ctx, id);
    const current = record.currentProfile;
    const shown: Record<string, unknown> =
      values ??
      (current
        ? {
            ...current,
            siblingGroups: current.siblingGroups ? 'yes' : 'no',
            ...Object.fromEntries(Object.entries(current.needs).map(([k, v]) => [`need-${k}`, v])),
          }
        : {});
    const numbers = (from: number, to: number, prefix?: string) =>
      Array.from({ length: to - from + 1 }, (_, i) => from + i).map((n) => ({ value: String(n), text: prefix && n === to ? t(prefix) : String(n) }));
    const select = (items: { value: string; text: string }[], current: unknown) => [
      { value: '', text: t('recruitment:form.choose'), selected: current === undefined || current === '' },
      ...items.map((i) => ({ ...i, selected: String(current) === i.value })),
    ];
    return call.render(
      'recruitment/views/consideration.njk',
      {
        pageTitle: t('recruitment:profile.formTitle'),
        caption: record.household.reference,
        householdId: id,
        currentVersion: current?.profileVersion ?? 0,
        values: shown,
        childrenMinItems: select(numbers(1, MAX_CHILDREN_CONSIDERED, 'recruitment:profile.fourOrMore'), shown.childrenMin),
        childrenMaxItems: select(numbers(1, MAX_CHILDREN_CONSIDERED, 'recruitment:profile.fourOrMore'), shown.childrenMax),
        ageMinItems: select(numbers(0, 17), shown.ageMin),
        ageMaxItems: select(numbers(0, 17), shown.ageMax),
        siblingItems: choices(['yes', 'no'], 'recruitment:profile.yesNo', t, shown.siblingGroups),
        contactItems: choices(CONTACT_ARRANGEMENTS, 'recruitment:vocabulary.contact', t, shown.contact),
        needs: NEED_CATEGORIES.map((need) => ({
          need,
          legend: t(`children:vocabulary.need.${need}`),
          items: choices(CONSIDERATION_LEVELS, 'recruitment:vocabulary.level', t, shown[`need-${need}`]),
          error: (formErrors(errors, t).fieldErrors as Record<string, unknown>)[`needs.${need}`],
        })),
        ...formErrors(
          errors.map((e) => (e.field.startsWith('needs.') ? { ...e, field: `need-${e.field.slice('needs.'.length)}` } : e)),
          t,
          RECRUITMENT_FORM,
        ),
      },
      status,
    );
  }

  return [
    route({
      method: 'GET',
      url: '/households/:id/stage',
      kind: 'page',
      action: 'households.transition',
      summary: 'Form: move a household to another stage',
      params: idParams,
      handler: async (call) => stagePage(call, call.params.id),
    }),
    formRoute({
      url: '/households/:id/stage',
      action: 'households.transition',
      summary: 'Move a household to another stage (the state machine decides)',
      parse: (form) => {
        const dates = datesFromForm(form, ['date', 'reportCompletedDate']);
        const result = transitionInput.safeParse({
          to: text(form, 'to') || undefined,
          date: dates.values.date ?? undefined,
          reason: text(form, 'reason'),
          panelRecommendation: text(form, 'panelRecommendation') || null,
          decisionMaker: text(form, 'decisionMaker'),
          reportCompletedDate: dates.values.reportCompletedDate,
        });
        const errors = firstPerField([...dates.errors, ...(result.success ? [] : toFieldErrors(result.error))]);
        if (errors.length || !result.success) throw new ValidationError(errors);
        return result.data;
      },
      save: (call, move, version) => recruitment.moveStage(call.ctx, call.params.id, { ...move, version }),
      refusal: (error) => {
        if (!(error instanceof TransitionRefusedError)) return undefined;
        const field =
          {
            'reason-required': 'reason',
            'date-in-future': 'date',
            'date-before-stage': 'date',
            'report-required': 'reportCompletedDate',
            'panel-recommendation-required': 'panelRecommendation',
            'decision-maker-required': 'decisionMaker',
          }[error.refusal.code as string] ?? 'to';
        return { error: { field, key: error.key, params: error.params }, status: error.status };
      },
      view: (call, shown, errors, status) => stagePage(call, call.params.id, shown, errors, status),
      done: (call, { value: move }) => ({
        to: `/households/${call.params.id}`,
        flash: 'recruitment:stage.moved',
        flashParams: { stage: call.t(`recruitment:vocabulary.stage.${move.to === 'resume' ? 'on_hold' : move.to}`) },
      }),
    }),
    route({
      method: 'GET',
      url: '/households/:id/checks/new',
      kind: 'page',
      action: 'households.edit',
      summary: 'Form: add a Stage 1 check',
      params: idParams,
      handler: async (call) => checkPage(call, call.params.id, null),
    }),
    route({
      method: 'POST',
      url: '/households/:id/checks/new',
      kind: 'page',
      action: 'households.edit',
      summary: 'Add a Stage 1 check',
      params: idParams,
      body: anyForm,
      onInvalid: (call, errors) => checkPage(call, call.params.id, null, raw(call), errors, 400),
      handler: async (call) => {
        await recruitment.addCheck(call.ctx, call.params.id, checkFromForm(call.body));
        return call.redirect(`/households/${call.params.id}#checks`, call.t('recruitment:check.added'));
      },
    }),
    route({
      method: 'GET',
      url: '/households/:id/checks/:checkId',
      kind: 'page',
      action: 'households.edit',
      summary: 'Form: record a check’s dates and outcome',
      params: checkParams,
      handler: async (call) => checkPage(call, call.params.id, call.params.checkId),
    }),
    formRoute({
      url: '/households/:id/checks/:checkId',
      action: 'households.edit',
      summary: 'Save a check’s dates and outcome',
      params: checkParams,
      parse: (form) => checkFromForm(form),
      save: (call, check, version) => recruitment.updateCheck(call.ctx, call.params.id, call.params.checkId, check, version),
      view: (call, shown, errors, status) => checkPage(call, call.params.id, call.params.checkId, shown, errors, status),
      done: (call) => ({ to: `/households/${call.params.id}#checks`, flash: 'recruitment:check.saved' }),
    }),
    route({
      method: 'GET',
      url: '/households/:id/visits/new',
      kind: 'page',
      action: 'households.edit',
      summary: 'Form: record a home study visit',
      params: idParams,
      handler: async (call) => {
        const record = await recruitment.getHousehold(call.ctx, call.params.id);
        return call.render('recruitment/views/visit.njk', {
          pageTitle: call.t('recruitment:visit.title'),
          caption: record.household.reference,
          householdId: call.params.id,
          values: dateParts('visitDate', dateInWales(new Date())),
        });
      },
    }),
    route({
      method: 'POST',
      url: '/households/:id/visits/new',
      kind: 'page',
      action: 'households.edit',
      summary: 'Record a home study visit',
      params: idParams,
      body: anyForm,
      onInvalid: async (call, errors) => {
        const record = await recruitment.getHousehold(call.ctx, call.params.id);
        return call.render(
          'recruitment/views/visit.njk',
          {
            pageTitle: call.t('recruitment:visit.title'),
            caption: record.household.reference,
            householdId: call.params.id,
            values: raw(call),
            ...formErrors(errors, call.t, RECRUITMENT_FORM),
          },
          400,
        );
      },
      handler: async (call) => {
        const form = call.body;
        const dates = datesFromForm(form, ['visitDate']);
        const result = visitInput.safeParse({ visitDate: dates.values.visitDate ?? undefined, focus: text(form, 'focus') });
        const errors = firstPerField([...dates.errors, ...(result.success ? [] : toFieldErrors(result.error))]);
        if (errors.length || !result.success) throw new ValidationError(errors);
        await recruitment.addVisit(call.ctx, call.params.id, result.data);
        return call.redirect(`/households/${call.params.id}`, call.t('recruitment:visit.saved'));
      },
    }),
    route({
      method: 'GET',
      url: '/households/:id/consideration',
      kind: 'page',
      action: 'households.edit',
      summary: 'Form: what the family can consider (a new version)',
      params: idParams,
      handler: async (call) => profilePage(call, call.params.id),
    }),
    route({
      method: 'POST',
      url: '/households/:id/consideration',
      kind: 'page',
      action: 'households.edit',
      summary: 'Record a new version of what the family can consider',
      params: idParams,
      body: anyForm,
      onInvalid: (call, errors) => profilePage(call, call.params.id, raw(call), errors, 400),
      handler: async (call) => {
        const form = call.body;
        const needs = Object.fromEntries(NEED_CATEGORIES.filter((n) => text(form, `need-${n}`)).map((n) => [n, text(form, `need-${n}`)]));
        const input = parse(considerationInput, {
          childrenMin: text(form, 'childrenMin') || undefined,
          childrenMax: text(form, 'childrenMax') || undefined,
          ageMin: text(form, 'ageMin') || undefined,
          ageMax: text(form, 'ageMax') || undefined,
          siblingGroups: text(form, 'siblingGroups') || undefined,
          needs,
          contact: list(form, 'contact'),
          strengths: text(form, 'strengths'),
          changeReason: text(form, 'changeReason'),
        });
        const profile = await recruitment.recordProfile(call.ctx, call.params.id, input);
        return call.redirect(`/households/${call.params.id}`, call.t('recruitment:profile.saved', { version: profile.profileVersion }));
      },
    }),
    route({
      method: 'GET',
      url: '/households/timescales',
      kind: 'page',
      action: 'recruitment.overview',
      summary: 'Timescales: households in Stage 1, a break or Stage 2, overdue first, and per worker',
      handler: async (call) => {
        const t = call.t;
        const overview = await recruitment.timescalesOverview(call.ctx);
        return call.render('recruitment/views/timescales.njk', {
          pageTitle: t('recruitment:timescales.title'),
          config: recruitment.config.timescales,
          items: overview.items.map((i) => ({
            id: i.id,
            reference: i.reference,
            names: i.applicantNames.join(' & '),
            stageText: t(`recruitment:vocabulary.stage.${i.stage}`),
            due: longDate(i.due.due, call.language),
            levelText: t(`recruitment:vocabulary.due.${i.due.level}`, { count: Math.abs(i.due.daysLeft) }),
            levelClass: DUE_TAG[i.due.level],
            worker: i.socialWorkerName ?? t('recruitment:form.notAllocated'),
          })),
          byWorker: overview.byWorker.map((w) => ({ ...w, worker: w.worker ?? t('recruitment:form.notAllocated') })),
        });
      },
    }),
  ];
}

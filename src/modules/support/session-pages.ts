import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { toFieldErrors } from '../../platform/http/validation.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { can } from '../../platform/policy/policy.ts';
import { choices, formErrors, formValues, queryWithDates, type Form } from '../../platform/forms/forms.ts';
import { escapeHtml, hoursText, paragraphs, sessionWhen, SESSION_STATUS_TAG, tagHtml } from './format.ts';
import { sessionErrorsForForm, sessionFromForm, sessionPatchFromForm, sessionToForm, SUPPORT_FORM } from './forms.ts';
import { SESSION_STATUSES, sessionListQuery, type SessionListQuery } from './inputs.ts';
import { SESSION_MODES, SUPPORT_SESSION_KINDS } from './schema.ts';
import type { SupportSessionView } from './sessions-service.ts';
import { anyForm, formRoute, idParams } from '../../platform/forms/form-route.ts';

const raw = (call: Call) => (call.request.body ?? {}) as Form;

/** A worker as the form offers them: a clinical partner's psychologist with their organisation's name. */
function workerText(worker: { name: string; organisationName: string | null; organisationNameCy: string | null }, language: 'en' | 'cy'): string {
  const organisation = (language === 'cy' && worker.organisationNameCy) || worker.organisationName;
  return organisation ? `${worker.name}, ${organisation}` : worker.name;
}

/** Support sessions: the list with hours, a session (notes only for those who may read them), the session form. */
export function sessionPageRoutes(services: Services) {
  const support = services.support;

  async function formPage(call: Call, session: SupportSessionView | null, values: Form, errors: FieldError[] = [], status?: number) {
    const t = call.t;
    // A partner's psychologist edits the session they lead; the agency alone hands it to someone else.
    const { households, workers } = session?.ledAsPartner
      ? { households: [], workers: [{ id: session.workerId, name: session.workerName ?? '', organisationName: null, organisationNameCy: null }] }
      : await support.sessionFormOptions(call.ctx);
    const withNotes = !session || session.notesVisible;
    return call.render(
      'support/views/session-edit.njk',
      {
        pageTitle: session ? t('support:sessionForm.editTitle') : t('support:sessionForm.newTitle'),
        caption: session ? session.householdReference : null,
        action: session ? `/support/sessions/${session.id}/edit` : '/support/sessions/new',
        back: session ? `/support/sessions/${session.id}` : '/support/sessions',
        isNew: !session,
        withNotes,
        values,
        version: values.version,
        householdItems: [
          { value: '', text: t('support:sessionForm.chooseHousehold') },
          ...households.map((h) => ({ value: h.id, text: h.reference, selected: values.householdId === h.id })),
        ],
        workerItems: [
          { value: '', text: t('support:sessionForm.chooseWorker') },
          ...workers.map((w) => ({ value: w.id, text: workerText(w, call.language), selected: values.workerId === w.id })),
        ],
        kindItems: choices(SUPPORT_SESSION_KINDS, 'support:vocabulary.kind', t, values.kind),
        modeItems: choices(SESSION_MODES, 'support:vocabulary.mode', t, values.mode),
        statusItems: choices(SESSION_STATUSES, 'support:vocabulary.sessionStatus', t, values.status),
        ...formErrors(errors, t, SUPPORT_FORM),
      },
      status ?? (errors.length ? 400 : 200),
    );
  }

  async function listPage(call: Call) {
    const t = call.t;
    // The period's date inputs (or ISO dates from a link, such as the hours page's) read first.
    const dates = queryWithDates((call.query ?? {}) as Form);
    const blankless = Object.fromEntries(Object.entries(dates.query).filter(([, v]) => typeof v === 'string' && v !== ''));
    const parsed = sessionListQuery.safeParse(blankless);
    const errors = [...dates.errors, ...(parsed.success ? [] : toFieldErrors(parsed.error))];
    const filters: SessionListQuery = parsed.success ? parsed.data : {};
    const rows = await support.listSessions(call.ctx, filters);
    const options = can(call.actor, 'support.edit') ? await support.sessionFormOptions(call.ctx) : { households: [], workers: [] };
    const deliveredMinutes = rows.filter((r) => r.status === 'delivered').reduce((sum, r) => sum + r.durationMinutes, 0);
    return call.render(
      'support/views/sessions.njk',
      {
        pageTitle: t('support:sessions.title'),
        canEdit: can(call.actor, 'support.edit'),
        values: { ...blankless, ...dates.values },
        householdItems: [
          { value: '', text: t('support:sessions.filters.anyHousehold') },
          ...options.households.map((h) => ({ value: h.id, text: h.reference, selected: blankless.householdId === h.id })),
        ],
        workerItems: [
          { value: '', text: t('support:sessions.filters.anyWorker') },
          ...options.workers.map((w) => ({ value: w.id, text: workerText(w, call.language), selected: blankless.workerId === w.id })),
        ],
        statusItems: [
          { value: '', text: t('support:sessions.filters.anyStatus') },
          ...SESSION_STATUSES.map((s) => ({ value: s, text: t(`support:vocabulary.sessionStatus.${s}`), selected: blankless.status === s })),
        ],
        delivered: t('support:sessions.delivered', {
          count: rows.filter((r) => r.status === 'delivered').length,
          hours: hoursText(deliveredMinutes, t, call.language),
        }),
        rows: rows.map((r) => [
          {
            html: `<a class="govuk-link" href="/support/sessions/${r.id}" data-testid="session-link">${escapeHtml(sessionWhen(r.startsAt, r.durationMinutes, t, call.language))}</a>`,
          },
          { text: r.householdReference },
          { text: t(`support:vocabulary.kind.${r.kind}`) },
          { text: r.workerName ?? '' },
          { text: t(`support:vocabulary.mode.${r.mode}`) },
          { html: tagHtml(t(`support:vocabulary.sessionStatus.${r.status}`), SESSION_STATUS_TAG[r.status]!, 'session-status') },
        ]),
        ...formErrors(errors, t, SUPPORT_FORM),
      },
      errors.length ? 400 : 200,
    );
  }

  async function sessionPage(call: Call, id: string) {
    const t = call.t;
    const session = await support.getSession(call.ctx, id);
    const household =
      can(call.actor, 'households.view') && !session.ledAsPartner
        ? `<a class="govuk-link" href="/households/${session.householdId}">${escapeHtml(session.householdReference)}</a>`
        : escapeHtml(session.householdReference);
    return call.render('support/views/session.njk', {
      pageTitle: t(`support:vocabulary.kind.${session.kind}`),
      caption: session.householdReference,
      session,
      notesParagraphs: paragraphs(session.notes),
      canEdit: can(call.actor, 'support.edit'),
      summaryRows: [
        { key: { text: t('support:session.household') }, value: { html: household } },
        { key: { text: t('support:session.when') }, value: { text: sessionWhen(session.startsAt, session.durationMinutes, t, call.language) } },
        { key: { text: t('support:session.length') }, value: { text: t('support:session.minutes', { count: session.durationMinutes }) } },
        { key: { text: t('support:session.worker') }, value: { text: session.workerName ?? '' } },
        { key: { text: t('support:session.mode') }, value: { text: t(`support:vocabulary.mode.${session.mode}`) } },
        {
          key: { text: t('support:session.status') },
          value: { html: tagHtml(t(`support:vocabulary.sessionStatus.${session.status}`), SESSION_STATUS_TAG[session.status]!, 'session-status') },
        },
      ],
    });
  }

  return [
    route({
      method: 'GET',
      url: '/support/sessions',
      kind: 'page',
      action: 'support.view',
      summary: 'Support sessions, filtered by family, worker, status and dates, with hours delivered',
      query: anyForm,
      handler: async (call) => listPage(call),
    }),
    route({
      method: 'GET',
      url: '/support/sessions/new',
      kind: 'page',
      action: 'support.edit',
      summary: 'Form: record a support session',
      query: anyForm,
      handler: async (call) => {
        const query = call.query as Form;
        const householdId = typeof query.householdId === 'string' ? query.householdId : '';
        const matchId = typeof query.matchId === 'string' ? query.matchId : '';
        const worker = call.actor.kind === 'user' ? call.actor.userId : '';
        return formPage(call, null, { householdId, matchId, workerId: worker, durationMinutes: '60', status: 'planned', mode: 'in_person' });
      },
    }),
    route({
      method: 'POST',
      url: '/support/sessions/new',
      kind: 'page',
      action: 'support.edit',
      summary: 'Record a support session (a session in the future cannot be marked delivered)',
      body: anyForm,
      onInvalid: (call, errors) => formPage(call, null, formValues(raw(call)), sessionErrorsForForm(errors)),
      handler: async (call) => {
        const created = await support.createSession(call.ctx, sessionFromForm(call.body));
        return call.redirect(`/support/sessions/${created.id}`, call.t('support:sessionForm.created'));
      },
    }),
    route({
      method: 'GET',
      url: '/support/sessions/:id',
      kind: 'page',
      action: 'support.view',
      summary: 'A support session; its notes only for the clinical team and the allocated worker (read audited)',
      params: idParams,
      handler: async (call) => sessionPage(call, call.params.id),
    }),
    route({
      method: 'GET',
      url: '/support/sessions/:id/edit',
      kind: 'page',
      action: 'support.edit',
      summary: 'Form: change a support session',
      params: idParams,
      handler: async (call) => {
        const session = await support.getSession(call.ctx, call.params.id);
        return formPage(call, session, sessionToForm({ ...session, notes: session.notes }));
      },
    }),
    formRoute({
      url: '/support/sessions/:id/edit',
      action: 'support.edit',
      summary: 'Change a support session (version-checked; notes only by those who may read them)',
      load: (call) => support.getSession(call.ctx, call.params.id),
      parse: (form, session) => sessionPatchFromForm(form, session.notesVisible),
      save: (call, patch, version) => support.updateSession(call.ctx, call.params.id, patch, version),
      view: async (call, shown, errors, status) => {
        const session = await support.getSession(call.ctx, call.params.id);
        return formPage(call, session, shown ?? sessionToForm(session), sessionErrorsForForm(errors), status);
      },
      done: (call) => ({ to: `/support/sessions/${call.params.id}`, flash: 'support:sessionForm.saved' }),
    }),
  ];
}

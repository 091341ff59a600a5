import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { anyForm, formRoute, idParams } from '../../platform/forms/form-route.ts';
import { choices, formErrors, formValues, list, type Form } from '../../platform/forms/forms.ts';
import { PREPARATION_FORM, sessionFromForm, sessionToForm } from './forms.ts';
import { PREPARATION_TOPICS } from './vocabulary.ts';
import { workerText } from './format.ts';

const raw = (call: Call) => (call.request.body ?? {}) as Form;

/** Therapeutic preparation sessions with an adopter household: record one, correct one. */
export function sessionPageRoutes(services: Services) {
  const preparation = services.preparation;

  async function sessionForm(call: Call, options: { householdId?: string; sessionId?: string }, values?: Form, errors: FieldError[] = [], status?: number) {
    const t = call.t;
    let householdId = options.householdId;
    let shown = values;
    if (options.sessionId) {
      const session = await preparation.getSession(call.ctx, options.sessionId);
      householdId = session.householdId;
      shown ??= sessionToForm(session);
    }
    const { household, applicants, workers } = await preparation.sessionFormOptions(call.ctx, householdId!);
    shown ??= {
      attended: applicants.map((a) => a.id),
      workerId: call.actor.kind === 'user' && workers.some((w) => w.id === (call.actor as { userId: string }).userId) ? call.actor.userId : '',
    };
    const attended = list(shown, 'attended');
    return call.render(
      'preparation/views/session-form.njk',
      {
        pageTitle: options.sessionId ? t('preparation:sessionForm.editTitle') : t('preparation:sessionForm.newTitle'),
        caption: household.reference,
        action: options.sessionId ? `/preparation-sessions/${options.sessionId}/edit` : `/households/${householdId}/preparation-sessions/new`,
        back: `/households/${householdId}#household-preparation-title`,
        values: shown,
        version: shown.version,
        workerItems: [
          { value: '', text: t('preparation:sessionForm.chooseWorker'), selected: !shown.workerId },
          ...workers.map((w) => ({ value: w.id, text: workerText(w, call.language), selected: shown.workerId === w.id })),
        ],
        topicItems: choices(PREPARATION_TOPICS, 'preparation:vocabulary.topic', t, list(shown, 'topics')),
        attendedItems: applicants.map((a) => ({ value: a.id, text: `${a.givenNames} ${a.familyName}`, checked: attended.includes(a.id) })),
        ...formErrors(errors, t, PREPARATION_FORM),
      },
      status ?? (errors.length ? 400 : 200),
    );
  }

  return [
    route({
      method: 'GET',
      url: '/households/:id/preparation-sessions/new',
      kind: 'page',
      action: 'adopterPreparation.edit',
      summary: 'Form: record a therapeutic preparation session with a household',
      params: idParams,
      handler: async (call) => sessionForm(call, { householdId: call.params.id }),
    }),
    route({
      method: 'POST',
      url: '/households/:id/preparation-sessions/new',
      kind: 'page',
      action: 'adopterPreparation.edit',
      summary: 'Record a therapeutic preparation session (topics, attendance, reflection on readiness; not in the future)',
      params: idParams,
      body: anyForm,
      onInvalid: (call, errors) => sessionForm(call, { householdId: call.params.id }, formValues(raw(call)), errors),
      handler: async (call) => {
        const { applicants } = await preparation.sessionFormOptions(call.ctx, call.params.id);
        await preparation.recordSession(
          call.ctx,
          call.params.id,
          sessionFromForm(
            call.body,
            applicants.map((a) => a.id),
          ),
        );
        return call.redirect(`/households/${call.params.id}#household-preparation-title`, call.t('preparation:sessionForm.created'));
      },
    }),
    route({
      method: 'GET',
      url: '/preparation-sessions/:id/edit',
      kind: 'page',
      action: 'adopterPreparation.edit',
      summary: 'Form: correct a therapeutic preparation session',
      params: idParams,
      handler: async (call) => sessionForm(call, { sessionId: call.params.id }),
    }),
    formRoute({
      url: '/preparation-sessions/:id/edit',
      action: 'adopterPreparation.edit',
      summary: 'Correct a therapeutic preparation session (stale versions refused)',
      load: async (call) => {
        const session = await preparation.getSession(call.ctx, call.params.id);
        const { applicants } = await preparation.sessionFormOptions(call.ctx, session.householdId);
        return { householdId: session.householdId, applicantIds: applicants.map((a) => a.id) };
      },
      parse: (form, loaded) => sessionFromForm(form, loaded.applicantIds),
      save: (call, session, version) => preparation.updateSession(call.ctx, call.params.id, session, version),
      view: (call, shown, errors, status) => sessionForm(call, { sessionId: call.params.id }, shown, errors, status),
      done: (_call, { loaded }) => ({ to: `/households/${loaded.householdId}#household-preparation-title`, flash: 'preparation:sessionForm.saved' }),
    }),
  ];
}

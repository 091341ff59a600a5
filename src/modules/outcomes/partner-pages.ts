import { z } from 'zod';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { escapeHtml, longDate } from '../../platform/format/format.ts';
import { ConflictError, ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { fields } from '../../platform/http/validation.ts';
import { formErrors, text, type Form } from '../../platform/forms/forms.ts';
import { anyForm } from '../../platform/forms/form-route.ts';
import type { Cell } from '../reporting/index.ts';
import type { InstrumentDefinition } from './instrument.ts';
import type { AuthorityForm, WorkerForm } from './partner-service.ts';

const childParams = z.object({ childId: fields.uuid() });

/** The `answer-<code>` fields of a sent form, by item code. */
const answersOf = (form: Form) =>
  Object.fromEntries(
    Object.entries(form)
      .filter(([k]) => k.startsWith('answer-'))
      .map(([k, v]) => [k.slice('answer-'.length), v]),
  );

type AnyCall = Call<unknown, unknown, unknown>;

/** The shared form of a partner's questionnaire: statements answered 1–5 and an optional comment, sent once. */
function questionnaireView(call: AnyCall, definition: InstrumentDefinition, typed: Form | undefined, errors: FieldError[]) {
  const lang = call.language;
  const items = definition.items ?? [];
  const names = Object.fromEntries(items.map((i) => [`answers.${i.code}`, `answer-${i.code}`]));
  const { errorList, fieldErrors } = formErrors(errors, call.t, { fieldNames: names });
  return {
    errorList,
    fieldErrors,
    commentMax: definition.commentMaxLength ?? 0,
    comment: typed ? text(typed, 'comment') : '',
    items: items.map((item) => ({
      code: item.code,
      text: item.text[lang],
      error: fieldErrors[`answer-${item.code}`],
      choices: item.answers.map((a) => ({ value: String(a.value), text: a.label[lang], checked: typed?.[`answer-${item.code}`] === String(a.value) })),
    })),
  };
}

const pointText = (call: AnyCall, months: number) => call.t('outcomes:schedule.months', { count: months });
const cellText = (cell: Cell | null) => (cell === null ? '–' : String(cell));

/**
 * The partners' questionnaires: the local authority's for each child it placed with the agency (a list
 * of what is due, the form, its own answers read back disclosure-controlled) and the workers' yearly one.
 */
export function partnerQuestionnaireRoutes(services: Services) {
  const outcomes = services.outcomes;

  function renderAuthorityForm(call: AnyCall, found: AuthorityForm, typed: Form | undefined, errors: FieldError[], status: number) {
    const lang = call.language;
    const due = found.due;
    return call.render(
      'outcomes/views/partner-questionnaire.njk',
      {
        pageTitle: found.definition.name[lang],
        caption: found.child.name,
        backHref: '/outcomes/authority-questionnaires',
        backText: call.t('outcomes:partner.authority.back'),
        intro: due ? call.t('outcomes:partner.authority.howTo', { point: pointText(call, due.months), date: longDate(due.dueOn, lang) }) : '',
        closedText: due ? undefined : call.t('outcomes:partner.authority.nothingDue'),
        action: `/outcomes/authority-questionnaires/${found.child.id}`,
        hidden: due ? { dueOn: due.dueOn } : {},
        ...questionnaireView(call, found.definition, typed, errors),
      },
      status,
    );
  }

  function renderWorkerForm(call: AnyCall, found: WorkerForm, typed: Form | undefined, errors: FieldError[], status: number) {
    const lang = call.language;
    const choose = found.agencies.length > 1;
    return call.render(
      'outcomes/views/partner-questionnaire.njk',
      {
        pageTitle: found.definition.name[lang],
        caption: call.t('outcomes:partner.worker.year', { period: found.period }),
        backHref: '/',
        backText: call.t('outcomes:partner.backHome'),
        intro: call.t('outcomes:partner.worker.howTo'),
        closedText: found.answered ? call.t('outcomes:partner.worker.answered', { period: found.period }) : undefined,
        action: '/outcomes/worker-questionnaire',
        hidden: {},
        agencyChoices: choose
          ? found.agencies.map((a) => ({ value: a.id, text: lang === 'cy' && a.nameCy ? a.nameCy : a.name, checked: typed?.agencyId === a.id }))
          : undefined,
        ...questionnaireView(call, found.definition, typed, errors),
      },
      status,
    );
  }

  return [
    route({
      method: 'GET',
      url: '/outcomes/authority-questionnaires',
      kind: 'page',
      action: 'satisfaction.authorityAnswer',
      summary: 'The local authority’s satisfaction questionnaires due for its children the agency placed',
      handler: async (call) => {
        const { definition, items } = await outcomes.authorityQuestionnaires(call.ctx);
        const lang = call.language;
        return call.render('outcomes/views/partner-questionnaires.njk', {
          pageTitle: call.t('outcomes:partner.authority.title'),
          name: definition.name[lang],
          rows: items.map((q) => [
            {
              html: `<a class="govuk-link" href="/outcomes/authority-questionnaires/${q.child.id}" data-testid="authority-questionnaire-link">${escapeHtml(q.child.name)}</a>`,
            },
            { text: pointText(call, q.due.months) },
            { text: longDate(q.due.dueOn, lang) },
            {
              html: `<strong class="govuk-tag ${q.due.state === 'overdue' ? 'govuk-tag--red' : 'govuk-tag--yellow'}">${call.t(`outcomes:schedule.state.${q.due.state}`)}</strong>`,
            },
          ]),
        });
      },
    }),
    route({
      method: 'GET',
      url: '/outcomes/authority-questionnaires/:childId',
      kind: 'page',
      action: 'satisfaction.authorityAnswer',
      summary: 'Answer the satisfaction questionnaire due for one of the authority’s placed children',
      params: childParams,
      handler: async (call) => renderAuthorityForm(call, await outcomes.authorityQuestionnaire(call.ctx, call.params.childId), undefined, [], 200),
    }),
    route({
      method: 'POST',
      url: '/outcomes/authority-questionnaires/:childId',
      kind: 'page',
      action: 'satisfaction.authorityAnswer',
      summary: 'Send the authority’s answer for the child’s due point (once, every statement answered)',
      params: childParams,
      body: anyForm,
      handler: async (call) => {
        const form = call.body;
        const childId = call.params.childId;
        try {
          await outcomes.answerAuthorityQuestionnaire(call.ctx, childId, { dueOn: text(form, 'dueOn'), answers: answersOf(form), comment: form.comment });
        } catch (error) {
          if (error instanceof ValidationError)
            return renderAuthorityForm(call, await outcomes.authorityQuestionnaire(call.ctx, childId), form, error.fieldErrors, error.status);
          if (error instanceof ConflictError)
            return renderAuthorityForm(call, await outcomes.authorityQuestionnaire(call.ctx, childId), undefined, [{ field: 'version', key: error.key }], 409);
          throw error;
        }
        return call.redirect('/outcomes/authority-questionnaires', call.t('outcomes:portal.sent'));
      },
    }),
    route({
      method: 'GET',
      url: '/outcomes/authority-satisfaction',
      kind: 'page',
      action: 'satisfaction.authorityResults',
      summary: 'The authority’s own satisfaction answers, disclosure-controlled (no comments)',
      handler: async (call) => {
        const { definition, figures } = await outcomes.authorityResults(call.ctx);
        const lang = call.language;
        const answers = definition.items?.[0]?.answers ?? [];
        return call.render('outcomes/views/authority-satisfaction.njk', {
          pageTitle: call.t('outcomes:partner.results.title'),
          name: definition.name[lang],
          responses: figures.responses,
          itemHead: [
            { text: call.t('outcomes:satisfaction.item') },
            ...answers.map((a) => ({ text: a.label[lang], format: 'numeric' })),
            { text: call.t('outcomes:satisfaction.mean'), format: 'numeric' },
          ],
          itemRows: figures.items.map((i) => [
            { text: i.text[lang] },
            ...i.counts.map((c) => ({ text: cellText(c), format: 'numeric' })),
            { text: cellText(i.mean), format: 'numeric' },
          ]),
          overallHead: [
            ...figures.overall.bands.map((b) => ({ text: b.name[lang], format: 'numeric' })),
            { text: call.t('outcomes:partner.results.meanScore', { min: figures.overall.min, max: figures.overall.max }), format: 'numeric' },
          ],
          overallRows: [
            [
              ...figures.overall.bands.map((b) => ({ text: cellText(b.count), format: 'numeric' })),
              { text: cellText(figures.overall.meanScore), format: 'numeric' },
            ],
          ],
        });
      },
    }),
    route({
      method: 'GET',
      url: '/outcomes/worker-questionnaire',
      kind: 'page',
      action: 'satisfaction.workerAnswer',
      summary: 'The workers’ yearly satisfaction questionnaire (anonymous)',
      handler: async (call) => renderWorkerForm(call, await outcomes.workerQuestionnaire(call.ctx), undefined, [], 200),
    }),
    route({
      method: 'POST',
      url: '/outcomes/worker-questionnaire',
      kind: 'page',
      action: 'satisfaction.workerAnswer',
      summary: 'Send the worker’s answer for this financial year (once, every statement answered)',
      body: anyForm,
      handler: async (call) => {
        const form = call.body;
        try {
          await outcomes.answerWorkerQuestionnaire(call.ctx, { agencyId: text(form, 'agencyId'), answers: answersOf(form), comment: form.comment });
        } catch (error) {
          if (error instanceof ValidationError)
            return renderWorkerForm(call, await outcomes.workerQuestionnaire(call.ctx), form, error.fieldErrors, error.status);
          if (error instanceof ConflictError)
            return renderWorkerForm(call, await outcomes.workerQuestionnaire(call.ctx), undefined, [{ field: 'version', key: error.key }], 409);
          throw error;
        }
        return call.redirect('/outcomes/worker-questionnaire', call.t('outcomes:portal.sent'));
      },
    }),
  ];
}

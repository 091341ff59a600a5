import { z } from 'zod';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { longDate } from '../../platform/format/format.ts';
import { ConflictError, ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { fields } from '../../platform/http/validation.ts';
import { formErrors, text, type Form } from '../../platform/forms/forms.ts';
import { anyForm, versionOf } from '../../platform/forms/form-route.ts';
import type { FamilyQuestionnaire } from './questionnaire-service.ts';

const idParams = z.object({ id: fields.uuid() });

const answeredCount = (q: FamilyQuestionnaire) => Object.keys(q.response.answers).length;

/** The family's questionnaires in the portal: what is due, answered item by item, saved as they go, sent once. */
export function portalQuestionnaireRoutes(services: Services) {
  const outcomes = services.outcomes;

  function renderForm(call: Call<{ id: string }, unknown, unknown>, q: FamilyQuestionnaire, typed: Form | undefined, errors: FieldError[], status: number) {
    const lang = call.language;
    const items = q.definition.items ?? [];
    const names = Object.fromEntries(items.map((i) => [`answers.${i.code}`, `answer-${i.code}`]));
    const { errorList, fieldErrors } = formErrors(errors, call.t, { fieldNames: names });
    const submitted = q.response.status === 'submitted';
    return call.render(
      'outcomes/views/portal-questionnaire.njk',
      {
        pageTitle: q.definition.name[lang],
        response: {
          id: q.response.id,
          version: q.response.version,
          dueOn: longDate(q.response.dueOn, lang),
          submitted,
          submittedOn: longDate(q.response.submittedOn, lang),
        },
        items: items.map((item) => {
          const chosen = typed ? typed[`answer-${item.code}`] : q.response.answers[item.code] !== undefined ? String(q.response.answers[item.code]) : undefined;
          return {
            code: item.code,
            text: item.text[lang],
            error: fieldErrors[`answer-${item.code}`],
            choices: item.answers.map((a) => ({ value: String(a.value), text: a.label[lang], checked: chosen === String(a.value), disabled: submitted })),
          };
        }),
        answered: answeredCount(q),
        total: items.length,
        comment: typed ? text(typed, 'comment') : (q.response.comment ?? ''),
        commentMax: q.definition.commentMaxLength,
        errorList,
        fieldErrors,
      },
      status,
    );
  }

  return [
    route({
      method: 'GET',
      url: '/my-application/questionnaires',
      kind: 'page',
      action: 'questionnaires.answer',
      summary: 'The family’s questionnaires: what is due, what is saved to finish, what was sent',
      handler: async (call) => {
        const list = await outcomes.familyQuestionnaires(call.ctx);
        return call.render('outcomes/views/portal-questionnaires.njk', {
          pageTitle: call.t('outcomes:portal.title'),
          rows: list.map((q) => [
            {
              html: `<a class="govuk-link" href="/my-application/questionnaires/${q.response.id}" data-testid="questionnaire-link">${q.definition.name[call.language]}</a>`,
            },
            { text: longDate(q.response.dueOn, call.language) },
            {
              html:
                q.response.status === 'submitted'
                  ? `<strong class="govuk-tag govuk-tag--green">${call.t('outcomes:portal.status.submitted')}</strong>`
                  : answeredCount(q)
                    ? `<strong class="govuk-tag govuk-tag--yellow">${call.t('outcomes:portal.status.started', { answered: answeredCount(q), total: q.definition.items?.length ?? 0 })}</strong>`
                    : `<strong class="govuk-tag govuk-tag--blue">${call.t('outcomes:portal.status.due')}</strong>`,
            },
          ]),
        });
      },
    }),
    route({
      method: 'GET',
      url: '/my-application/questionnaires/:id',
      kind: 'page',
      action: 'questionnaires.answer',
      summary: 'Answer a questionnaire (saved answers shown again)',
      params: idParams,
      handler: async (call) => renderForm(call, await outcomes.familyQuestionnaire(call.ctx, call.params.id), undefined, [], 200),
    }),
    route({
      method: 'POST',
      url: '/my-application/questionnaires/:id',
      kind: 'page',
      action: 'questionnaires.answer',
      summary: 'Save answers to come back to, or send the questionnaire (once, every item answered)',
      params: idParams,
      body: anyForm,
      handler: async (call) => {
        const form = call.body;
        const submit = text(form, 'intent') === 'submit';
        const answers = Object.fromEntries(
          Object.entries(form)
            .filter(([k]) => k.startsWith('answer-'))
            .map(([k, v]) => [k.slice('answer-'.length), v]),
        );
        try {
          await outcomes.answerQuestionnaire(call.ctx, call.params.id, { answers, version: versionOf(form), submit, comment: form.comment });
        } catch (error) {
          if (error instanceof ValidationError)
            return renderForm(call, await outcomes.familyQuestionnaire(call.ctx, call.params.id), form, error.fieldErrors, error.status);
          if (error instanceof ConflictError) {
            return renderForm(call, await outcomes.familyQuestionnaire(call.ctx, call.params.id), undefined, [{ field: 'version', key: error.key }], 409);
          }
          throw error;
        }
        return call.redirect(
          submit ? '/my-application/questionnaires' : `/my-application/questionnaires/${call.params.id}`,
          call.t(submit ? 'outcomes:portal.sent' : 'outcomes:portal.saved'),
        );
      },
    }),
  ];
}

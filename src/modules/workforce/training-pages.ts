import { z } from 'zod';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { fields } from '../../platform/http/validation.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { can } from '../../platform/policy/policy.ts';
import { cpdYearLabel, formatHours } from './cpd.ts';
import { type Form, formErrors, formValues } from '../../platform/forms/forms.ts';
import { peopleItems, WORKFORCE_FORM, trainingFromForm, trainingToForm } from './forms.ts';
import { linkHtml, longDate, tagHtml } from './format.ts';
import { yearQuery } from './inputs.ts';
import { anyForm, formRoute, idParams } from '../../platform/forms/form-route.ts';

const userParams = z.object({ userId: fields.uuid() });
const raw = (call: Call) => (call.request.body ?? {}) as Form;

/** Training and CPD pages: the year's hours across the organisation, a person's record, the form. */
export function trainingPageRoutes(services: Services) {
  const workforce = services.workforce;
  const cpd = workforce.config.cpd;

  const yearText = (call: Call, startYear: number) => cpdYearLabel(startYear, cpd.yearStartMonth, call.t('workforce:cpd.yearTo'));

  async function formPage(call: Call, recordId: string | null, values?: Form, errors: FieldError[] = [], status?: number) {
    const t = call.t;
    const options = await workforce.trainingFormOptions(call.ctx);
    let shown = values;
    let back = '/workforce/training';
    if (recordId) {
      const { record } = await workforce.getTraining(call.ctx, recordId);
      shown ??= trainingToForm(record);
      back = `/workforce/staff/${record.userId}/training`;
    }
    shown ??= { userId: (call.query as { person?: string } | undefined)?.person ?? '' };
    return call.render(
      'workforce/views/training-form.njk',
      {
        pageTitle: recordId ? t('workforce:trainingForm.editTitle') : t('workforce:trainingForm.newTitle'),
        action: recordId ? `/workforce/training/${recordId}/edit` : '/workforce/training/new',
        back,
        values: shown,
        version: shown.version,
        editing: Boolean(recordId),
        // Managers record for anyone of their organisation; everyone else keeps their own log.
        peopleItems:
          !recordId && options.people.length ? peopleItems(options.people, shown.userId || options.selfId, t('workforce:trainingForm.choosePerson')) : null,
        ...formErrors(errors, t, WORKFORCE_FORM),
      },
      status ?? (errors.length ? 400 : 200),
    );
  }

  return [
    route({
      method: 'GET',
      url: '/workforce/training',
      kind: 'page',
      action: 'staffTraining.view',
      summary: 'Training and CPD hours of a year: everyone of the organisation (managers), else your own record',
      query: yearQuery,
      handler: async (call) => {
        const t = call.t;
        const overview = await workforce.cpdOverview(call.ctx, call.query.year);
        if (!overview.organisationWide && call.actor.kind === 'user') return call.redirect(`/workforce/staff/${call.actor.userId}/training`);
        const year = overview.year.startYear;
        return call.render('workforce/views/training.njk', {
          pageTitle: t('workforce:training.title'),
          yearLabel: yearText(call, year),
          previous: `/workforce/training?year=${year - 1}`,
          next: `/workforce/training?year=${year + 1}`,
          period: t('workforce:training.period', { from: longDate(overview.year.from, call.language), to: longDate(overview.year.to, call.language) }),
          target: formatHours(overview.year.targetTenths),
          targetHours: overview.year.targetTenths / 10,
          behind: overview.people.filter((p) => !p.targetMet).length,
          canRecord: can(call.actor, 'staffTraining.edit'),
          rows: overview.people.map((p) => [
            { html: linkHtml(`/workforce/staff/${p.id}/training`, p.name, 'person-link') },
            { text: formatHours(p.tenths), format: 'numeric' },
            { text: String(p.records), format: 'numeric' },
            { html: p.targetMet ? tagHtml(t('workforce:cpd.met'), 'govuk-tag--green') : tagHtml(t('workforce:cpd.notMet'), 'govuk-tag--grey') },
          ]),
        });
      },
    }),
    route({
      method: 'GET',
      url: '/workforce/staff/:userId/training',
      kind: 'page',
      action: 'staffTraining.view',
      summary: 'A person’s training records and CPD hours per year',
      params: userParams,
      handler: async (call) => {
        const t = call.t;
        const found = await workforce.trainingOf(call.ctx, call.params.userId);
        const own = call.actor.kind === 'user' && call.actor.userId === found.person.id;
        return call.render('workforce/views/staff-training.njk', {
          pageTitle: own ? t('workforce:staffTraining.ownTitle') : t('workforce:staffTraining.title', { name: found.person.name }),
          person: found.person,
          mayEdit: found.mayEdit,
          mayOverview: can(call.actor, 'staffTraining.view') && !own,
          addHref: own ? '/workforce/training/new' : `/workforce/training/new?person=${found.person.id}`,
          cpdRows: found.cpd.map((y) => [
            { text: yearText(call, y.startYear) },
            { text: formatHours(y.tenths), format: 'numeric' },
            { text: String(y.records), format: 'numeric' },
            {
              html: y.targetMet
                ? tagHtml(t('workforce:cpd.met'), 'govuk-tag--green')
                : tagHtml(
                    t('workforce:cpd.remaining', { count: (y.targetTenths - y.tenths) / 10, hours: formatHours(y.targetTenths - y.tenths) }),
                    'govuk-tag--grey',
                  ),
            },
          ]),
          target: formatHours(Math.round(cpd.targetHoursPerYear * 10)),
          targetHours: Math.round(cpd.targetHoursPerYear * 10) / 10,
          records: found.records.map((r) => [
            { text: r.course },
            { text: longDate(r.completedDate, call.language) },
            { text: formatHours(Math.round(Number(r.hours) * 10)), format: 'numeric' },
            { text: r.provider },
            { text: r.certificateReference ?? t('workforce:staffTraining.noCertificate') },
            found.mayEdit
              ? {
                  html: linkHtml(
                    `/workforce/training/${r.id}/edit`,
                    t('workforce:staffTraining.change'),
                    'change-training',
                    t('workforce:staffTraining.changeHidden', { course: r.course, date: longDate(r.completedDate, call.language) }),
                  ),
                }
              : { text: '' },
          ]),
        });
      },
    }),
    route({
      method: 'GET',
      url: '/workforce/training/new',
      kind: 'page',
      action: 'staffTraining.edit',
      summary: 'Form: record training',
      query: z.object({ person: z.string().optional() }),
      handler: async (call) => formPage(call, null),
    }),
    route({
      method: 'POST',
      url: '/workforce/training/new',
      kind: 'page',
      action: 'staffTraining.edit',
      summary: 'Record training',
      body: anyForm,
      onInvalid: (call, errors) => formPage(call, null, formValues(raw(call)), errors),
      handler: async (call) => {
        const record = await workforce.recordTraining(call.ctx, trainingFromForm(call.body));
        return call.redirect(`/workforce/staff/${record.userId}/training`, call.t('workforce:trainingForm.saved'));
      },
    }),
    route({
      method: 'GET',
      url: '/workforce/training/:id/edit',
      kind: 'page',
      action: 'staffTraining.edit',
      summary: 'Form: change a training record',
      params: idParams,
      handler: async (call) => formPage(call, call.params.id),
    }),
    formRoute({
      url: '/workforce/training/:id/edit',
      action: 'staffTraining.edit',
      summary: 'Change a training record (stale versions refused)',
      parse: (form) => {
        const { userId: _userId, ...input } = trainingFromForm(form);
        return input;
      },
      save: (call, input, version) => workforce.updateTraining(call.ctx, call.params.id, input, version),
      view: (call, shown, errors, status) => formPage(call, call.params.id, shown, errors, status),
      done: (_call, { saved: record }) => ({ to: `/workforce/staff/${record.userId}/training`, flash: 'workforce:trainingForm.saved' }),
    }),
  ];
}

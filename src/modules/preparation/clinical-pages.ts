import { z } from 'zod';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { fields } from '../../platform/http/validation.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { can } from '../../platform/policy/policy.ts';
import { walesDateTime } from '../../platform/dates/times.ts';
import { longDate, namesText, paragraphs } from './format.ts';
import { formErrors, formValues, list, type Form } from '../../platform/forms/forms.ts';
import { consultationFromForm, consultationToForm, formulationFromForm, PREPARATION_FORM } from './forms.ts';
import { FORMULATION_FIELDS } from './vocabulary.ts';
import { anyForm, formRoute, idParams } from '../../platform/forms/form-route.ts';

const versionParams = z.object({ id: fields.uuid(), formulationId: fields.uuid() });
const raw = (call: Call) => (call.request.body ?? {}) as Form;

/** Psychologists' consultations (notes for the clinical team and allocated workers only) and versioned formulations. */
export function clinicalPageRoutes(services: Services) {
  const preparation = services.preparation;

  async function consultationForm(
    call: Call,
    options: { childId?: string; consultationId?: string },
    values?: Form,
    errors: FieldError[] = [],
    status?: number,
  ) {
    const t = call.t;
    let shown = values;
    let unitItems: { value: string; text: string; checked: boolean }[] = [];
    let caption: string;
    if (options.consultationId) {
      const found = await preparation.getConsultation(call.ctx, options.consultationId);
      shown ??= consultationToForm(found.consultation);
      caption = namesText(
        found.children.map((c) => c.fullName),
        t,
      );
    } else {
      const { child, unit } = await preparation.meetingFormOptions(call.ctx, options.childId!);
      const chosen = values ? list(values, 'childIds') : unit.map((c) => c.id);
      unitItems = unit.map((c) => ({ value: c.id, text: c.fullName, checked: chosen.includes(c.id) }));
      caption = child.fullName;
      shown ??= {};
    }
    return call.render(
      'preparation/views/consultation-form.njk',
      {
        pageTitle: options.consultationId ? t('preparation:consultationForm.editTitle') : t('preparation:consultationForm.newTitle'),
        caption,
        action: options.consultationId ? `/consultations/${options.consultationId}/edit` : `/children/${options.childId}/consultations/new`,
        back: options.consultationId ? `/consultations/${options.consultationId}` : `/children/${options.childId}/preparation`,
        unitItems,
        values: shown,
        version: shown.version,
        ...formErrors(errors, t, PREPARATION_FORM),
      },
      status ?? (errors.length ? 400 : 200),
    );
  }

  async function formulationForm(call: Call, childId: string, values?: Form, errors: FieldError[] = [], status?: number) {
    const t = call.t;
    const found = await preparation.getFormulation(call.ctx, childId);
    const current = found.current;
    const shown =
      values ??
      (current ? { ...Object.fromEntries(FORMULATION_FIELDS.map((f) => [f, current[f] ?? ''])), version: current.formulationVersion } : { version: 0 });
    return call.render(
      'preparation/views/formulation-form.njk',
      {
        pageTitle: current ? t('preparation:formulationForm.reviseTitle') : t('preparation:formulationForm.newTitle'),
        caption: namesText(
          found.unit.map((c) => c.fullName),
          t,
        ),
        childId,
        values: shown,
        version: shown.version,
        basedOn: current ? t('preparation:formulation.version', { version: current.formulationVersion }) : null,
        fields: FORMULATION_FIELDS.map((field) => ({
          field,
          label: t(`preparation:formulation.fields.${field}`),
          hint: t(`preparation:formulation.hints.${field}`),
        })),
        ...formErrors(errors, t, PREPARATION_FORM),
      },
      status ?? (errors.length ? 400 : 200),
    );
  }

  async function formulationPage(call: Call, childId: string, formulationId?: string) {
    const t = call.t;
    const lang = call.language;
    const found = await preparation.getFormulation(call.ctx, childId, formulationId);
    const selected = found.selected;
    return call.render('preparation/views/formulation.njk', {
      pageTitle: t('preparation:formulation.title', {
        names: namesText(
          found.unit.map((c) => c.name),
          t,
        ),
      }),
      childId,
      selected: selected && {
        version: t('preparation:formulation.version', { version: selected.formulationVersion }),
        recorded: t('preparation:formulation.recorded', { date: longDate(walesDateTime(selected.recordedAt).date, lang), name: selected.recordedByName ?? '' }),
        isCurrent: selected.isCurrent,
        sections: FORMULATION_FIELDS.map((field) => ({ field, title: t(`preparation:formulation.fields.${field}`), paragraphs: paragraphs(selected[field]) })),
      },
      mayWrite: can(call.actor, 'formulations.edit'),
      versions: found.versions.map((v) => ({
        href: `/children/${childId}/formulation/${v.id}`,
        version: t('preparation:formulation.version', { version: v.version }),
        recorded: t('preparation:formulation.recorded', { date: longDate(walesDateTime(v.recordedAt).date, lang), name: v.recordedByName ?? '' }),
        changed: v.changed.map((f) => t(`preparation:formulation.fields.${f}`)).join(', '),
        isCurrent: v.isCurrent,
        isSelected: v.id === selected?.id,
      })),
    });
  }

  return [
    route({
      method: 'GET',
      url: '/children/:id/consultations/new',
      kind: 'page',
      action: 'consultations.edit',
      summary: 'Form: record a psychologist’s consultation about a child',
      params: idParams,
      handler: async (call) => consultationForm(call, { childId: call.params.id }),
    }),
    route({
      method: 'POST',
      url: '/children/:id/consultations/new',
      kind: 'page',
      action: 'consultations.edit',
      summary: 'Record a consultation (not dated in the future)',
      params: idParams,
      body: anyForm,
      onInvalid: (call, errors) => consultationForm(call, { childId: call.params.id }, formValues(raw(call)), errors),
      handler: async (call) => {
        const { unit } = await preparation.meetingFormOptions(call.ctx, call.params.id);
        const chosen = unit.length > 1 ? list(call.body, 'childIds') : [call.params.id];
        const consultation = await preparation.createConsultation(call.ctx, consultationFromForm(call.body, chosen));
        return call.redirect(`/consultations/${consultation.id}`, call.t('preparation:consultationForm.created'));
      },
    }),
    route({
      method: 'GET',
      url: '/consultations/:id',
      kind: 'page',
      action: 'consultations.view',
      summary: 'A consultation; its notes only for the clinical team, its author and the allocated workers',
      params: idParams,
      handler: async (call) => {
        const t = call.t;
        const found = await preparation.getConsultation(call.ctx, call.params.id);
        const c = found.consultation;
        return call.render('preparation/views/consultation.njk', {
          pageTitle: t('preparation:consultation.title', {
            names: namesText(
              found.children.map((x) => x.name),
              t,
            ),
          }),
          consultation: c,
          back: `/children/${found.children[0]!.id}/preparation`,
          mayEdit: found.mayEdit,
          notesWithheld: found.notesWithheld,
          notes: paragraphs(c.notes),
          summaryRows: [
            { key: { text: t('preparation:consultation.date') }, value: { text: longDate(c.consultationDate, call.language) } },
            { key: { text: t('preparation:consultation.psychologist') }, value: { text: found.psychologistName } },
            { key: { text: t('preparation:consultation.duration') }, value: { text: t('preparation:household.minutes', { count: c.durationMinutes }) } },
            { key: { text: t('preparation:consultation.consultees') }, value: { text: c.consultees || t('preparation:notGiven') } },
          ],
        });
      },
    }),
    route({
      method: 'GET',
      url: '/consultations/:id/edit',
      kind: 'page',
      action: 'consultations.edit',
      summary: 'Form: correct a consultation (its author only)',
      params: idParams,
      handler: async (call) => consultationForm(call, { consultationId: call.params.id }),
    }),
    formRoute({
      url: '/consultations/:id/edit',
      action: 'consultations.edit',
      summary: 'Correct a consultation (its author only; stale versions refused)',
      parse: (form) => {
        const { childIds: _ignored, ...input } = consultationFromForm(form, ['-']);
        return input;
      },
      save: (call, input, version) => preparation.updateConsultation(call.ctx, call.params.id, input, version),
      view: (call, shown, errors, status) => consultationForm(call, { consultationId: call.params.id }, shown, errors, status),
      done: (call) => ({ to: `/consultations/${call.params.id}`, flash: 'preparation:consultationForm.saved' }),
    }),
    route({
      method: 'GET',
      url: '/children/:id/formulation',
      kind: 'page',
      action: 'formulations.view',
      summary: 'The formulation of a child’s needs (current version) and its versions',
      params: idParams,
      handler: async (call) => formulationPage(call, call.params.id),
    }),
    route({
      method: 'GET',
      url: '/children/:id/formulation/edit',
      kind: 'page',
      action: 'formulations.edit',
      summary: 'Form: write the formulation, or a new version of it',
      params: idParams,
      handler: async (call) => formulationForm(call, call.params.id),
    }),
    formRoute({
      url: '/children/:id/formulation/edit',
      action: 'formulations.edit',
      summary: 'Save a new version of the formulation (the earlier ones are kept; a version saved meanwhile is not overwritten)',
      firstVersion: 0,
      parse: (form) => formulationFromForm(form),
      save: (call, input, version) => preparation.writeFormulation(call.ctx, call.params.id, input, version),
      view: (call, shown, errors, status) => formulationForm(call, call.params.id, shown, errors, status),
      done: (call) => ({ to: `/children/${call.params.id}/formulation`, flash: 'preparation:formulationForm.saved' }),
    }),
    route({
      method: 'GET',
      url: '/children/:id/formulation/:formulationId',
      kind: 'page',
      action: 'formulations.view',
      summary: 'One version of a child’s formulation',
      params: versionParams,
      handler: async (call) => formulationPage(call, call.params.id, call.params.formulationId),
    }),
  ];
}

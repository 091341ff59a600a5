import { z } from 'zod';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { fields } from '../../platform/http/validation.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { can } from '../../platform/policy/policy.ts';
import { choices, formErrors, formValues, type Form } from '../../platform/forms/forms.ts';
import { escapeHtml, eventWhen } from './format.ts';
import { attendanceFromForm, eventErrorsForForm, eventFromForm, eventToForm, SUPPORT_FORM } from './forms.ts';
import { EVENT_KINDS } from './inputs.ts';
import { anyForm, formRoute, idParams } from '../../platform/forms/form-route.ts';

const attendanceParams = z.object({ id: fields.uuid(), householdId: fields.uuid() });
const raw = (call: Call) => (call.request.body ?? {}) as Form;
const whenQuery = z.object({ when: z.enum(['upcoming', 'past']).optional().catch(undefined) }).passthrough();

const titleOf = (event: { title: string; titleCy: string }, language: string) => (language === 'cy' ? event.titleCy : event.title);

/** Support groups and events for families, and who came. */
export function eventPageRoutes(services: Services) {
  const support = services.support;

  async function formPage(call: Call, eventId: string | null, values: Form, errors: FieldError[] = [], status?: number) {
    const t = call.t;
    const { facilitators } = await support.eventFormOptions(call.ctx);
    return call.render(
      'support/views/event-edit.njk',
      {
        pageTitle: eventId ? t('support:eventForm.editTitle') : t('support:eventForm.newTitle'),
        action: eventId ? `/support/events/${eventId}/edit` : '/support/events/new',
        back: eventId ? `/support/events/${eventId}` : '/support/events',
        values,
        version: values.version,
        kindItems: choices(EVENT_KINDS, 'support:vocabulary.eventKind', t, values.kind),
        facilitatorItems: [
          { value: '', text: t('support:eventForm.noFacilitator') },
          ...facilitators.map((f) => ({ value: f.id, text: f.name, selected: values.facilitatorId === f.id })),
        ],
        ...formErrors(errors, t, SUPPORT_FORM),
      },
      status ?? (errors.length ? 400 : 200),
    );
  }

  async function eventPage(call: Call, id: string, errors: FieldError[] = [], values: Form = {}, status?: number) {
    const t = call.t;
    const found = await support.getEvent(call.ctx, id);
    const { event } = found;
    const canEdit = can(call.actor, 'support.edit');
    const attendedText = (attended: boolean | null) => t(`support:event.attendance.state.${attended === null ? 'expected' : attended ? 'attended' : 'absent'}`);
    return call.render(
      'support/views/event.njk',
      {
        pageTitle: titleOf(event, call.language),
        when: eventWhen(event.startsAt, event.endsAt, t, call.language),
        event,
        canEdit,
        started: found.started,
        values,
        summaryRows: [
          { key: { text: t('support:event.kind') }, value: { text: t(`support:vocabulary.eventKind.${event.kind}`) } },
          { key: { text: t('support:event.when') }, value: { text: eventWhen(event.startsAt, event.endsAt, t, call.language) } },
          { key: { text: t('support:event.venue') }, value: { text: event.venue } },
          { key: { text: t('support:event.facilitator') }, value: { text: found.facilitatorName ?? t('support:event.noFacilitator') } },
          {
            key: { text: t('support:event.families') },
            value: {
              html: `<span data-testid="event-counts">${escapeHtml(t('support:event.counts', { listed: found.attendance.length, attended: found.attendance.filter((a) => a.attended).length }))}</span>`,
            },
          },
        ],
        attendance: found.attendance.map((a) => ({ ...a, stateText: attendedText(a.attended) })),
        householdItems: [
          { value: '', text: t('support:sessionForm.chooseHousehold') },
          ...found.households.map((h) => ({ value: h.id, text: h.reference, selected: values.householdId === h.id })),
        ],
        attendedItems: [
          { value: '', text: t('support:event.attendance.state.expected'), checked: !values.attended },
          { value: 'yes', text: t('support:event.attendance.state.attended'), checked: values.attended === 'yes', disabled: !found.started },
          { value: 'no', text: t('support:event.attendance.state.absent'), checked: values.attended === 'no', disabled: !found.started },
        ],
        ...formErrors(errors, t, SUPPORT_FORM),
      },
      status ?? (errors.length ? 400 : 200),
    );
  }

  return [
    route({
      method: 'GET',
      url: '/support/events',
      kind: 'page',
      action: 'support.view',
      summary: 'Support groups and events: upcoming, or past with attendance',
      query: whenQuery,
      handler: async (call) => {
        const t = call.t;
        const when = call.query.when ?? 'upcoming';
        const events = await support.listEvents(call.ctx, when);
        return call.render('support/views/events.njk', {
          pageTitle: t('support:events.title'),
          when,
          canEdit: can(call.actor, 'support.edit'),
          tabs: (['upcoming', 'past'] as const).map((w) => ({ href: `/support/events?when=${w}`, text: t(`support:events.tabs.${w}`), current: w === when })),
          rows: events.map((e) => [
            { html: `<a class="govuk-link" href="/support/events/${e.id}" data-testid="event-link">${escapeHtml(titleOf(e, call.language))}</a>` },
            { text: t(`support:vocabulary.eventKind.${e.kind}`) },
            { text: eventWhen(e.startsAt, e.endsAt, t, call.language) },
            { text: e.venue },
            { text: t('support:event.counts', { listed: e.families, attended: e.attended }) },
          ]),
        });
      },
    }),
    route({
      method: 'GET',
      url: '/support/events/new',
      kind: 'page',
      action: 'support.edit',
      summary: 'Form: add a support group or event',
      handler: async (call) => formPage(call, null, { kind: 'support_group' }),
    }),
    route({
      method: 'POST',
      url: '/support/events/new',
      kind: 'page',
      action: 'support.edit',
      summary: 'Add a support group or event (titles in English and Welsh)',
      body: anyForm,
      onInvalid: (call, errors) => formPage(call, null, formValues(raw(call)), eventErrorsForForm(errors)),
      handler: async (call) => {
        const event = await support.createEvent(call.ctx, eventFromForm(call.body));
        return call.redirect(`/support/events/${event.id}`, call.t('support:eventForm.created'));
      },
    }),
    route({
      method: 'GET',
      url: '/support/events/:id',
      kind: 'page',
      action: 'support.view',
      summary: 'A support group or event with the families expected and who came',
      params: idParams,
      handler: async (call) => eventPage(call, call.params.id),
    }),
    route({
      method: 'GET',
      url: '/support/events/:id/edit',
      kind: 'page',
      action: 'support.edit',
      summary: 'Form: change a support group or event',
      params: idParams,
      handler: async (call) => formPage(call, call.params.id, eventToForm((await support.getEvent(call.ctx, call.params.id)).event)),
    }),
    formRoute({
      url: '/support/events/:id/edit',
      action: 'support.edit',
      summary: 'Change a support group or event (version-checked)',
      parse: (form) => eventFromForm(form),
      save: (call, input, version) => support.updateEvent(call.ctx, call.params.id, input, version),
      view: async (call, shown, errors, status) => {
        const { event } = await support.getEvent(call.ctx, call.params.id);
        return formPage(call, call.params.id, shown ?? eventToForm(event), eventErrorsForForm(errors), status);
      },
      done: (call) => ({ to: `/support/events/${call.params.id}`, flash: 'support:eventForm.saved' }),
    }),
    route({
      method: 'POST',
      url: '/support/events/:id/attendance',
      formPage: '/support/events/:id',
      kind: 'page',
      action: 'support.edit',
      summary: 'Add a family to an event, or record whether they came and how many',
      params: idParams,
      body: anyForm,
      onInvalid: (call, errors) => eventPage(call, call.params.id, errors, formValues(raw(call))),
      handler: async (call) => {
        await support.recordAttendance(call.ctx, call.params.id, attendanceFromForm(call.body));
        return call.redirect(`/support/events/${call.params.id}`, call.t('support:event.attendance.saved'));
      },
    }),
    route({
      method: 'POST',
      url: '/support/events/:id/attendance/:householdId/remove',
      kind: 'page',
      action: 'support.edit',
      summary: 'Take a family off an event’s list',
      params: attendanceParams,
      body: anyForm,
      handler: async (call) => {
        await support.removeAttendance(call.ctx, call.params.id, call.params.householdId);
        return call.redirect(`/support/events/${call.params.id}`, call.t('support:event.attendance.removed'));
      },
    }),
  ];
}

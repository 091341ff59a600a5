import { z } from 'zod';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { fields, parse } from '../../platform/http/validation.ts';
import { conjunctionContext } from '../../platform/i18n/welsh.ts';
import { ConflictError, ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { can } from '../../platform/policy/policy.ts';
import { ageInYears } from '../../platform/dates/dates.ts';
import { walesDateTime } from '../../platform/dates/times.ts';
import { ACTION_TAG, actionStateText, dayInWales, longDate, meetingWhen, namesText, paragraphs, tagHtml, workerText } from './format.ts';
import { organisationName, organisationNameHtml, organisationNameText } from '../../platform/i18n/agency-text.ts';
import { dateParts, formErrors, formValues, list, selectItems, text, type Form } from '../../platform/forms/forms.ts';
import { actionFromForm, meetingErrorsForForm, meetingFromForm, meetingPatchFromForm, meetingToForm, PREPARATION_FORM } from './forms.ts';
import { attendeeInput } from './inputs.ts';
import { anyForm, formRoute, idParams, versionOf } from '../../platform/forms/form-route.ts';
import { pdfRoute } from '../../platform/pdf/pdf-route.ts';
import { minutesPdf } from './minutes-pdf.ts';
import { listQuery, listView, withoutEmptyQuery } from '../../platform/views/list-page.ts';
import { MEETING_FILTERS, PREPARATION_LIST_DEFAULTS, PREPARATION_LIST_SORTS, preparationListPage } from './children-list.ts';

/** The children in preparation: whether a meeting is planned, and the shared page and sort. */
const preparationListQuery = z.preprocess(
  withoutEmptyQuery,
  z
    .object({ meeting: z.enum(MEETING_FILTERS, { error: 'preparation:errors.meetingFilter' }).optional() })
    .extend(listQuery(PREPARATION_LIST_SORTS, PREPARATION_LIST_DEFAULTS).shape),
);

const attendeeParams = z.object({ id: fields.uuid(), attendeeId: fields.uuid() });
const raw = (call: Call) => (call.request.body ?? {}) as Form;
const optionalVersion = (form: Form) => (form.version === undefined || form.version === '' ? undefined : versionOf(form));

/** Where "Mark as done" may return to: "my work", or the meeting the action belongs to. Anything else goes to "my work". */
export function safeReturn(value: unknown): string {
  const target = typeof value === 'string' ? value : '';
  return target === '/my-work' || /^\/tac-meetings\/[0-9a-f-]{36}$/.test(target) || /^\/children\/[0-9a-f-]{36}\/preparation$/.test(target)
    ? target
    : '/my-work';
}

/** Children in preparation, a child's preparation, Team Around the Child meetings, their attendees and actions. */
export function tacPageRoutes(services: Services) {
  const preparation = services.preparation;

  async function meetingForm(call: Call, options: { childId?: string; meetingId?: string }, values?: Form, errors: FieldError[] = [], status?: number) {
    const t = call.t;
    let shown = values;
    let unitItems: { value: string; text: string; checked: boolean }[] = [];
    let caption: string;
    let held = false;
    if (options.meetingId) {
      const found = await preparation.getMeeting(call.ctx, options.meetingId);
      shown ??= meetingToForm(found.meeting);
      caption = namesText(
        found.children.map((c) => c.fullName),
        t,
      );
      held = found.held;
    } else {
      const { child, unit } = await preparation.meetingFormOptions(call.ctx, options.childId!);
      const chosen = values ? list(values, 'childIds') : unit.map((c) => c.id);
      unitItems = unit.map((c) => ({ value: c.id, text: c.fullName, checked: chosen.includes(c.id) }));
      caption = child.fullName;
      shown ??= {};
    }
    return call.render(
      'preparation/views/meeting-form.njk',
      {
        pageTitle: options.meetingId ? t('preparation:meetingForm.editTitle') : t('preparation:meetingForm.newTitle'),
        caption,
        action: options.meetingId ? `/tac-meetings/${options.meetingId}/edit` : `/children/${options.childId}/tac-meetings/new`,
        back: options.meetingId ? `/tac-meetings/${options.meetingId}` : `/children/${options.childId}/preparation`,
        isEdit: Boolean(options.meetingId),
        held,
        unitItems,
        values: shown,
        version: shown.version,
        ...formErrors(errors, t, PREPARATION_FORM),
      },
      status ?? (errors.length ? 400 : 200),
    );
  }

  /** What a meeting's page shows of the meeting (its minutes PDF prints the same, so it never holds more). */
  async function meetingModel(call: Call, id: string) {
    const t = call.t;
    const lang = call.language;
    const found = await preparation.getMeeting(call.ctx, id);
    const { meeting } = found;
    const mayEdit = can(call.actor, 'tac.edit');
    const mayComplete = can(call.actor, 'tacActions.complete');
    const me = call.actor.kind === 'user' ? call.actor.userId : null;
    return {
      pageTitle: t('preparation:meeting.title', {
        names: namesText(
          found.children.map((c) => c.name),
          t,
        ),
      }),
      meeting,
      childLinks: found.children.map((c) => ({ href: `/children/${c.id}/preparation`, text: c.fullName })),
      mayEdit,
      held: found.held,
      summaryRows: [
        { key: { text: t('preparation:meeting.when') }, value: { text: meetingWhen(meeting.startsAt, meeting.endsAt, t, lang) } },
        { key: { text: t('preparation:meeting.where') }, value: { text: meeting.location || t('preparation:notGiven') } },
        { key: { text: t('preparation:meeting.calledBy') }, value: { html: found.organisation ? organisationNameHtml(found.organisation, lang) : '' } },
        {
          key: { text: t('preparation:meeting.status') },
          value: {
            html: tagHtml(
              t(found.held ? 'preparation:meeting.held' : 'preparation:meeting.ahead'),
              found.held ? 'govuk-tag--grey' : 'govuk-tag--blue',
              'meeting-status',
            ),
          },
        },
      ],
      agenda: paragraphs(meeting.agenda),
      minutes: paragraphs(meeting.minutes),
      decisions: paragraphs(meeting.decisions),
      attendees: found.attendees.map((a) => ({
        id: a.id,
        name: a.name,
        // A platform person's organisation in the reader's language; an outsider's as it was typed.
        organisation: a.organisationName ? organisationName({ name: a.organisationName, nameCy: a.organisationNameCy }, lang) : { text: '' },
        role: a.roleDescription ?? '',
        attended: t(a.attended ? 'preparation:yes' : 'preparation:no'),
      })),
      actions: found.actions.map((a) => ({
        id: a.id,
        version: a.version,
        description: a.description,
        owner: a.ownerName,
        due: longDate(a.dueDate, lang),
        state: a.state,
        stateText: actionStateText(a, t, lang),
        stateClass: ACTION_TAG[a.state],
        mayComplete: !a.doneAt && mayComplete && (mayEdit || a.ownerId === me),
      })),
    };
  }

  async function meetingPage(call: Call, id: string, errors: FieldError[] = [], status?: number, values: Form = {}) {
    const t = call.t;
    const model = await meetingModel(call, id);
    const owners = model.mayEdit ? (await preparation.actionFormOptions(call.ctx, id)).owners : [];
    return call.render(
      'preparation/views/meeting.njk',
      {
        ...model,
        personItems: [
          { value: '', text: t('preparation:attendee.choosePerson'), selected: !values.userId },
          ...owners.map((o) => ({ value: o.id, text: workerText(o, call.language), selected: values.userId === o.id })),
        ],
        attendedItems: [
          { value: 'yes', text: t('preparation:yes'), checked: values.attended !== 'no' },
          { value: 'no', text: t('preparation:no'), checked: values.attended === 'no' },
        ],
        values,
        ...formErrors(errors, t, PREPARATION_FORM),
      },
      status ?? (errors.length ? 400 : 200),
    );
  }

  async function actionForm(call: Call, meetingId: string, values?: Form, errors: FieldError[] = [], status?: number) {
    const t = call.t;
    const options = await preparation.actionFormOptions(call.ctx, meetingId);
    const shown = values ?? dateParts('dueDate', options.suggestedDueDate);
    return call.render(
      'preparation/views/action-form.njk',
      {
        pageTitle: t('preparation:actionForm.title'),
        caption: t('preparation:meeting.title', {
          names: namesText(
            options.children.map((c) => c.name),
            t,
          ),
        }),
        meetingDate: longDate(options.meetingDate, call.language),
        meetingId,
        values: shown,
        ownerItems: [
          { value: '', text: t('preparation:actionForm.chooseOwner'), selected: !shown.ownerId },
          ...options.owners.map((o) => ({ value: o.id, text: workerText(o, call.language), selected: shown.ownerId === o.id })),
        ],
        ...formErrors(errors, t, PREPARATION_FORM),
      },
      status ?? (errors.length ? 400 : 200),
    );
  }

  return [
    route({
      method: 'GET',
      url: '/preparation',
      kind: 'page',
      action: 'tac.view',
      summary: 'Children in therapeutic preparation: next and last Team Around the Child meetings, formulation; sort, filter and pages',
      query: preparationListQuery,
      handler: async (call) => {
        const t = call.t;
        const { page: pageNumber, sort, dir, limit, meeting } = call.query;
        const state = { page: pageNumber, sort, dir, limit };
        const rows = await preparation.childrenInPreparation(call.ctx);
        const { items, total } = preparationListPage(rows, { ...state, meeting, language: call.language });
        const today = preparation.today();
        const list = listView({
          path: '/preparation',
          state,
          defaults: PREPARATION_LIST_DEFAULTS,
          filters: { meeting },
          active: meeting ? [{ name: 'meeting', label: t('preparation:children.filters.meeting'), value: t(`preparation:children.filters.${meeting}`) }] : [],
          columns: [
            { key: 'name', text: t('preparation:children.child'), sortable: true },
            { key: 'age', text: t('preparation:children.age'), format: 'numeric' },
            { key: 'status', text: t('preparation:children.status') },
            { key: 'next', text: t('preparation:children.next'), sortable: true },
            { key: 'last', text: t('preparation:children.last'), sortable: true },
            { key: 'formulation', text: t('preparation:children.formulation') },
          ],
          total,
          shown: items.length,
          t,
        });
        return call.render('preparation/views/children.njk', {
          pageTitle: t('preparation:children.title'),
          list,
          sortState: state,
          meetingItems: selectItems(MEETING_FILTERS, 'preparation:children.filters', t, meeting, t('preparation:children.filters.any')),
          rows: items.map((r) => ({
            href: `/children/${r.child.id}/preparation`,
            name: r.child.fullName,
            age: String(ageInYears(r.child.dateOfBirth, today)),
            status: t(`children:vocabulary.status.${r.child.status}`),
            next: r.nextMeeting ? dayInWales(r.nextMeeting, call.language) : t('preparation:children.noneAhead'),
            last: r.lastMeeting ? dayInWales(r.lastMeeting, call.language) : t('preparation:children.noneHeld'),
            formulation: r.formulationVersion ? t('preparation:children.version', { version: r.formulationVersion }) : t('preparation:children.noFormulation'),
          })),
        });
      },
    }),
    route({
      method: 'GET',
      url: '/children/:id/preparation',
      kind: 'page',
      action: 'tac.view',
      summary: 'A child’s therapeutic preparation: meetings, consultations, formulation, sharing with the clinical partner',
      params: idParams,
      handler: async (call) => {
        const t = call.t;
        const lang = call.language;
        const found = await preparation.preparationOfChild(call.ctx, call.params.id);
        const meetingRow = (m: (typeof found.ahead)[number]) => ({
          href: `/tac-meetings/${m.id}`,
          when: meetingWhen(m.startsAt, m.endsAt, t, lang),
          where: m.location ?? '',
          openActions: String(m.openActions),
        });
        return call.render('preparation/views/child-preparation.njk', {
          pageTitle: found.child.fullName,
          child: found.child,
          siblings: found.unit.filter((c) => c.id !== found.child.id).map((c) => ({ href: `/children/${c.id}/preparation`, text: c.fullName })),
          mayRecordMeeting: can(call.actor, 'tac.edit'),
          mayRecordConsultation: can(call.actor, 'consultations.edit'),
          mayViewConsultations: can(call.actor, 'consultations.view'),
          mayViewFormulation: can(call.actor, 'formulations.view'),
          mayWriteFormulation: can(call.actor, 'formulations.edit'),
          ahead: found.ahead.map(meetingRow),
          held: found.held.map(meetingRow),
          consultations: found.consultations.map((c) => ({
            href: `/consultations/${c.id}`,
            date: longDate(c.consultationDate, lang),
            psychologist: c.psychologistName,
            duration: t('preparation:household.minutes', { count: c.durationMinutes }),
          })),
          formulation: found.formulation && {
            version: found.formulation.version,
            recorded: t('preparation:formulation.recorded', {
              date: longDate(walesDateTime(found.formulation.recordedAt).date, lang),
              name: found.formulation.recordedByName ?? '',
            }),
          },
          sharedWith: found.sharedWith.map((p) => organisationNameText(p, lang)),
          sharedWithContext: conjunctionContext(found.sharedWith[0] && organisationNameText(found.sharedWith[0], lang)),
          shareItems: found.shareWith.map((p, i) => ({ value: p.id, text: organisationNameText(p, lang), checked: i === 0 && found.shareWith.length === 1 })),
        });
      },
    }),
    route({
      method: 'POST',
      url: '/children/:id/preparation/share',
      kind: 'page',
      action: 'tac.edit',
      summary: 'Share the child (and brothers and sisters) with the clinical partner for therapeutic preparation',
      params: idParams,
      body: anyForm,
      handler: async (call) => {
        const organisationId = text(call.body, 'organisationId');
        if (!z.uuid().safeParse(organisationId).success)
          throw new ValidationError([{ field: 'organisationId', key: 'preparation:errors.organisationId.required' }]);
        await preparation.shareWithClinicalPartner(call.ctx, call.params.id, organisationId);
        return call.redirect(`/children/${call.params.id}/preparation`, call.t('preparation:sharing.done'));
      },
    }),
    route({
      method: 'GET',
      url: '/children/:id/tac-meetings/new',
      kind: 'page',
      action: 'tac.edit',
      summary: 'Form: record or plan a Team Around the Child meeting',
      params: idParams,
      handler: async (call) => meetingForm(call, { childId: call.params.id }),
    }),
    route({
      method: 'POST',
      url: '/children/:id/tac-meetings/new',
      kind: 'page',
      action: 'tac.edit',
      summary: 'Record or plan a Team Around the Child meeting (a meeting ending before it starts is refused)',
      params: idParams,
      body: anyForm,
      onInvalid: (call, errors) => meetingForm(call, { childId: call.params.id }, formValues(raw(call)), meetingErrorsForForm(errors)),
      handler: async (call) => {
        const { children } = await preparation.meetingFormOptions(call.ctx, call.params.id).then((o) => ({ children: o.unit }));
        const chosen = children.length > 1 ? list(call.body, 'childIds') : [call.params.id];
        const meeting = await preparation.createMeeting(call.ctx, meetingFromForm(call.body, chosen));
        return call.redirect(`/tac-meetings/${meeting.id}`, call.t('preparation:meetingForm.created'));
      },
    }),
    route({
      method: 'GET',
      url: '/tac-meetings/:id',
      kind: 'page',
      action: 'tac.view',
      summary: 'A Team Around the Child meeting: attendees, minutes, decisions and actions',
      params: idParams,
      handler: async (call) => meetingPage(call, call.params.id),
    }),
    pdfRoute({
      url: '/tac-meetings/:id/pdf',
      action: 'tac.view',
      summary: 'A Team Around the Child meeting’s minutes as a PDF in the reader’s language: what the meeting’s page shows',
      load: meetingModel,
      print: minutesPdf,
      fileName: 'fileNames.tacMinutes',
      // Minutes are found by the day of their meeting.
      fileSuffix: (model) => walesDateTime(model.meeting.startsAt).date,
    }),
    route({
      method: 'GET',
      url: '/tac-meetings/:id/edit',
      kind: 'page',
      action: 'tac.edit',
      summary: 'Form: change a meeting, record its minutes and decisions',
      params: idParams,
      handler: async (call) => meetingForm(call, { meetingId: call.params.id }),
    }),
    formRoute({
      url: '/tac-meetings/:id/edit',
      action: 'tac.edit',
      summary: 'Change a meeting, record its minutes and decisions (only once it has started; stale versions refused)',
      parse: (form) => meetingPatchFromForm(form),
      save: (call, patch, version) => preparation.updateMeeting(call.ctx, call.params.id, patch, version),
      view: (call, shown, errors, status) => meetingForm(call, { meetingId: call.params.id }, shown, meetingErrorsForForm(errors), status),
      done: (call) => ({ to: `/tac-meetings/${call.params.id}`, flash: 'preparation:meetingForm.saved' }),
    }),
    route({
      method: 'POST',
      url: '/tac-meetings/:id/attendees',
      formPage: '/tac-meetings/:id',
      kind: 'page',
      action: 'tac.edit',
      summary: 'Add someone to a meeting: a person of the service, or a named outsider with their organisation and role',
      params: idParams,
      body: anyForm,
      onInvalid: (call, errors) => meetingPage(call, call.params.id, errors, 400, formValues(raw(call))),
      handler: async (call) => {
        const input = parse(attendeeInput, {
          userId: text(call.body, 'userId') || null,
          name: text(call.body, 'name'),
          organisationName: text(call.body, 'organisationName'),
          roleDescription: text(call.body, 'roleDescription'),
          attended: text(call.body, 'attended') || undefined,
        });
        await preparation.addAttendee(call.ctx, call.params.id, input);
        return call.redirect(`/tac-meetings/${call.params.id}#attendees`, call.t('preparation:attendee.added'));
      },
    }),
    route({
      method: 'POST',
      url: '/tac-meetings/:id/attendees/:attendeeId/remove',
      kind: 'page',
      action: 'tac.edit',
      summary: 'Take someone off a meeting’s list of attendees',
      params: attendeeParams,
      body: anyForm,
      handler: async (call) => {
        await preparation.removeAttendee(call.ctx, call.params.id, call.params.attendeeId);
        return call.redirect(`/tac-meetings/${call.params.id}#attendees`, call.t('preparation:attendee.removed'));
      },
    }),
    route({
      method: 'GET',
      url: '/tac-meetings/:id/actions/new',
      kind: 'page',
      action: 'tac.edit',
      summary: 'Form: an action agreed at the meeting, its owner and due date',
      params: idParams,
      handler: async (call) => actionForm(call, call.params.id),
    }),
    route({
      method: 'POST',
      url: '/tac-meetings/:id/actions/new',
      kind: 'page',
      action: 'tac.edit',
      summary: 'Add an action agreed at the meeting (its owner must work for one of the meeting’s organisations)',
      params: idParams,
      body: anyForm,
      onInvalid: (call, errors) => actionForm(call, call.params.id, formValues(raw(call)), errors),
      handler: async (call) => {
        await preparation.addAction(call.ctx, call.params.id, actionFromForm(call.body));
        return call.redirect(`/tac-meetings/${call.params.id}#actions`, call.t('preparation:actionForm.added'));
      },
    }),
    route({
      method: 'POST',
      url: '/tac-actions/:id/done',
      kind: 'page',
      action: 'tacActions.complete',
      summary: 'Mark an action done (its owner, or the meeting’s organisation); back to “my work” or the meeting',
      params: idParams,
      body: anyForm,
      handler: async (call) => {
        const back = safeReturn(call.body.returnTo);
        try {
          await preparation.completeAction(call.ctx, call.params.id, optionalVersion(call.body));
        } catch (error) {
          if (!(error instanceof ConflictError)) throw error;
          return call.redirect(back, call.t('preparation:myActions.alreadyDone'));
        }
        return call.redirect(back, call.t('preparation:myActions.marked'));
      },
    }),
  ];
}

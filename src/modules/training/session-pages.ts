import { z } from 'zod';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { fields, parse } from '../../platform/http/validation.ts';
import { ConflictError, ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { can } from '../../platform/policy/policy.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import { TrainingRefusal } from './errors.ts';
import { choices, type Form, formErrors, formValues } from '../../platform/forms/forms.ts';
import { sessionErrorsForForm, sessionFromForm, sessionToForm, TRAINING_FORM } from './forms.ts';
import { ATTENDANCE_TAG, courseTitle, longDate, sessionWhen, STATUS_TAG } from './format.ts';
import { attendanceInput, bookingInput, SESSION_LANGUAGES } from './inputs.ts';
import { organisationNameText } from '../../platform/i18n/agency-text.ts';
import { anyForm, formRoute, idParams } from '../../platform/forms/form-route.ts';

const bookingParams = z.object({ id: fields.uuid(), bookingId: fields.uuid() });
const raw = (call: Call) => (call.request.body ?? {}) as Form;
const optionalVersion = (body: Form) =>
  body.version === undefined || body.version === '' ? undefined : parse(z.object({ version: fields.version() }), { version: body.version }).version;

/** A session's page (bookings, attendance, certificates), the session form, and the booking actions. */
export function sessionPageRoutes(services: Services) {
  const training = services.training;

  async function sessionForm(call: Call, courseId: string, sessionId: string | null, values?: Form, errors: FieldError[] = [], status?: number) {
    const t = call.t;
    const { course, facilitators } = await training.sessionFormOptions(call.ctx, courseId);
    let shown = values;
    if (sessionId && !shown) {
      const found = await training.getSession(call.ctx, sessionId);
      shown = sessionToForm(found.session);
    }
    shown ??= { language: 'en' };
    return call.render(
      'training/views/session-edit.njk',
      {
        pageTitle: sessionId ? t('training:sessionForm.editTitle') : t('training:sessionForm.newTitle'),
        courseTitle: courseTitle(course, call.language),
        action: sessionId ? `/sessions/${sessionId}/edit` : `/courses/${courseId}/sessions/new`,
        back: sessionId ? `/sessions/${sessionId}` : `/courses/${courseId}`,
        values: shown,
        version: shown.version,
        languageItems: choices(SESSION_LANGUAGES, 'training:vocabulary.language', t, shown.language),
        facilitatorItems: facilitators.map((f) => ({
          value: f.id,
          text: f.name,
          checked: ([] as unknown[]).concat(shown.facilitatorIds ?? []).includes(f.id),
        })),
        ...formErrors(errors, t, TRAINING_FORM),
      },
      status ?? (errors.length ? 400 : 200),
    );
  }

  async function sessionPage(call: Call, id: string, errors: FieldError[] = [], status?: number, values: Form = {}) {
    const t = call.t;
    const found = await training.getSession(call.ctx, id);
    const { session, course } = found;
    const mayBook = can(call.actor, 'bookings.edit');
    const full = found.placesLeft === 0;
    const showBookingForm = mayBook && !full && found.applicants.length > 0;
    return call.render(
      'training/views/session.njk',
      {
        pageTitle: courseTitle(course, call.language),
        when: sessionWhen(session.startsAt, session.endsAt, t, call.language),
        session,
        course,
        canEditSession: can(call.actor, 'courses.edit'),
        mayBook,
        showBookingForm,
        full,
        fullMessage: t('training:errors.booking.full', { booked: found.booked, count: session.capacity }),
        noApplicants: mayBook && !full && found.applicants.length === 0,
        started: found.started,
        summaryRows: [
          { key: { text: t('training:session.when') }, value: { text: sessionWhen(session.startsAt, session.endsAt, t, call.language) } },
          { key: { text: t('training:session.venue') }, value: { text: session.venue } },
          { key: { text: t('training:session.language') }, value: { text: t(`training:vocabulary.language.${session.language}`) } },
          {
            key: { text: t('training:session.facilitators') },
            value: {
              text:
                [...found.facilitators.filter(Boolean), ...(session.facilitatorNames ? [session.facilitatorNames] : [])].join(', ') ||
                t('training:course.notGiven'),
            },
          },
          {
            key: { text: t('training:session.places') },
            value: {
              html: `<span data-testid="places">${t('training:session.placesLeft', { left: found.placesLeft, booked: found.booked, capacity: session.capacity })}</span>`,
            },
          },
        ],
        applicantItems: [
          { value: '', text: t('training:session.book.choose'), selected: !values.applicantId },
          ...found.applicants.map((a) => ({
            value: a.id,
            text: t('training:session.book.option', { name: a.name, reference: a.householdReference }),
            selected: values.applicantId === a.id,
          })),
        ],
        bookings: found.bookings.map((b) => ({
          id: b.id,
          name: b.name,
          householdReference: b.householdReference,
          version: b.version,
          status: b.status,
          statusText: t(`training:vocabulary.status.${b.status}`),
          statusClass: STATUS_TAG[b.status],
          attendance: b.attendance,
          attendanceText: t(`training:vocabulary.attendance.${b.attendance ?? 'none'}`),
          attendanceClass: ATTENDANCE_TAG[b.attendance ?? 'none'],
          certificateNumber: b.certificateNumber,
          certificateIssuedOn: longDate(b.certificateIssuedOn, call.language),
          mayCancel: mayBook && b.status === 'booked' && b.attendance === null,
          mayRecordAttendance: mayBook && found.started && b.status === 'booked' && !b.certificateNumber,
          mayIssueCertificate: mayBook && b.status === 'booked' && b.attendance === 'attended' && !b.certificateNumber,
        })),
        ...formErrors(errors, t, { ...TRAINING_FORM, anchors: showBookingForm ? {} : { applicantId: 'booking' } }),
      },
      status ?? (errors.length ? 400 : 200),
    );
  }

  /** Runs a booking action from the session page: refusals and stale versions come back to the page with the reason. */
  async function fromSessionPage(call: Call, sessionId: string, work: () => Promise<unknown>, flash: string) {
    try {
      await work();
    } catch (error) {
      if (error instanceof TrainingRefusal)
        return sessionPage(call, sessionId, [{ field: error.field, key: error.key, params: error.params }], 409, formValues(raw(call)));
      if (error instanceof ConflictError) return sessionPage(call, sessionId, [{ field: 'version', key: 'errors.conflict.body' }], 409);
      if (error instanceof ValidationError) return sessionPage(call, sessionId, error.fieldErrors, 400, formValues(raw(call)));
      throw error;
    }
    return call.redirect(`/sessions/${sessionId}`, flash);
  }

  return [
    route({
      method: 'GET',
      url: '/courses/:id/sessions/new',
      kind: 'page',
      action: 'courses.edit',
      summary: 'Form: add a session of a course',
      params: idParams,
      handler: async (call) => sessionForm(call, call.params.id, null),
    }),
    route({
      method: 'POST',
      url: '/courses/:id/sessions/new',
      kind: 'page',
      action: 'courses.edit',
      summary: 'Add a session of a course',
      params: idParams,
      body: anyForm,
      onInvalid: (call, errors) => sessionForm(call, call.params.id, null, formValues(raw(call)), sessionErrorsForForm(errors)),
      handler: async (call) => {
        const session = await training.createSession(call.ctx, call.params.id, sessionFromForm(call.body));
        return call.redirect(`/sessions/${session.id}`, call.t('training:sessionForm.created'));
      },
    }),
    route({
      method: 'GET',
      url: '/sessions/:id',
      kind: 'page',
      action: 'courses.view',
      summary: 'A session: who is booked, attendance and certificates',
      params: idParams,
      handler: async (call) => sessionPage(call, call.params.id),
    }),
    route({
      method: 'GET',
      url: '/sessions/:id/edit',
      kind: 'page',
      action: 'courses.edit',
      summary: 'Form: change a session',
      params: idParams,
      handler: async (call) => {
        const { session } = await training.getSession(call.ctx, call.params.id);
        return sessionForm(call, session.courseId, call.params.id);
      },
    }),
    formRoute({
      url: '/sessions/:id/edit',
      action: 'courses.edit',
      summary: 'Change a session (capacity never below the places booked; stale versions refused)',
      parse: (form) => sessionFromForm(form),
      save: (call, input, version) => training.updateSession(call.ctx, call.params.id, input, version),
      view: async (call, shown, errors, status) => {
        const { session } = await training.getSession(call.ctx, call.params.id);
        return sessionForm(call, session.courseId, call.params.id, shown, sessionErrorsForForm(errors), status);
      },
      done: (call) => ({ to: `/sessions/${call.params.id}`, flash: 'training:sessionForm.saved' }),
    }),
    route({
      method: 'POST',
      url: '/sessions/:id/bookings',
      formPage: '/sessions/:id',
      kind: 'page',
      action: 'bookings.edit',
      summary: 'Book an applicant onto a session (refused when full or already booked)',
      params: idParams,
      body: anyForm,
      onInvalid: (call, errors) => sessionPage(call, call.params.id, errors, 400, formValues(raw(call))),
      handler: async (call) => {
        const { applicantId } = parse(bookingInput, { applicantId: call.body.applicantId || undefined });
        return fromSessionPage(call, call.params.id, () => training.bookApplicant(call.ctx, call.params.id, applicantId), call.t('training:session.book.done'));
      },
    }),
    route({
      method: 'POST',
      url: '/sessions/:id/bookings/:bookingId/cancel',
      formPage: '/sessions/:id',
      kind: 'page',
      action: 'bookings.edit',
      summary: 'Cancel a place on a session',
      params: bookingParams,
      body: anyForm,
      onInvalid: (call, errors) => sessionPage(call, call.params.id, errors, 400),
      handler: async (call) => {
        const version = optionalVersion(call.body);
        return fromSessionPage(
          call,
          call.params.id,
          () => training.cancelBooking(call.ctx, call.params.bookingId, version, call.params.id),
          call.t('training:session.cancel.done'),
        );
      },
    }),
    route({
      method: 'POST',
      url: '/sessions/:id/bookings/:bookingId/attendance',
      formPage: '/sessions/:id',
      kind: 'page',
      action: 'bookings.edit',
      summary: 'Record whether a person attended a session',
      params: bookingParams,
      body: anyForm,
      onInvalid: (call, errors) => sessionPage(call, call.params.id, errors, 400),
      handler: async (call) => {
        const version = optionalVersion(call.body);
        const { attendance } = parse(attendanceInput, { attendance: call.body.attendance || undefined });
        return fromSessionPage(
          call,
          call.params.id,
          () => training.recordAttendance(call.ctx, call.params.bookingId, attendance, version, call.params.id),
          call.t('training:session.attendance.done'),
        );
      },
    }),
    route({
      method: 'POST',
      url: '/sessions/:id/bookings/:bookingId/certificate',
      kind: 'page',
      action: 'bookings.edit',
      summary: 'Issue a certificate of completion to a person who attended',
      params: bookingParams,
      body: anyForm,
      handler: async (call) =>
        fromSessionPage(
          call,
          call.params.id,
          () => training.issueCertificate(call.ctx, call.params.bookingId, call.params.id),
          call.t('training:session.certificate.done'),
        ),
    }),
    route({
      method: 'GET',
      url: '/certificates/:id',
      kind: 'page',
      action: 'courses.view',
      summary: 'A certificate of completion, ready to print, in both languages',
      params: idParams,
      handler: async (call) => {
        const found = await training.getCertificate(call.ctx, call.params.id);
        const first = found.preferredLanguage;
        const order = first === 'cy' ? (['cy', 'en'] as const) : (['en', 'cy'] as const);
        return call.render('training/views/certificate.njk', {
          pageTitle: call.t('training:certificate.pageTitle', { number: found.booking.certificateNumber }),
          sessionId: found.session.id,
          number: found.booking.certificateNumber,
          parts: order.map((language) => {
            const t = translator(language);
            return {
              language,
              heading: t('training:certificate.heading'),
              body: t('training:certificate.body', { name: `${found.givenNames} ${found.familyName}`, course: courseTitle(found.course, language) }),
              when: sessionWhen(found.session.startsAt, found.session.endsAt, t, language),
              hours: found.course.hours ? t('training:certificate.hours', { count: found.course.hours }) : '',
              issued: t('training:certificate.issued', {
                date: longDate(found.booking.certificateIssuedOn, language),
                organisation: organisationNameText({ name: found.organisationName, nameCy: found.organisationNameCy }, language),
              }),
              numberLabel: t('training:certificate.number'),
            };
          }),
        });
      },
    }),
  ];
}

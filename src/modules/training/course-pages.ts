import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { can } from '../../platform/policy/policy.ts';
import { choices, formErrors, formValues, type Form } from '../../platform/forms/forms.ts';
import { courseFromForm, courseToForm, TRAINING_FORM } from './forms.ts';
import { courseTitle, sessionDate, sessionWhen } from './format.ts';
import { COURSE_KINDS } from './schema.ts';
import { anyForm, formRoute, idParams } from '../../platform/forms/form-route.ts';

const raw = (call: Call) => (call.request.body ?? {}) as Form;

/** The courses list, a course's page with its sessions, and the course form (new and edit). */
export function coursePageRoutes(services: Services) {
  const training = services.training;

  async function formPage(call: Call, courseId: string | null, values?: Form, errors: FieldError[] = [], status?: number) {
    const t = call.t;
    let shown = values;
    let name = '';
    if (courseId) {
      const { course } = await training.getCourse(call.ctx, courseId);
      shown ??= courseToForm(course);
      name = courseTitle(course, call.language);
    }
    shown ??= { requiredForStage1: '', kind: '' };
    return call.render(
      'training/views/course-edit.njk',
      {
        pageTitle: courseId ? t('training:courseForm.editTitle', { title: name }) : t('training:courseForm.newTitle'),
        action: courseId ? `/courses/${courseId}/edit` : '/courses/new',
        back: courseId ? `/courses/${courseId}` : '/courses',
        courseId,
        values: shown,
        version: shown.version,
        kindItems: choices(COURSE_KINDS, 'training:vocabulary.kind', t, shown.kind),
        ...formErrors(errors, t, TRAINING_FORM),
      },
      status ?? (errors.length ? 400 : 200),
    );
  }

  return [
    route({
      method: 'GET',
      url: '/courses',
      kind: 'page',
      action: 'courses.view',
      summary: 'Training courses and when their next sessions are',
      handler: async (call) => {
        const t = call.t;
        const courses = await training.listCourses(call.ctx);
        return call.render('training/views/courses.njk', {
          pageTitle: t('training:courses.title'),
          canEdit: can(call.actor, 'courses.edit'),
          canConfigure: can(call.actor, 'training.configure'),
          courses: courses.map((c) => ({
            id: c.id,
            title: courseTitle(c, call.language),
            kind: t(`training:vocabulary.kind.${c.kind}`),
            required: c.requiredForStage1 ? t('training:courses.yes') : t('training:courses.no'),
            hours: c.hours === null ? '' : String(c.hours),
            sessions: c.sessions,
            next: c.nextSession ? sessionDate(c.nextSession, call.language) : t('training:courses.noneScheduled'),
          })),
        });
      },
    }),
    route({
      method: 'GET',
      url: '/courses/new',
      kind: 'page',
      action: 'courses.edit',
      summary: 'Form: add a course',
      handler: async (call) => formPage(call, null),
    }),
    route({
      method: 'POST',
      url: '/courses/new',
      kind: 'page',
      action: 'courses.edit',
      summary: 'Add a course',
      body: anyForm,
      onInvalid: (call, errors) => formPage(call, null, formValues(raw(call)), errors),
      handler: async (call) => {
        const course = await training.createCourse(call.ctx, courseFromForm(call.body));
        return call.redirect(`/courses/${course.id}`, call.t('training:courseForm.created'));
      },
    }),
    route({
      method: 'GET',
      url: '/courses/:id',
      kind: 'page',
      action: 'courses.view',
      summary: 'A course and its sessions with places left',
      params: idParams,
      handler: async (call) => {
        const t = call.t;
        const { course, sessions } = await training.getCourse(call.ctx, call.params.id);
        const description = call.language === 'cy' ? course.descriptionCy : course.description;
        return call.render('training/views/course.njk', {
          pageTitle: courseTitle(course, call.language),
          course,
          canEdit: can(call.actor, 'courses.edit'),
          summaryRows: [
            { key: { text: t('training:course.kind') }, value: { text: t(`training:vocabulary.kind.${course.kind}`) } },
            {
              key: { text: t('training:course.requiredForStage1') },
              value: { text: course.requiredForStage1 ? t('training:courses.yes') : t('training:courses.no') },
            },
            { key: { text: t('training:course.hours') }, value: { text: course.hours === null ? t('training:course.notGiven') : String(course.hours) } },
            { key: { text: t('training:course.description') }, value: { text: description || t('training:course.notGiven') } },
          ],
          sessions: sessions.map((s) => ({
            id: s.id,
            when: sessionWhen(s.startsAt, s.endsAt, t, call.language),
            venue: s.venue,
            language: t(`training:vocabulary.language.${s.language}`),
            facilitators: [...s.facilitators.filter(Boolean), ...(s.facilitatorNames ? [s.facilitatorNames] : [])].join(', '),
            places: t('training:course.sessions.places', { booked: s.booked, capacity: s.capacity }),
            placesLeft: s.placesLeft,
            full: s.placesLeft === 0,
          })),
        });
      },
    }),
    route({
      method: 'GET',
      url: '/courses/:id/edit',
      kind: 'page',
      action: 'courses.edit',
      summary: 'Form: change a course',
      params: idParams,
      handler: async (call) => formPage(call, call.params.id),
    }),
    formRoute({
      url: '/courses/:id/edit',
      action: 'courses.edit',
      summary: 'Change a course (stale versions refused)',
      parse: (form) => courseFromForm(form),
      save: (call, input, version) => training.updateCourse(call.ctx, call.params.id, input, version),
      view: (call, shown, errors, status) => formPage(call, call.params.id, shown, errors, status),
      done: (call) => ({ to: `/courses/${call.params.id}`, flash: 'training:courseForm.saved' }),
    }),
  ];
}

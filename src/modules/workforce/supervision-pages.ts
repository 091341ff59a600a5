import { z } from 'zod';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { fields } from '../../platform/http/validation.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { can } from '../../platform/policy/policy.ts';
import { type Form, formErrors, formValues } from '../../platform/forms/forms.ts';
import { peopleItems, WORKFORCE_FORM, supervisionChangeFromForm, supervisionFromForm, supervisionToForm } from './forms.ts';
import { LEVEL_TAG, linkHtml, longDate, tagHtml, type T } from './format.ts';
import type { SupervisionDue } from './supervision.ts';
import { anyForm, formRoute, idParams } from '../../platform/forms/form-route.ts';

const userParams = z.object({ userId: fields.uuid() });
const raw = (call: Call) => (call.request.body ?? {}) as Form;

/** "Overdue by 3 days", "Due in 4 days", "Due today": the words of a supervision level. */
export function dueText(due: Pick<SupervisionDue, 'daysLeft' | 'level'>, t: T): string {
  if (due.level === 'overdue') return t('workforce:supervision.level.overdue', { count: -due.daysLeft });
  if (due.daysLeft === 0) return t('workforce:supervision.level.dueToday');
  return t(due.level === 'due_soon' ? 'workforce:supervision.level.dueSoon' : 'workforce:supervision.level.ok', { count: due.daysLeft });
}

/** Clinical supervision pages: who is due, one session, a worker's sessions, the form. */
export function supervisionPageRoutes(services: Services) {
  const workforce = services.workforce;

  async function formPage(call: Call, sessionId: string | null, values?: Form, errors: FieldError[] = [], status?: number) {
    const t = call.t;
    const options = await workforce.supervisionFormOptions(call.ctx);
    let shown = values;
    let superviseeName = '';
    if (sessionId) {
      const found = await workforce.getSupervision(call.ctx, sessionId);
      shown ??= supervisionToForm(found.session);
      superviseeName = found.superviseeName;
    }
    shown ??= { supervisorId: options.defaultSupervisorId ?? '', superviseeId: (call.query as { person?: string } | undefined)?.person ?? '' };
    return call.render(
      'workforce/views/supervision-form.njk',
      {
        pageTitle: sessionId ? t('workforce:supervisionForm.editTitle') : t('workforce:supervisionForm.newTitle'),
        action: sessionId ? `/workforce/supervision/${sessionId}/edit` : '/workforce/supervision/new',
        back: sessionId ? `/workforce/supervision/${sessionId}` : '/workforce/supervision',
        values: shown,
        version: shown.version,
        editing: Boolean(sessionId),
        superviseeName,
        supervisorItems: peopleItems(options.supervisors, shown.supervisorId, t('workforce:supervisionForm.chooseSupervisor'), true),
        superviseeItems: peopleItems(options.supervisees, shown.superviseeId, t('workforce:supervisionForm.chooseSupervisee'), true),
        minutes: workforce.config.supervision.minutes,
        ...formErrors(errors, t, WORKFORCE_FORM),
      },
      status ?? (errors.length ? 400 : 200),
    );
  }

  const sessionRows = (
    call: Call,
    sessions: { id: string; sessionDate: string; durationMinutes: number; caseReferences: string[]; supervisorName: string; superviseeName?: string }[],
    withSupervisee: boolean,
  ) =>
    sessions.map((s) => [
      { html: linkHtml(`/workforce/supervision/${s.id}`, longDate(s.sessionDate, call.language), 'session-link') },
      ...(withSupervisee ? [{ text: s.superviseeName ?? '' }] : []),
      { text: s.supervisorName },
      { text: call.t('workforce:supervision.minutes', { count: s.durationMinutes }) },
      { text: s.caseReferences.length ? s.caseReferences.join(', ') : call.t('workforce:supervision.noCases') },
    ]);

  return [
    route({
      method: 'GET',
      url: '/workforce/supervision',
      kind: 'page',
      action: 'supervision.view',
      summary: 'Clinical supervision: who is due and overdue (for those who oversee it), your own, the sessions you gave or received',
      handler: async (call) => {
        const t = call.t;
        const overview = await workforce.supervisionOverview(call.ctx);
        return call.render('workforce/views/supervision.njk', {
          pageTitle: t('workforce:supervision.title'),
          frequency: t(`workforce:vocabulary.frequency.${overview.frequency}`),
          canRecord: can(call.actor, 'supervision.edit'),
          mine: overview.mine
            ? {
                due: longDate(overview.mine.due, call.language),
                last: overview.mine.lastSession ? longDate(overview.mine.lastSession, call.language) : null,
                tag: tagHtml(dueText(overview.mine, t), LEVEL_TAG[overview.mine.level]!, 'my-supervision-level'),
              }
            : null,
          overdue: overview.team?.filter((l) => l.level === 'overdue').length ?? 0,
          team: overview.team?.map((l) => [
            { html: linkHtml(`/workforce/staff/${l.id}/supervision`, l.name, 'worker-link') },
            { text: l.lastSession ? longDate(l.lastSession, call.language) : t('workforce:supervision.never') },
            { text: longDate(l.due, call.language) },
            { html: tagHtml(dueText(l, t), LEVEL_TAG[l.level]!, `level-${l.level}`) },
          ]),
          sessions: sessionRows(call, overview.sessions, true),
        });
      },
    }),
    route({
      method: 'GET',
      url: '/workforce/staff/:userId/supervision',
      kind: 'page',
      action: 'supervision.view',
      summary: 'A worker’s supervision sessions and when the next is due',
      params: userParams,
      handler: async (call) => {
        const t = call.t;
        const found = await workforce.supervisionOf(call.ctx, call.params.userId);
        const own = call.actor.kind === 'user' && call.actor.userId === found.person.id;
        return call.render('workforce/views/staff-supervision.njk', {
          pageTitle: own ? t('workforce:staffSupervision.ownTitle') : t('workforce:staffSupervision.title', { name: found.person.name }),
          person: found.person,
          due: found.supervised
            ? { date: longDate(found.due.due, call.language), tag: tagHtml(dueText(found.due, t), LEVEL_TAG[found.due.level]!, 'supervision-level') }
            : null,
          canRecord: can(call.actor, 'supervision.edit'),
          sessions: sessionRows(call, found.sessions, false),
        });
      },
    }),
    route({
      method: 'GET',
      url: '/workforce/supervision/new',
      kind: 'page',
      action: 'supervision.edit',
      summary: 'Form: record a supervision session',
      query: z.object({ person: z.string().optional() }),
      handler: async (call) => formPage(call, null),
    }),
    route({
      method: 'POST',
      url: '/workforce/supervision/new',
      kind: 'page',
      action: 'supervision.edit',
      summary: 'Record a supervision session',
      body: anyForm,
      onInvalid: (call, errors) => formPage(call, null, formValues(raw(call)), errors),
      handler: async (call) => {
        const session = await workforce.recordSupervision(call.ctx, supervisionFromForm(call.body));
        return call.redirect(`/workforce/supervision/${session.id}`, call.t('workforce:supervisionForm.saved'));
      },
    }),
    route({
      method: 'GET',
      url: '/workforce/supervision/:id',
      kind: 'page',
      action: 'supervision.view',
      summary: 'One supervision session',
      params: idParams,
      handler: async (call) => {
        const t = call.t;
        const found = await workforce.getSupervision(call.ctx, call.params.id);
        const s = found.session;
        return call.render('workforce/views/supervision-session.njk', {
          pageTitle: t('workforce:supervisionSession.title', { date: longDate(s.sessionDate, call.language) }),
          session: s,
          mayEdit: found.mayEdit,
          summaryRows: [
            {
              key: { text: t('workforce:supervisionSession.supervisee') },
              value: found.maySeeSupervisee
                ? { html: linkHtml(`/workforce/staff/${s.superviseeId}/supervision`, found.superviseeName) }
                : { text: found.superviseeName },
            },
            { key: { text: t('workforce:supervisionSession.supervisor') }, value: { text: found.supervisorName } },
            { key: { text: t('workforce:supervisionSession.date') }, value: { text: longDate(s.sessionDate, call.language) } },
            { key: { text: t('workforce:supervisionSession.duration') }, value: { text: t('workforce:supervision.minutes', { count: s.durationMinutes }) } },
            {
              key: { text: t('workforce:supervisionSession.cases') },
              value: { text: s.caseReferences.length ? s.caseReferences.join(', ') : t('workforce:supervision.noCases') },
            },
            { key: { text: t('workforce:supervisionSession.themes') }, value: { text: s.themes ?? t('workforce:supervisionSession.noThemes') } },
          ],
        });
      },
    }),
    route({
      method: 'GET',
      url: '/workforce/supervision/:id/edit',
      kind: 'page',
      action: 'supervision.edit',
      summary: 'Form: change a supervision session',
      params: idParams,
      handler: async (call) => formPage(call, call.params.id),
    }),
    formRoute({
      url: '/workforce/supervision/:id/edit',
      action: 'supervision.edit',
      summary: 'Change a supervision session (stale versions refused)',
      parse: (form) => supervisionChangeFromForm(form),
      save: (call, input, version) => workforce.updateSupervision(call.ctx, call.params.id, input, version),
      view: (call, shown, errors, status) => formPage(call, call.params.id, shown, errors, status),
      done: (call) => ({ to: `/workforce/supervision/${call.params.id}`, flash: 'workforce:supervisionForm.saved' }),
    }),
  ];
}

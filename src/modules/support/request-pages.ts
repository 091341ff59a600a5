import { z } from 'zod';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { fields, parse } from '../../platform/http/validation.ts';
import { ConflictError, ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { can } from '../../platform/policy/policy.ts';
import { formErrors, formValues, selectItems, type Form } from '../../platform/forms/forms.ts';
import { listQuery, listView, withoutEmptyQuery } from '../../platform/views/list-page.ts';
import { REQUEST_LIST_SORTS } from './requests-repository.ts';
import { SupportRefusal } from './errors.ts';
import { dayOf, daysText, escapeHtml, REQUEST_STATUS_TAG, tagHtml, WAITING_TAG } from './format.ts';
import { allocationFromForm, closeReasonFromForm, requestFromForm, SUPPORT_FORM } from './forms.ts';
import { REQUEST_STATUSES } from './inputs.ts';

const idParams = z.object({ id: fields.uuid() });
const anyForm = z.record(z.string(), z.unknown());
const raw = (call: Call) => (call.request.body ?? {}) as Form;
const versionOf = (body: Form) => parse(z.object({ version: fields.version() }), { version: body.version }).version;
/** Waiting and allocated requests longest wait first; closed ones the most recent first. */
const defaultsOf = (status: string | undefined) =>
  status === 'closed' ? ({ sort: 'requested', dir: 'desc' } as const) : ({ sort: 'requested', dir: 'asc' } as const);
const SOURCES = ['family', 'worker'] as const;
/** The requests page: its status tab, the source filter, and the shared page and sort. */
const requestsQuery = z.preprocess(
  (input) => {
    const query = withoutEmptyQuery(input) as Record<string, unknown>;
    // The closed tab's own default order, unless a heading chose one.
    return query.status === 'closed' && !query.sort ? { ...query, dir: query.dir ?? 'desc' } : query;
  },
  z
    .object({
      status: z.enum(REQUEST_STATUSES).optional().catch(undefined),
      source: z.enum(SOURCES, { error: 'support:errors.source' }).optional(),
    })
    .extend(listQuery(REQUEST_LIST_SORTS, defaultsOf(undefined)).shape),
);

/** Requests for support and the waiting list: days waiting, allocation to a worker, closing. */
export function requestPageRoutes(services: Services) {
  const support = services.support;

  async function formPage(call: Call, values: Form, errors: FieldError[] = []) {
    const t = call.t;
    const { households } = await support.sessionFormOptions(call.ctx);
    return call.render(
      'support/views/request-new.njk',
      {
        pageTitle: t('support:requestForm.title'),
        values,
        householdItems: [
          { value: '', text: t('support:sessionForm.chooseHousehold') },
          ...households.map((h) => ({ value: h.id, text: h.reference, selected: values.householdId === h.id })),
        ],
        ...formErrors(errors, t, SUPPORT_FORM),
      },
      errors.length ? 400 : 200,
    );
  }

  async function requestPage(call: Call, id: string, errors: FieldError[] = [], values: Form = {}, status?: number) {
    const t = call.t;
    const request = await support.getRequest(call.ctx, id);
    const mayManage = can(call.actor, 'supportRequests.manage') && request.status !== 'closed';
    const workers = mayManage ? (await support.allocationOptions(call.ctx)).workers : [];
    const chosen = (values.allocatedTo as string | undefined) ?? request.allocatedTo ?? '';
    return call.render(
      'support/views/request.njk',
      {
        pageTitle: t('support:request.title', { reference: request.householdReference }),
        request,
        mayManage,
        values,
        statusTag: tagHtml(t(`support:vocabulary.requestStatus.${request.status}`), REQUEST_STATUS_TAG[request.status]!, 'request-status'),
        summaryRows: [
          { key: { text: t('support:request.household') }, value: { text: request.householdReference } },
          {
            key: { text: t('support:request.source') },
            value: { text: t(`support:vocabulary.source.${request.source}`) + (request.requestedByName ? ` (${request.requestedByName})` : '') },
          },
          { key: { text: t('support:request.requestedAt') }, value: { text: dayOf(request.requestedAt, call.language) } },
          {
            key: { text: t('support:request.status') },
            value: { html: tagHtml(t(`support:vocabulary.requestStatus.${request.status}`), REQUEST_STATUS_TAG[request.status]!, 'request-status') },
          },
          {
            key: { text: request.status === 'waiting' ? t('support:request.daysWaiting') : t('support:request.daysWaited') },
            value: { html: `<span data-testid="days-waiting">${escapeHtml(daysText(request.daysWaiting, t))}</span>` },
          },
          ...(request.allocatedToName
            ? [{ key: { text: t('support:request.allocatedTo') }, value: { text: `${request.allocatedToName}, ${dayOf(request.allocatedAt, call.language)}` } }]
            : []),
          ...(request.status === 'closed'
            ? [{ key: { text: t('support:request.closed') }, value: { text: `${dayOf(request.closedAt, call.language)}: ${request.closeReason ?? ''}` } }]
            : []),
        ],
        workerItems: [
          { value: '', text: t('support:sessionForm.chooseWorker') },
          ...workers.map((w) => ({ value: w.id, text: w.name, selected: chosen === w.id })),
        ],
        ...formErrors(errors, t, SUPPORT_FORM),
      },
      status ?? (errors.length ? 400 : 200),
    );
  }

  async function fromRequestPage(call: Call, id: string, work: () => Promise<unknown>, flash: string) {
    try {
      await work();
    } catch (error) {
      if (error instanceof SupportRefusal)
        return requestPage(call, id, [{ field: error.field, key: error.key, params: error.params }], formValues(raw(call)), 409);
      if (error instanceof ConflictError) return requestPage(call, id, [{ field: 'version', key: 'errors.conflict.body' }], {}, 409);
      if (error instanceof ValidationError) return requestPage(call, id, error.fieldErrors, formValues(raw(call)), 400);
      throw error;
    }
    return call.redirect(`/support/requests/${id}`, flash);
  }

  return [
    route({
      method: 'GET',
      url: '/support/requests',
      kind: 'page',
      action: 'support.view',
      summary: 'The waiting list for support (longest wait first, days waiting), and allocated and closed requests',
      query: requestsQuery,
      handler: async (call) => {
        const t = call.t;
        const { page: pageNumber, sort, dir, limit, source } = call.query;
        const status = call.query.status ?? 'waiting';
        const state = { page: pageNumber, sort, dir, limit };
        const { summary, items, total } = await support.pageRequests(call.ctx, { status, source }, state);
        const list = listView({
          path: '/support/requests',
          state,
          defaults: defaultsOf(status),
          // The status is chosen by its tabs, shown above; who asked is the removable filter.
          filters: { status: call.query.status, source },
          active: source ? [{ name: 'source', label: t('support:requests.table.source'), value: t(`support:vocabulary.source.${source}`) }] : [],
          columns: [
            { key: 'household', text: t('support:requests.table.household') },
            { key: 'need', text: t('support:requests.table.need') },
            { key: 'source', text: t('support:requests.table.source'), sortable: true },
            { key: 'requested', text: t('support:requests.table.requestedAt'), sortable: true },
            {
              key: 'last',
              text:
                status === 'waiting'
                  ? t('support:requests.table.waiting')
                  : status === 'allocated'
                    ? t('support:requests.table.allocatedTo')
                    : t('support:requests.table.waited'),
            },
          ],
          total,
          shown: items.length,
          t,
        });
        return call.render('support/views/requests.njk', {
          pageTitle: t('support:requests.title'),
          status,
          list,
          source,
          sourceItems: selectItems(SOURCES, 'support:vocabulary.source', t, source, t('support:requests.filters.anySource')),
          sortState: state,
          sortIsDefault: sort === defaultsOf(status).sort && dir === defaultsOf(status).dir,
          summaryRows: summary
            ? [
                { key: { text: t('support:requests.summary.waiting') }, value: { text: String(summary.waiting) } },
                {
                  key: { text: t('support:requests.summary.longest') },
                  value: { text: summary.longestDays === null ? '–' : daysText(summary.longestDays, t) },
                },
                { key: { text: t('support:requests.summary.median') }, value: { text: summary.medianDays === null ? '–' : daysText(summary.medianDays, t) } },
                { key: { text: t('support:requests.summary.long'), classes: 'govuk-!-width-one-half' }, value: { text: String(summary.waitingLong) } },
              ]
            : null,
          canCreate: can(call.actor, 'supportRequests.create'),
          tabs: REQUEST_STATUSES.map((s) => ({ href: `/support/requests?status=${s}`, text: t(`support:requests.tabs.${s}`), current: s === status })),
          rows: items.map((r) => [
            { html: `<a class="govuk-link" href="/support/requests/${r.id}" data-testid="request-link">${escapeHtml(r.householdReference)}</a>` },
            { text: r.need.length > 120 ? `${r.need.slice(0, 117)}…` : r.need },
            { text: t(`support:vocabulary.source.${r.source}`) },
            { text: dayOf(r.requestedAt, call.language) },
            {
              html:
                status === 'waiting'
                  ? tagHtml(daysText(r.daysWaiting, t), WAITING_TAG[r.waitingLevel ?? 'normal']!, 'days-waiting')
                  : escapeHtml(status === 'allocated' ? (r.allocatedToName ?? '') : daysText(r.daysWaiting, t)),
            },
          ]),
        });
      },
    }),
    route({
      method: 'GET',
      url: '/support/requests/new',
      kind: 'page',
      action: 'supportRequests.create',
      summary: 'Form: ask for support for a family (families use their own page)',
      handler: async (call) => (can(call.actor, 'support.view') ? formPage(call, {}) : call.redirect('/my-application/support-requests/new')),
    }),
    route({
      method: 'POST',
      url: '/support/requests/new',
      kind: 'page',
      action: 'supportRequests.create',
      summary: 'Ask for support for a family: the request joins the waiting list',
      body: anyForm,
      onInvalid: (call, errors) => formPage(call, formValues(raw(call)), errors),
      handler: async (call) => {
        if (!can(call.actor, 'support.view')) return call.redirect('/my-application/support-requests/new');
        const request = await support.createRequest(call.ctx, requestFromForm(call.body));
        return call.redirect(`/support/requests/${request.id}`, call.t('support:requestForm.created'));
      },
    }),
    route({
      method: 'GET',
      url: '/support/requests/:id',
      kind: 'page',
      action: 'support.view',
      summary: 'A request for support: the family, the need, days waiting, allocation',
      params: idParams,
      handler: async (call) => requestPage(call, call.params.id),
    }),
    route({
      method: 'POST',
      url: '/support/requests/:id/allocate',
      formPage: '/support/requests/:id',
      kind: 'page',
      action: 'supportRequests.manage',
      summary: 'Allocate a request for support to a worker',
      params: idParams,
      body: anyForm,
      onInvalid: (call, errors) => requestPage(call, call.params.id, errors, formValues(raw(call))),
      handler: async (call) => {
        const version = versionOf(call.body);
        const workerId = allocationFromForm(call.body);
        return fromRequestPage(
          call,
          call.params.id,
          () => support.allocateRequest(call.ctx, call.params.id, workerId, version),
          call.t('support:request.allocated'),
        );
      },
    }),
    route({
      method: 'POST',
      url: '/support/requests/:id/close',
      formPage: '/support/requests/:id',
      kind: 'page',
      action: 'supportRequests.manage',
      summary: 'Close a request for support, with the reason',
      params: idParams,
      body: anyForm,
      onInvalid: (call, errors) => requestPage(call, call.params.id, errors, formValues(raw(call))),
      handler: async (call) => {
        const version = versionOf(call.body);
        const reason = closeReasonFromForm(call.body);
        return fromRequestPage(
          call,
          call.params.id,
          () => support.closeRequest(call.ctx, call.params.id, reason, version),
          call.t('support:request.closedDone'),
        );
      },
    }),
  ];
}

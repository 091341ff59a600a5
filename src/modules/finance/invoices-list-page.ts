import { z } from 'zod';
import { route } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { fields, parse } from '../../platform/http/validation.ts';
import { isIsoDate } from '../../platform/dates/dates.ts';
import { longDate } from '../../platform/format/format.ts';
import { dateParts, formErrors, queryWithDates, selectItems } from '../../platform/forms/forms.ts';
import { organisationNameText } from '../../platform/i18n/agency-text.ts';
import { listQuery, listView, withoutEmptyQuery, type ActiveFilter } from '../../platform/views/list-page.ts';
import { INVOICE_LIST_SORTS, INVOICE_STATUSES } from './invoices-repository.ts';
import { formatPounds } from './invoices-pdf.ts';

const DEFAULTS = { sort: 'issued', dir: 'desc' } as const;
const isoDate = z.string().refine(isIsoDate, 'billing:errors.date.invalid');

/** The invoices list's filters (authority, status, a period of issue) and the shared page and sort. */
const invoicesQuery = z.preprocess(
  withoutEmptyQuery,
  z
    .object({
      localAuthorityId: fields.uuid().optional(),
      status: z.enum(INVOICE_STATUSES, { error: 'billing:errors.status' }).optional(),
      from: isoDate.optional(),
      to: isoDate.optional(),
    })
    .extend(listQuery(INVOICE_LIST_SORTS, DEFAULTS).shape),
);
const anyQuery = z.record(z.string(), z.unknown());

/**
 * Every invoice and credit note the reader may see (the agency's own, or an authority's addressed
 * to it), a page at a time, sorted and filtered in SQL: the whole ledger, where /finance shows the latest.
 */
export function invoicesListRoute(services: Services) {
  const billing = services.billing;
  return route({
    method: 'GET',
    url: '/finance/invoices',
    kind: 'page',
    action: 'invoices.view',
    summary: 'Every invoice and credit note you may see: filter by authority, status and date of issue; sort and pages',
    query: anyQuery,
    handler: async (call) => {
      const t = call.t;
      const lang = call.language;
      // The period's date inputs (or ISO dates from a tag's link); a date that is not one is shown on the form.
      const dates = queryWithDates(call.query);
      const { page: pageNumber, sort, dir, limit, ...filters } = parse(invoicesQuery, dates.query);
      const state = { page: pageNumber, sort, dir, limit };
      const found = await billing.pageInvoices(call.ctx, filters, { ...state, language: lang });
      const authorityName = (id: string) => {
        const a = found.authorities.find((x) => x.id === id);
        return a ? organisationNameText(a, lang) : '';
      };
      const active: ActiveFilter[] = [
        ...(filters.localAuthorityId ? [{ name: 'localAuthorityId', label: t('billing:list.authority'), value: authorityName(filters.localAuthorityId) }] : []),
        ...(filters.status ? [{ name: 'status', label: t('billing:list.status'), value: t(`billing:list.statuses.${filters.status}`) }] : []),
        ...(filters.from ? [{ name: 'from', label: t('billing:list.from'), value: longDate(filters.from, lang) }] : []),
        ...(filters.to ? [{ name: 'to', label: t('billing:list.to'), value: longDate(filters.to, lang) }] : []),
      ];
      const list = listView({
        path: '/finance/invoices',
        state,
        defaults: DEFAULTS,
        filters,
        active,
        columns: [
          { key: 'number', text: t('billing:invoice.number'), sortable: true },
          { key: 'kind', text: t('billing:invoice.kind') },
          { key: 'authority', text: t('billing:invoice.authority'), sortable: true },
          { key: 'issued', text: t('billing:invoice.issued'), sortable: true },
          { key: 'status', text: t('billing:list.status'), sortable: true },
          { key: 'amount', text: t('billing:invoice.total'), sortable: true, format: 'numeric' },
        ],
        total: found.total,
        shown: found.items.length,
        t,
      });
      const authorities = found.authorities
        .map((a) => ({ value: a.id, text: organisationNameText(a, lang) }))
        .sort((a, b) => a.text.localeCompare(b.text, lang === 'cy' ? 'cy' : 'en'));
      return call.render(
        'finance/views/invoices.njk',
        {
          pageTitle: t('billing:list.title'),
          items: found.items.map((d) => ({
            ...d,
            kindText: t(`billing:kinds.${d.kind}`),
            issued: longDate(d.issuedOn, lang),
            total: formatPounds(d.totalPence),
            statusText: t(`billing:list.statuses.${d.status}`),
            statusClass: STATUS_TAG[d.status],
          })),
          list,
          query: filters,
          sortState: state,
          // A reader who sees one authority's invoices only has nothing to choose between.
          authorityItems:
            authorities.length > 1 || filters.localAuthorityId
              ? [{ value: '', text: t('billing:list.anyAuthority') }, ...authorities].map((a) => ({
                  ...a,
                  selected: a.value === (filters.localAuthorityId ?? ''),
                }))
              : undefined,
          statusItems: selectItems(INVOICE_STATUSES, 'billing:list.statuses', t, filters.status, t('billing:list.anyStatus')),
          values: dates.errors.length ? dates.values : { ...dateParts('from', filters.from), ...dateParts('to', filters.to) },
          isAgency: call.actor.kind === 'user' && call.actor.organisationType === 'agency',
          ...formErrors(dates.errors, t, { dateFields: ['from', 'to'] }),
        },
        dates.errors.length ? 400 : 200,
      );
    },
  });
}

const STATUS_TAG: Record<(typeof INVOICE_STATUSES)[number], string> = {
  overdue: 'govuk-tag--red',
  open: 'govuk-tag--blue',
  settled: 'govuk-tag--green',
  credit: 'govuk-tag--grey',
};

import { z } from 'zod';
import { stringify } from 'csv-stringify/sync';
import { safeCell } from '../../platform/format/format.ts';
import { route } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { listQuery, listView, type ActiveFilter } from '../../platform/views/list-page.ts';
import { CHILD_LIST_SORTS } from './list-repository.ts';
import { can } from '../../platform/policy/policy.ts';
import { createChildrenExport } from './export.ts';
import { AGE_BANDS, childListQuery, WAITING_BANDS } from './inputs.ts';
import { selectItems, type T } from '../../platform/forms/forms.ts';
import { clockLevelText, LEVEL_TAG, listName, longDate, queryString, withThresholds } from './page-helpers.ts';
import { PRIORITY_REASONS } from './priority.ts';
import { NEED_CATEGORIES, OUTCOMES } from './vocabulary.ts';
import { attachmentDisposition } from '../../platform/http/download.ts';

/** A filter form sends every select, chosen or not: an empty choice means "any". */
export function withoutEmpty(input: unknown): unknown {
  if (!input || typeof input !== 'object') return input;
  return Object.fromEntries(Object.entries(input as Record<string, unknown>).filter(([, v]) => v !== '' && v !== undefined));
}

const exportQuery = z.preprocess(withoutEmpty, childListQuery.omit({ limit: true }));
const childFilters = childListQuery.omit({ sort: true, limit: true });
const pageQuery = z.preprocess(withoutEmpty, childFilters.extend(listQuery(CHILD_LIST_SORTS, { sort: 'referralDate', dir: 'asc' }).shape));

type Filters = z.infer<typeof childFilters>;
const FILTER_NAMES = ['priorityReason', 'ageBand', 'waiting', 'region', 'need', 'outcome'] as const;

function filterItems(query: Filters, t: T) {
  return {
    priorityReason: selectItems(PRIORITY_REASONS, 'children:vocabulary.priorityFilter', t, query.priorityReason, t('children:list.filters.any')),
    ageBand: selectItems(AGE_BANDS, 'children:vocabulary.ageBand', t, query.ageBand, t('children:list.filters.any')),
    waiting: selectItems(WAITING_BANDS, 'children:vocabulary.waiting', t, query.waiting, t('children:list.filters.any')),
    need: selectItems(NEED_CATEGORIES, 'children:vocabulary.need', t, query.need, t('children:list.filters.any')),
    outcome: selectItems([...OUTCOMES, 'none'], 'children:list.outcomes', t, query.outcome, t('children:list.filters.any')),
  };
}

/** The filters in use, named as the filter form names them, for the removable tags. */
function activeFilters(query: Filters, t: T): ActiveFilter[] {
  const words: Record<(typeof FILTER_NAMES)[number], (value: string) => string> = {
    priorityReason: (v) => t(`children:vocabulary.priorityFilter.${v}`),
    ageBand: (v) => t(`children:vocabulary.ageBand.${v}`),
    waiting: (v) => t(`children:vocabulary.waiting.${v}`),
    region: (v) => v,
    need: (v) => t(`children:vocabulary.need.${v}`),
    outcome: (v) => t(`children:list.outcomes.${v}`),
  };
  return FILTER_NAMES.filter((name) => query[name]).map((name) => ({ name, label: t(`children:list.filters.${name}`), value: words[name](query[name]!) }));
}

/** The children list with filters and keyset pages, and its CSV download. */
export function childrenListRoutes(services: Services) {
  const children = services.children;
  const exporter = createChildrenExport(services.runner, children);

  return [
    route({
      method: 'GET',
      url: '/children',
      kind: 'page',
      action: 'children.list',
      summary: 'Children you may see: filters, sort and pages',
      query: pageQuery,
      handler: async (call) => {
        const { page: pageNumber, sort, dir, limit, ...filters } = call.query;
        const state = { page: pageNumber, sort, dir, limit };
        const page = await children.pageChildren(call.ctx, filters, state);
        const t = withThresholds(call.t, page.thresholds);
        const filterValues = Object.fromEntries(FILTER_NAMES.map((name) => [name, filters[name]]));
        const list = listView({
          path: '/children',
          state,
          defaults: { sort: 'referralDate', dir: 'asc' },
          filters: filterValues,
          active: activeFilters(filters, t),
          columns: [
            { key: 'name', text: t('children:list.table.name'), sortable: true },
            { key: 'age', text: t('children:list.table.age'), sortable: true, format: 'numeric' },
            { key: 'referralDate', text: t('children:list.table.referralDate'), sortable: true },
            { key: 'priority', text: t('children:list.table.priority') },
            { key: 'clock', text: t('children:list.table.clock') },
          ],
          total: page.total,
          shown: page.items.length,
          t,
        });
        return call.render('children/views/children.njk', {
          pageTitle: t('children:list.title'),
          query: filters,
          sortState: state,
          filterItems: filterItems(filters, t),
          filterQuery: queryString(filterValues),
          list,
          filtered: list.tags.length > 0,
          canExport: can(call.actor, 'children.export'),
          canConfigure: can(call.actor, 'children.configure') || can(call.actor, 'aceCategories.manage'),
          settingsHref: can(call.actor, 'children.configure') ? '/children/settings' : '/children/settings/ace-categories',
          items: page.items.map((c) => ({
            id: c.id,
            name: listName(c),
            age: c.age,
            referralDate: longDate(c.referralDate, call.language),
            reasons: c.priorityReasons.map((r) => t(`children:vocabulary.priorityFilter.${r}`)),
            levelText: clockLevelText(t, c.clockLevel, page.thresholds),
            levelClass: LEVEL_TAG[c.clockLevel],
          })),
        });
      },
    }),
    route({
      method: 'GET',
      url: '/children.csv',
      kind: 'page',
      action: 'children.export',
      summary: 'The children list of the current filters as CSV (no free text)',
      query: exportQuery,
      handler: async (call) => {
        const { rows, thresholds } = await exporter.exportChildren(call.ctx, call.query);
        const t = thresholds ? withThresholds(call.t, thresholds) : call.t;
        const header = [
          'id',
          'name',
          'legalName',
          'localAuthorityReference',
          'dateOfBirth',
          'age',
          'sex',
          'ethnicity',
          'region',
          'status',
          'referralDate',
          'placementOrderDate',
          'priorityReasons',
          'needs',
          'clockLevel',
          'outcome',
        ].map((k) => t(`children:csv.${k}`));
        const body = rows.map((c) =>
          [
            c.id,
            c.name,
            c.legalName,
            c.localAuthorityReference ?? '',
            c.dateOfBirth,
            String(c.age),
            t(`children:vocabulary.sex.${c.sex}`),
            t(`children:vocabulary.ethnicity.${c.ethnicity}`),
            c.region ?? '',
            t(`children:vocabulary.status.${c.status}`),
            c.referralDate,
            c.placementOrderDate ?? '',
            c.priorityReasons.map((r) => t(`children:vocabulary.priorityFilter.${r}`)).join('; '),
            c.needCategories.map((n) => t(`children:vocabulary.need.${n}`)).join('; '),
            thresholds ? clockLevelText(t, c.clockLevel, thresholds) : c.clockLevel,
            c.outcome ? t(`children:vocabulary.outcome.${c.outcome}`) : '',
          ].map(safeCell),
        );
        // A byte-order mark, so spreadsheet programs read Welsh letters (ŵ, ŷ) correctly.
        const csv = '\ufeff' + stringify([header, ...body]);
        return call.reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', attachmentDisposition(`${call.t('fileNames.children')}-${services.children.today()}.csv`))
          .header('cache-control', 'no-store')
          .send(csv);
      },
    }),
  ];
}

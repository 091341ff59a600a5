import { z } from 'zod';
import { stringify } from 'csv-stringify/sync';
import { safeCell } from '../../platform/format/format.ts';
import { route } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { cursorOf, encodeCursor } from '../../platform/http/cursor.ts';
import { can } from '../../platform/policy/policy.ts';
import { createChildrenExport } from './export.ts';
import { AGE_BANDS, childListQuery, SORTS, WAITING_BANDS } from './inputs.ts';
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

const listCursor = cursorOf(z.object({ value: z.string().nullable(), id: z.uuid() }));
const pageQuery = z.preprocess(withoutEmpty, childListQuery.extend({ cursor: listCursor.optional() }));
const exportQuery = z.preprocess(withoutEmpty, childListQuery.omit({ limit: true }));

type Filters = { priorityReason?: string; ageBand?: string; waiting?: string; region?: string; need?: string; outcome?: string; sort?: string };

function filterItems(query: Filters, t: T) {
  return {
    priorityReason: selectItems(PRIORITY_REASONS, 'children:vocabulary.priorityFilter', t, query.priorityReason, t('children:list.filters.any')),
    ageBand: selectItems(AGE_BANDS, 'children:vocabulary.ageBand', t, query.ageBand, t('children:list.filters.any')),
    waiting: selectItems(WAITING_BANDS, 'children:vocabulary.waiting', t, query.waiting, t('children:list.filters.any')),
    need: selectItems(NEED_CATEGORIES, 'children:vocabulary.need', t, query.need, t('children:list.filters.any')),
    outcome: selectItems([...OUTCOMES, 'none'], 'children:list.outcomes', t, query.outcome, t('children:list.filters.any')),
    sort: selectItems(SORTS, 'children:list.sorts', t, query.sort, t('children:list.sorts.referralDate')).slice(1),
  };
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
        const { cursor, ...filters } = call.query;
        const page = await children.listChildren(call.ctx, filters, cursor);
        const t = withThresholds(call.t, page.thresholds);
        const { limit: _limit, ...shown } = filters;
        const filterQuery = queryString(shown);
        return call.render('children/views/children.njk', {
          pageTitle: t('children:list.title'),
          query: filters,
          filterItems: filterItems(filters, t),
          filterQuery,
          canExport: can(call.actor, 'children.export'),
          canConfigure: can(call.actor, 'children.configure') || can(call.actor, 'aceCategories.manage'),
          settingsHref: can(call.actor, 'children.configure') ? '/children/settings' : '/children/settings/ace-categories',
          nextHref: page.next ? `/children${queryString({ ...shown, cursor: encodeCursor(page.next) })}` : undefined,
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

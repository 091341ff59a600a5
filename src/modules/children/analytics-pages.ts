import { z } from 'zod';
import { stringify } from 'csv-stringify/sync';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { barChartSvg } from '../../platform/views/chart.ts';
import { aceAnalyticsQuery, AGE_BANDS, type AceAnalyticsFilters } from './inputs.ts';
import { choices, selectItems, type T } from '../../platform/forms/forms.ts';
import { queryString, withThresholds } from './page-helpers.ts';
import { can } from '../../platform/policy/policy.ts';
import { PRIORITY_REASONS } from './priority.ts';
import { withoutEmpty } from './list-pages.ts';
import { OUTCOMES } from './vocabulary.ts';
import { SUPPRESSED } from '../reporting/index.ts';
import { attachmentDisposition } from '../../platform/http/download.ts';

const query = z.preprocess(withoutEmpty, aceAnalyticsQuery);
type Figures = Awaited<ReturnType<Services['children']['aceAnalytics']>>;

/** A figure for people: a number in their language's format, or "c" when withheld. */
function figure(value: number | string | null, language: string): string {
  if (value === null) return '–';
  if (typeof value === 'string') return value;
  return new Intl.NumberFormat(language === 'cy' ? 'cy-GB' : 'en-GB', { maximumFractionDigits: 1 }).format(value);
}

/** One row per ACE count (0..10): the chart's bars, the table's rows and the CSV's lines are the same figures. */
function rowsOf(figures: Figures) {
  return figures.distribution.map((cell, count) => ({ count, children: cell }));
}

function description(figures: Figures, t: T, language: string): string {
  const bars = rowsOf(figures)
    .map((r) => t('children:analytics.chart.bar', { count: r.count, children: figure(r.children, language) }))
    .join('; ');
  return t('children:analytics.chart.description', {
    children: figure(figures.children, language),
    mean: figure(figures.mean, language),
    comparator: figure(figures.comparatorMean, language),
    bars,
  });
}

/** What "c" means under the agency's disclosure settings (smallest count shown, rounding of totals). */
function suppressionText(figures: Figures, t: T, key: 'children:analytics.suppression' | 'children:analytics.csv.suppressed'): string {
  const { minimumCount, roundTotalsTo } = figures.disclosure;
  const rounding = roundTotalsTo > 1 ? t('children:analytics.rounding', { rounding: roundTotalsTo }) : t('children:analytics.noRounding');
  return t(key, { minimum: minimumCount, rounding });
}

/** The comparison cohort's name in the reader's language. */
const comparatorName = (figures: Figures, language: string) => (language === 'cy' ? figures.comparatorLabel.cy : figures.comparatorLabel.en);

/**
 * Cohort ACE analysis: filters (inside the agency only; outside it, the two fixed tables), a
 * server-drawn chart, the same figures as a table, and a CSV.
 */
export function analyticsPageRoutes(services: Services) {
  const children = services.children;

  function filterItems(filters: AceAnalyticsFilters, t: T) {
    const any = t('children:list.filters.any');
    return {
      ageBand: selectItems(AGE_BANDS, 'children:vocabulary.ageBand', t, filters.ageBand, any),
      priorityReason: selectItems(PRIORITY_REASONS, 'children:vocabulary.priorityFilter', t, filters.priorityReason, any),
      outcome: selectItems([...OUTCOMES, 'none'], 'children:list.outcomes', t, filters.outcome, any),
      measure: choices(['known', 'knownOrSuspected'], 'children:analytics.measures', t, filters.measure),
    };
  }

  async function page(call: Call<unknown, AceAnalyticsFilters>) {
    const t = call.t;
    const filters = call.query;
    const figures = await children.aceAnalytics(call.ctx, filters);
    const rows = rowsOf(figures);
    const meanLabel = t('children:analytics.chart.comparator', { mean: figure(figures.comparatorMean, call.language) });
    const cohortMean =
      typeof figures.mean === 'number'
        ? [
            {
              at: figures.mean,
              label: t('children:analytics.chart.cohortMean', { mean: figure(figures.mean, call.language) }),
              colour: '#0b0c0c',
              dashed: false,
            },
          ]
        : [];
    const svg = barChartSvg({
      id: 'ace-chart',
      title: t('children:analytics.chart.title', { measure: t(`children:analytics.measures.${filters.measure}`).toLowerCase() }),
      description: description(figures, t, call.language),
      xAxisLabel: t('children:analytics.chart.xAxis'),
      yAxisLabel: t('children:analytics.chart.yAxis'),
      bars: rows.map((r) => ({ label: String(r.count), value: typeof r.children === 'number' ? r.children : null })),
      referenceLines: [{ at: figures.comparatorMean, label: meanLabel }, ...cohortMean],
      suppressedLabel: 'c',
    });
    const { measure, ...rest } = filters;
    return call.render('children/views/ace-analytics.njk', {
      pageTitle: t('children:analytics.title'),
      query: filters,
      filterItems: filterItems(filters, withThresholds(t, figures.thresholds)),
      csvHref: `/analytics/aces.csv${queryString({ ...rest, measure })}`,
      svg,
      disclosed: figures.disclosed,
      suppressionText: suppressionText(figures, t, 'children:analytics.suppression'),
      settingsHref: can(call.actor, 'children.configure') ? '/children/settings' : undefined,
      tableRows: rows.map((r) => [{ text: String(r.count) }, { text: figure(r.children, call.language), format: 'numeric' }]),
      statistics: [
        { key: { text: t('children:analytics.stats.children') }, value: { text: figure(figures.children, call.language) } },
        { key: { text: t('children:analytics.stats.mean') }, value: { text: figure(figures.mean, call.language) } },
        { key: { text: t('children:analytics.stats.median') }, value: { text: figure(figures.median, call.language) } },
        { key: { text: t('children:analytics.stats.comparator') }, value: { text: figure(figures.comparatorMean, call.language) } },
        { key: { text: t('children:analytics.stats.comparatorLabel') }, value: { text: comparatorName(figures, call.language) } },
      ],
      measureLinks: (['known', 'knownOrSuspected'] as const).map((m) => ({
        text: t(`children:analytics.measures.${m}`),
        href: `/analytics/aces${queryString({ measure: m })}`,
        current: m === filters.measure,
      })),
      comparison:
        typeof figures.mean === 'number'
          ? t(
              figures.mean > figures.comparatorMean
                ? 'children:analytics.comparison.above'
                : figures.mean < figures.comparatorMean
                  ? 'children:analytics.comparison.below'
                  : 'children:analytics.comparison.same',
              {
                mean: figure(figures.mean, call.language),
                comparator: figure(figures.comparatorMean, call.language),
              },
            )
          : t(figures.mean === SUPPRESSED ? 'children:analytics.comparison.withheld' : 'children:analytics.comparison.none'),
    });
  }

  return [
    route({
      method: 'GET',
      url: '/analytics/aces',
      kind: 'page',
      action: 'analytics.aces',
      summary: 'Cohort ACE analysis: chart and table against the comparison cohort',
      query,
      handler: async (call) => page(call as never),
    }),
    route({
      method: 'GET',
      url: '/analytics/aces.csv',
      kind: 'page',
      action: 'analytics.aces',
      summary: 'Cohort ACE analysis as CSV (the figures shown; outside the agency disclosure-controlled fixed tables, cohort filters answer 403)',
      query,
      handler: async (call) => {
        const t = call.t;
        const figures = await children.aceAnalytics(call.ctx, call.query);
        const lines = [
          [t('children:analytics.table.count'), t('children:analytics.table.children')],
          ...rowsOf(figures).map((r) => [String(r.count), String(r.children)]),
          [],
          [t('children:analytics.stats.children'), String(figures.children)],
          [t('children:analytics.stats.mean'), figures.mean === null ? '' : String(figures.mean)],
          [t('children:analytics.stats.median'), figures.median === null ? '' : String(figures.median)],
          [t('children:analytics.stats.comparator'), String(figures.comparatorMean)],
          [t('children:analytics.stats.comparatorLabel'), comparatorName(figures, call.language)],
          [t('children:analytics.csv.measure'), t(`children:analytics.measures.${figures.measure}`)],
          ...(figures.disclosed ? [[suppressionText(figures, t, 'children:analytics.csv.suppressed')]] : []),
        ];
        return call.reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', attachmentDisposition(`${call.t('fileNames.aceAnalysis')}-${children.today()}.csv`))
          .header('cache-control', 'no-store')
          .send('\ufeff' + stringify(lines));
      },
    }),
  ];
}

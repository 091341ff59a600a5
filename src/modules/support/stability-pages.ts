import { z } from 'zod';
import { stringify } from 'csv-stringify/sync';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { barChartSvg } from '../../platform/views/chart.ts';
import { dateInWales } from '../../platform/dates/dates.ts';
import { dateFromQuery, formErrors } from '../../platform/forms/forms.ts';
import { SUPPORT_FORM } from './forms.ts';
import { figure, longDate, tagHtml, WINDOW_TAG, type T } from './format.ts';
import type { StabilityReport } from './service.ts';
import { attachmentDisposition } from '../../platform/http/download.ts';

const anyQuery = z.record(z.string(), z.unknown());

/** The date the report is as of: the one asked for (a date input, or `asOf=` in a link), or today; a bad one is named on the page. */
function asOfOf(call: Call) {
  const found = dateFromQuery((call.query ?? {}) as Record<string, unknown>, 'asOf', 'support:errors.asOf.invalid');
  return { asOf: found.value ?? undefined, errors: found.error ? [found.error] : [], values: found.values };
}

function windowLabel(months: number, t: T): string {
  return t('support:stability.window', { count: months });
}

/** Placement stability: disruptions before the order, placements open at 6, 12 and 24 months; page and CSV. */
export function stabilityPageRoutes(services: Services) {
  const support = services.support;

  function summaryRows(report: StabilityReport, t: T, language: string) {
    const c = report.counts;
    return [
      { key: { text: t('support:stability.placements') }, value: { html: `<span data-testid="placements">${figure(c.placements, language)}</span>` } },
      { key: { text: t('support:stability.disruptions') }, value: { html: `<span data-testid="disruptions">${figure(c.disruptions, language)}</span>` } },
      { key: { text: t('support:stability.ordersMade') }, value: { text: figure(c.ordersMade, language) } },
      { key: { text: t('support:stability.continuing') }, value: { text: figure(c.continuing, language) } },
    ];
  }

  return [
    route({
      method: 'GET',
      url: '/support/stability',
      kind: 'page',
      action: 'stability.view',
      summary: 'Placement stability: disruptions before the adoption order; placements open at 6, 12 and 24 months',
      query: anyQuery,
      handler: async (call) => {
        const t = call.t;
        const { asOf, errors, values } = asOfOf(call);
        const report = await support.stabilityReport(call.ctx, { asOf });
        const windows = report.counts.windows;
        const svg = barChartSvg({
          id: 'stability-chart',
          title: t('support:stability.chart.title'),
          description: t('support:stability.chart.description', { date: longDate(report.counts.asOf, call.language) }),
          xAxisLabel: t('support:stability.chart.xAxis'),
          yAxisLabel: t('support:stability.chart.yAxis'),
          bars: windows.map((w) => ({ label: windowLabel(w.months, t), value: typeof w.openPercent === 'number' ? w.openPercent : null })),
          suppressedLabel: 'c',
        });
        return call.render(
          'support/views/stability.njk',
          {
            pageTitle: t('support:stability.title'),
            asOfText: longDate(report.counts.asOf, call.language),
            values,
            disclosed: report.disclosed,
            svg,
            csvHref: `/support/stability.csv${asOf ? `?asOf=${asOf}` : ''}`,
            summaryRows: summaryRows(report, t, call.language),
            windowRows: windows.map((w) => [
              { text: windowLabel(w.months, t) },
              { text: figure(w.reached, call.language), format: 'numeric' },
              { text: figure(w.open, call.language), format: 'numeric' },
              { text: figure(w.disrupted, call.language), format: 'numeric' },
              { text: w.openPercent === null ? '–' : w.openPercent === 'c' ? 'c' : `${w.openPercent}%`, format: 'numeric' },
            ]),
            windowHeads: windows.map((w) => ({ text: windowLabel(w.months, t) })),
            placementRows: report.disclosed
              ? []
              : report.rows.map((r) => [
                  { text: r.householdReference ?? '' },
                  { text: String(r.childCount), format: 'numeric' },
                  { text: longDate(r.placementDate, call.language) },
                  { text: longDate(r.adoptionOrderDate, call.language) },
                  { text: r.disrupted ? `${longDate(r.disruptionDate, call.language)}${r.disruptionReasons ? `: ${r.disruptionReasons}` : ''}` : '' },
                  ...r.windows.map((w) => ({ html: tagHtml(t(`support:vocabulary.window.${w.state}`), WINDOW_TAG[w.state]!) })),
                ]),
            ...formErrors(errors, t, SUPPORT_FORM),
          },
          errors.length ? 400 : 200,
        );
      },
    }),
    route({
      method: 'GET',
      url: '/support/stability.csv',
      kind: 'page',
      action: 'stability.view',
      summary: 'Placement stability as CSV (the figures shown; disclosure-controlled outside the agency)',
      query: anyQuery,
      handler: async (call) => {
        const t = call.t;
        const { asOf } = asOfOf(call);
        const report = await support.stabilityReport(call.ctx, { asOf });
        const c = report.counts;
        const cell = (v: number | 'c' | null) => (v === null ? '' : String(v));
        const lines: string[][] = [
          [t('support:stability.asOf'), c.asOf],
          [t('support:stability.placements'), cell(c.placements)],
          [t('support:stability.disruptions'), cell(c.disruptions)],
          [t('support:stability.ordersMade'), cell(c.ordersMade)],
          [t('support:stability.continuing'), cell(c.continuing)],
          [],
          [
            t('support:stability.table.window'),
            t('support:stability.table.reached'),
            t('support:stability.table.open'),
            t('support:stability.table.disrupted'),
            t('support:stability.table.openPercent'),
          ],
          ...c.windows.map((w) => [windowLabel(w.months, t), cell(w.reached), cell(w.open), cell(w.disrupted), cell(w.openPercent)]),
          ...(report.disclosed ? [[], [t('support:stability.suppressed')]] : []),
        ];
        if (!report.disclosed && report.rows.length) {
          lines.push(
            [],
            [
              t('support:stability.rows.household'),
              t('support:stability.rows.children'),
              t('support:stability.rows.placementDate'),
              t('support:stability.rows.adoptionOrderDate'),
              t('support:stability.rows.disruptionDate'),
              ...c.windows.map((w) => windowLabel(w.months, t)),
            ],
          );
          for (const r of report.rows) {
            lines.push([
              r.householdReference ?? '',
              String(r.childCount),
              r.placementDate,
              r.adoptionOrderDate ?? '',
              r.disrupted ? (r.disruptionDate ?? '') : '',
              ...r.windows.map((w) => t(`support:vocabulary.window.${w.state}`)),
            ]);
          }
        }
        return call.reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', attachmentDisposition(`${call.t('fileNames.placementStability')}-${asOf ?? dateInWales(new Date())}.csv`))
          .header('cache-control', 'no-store')
          .send('\ufeff' + stringify(lines));
      },
    }),
  ];
}

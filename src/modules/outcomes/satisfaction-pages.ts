import { z } from 'zod';
import { route } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { barChartSvg } from '../../platform/views/chart.ts';

const anyForm = z.record(z.string(), z.unknown());

/** Where families' satisfaction by item and over time is shown (the placement success page links here). */
export const SATISFACTION_PAGE = '/outcomes/satisfaction';

/**
 * Families' satisfaction with their placement, by item and over time (the service manager's page).
 * The placement success page links here: `/outcomes/satisfaction`, served by `satisfactionPageRoutes`.
 */
export function satisfactionPageRoutes(services: Services) {
  const outcomes = services.outcomes;
  return [
    route({
      method: 'GET',
      url: '/outcomes/satisfaction',
      kind: 'page',
      action: 'outcomes.satisfaction',
      summary: 'Families’ satisfaction with their placement: each item’s mean answer and share agreeing, overall and per year',
      handler: async (call) => {
        const report = await outcomes.satisfactionReport(call.ctx);
        const lang = call.language;
        const fmt = (n: number | null) => (n === null ? '–' : new Intl.NumberFormat(lang === 'cy' ? 'cy-GB' : 'en-GB', { maximumFractionDigits: 1 }).format(n));
        const svg = barChartSvg({
          id: 'satisfaction-chart',
          title: call.t('outcomes:satisfaction.chartTitle'),
          description: call.t('outcomes:satisfaction.chartDescription'),
          xAxisLabel: call.t('outcomes:satisfaction.year'),
          yAxisLabel: call.t('outcomes:satisfaction.meanScore'),
          bars: report.overallByYear.map((y) => ({ label: y.year, value: y.meanScore })),
        });
        return call.render('outcomes/views/satisfaction.njk', {
          pageTitle: call.t('outcomes:satisfaction.title'),
          report,
          name: report.name[lang],
          svg,
          itemHead: [
            { text: call.t('outcomes:satisfaction.item') },
            { text: call.t('outcomes:satisfaction.responses'), format: 'numeric' },
            { text: call.t('outcomes:satisfaction.mean'), format: 'numeric' },
            { text: call.t('outcomes:satisfaction.agree'), format: 'numeric' },
            ...report.years.map((y) => ({ text: call.t('outcomes:satisfaction.agreeIn', { year: y }), format: 'numeric' })),
          ],
          itemRows: report.items.map((i) => [
            { text: i.text[lang] },
            { text: String(i.overall.responses), format: 'numeric' },
            { text: fmt(i.overall.mean), format: 'numeric' },
            { text: i.overall.agreePercent === null ? '–' : `${i.overall.agreePercent}%`, format: 'numeric' },
            ...report.years.map((y) => ({ text: i.byYear[y]?.agreePercent == null ? '–' : `${i.byYear[y].agreePercent}%`, format: 'numeric' })),
          ]),
          yearRows: report.overallByYear.map((y) => [
            { text: y.year },
            { text: String(y.responses), format: 'numeric' },
            { text: fmt(y.meanScore), format: 'numeric' },
          ]),
        });
      },
    }),
    route({
      method: 'POST',
      url: '/outcomes/satisfaction/reminders',
      kind: 'page',
      action: 'outcomes.satisfaction',
      summary: 'Remind families whose questionnaire is due, by e-mail in their preferred language (each once)',
      body: anyForm,
      handler: async (call) => {
        const sent = await outcomes.remindFamilies(call.ctx, { baseUrl: `${call.request.protocol}://${call.request.host}` });
        return call.redirect('/outcomes/satisfaction', call.t('outcomes:satisfaction.reminded', { count: sent }));
      },
    }),
  ];
}

import { z } from 'zod';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { barChartSvg } from '../../platform/views/chart.ts';
import { SATISFACTION_GROUPS, type SatisfactionGroup, type SatisfactionReports } from './satisfaction.ts';

const anyForm = z.record(z.string(), z.unknown());

/** Where families' satisfaction by item and over time is shown (the placement success page links here). */
export const SATISFACTION_PAGE = '/outcomes/satisfaction';

/** One group's section of the page: figures by statement, over time (a chart with its table), and comments. */
function groupView(call: Call<unknown, unknown, unknown>, group: SatisfactionGroup, report: SatisfactionReports[SatisfactionGroup]) {
  const lang = call.language;
  const fmt = (n: number | null) => (n === null ? '–' : new Intl.NumberFormat(lang === 'cy' ? 'cy-GB' : 'en-GB', { maximumFractionDigits: 1 }).format(n));
  const range = { min: report.overall.min, max: report.overall.max };
  return {
    group,
    title: call.t(`outcomes:satisfaction.groups.${group}.title`),
    intro: call.t(`outcomes:satisfaction.groups.${group}.intro`, { count: report.responses }),
    name: report.name[lang],
    overall: call.t('outcomes:satisfaction.overall', { mean: fmt(report.overall.meanScore), ...range }),
    svg: barChartSvg({
      id: `satisfaction-chart-${group}`,
      title: call.t('outcomes:satisfaction.chartTitle', { group: call.t(`outcomes:satisfaction.groups.${group}.title`) }),
      description: call.t('outcomes:satisfaction.chartDescription', range),
      xAxisLabel: call.t('outcomes:satisfaction.year'),
      yAxisLabel: call.t('outcomes:satisfaction.meanScore', range),
      bars: report.overallByYear.map((y) => ({ label: y.year, value: y.meanScore })),
    }),
    meanScoreHead: call.t('outcomes:satisfaction.meanScore', range),
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
    comments: report.comments,
  };
}

/**
 * Satisfaction of families, local authorities and workers, by statement and over time, with the
 * authorities' and workers' comments (the service manager's page; never who answered).
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
      summary: 'Satisfaction of families, local authorities and workers: each statement’s mean and share agreeing, overall and per year, and comments',
      handler: async (call) => {
        const reports = await outcomes.satisfactionReports(call.ctx);
        return call.render('outcomes/views/satisfaction.njk', {
          pageTitle: call.t('outcomes:satisfaction.title'),
          groups: SATISFACTION_GROUPS.map((group) => groupView(call, group, reports[group])),
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

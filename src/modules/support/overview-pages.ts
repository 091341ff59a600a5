import { route } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { can } from '../../platform/policy/policy.ts';
import { dateInWales } from '../../platform/dates/dates.ts';
import { monthOfYear } from '../../platform/format/format.ts';
import { barChartSvg } from '../../platform/views/chart.ts';
import { escapeHtml, hoursText, sessionWhen, SESSION_STATUS_TAG, tagHtml } from './format.ts';

/** How far ahead the overview lists the person's own sessions. */
const AHEAD_DAYS = 14;

/** The support overview: the person's next sessions, the waiting list, reviews due, hours this month. */
export function overviewPageRoutes(services: Services) {
  const support = services.support;
  return [
    route({
      method: 'GET',
      url: '/support',
      kind: 'page',
      action: 'support.view',
      summary: 'Ongoing support: your sessions, the waiting list, plan reviews due and hours delivered this month',
      handler: async (call) => {
        const t = call.t;
        const now = new Date();
        const today = dateInWales(now);
        const mine = await support.sessionsFor(call.ctx, { from: new Date(now.getTime() - 3_600_000), to: new Date(now.getTime() + AHEAD_DAYS * 86_400_000) });
        const waiting = await support.listRequests(call.ctx, 'waiting');
        const trend = await support.waitingTrend(call.ctx);
        const plans = await support.listPlans(call.ctx);
        const month = await support.hours(call.ctx, { from: `${today.slice(0, 8)}01`, to: today });
        return call.render('support/views/overview.njk', {
          pageTitle: t('support:overview.title'),
          canEdit: can(call.actor, 'support.edit'),
          canSeeStability: can(call.actor, 'stability.view'),
          aheadDays: AHEAD_DAYS,
          mySessions: mine.map((s) => ({
            html: `<a class="govuk-link" href="${s.path}">${escapeHtml(sessionWhen(s.startsAt, s.durationMinutes, t, call.language))}</a> – ${escapeHtml(t(`support:vocabulary.kind.${s.kind}`))}, ${escapeHtml(s.householdReference)} ${tagHtml(t(`support:vocabulary.sessionStatus.${s.status}`), SESSION_STATUS_TAG[s.status]!)}`,
          })),
          waiting: waiting.summary,
          waitingText: waiting.summary?.waiting
            ? t('support:overview.waiting.summary', { count: waiting.summary.waiting, longest: waiting.summary.longestDays, long: waiting.summary.waitingLong })
            : t('support:overview.waiting.none'),
          trend: trend.map((m) => ({ ...m, label: monthOfYear(m.month, call.language) })),
          trendChart: trend.some((m) => m.allocated > 0)
            ? barChartSvg({
                id: 'waiting-trend-chart',
                title: t('support:overview.trend.chart.title'),
                description: t('support:overview.trend.chart.description', {
                  from: monthOfYear(trend[0]!.month, call.language),
                  to: monthOfYear(trend.at(-1)!.month, call.language),
                  latest: trend.at(-1)!.waitingAtEnd,
                }),
                xAxisLabel: t('support:overview.trend.chart.x'),
                yAxisLabel: t('support:overview.trend.chart.y'),
                // A month when nobody was allocated has no wait to show: "–", as in the table.
                suppressedLabel: '–',
                bars: trend.map((m) => ({ label: monthOfYear(m.month, call.language, 'short'), value: m.medianDays })),
              })
            : null,
          reviewsDue: plans.filter((p) => p.review === 'overdue' || p.review === 'due_soon').length,
          reviewsOverdue: plans.filter((p) => p.review === 'overdue').length,
          plans: plans.length,
          monthHours: t('support:overview.hours.summary', { count: month.sessions, hours: hoursText(month.minutes, t, call.language) }),
        });
      },
    }),
  ];
}

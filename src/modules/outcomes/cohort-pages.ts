import { z } from 'zod';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { toFieldErrors } from '../../platform/http/validation.ts';
import { longDate } from '../../platform/format/format.ts';
import { dateParts, formErrors, queryWithDates, type Form } from '../../platform/forms/forms.ts';
import { barChartSvg, escapeXml } from '../../platform/views/chart.ts';
import { ACE_BANDS } from '../children/index.ts';
import { cohortQuery, PRIORITY_FILTERS } from './api.ts';
import { CHANGES, type CohortQuery, type CohortReport } from './cohort-service.ts';

const anyQuery = z.record(z.string(), z.unknown());

/** The filters as asked (empty boxes left out, dates from their date inputs or a link's ISO date); a bad one is named on the page and the rest still apply. */
function filtersOf(call: Call): { query: CohortQuery; errors: ReturnType<typeof toFieldErrors>; dateValues: Form } {
  const dates = queryWithDates((call.query ?? {}) as Form);
  const raw = Object.fromEntries(Object.entries(dates.query).filter(([, v]) => typeof v === 'string' && v !== ''));
  const parsed = cohortQuery.safeParse(raw);
  if (parsed.success && !dates.errors.length)
    return { query: parsed.data, errors: [], dateValues: { ...dateParts('from', parsed.data.from), ...dateParts('to', parsed.data.to) } };
  const errors = [...dates.errors, ...(parsed.success ? [] : toFieldErrors(parsed.error))];
  const kept = Object.fromEntries(Object.entries(raw).filter(([k]) => !errors.some((e) => e.field === k)));
  return { query: cohortQuery.safeParse(kept).data ?? {}, errors, dateValues: dates.values };
}

const percent = (share: number | undefined, language: string) =>
  share === undefined ? '' : new Intl.NumberFormat(language === 'cy' ? 'cy-GB' : 'en-GB', { style: 'percent', maximumFractionDigits: 0 }).format(share);

function searchOf(query: CohortQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ ...(Object.fromEntries(Object.entries(query).filter(([, v]) => v)) as Record<string, string>), ...extra });
  return params.toString();
}

/** The cohort outcomes page (chart and table, each figure opening its children) and the list behind a figure. */
export function cohortPageRoutes(services: Services) {
  const outcomes = services.outcomes;

  function tableRows(report: CohortReport, call: Call) {
    const lang = call.language;
    const mayOpenChildren = call.mayOpen('/outcomes/children');
    return report.scales.map((s) => [
      { text: s.scale.name[lang] },
      { text: String(s.children), format: 'numeric' },
      ...CHANGES.map((change) => {
        const count = s.counts[change];
        const interval = s.intervals[change];
        const figure =
          count === 'c'
            ? 'c'
            : `${count} (${percent(interval?.share, lang)}${interval ? `; ${call.t('outcomes:cohort.ci', { lower: percent(interval.lower, lang), upper: percent(interval.upper, lang) })}` : ''})`;
        const link = mayOpenChildren && !report.disclosed && count !== 'c' && count > 0;
        return {
          html: link
            ? `<a class="govuk-link" href="/outcomes/children?${searchOf(report.filters, { scale: s.scale.code, change })}" data-testid="figure-${s.scale.code}-${change}">${figure}</a>`
            : `<span data-testid="figure-${s.scale.code}-${change}">${figure}</span>`,
          format: 'numeric',
        };
      }),
    ]);
  }

  return [
    route({
      method: 'GET',
      url: '/outcomes',
      kind: 'page',
      action: 'outcomes.cohort',
      summary: 'Cohort outcomes: share of children reliably improved, unchanged and deteriorated per scale, with 95% Wilson intervals and filters',
      query: anyQuery,
      handler: async (call) => {
        const { query, errors, dateValues } = filtersOf(call);
        const choices = await outcomes.cohortChoices(call.ctx);
        const report = await outcomes.cohort(call.ctx, choices.insideAgency ? query : { instrument: query.instrument, from: query.from, to: query.to });
        const lang = call.language;
        const svg = barChartSvg({
          id: 'cohort-chart',
          title: call.t('outcomes:cohort.chartTitle'),
          description: call.t('outcomes:cohort.chartDescription'),
          xAxisLabel: call.t('outcomes:cohort.scale'),
          yAxisLabel: call.t('outcomes:cohort.improvedPercent'),
          bars: report.scales.map((s) => ({ label: s.scale.name[lang], value: s.intervals.improved ? Math.round(s.intervals.improved.share * 100) : null })),
          suppressedLabel: 'c',
          width: 760,
        });
        const option = (value: string, text: string, current?: string) => ({ value, text, selected: value === (current ?? '') });
        return call.render(
          'outcomes/views/cohort.njk',
          {
            pageTitle: call.t('outcomes:cohort.title'),
            report,
            svg,
            rows: tableRows(report, call),
            insideAgency: choices.insideAgency,
            mayOpenSatisfaction: call.mayOpen('/outcomes/satisfaction'),
            values: { ...query, ...dateValues },
            instrumentItems: choices.instruments.map((d) => option(d.code, d.name[lang], query.instrument ?? 'sdq-parent')),
            authorityItems: [option('', call.t('outcomes:cohort.any')), ...choices.localAuthorities.map((o) => option(o.id, o.name, query.localAuthorityId))],
            priorityItems: [
              option('', call.t('outcomes:cohort.any')),
              ...PRIORITY_FILTERS.map((p) => option(p, call.t(`outcomes:cohort.priority.${p}`), query.priorityReason)),
            ],
            aceItems: [
              option('', call.t('outcomes:cohort.any')),
              ...Object.keys(ACE_BANDS).map((b) => option(b, call.t('outcomes:cohort.aceBand', { band: b }), query.aceBand)),
            ],
            ...formErrors(errors, call.t, { dateFields: ['from', 'to'] }),
          },
          errors.length ? 400 : 200,
        );
      },
    }),
    route({
      method: 'GET',
      url: '/outcomes/children',
      kind: 'page',
      action: 'outcomes.cohortChildren',
      summary: 'The children behind one figure of the cohort outcomes (agency staff only)',
      query: anyQuery,
      handler: async (call) => {
        const { query } = filtersOf(call);
        const raw = call.query ?? {};
        const scale = typeof raw.scale === 'string' ? raw.scale : '';
        const change = CHANGES.find((c) => c === raw.change) ?? 'improved';
        const found = await outcomes.cohortChildren(call.ctx, query, scale, change);
        const rows = found.children;
        return call.render('outcomes/views/cohort-children.njk', {
          pageTitle: call.t('outcomes:cohort.childrenTitle', { change: call.t(`outcomes:change.${change}`), scale: found.scale?.name[call.language] ?? scale }),
          back: `/outcomes?${searchOf(query)}`,
          rows: rows.map((r) => [
            { html: `<a class="govuk-link" href="/children/${r.childId}/outcomes">${escapeXml(r.name)}</a>` },
            { text: longDate(r.placementDate, call.language) },
            { text: longDate(r.firstOn, call.language) },
            { text: longDate(r.latestOn, call.language) },
          ]),
        });
      },
    }),
  ];
}

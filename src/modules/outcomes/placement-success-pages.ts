import { z } from 'zod';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { DomainError, ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { toFieldErrors } from '../../platform/http/validation.ts';
import { dateParts, formErrors, queryWithDates, type Form } from '../../platform/forms/forms.ts';
import { escapeHtml, longDate, queryString, type T } from '../../platform/format/format.ts';
import type { Measure } from './placement-success.ts';
import { measureParams, placementSuccessListPageQuery, placementSuccessQuery, type PlacementSuccessQuery } from './placement-success-inputs.ts';
import { figureText, measureSections, withinPeriodText } from './placement-success-view.ts';
import { SATISFACTION_PAGE } from './satisfaction-pages.ts';
import { barChartSvg } from '../../platform/views/chart.ts';
import { DEFAULT_DISCLOSURE } from '../reporting/index.ts';
import { disclosePlacementSuccess } from './placement-success-disclosure.ts';
import type { PlacementSuccessReport } from './placement-success-service.ts';
import { attachmentDisposition } from '../../platform/http/download.ts';

/** Stability at 6, 12 and 24 months: the chart and the table beside it carry the same figures. */
function stabilityView(report: PlacementSuccessReport, t: T, language: string) {
  const rows = report.figures.windows.map((w) => ({
    label: t('placement-success:chart.months', { count: w.months }),
    reached: figureText(w.reached, language),
    open: figureText(w.open, language),
    disrupted: figureText(w.disrupted, language),
    percent: w.openPercent === null || w.openPercent === 'c' ? figureText(w.openPercent, language) : `${figureText(w.openPercent, language)}%`,
    value: typeof w.openPercent === 'number' ? w.openPercent : null,
  }));
  const svg = barChartSvg({
    id: 'stability-chart',
    title: t('placement-success:chart.title'),
    description: t('placement-success:chart.description'),
    xAxisLabel: t('placement-success:chart.after'),
    yAxisLabel: t('placement-success:chart.percent'),
    bars: rows.map((r) => ({ label: r.label, value: r.value })),
    // A withheld bar: "c" where the disclosure control hid it; "–" where no placement has reached that point yet.
    suppressedLabel: report.disclosed && report.figures.windows.some((w) => w.openPercent === 'c') ? 'c' : '–',
    width: 640,
  });
  return { svg, rows };
}

/** A CSV field: quoted when it holds a comma, quote or line break, and never read as a formula by a spreadsheet. */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The figures as a CSV in the reader's language. A download leaves the agency's pages, so every
 * count goes through reporting's disclosure control (small numbers as "c", with the complementary
 * suppression that stops one being worked out from a total), whoever downloads it.
 */
export function placementSuccessCsv(report: PlacementSuccessReport, t: T, language: string): string {
  const disclosed: PlacementSuccessReport = report.disclosed
    ? report
    : { ...report, disclosed: true, figures: disclosePlacementSuccess(report.figures, DEFAULT_DISCLOSURE) };
  const lines = [
    [
      t('placement-success:csv.section'),
      t('placement-success:csv.measure'),
      t('placement-success:csv.figure'),
      t('placement-success:csv.detail'),
      t('placement-success:csv.from'),
      t('placement-success:csv.to'),
    ],
  ];
  for (const section of measureSections(disclosed, t, language, () => null))
    for (const m of section.measures) {
      lines.push([section.title, m.title, m.figure, m.detail ?? '', disclosed.figures.period.from, disclosed.figures.period.to]);
      for (const b of m.breakdown ?? [])
        lines.push([section.title, `${m.title}: ${b.text}`, b.figure, '', disclosed.figures.period.from, disclosed.figures.period.to]);
    }
  return lines.map((l) => l.map(csvField).join(',')).join('\r\n') + '\r\n';
}

const anyQuery = z.record(z.string(), z.unknown());
const LIST_PAGE_SIZE = 50;

/** The filters of the page as typed (dates from their date inputs, or a link's ISO date); a mistake is named beside its field and the default period shown instead. */
function filtersOf(call: Call): { query: PlacementSuccessQuery; errors: FieldError[]; dateValues: Form } {
  const dates = queryWithDates((call.query ?? {}) as Form);
  const typed = Object.fromEntries(['from', 'to', 'localAuthorityId'].map((k) => [k, typeof dates.query[k] === 'string' ? dates.query[k] : '']));
  const parsed = placementSuccessQuery.safeParse(typed);
  const errors = [...dates.errors, ...(parsed.success ? [] : toFieldErrors(parsed.error))];
  return parsed.success && !errors.length ? { query: parsed.data, errors, dateValues: dates.values } : { query: {}, errors, dateValues: dates.values };
}

/** The page's own words for what may go wrong with a period the service refuses (a date after today). */
async function withPeriodChecked<R>(filters: ReturnType<typeof filtersOf>, work: (query: PlacementSuccessQuery) => Promise<R>): Promise<R> {
  try {
    return await work(filters.query);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    filters.errors.push(...error.fieldErrors);
    return work({});
  }
}

/** Placement success: the service manager's page, and the list of children behind each figure. */
export function placementSuccessPageRoutes(services: Services) {
  const outcomes = services.placementSuccess;

  return [
    route({
      method: 'GET',
      url: '/outcomes/placement-success',
      kind: 'page',
      action: 'placementSuccess.view',
      summary: 'Placement success for a period and local authority: each measure with its definition and (in the agency) the children behind it',
      query: anyQuery,
      handler: async (call) => {
        const t: T = call.t;
        const filters = filtersOf(call);
        const report = await withPeriodChecked(filters, (query) => outcomes.placementSuccessReport(call.ctx, query));
        const period = report.figures.period;
        const listQuery = { from: period.from, to: period.to, localAuthorityId: report.localAuthorityId };
        const hrefOf = (measure: Measure) =>
          !report.disclosed && call.mayOpen(`/outcomes/placement-success/${measure}`)
            ? `/outcomes/placement-success/${measure}${queryString(listQuery)}`
            : null;
        return call.render(
          'outcomes/views/placement-success.njk',
          {
            pageTitle: t('placement-success:title'),
            periodText: withinPeriodText(period, t, call.language),
            asOfText: longDate(report.figures.asOf, call.language),
            disclosed: report.disclosed,
            values: filters.errors.length ? filters.dateValues : { ...dateParts('from', period.from), ...dateParts('to', period.to) },
            localAuthorityItems: report.disclosed
              ? []
              : [
                  { value: '', text: t('placement-success:filters.everyAuthority'), selected: !report.localAuthorityId },
                  ...report.localAuthorities.map((a) => ({ value: a.id, text: a.name, selected: a.id === report.localAuthorityId })),
                ],
            sections: measureSections(report, t, call.language, hrefOf),
            stability: stabilityView(report, t, call.language),
            csvHref: `/outcomes/placement-success.csv${queryString(listQuery)}`,
            apiHref: `/api/v1/outcomes/placement-success${queryString(listQuery)}`,
            // Families' satisfaction comes from the placement satisfaction questionnaire, on its own page (the service manager's).
            satisfactionHref: call.mayOpen(SATISFACTION_PAGE) ? SATISFACTION_PAGE : null,
            ...formErrors(filters.errors, t, { dateFields: ['from', 'to'] }),
          },
          filters.errors.length ? 400 : 200,
        );
      },
    }),
    route({
      method: 'GET',
      url: '/outcomes/placement-success.csv',
      kind: 'page',
      action: 'placementSuccess.view',
      summary: 'Placement success as a CSV in the reader’s language, small numbers suppressed by the disclosure control',
      query: anyQuery,
      handler: async (call) => {
        const filters = filtersOf(call);
        if (filters.errors.length) throw new DomainError(400, 'placement-success:errors.badPeriod');
        const report = await outcomes.placementSuccessReport(call.ctx, filters.query);
        const period = report.figures.period;
        // A byte-order mark, so spreadsheet programs read Welsh letters (ŵ, ŷ) correctly.
        return call.reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', attachmentDisposition(`${call.t('fileNames.placementSuccess')}-${period.from}-${period.to}.csv`))
          .header('cache-control', 'no-store')
          .send('\ufeff' + placementSuccessCsv(report, call.t, call.language));
      },
    }),
    route({
      method: 'GET',
      url: '/outcomes/placement-success/:measure',
      kind: 'page',
      action: 'placementSuccess.children',
      summary: 'The children (or families) behind one placement success figure, with the dates that counted them (the agency only)',
      params: measureParams,
      query: anyQuery,
      handler: async (call) => {
        const t: T = call.t;
        const filters = filtersOf(call);
        if (filters.errors.length) throw new DomainError(400, 'placement-success:errors.badPeriod');
        const page = placementSuccessListPageQuery.parse({ page: call.query.page ?? '1' }).page;
        const measure = call.params.measure;
        const list = await outcomes.placementSuccessList(call.ctx, measure, { ...filters.query, offset: (page - 1) * LIST_PAGE_SIZE, limit: LIST_PAGE_SIZE });
        const pages = Math.max(1, Math.ceil(list.total / LIST_PAGE_SIZE));
        const base = { from: list.period.from, to: list.period.to, localAuthorityId: list.localAuthorityId };
        const dateKeys = [...new Set(list.rows.flatMap((r) => Object.keys(r.dates)))];
        const showDays = list.rows.some((r) => r.days !== undefined);
        const showOutcome = list.rows.some((r) => r.outcome !== undefined || r.reason !== undefined);
        const showCounted = measure === 'movedInWithin14Months';
        return call.render('outcomes/views/placement-success-children.njk', {
          pageTitle: t(`placement-success:measures.${measure}.title`),
          definition: t(`placement-success:measures.${measure}.definition`),
          periodText: withinPeriodText(list.period, t, call.language),
          backHref: `/outcomes/placement-success${queryString(base)}`,
          totalText: t(measure === 'familiesWaitingOver3Months' ? 'placement-success:list.families' : 'placement-success:list.children', {
            count: list.total,
            figure: figureText(list.total, call.language),
          }),
          head: [
            { text: t(measure === 'familiesWaitingOver3Months' ? 'placement-success:list.family' : 'placement-success:list.child') },
            ...(measure === 'familiesWaitingOver3Months' ? [] : [{ text: t('placement-success:list.localAuthority') }]),
            ...dateKeys.map((k) => ({ text: t(`placement-success:list.dates.${k}`) })),
            ...(showDays ? [{ text: t('placement-success:list.days'), format: 'numeric' }] : []),
            ...(showCounted ? [{ text: t('placement-success:list.within') }] : []),
            ...(showOutcome ? [{ text: t('placement-success:list.why') }] : []),
          ],
          rows: list.rows.map((r) => [
            r.childId
              ? { html: `<a class="govuk-link" href="/children/${r.childId}">${escapeHtml(r.name ?? t('placement-success:list.unnamed'))}</a>` }
              : { text: r.name ?? '' },
            ...(measure === 'familiesWaitingOver3Months' ? [] : [{ text: r.localAuthority ?? '' }]),
            ...dateKeys.map((k) => ({ text: longDate(r.dates[k] ?? null, call.language) })),
            ...(showDays ? [{ text: r.days === undefined ? '' : figureText(r.days, call.language), format: 'numeric' }] : []),
            ...(showCounted ? [{ text: t(r.counted ? 'placement-success:list.yes' : 'placement-success:list.no') }] : []),
            ...(showOutcome ? [{ text: [r.outcome ? t(`placement-success:outcomes.${r.outcome}`) : '', r.reason ?? ''].filter(Boolean).join(': ') }] : []),
          ]),
          pagination:
            pages > 1
              ? {
                  previous: page > 1 ? { href: `/outcomes/placement-success/${measure}${queryString({ ...base, page: page - 1 })}` } : undefined,
                  next: page < pages ? { href: `/outcomes/placement-success/${measure}${queryString({ ...base, page: page + 1 })}` } : undefined,
                  items: pageItems(page, pages, (n) => `/outcomes/placement-success/${measure}${queryString({ ...base, page: n })}`),
                }
              : null,
        });
      },
    }),
  ];
}

/** Page numbers around the current one, the first and the last, with an ellipsis where numbers are left out (GOV.UK pagination). */
function pageItems(page: number, pages: number, hrefOf: (n: number) => string) {
  const items: ({ number: number; current: boolean; href: string } | { ellipsis: true })[] = [];
  let last = 0;
  for (let n = 1; n <= pages; n++) {
    if (n !== 1 && n !== pages && Math.abs(n - page) > 2) continue;
    if (n - last > 1) items.push({ ellipsis: true });
    items.push({ number: n, current: n === page, href: hrefOf(n) });
    last = n;
  }
  return items;
}

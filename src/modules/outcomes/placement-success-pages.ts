import { z } from 'zod';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { DomainError, ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { toFieldErrors } from '../../platform/http/validation.ts';
import { formErrors } from '../../platform/forms/forms.ts';
import { escapeHtml, longDate, queryString, type T } from '../../platform/format/format.ts';
import type { Measure } from './placement-success.ts';
import { measureParams, placementSuccessListPageQuery, placementSuccessQuery, type PlacementSuccessQuery } from './placement-success-inputs.ts';
import { figureText, measureSections, withinPeriodText } from './placement-success-view.ts';
import { SATISFACTION_PAGE } from './satisfaction-pages.ts';

const anyQuery = z.record(z.string(), z.unknown());
const LIST_PAGE_SIZE = 50;

/** The filters of the page as typed; a mistake is named beside its field and the default period shown instead. */
function filtersOf(call: Call): { query: PlacementSuccessQuery; errors: FieldError[]; typed: Record<string, string> } {
  const raw = (call.query ?? {}) as Record<string, unknown>;
  const typed = Object.fromEntries(['from', 'to', 'localAuthorityId'].map((k) => [k, typeof raw[k] === 'string' ? raw[k] : '']));
  const parsed = placementSuccessQuery.safeParse(typed);
  return parsed.success ? { query: parsed.data, errors: [], typed } : { query: {}, errors: toFieldErrors(parsed.error), typed };
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
            values: { from: filters.errors.length ? filters.typed.from : period.from, to: filters.errors.length ? filters.typed.to : period.to },
            localAuthorityItems: report.disclosed
              ? []
              : [
                  { value: '', text: t('placement-success:filters.everyAuthority'), selected: !report.localAuthorityId },
                  ...report.localAuthorities.map((a) => ({ value: a.id, text: a.name, selected: a.id === report.localAuthorityId })),
                ],
            sections: measureSections(report, t, call.language, hrefOf),
            apiHref: `/api/v1/outcomes/placement-success${queryString(listQuery)}`,
            // Families' satisfaction comes from the placement satisfaction questionnaire, on its own page (the service manager's).
            satisfactionHref: call.mayOpen(SATISFACTION_PAGE) ? SATISFACTION_PAGE : null,
            ...formErrors(filters.errors, t),
          },
          filters.errors.length ? 400 : 200,
        );
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

import { z } from 'zod';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { fields } from '../../platform/http/validation.ts';
import { conjunctionContext } from '../../platform/i18n/welsh.ts';
import { longDate } from '../../platform/format/format.ts';
import { NotFoundError, ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { formErrors, text, type Form } from '../../platform/forms/forms.ts';
import { formRoute } from '../../platform/forms/form-route.ts';
import { financialYearText } from './costs.ts';
import { divideHalfEven } from './fees.ts';
import { percentText, poundsText } from './costs-money.ts';
import { careChoiceInput } from './costs-inputs.ts';
import { CARE_KINDS } from './costs-vocabulary.ts';
import { authorityCell, linkHtml, moneyCell, moneyHead, numberCell, periodFromQuery, yearItems, type T } from './costs-format.ts';
import type { Language } from '../../platform/i18n/i18n.ts';
import { discountFactorText, WEEKS_PER_YEAR } from './financial-return.ts';
import { moneyChartSvg, SERIES_COLOURS } from './recovery-chart.ts';
import type { FinanceCostsService } from './costs-service.ts';

/** "Children placed from 1 April 2025 to 31 March 2026", with "ac" before a date read with a vowel in Welsh. */
function placedBetween(t: (key: string, params?: Record<string, unknown>) => string, from: string, to: string): string {
  return t('finance-costs:period.placedBetween', { from, to, context: conjunctionContext(to) });
}

const anyQuery = z.record(z.string(), z.unknown());
const indexText = (thousandths: number) => `${Math.trunc(thousandths / 1000)}.${String(thousandths % 1000).padStart(3, '0')}`;
const childParams = z.object({ childId: fields.uuid() });
type Found = Awaited<ReturnType<FinanceCostsService['financialReturnReport']>>;

const totalsHead = (first: string, t: T) => [
  { text: first },
  moneyHead(t('finance-costs:return.table.children')),
  moneyHead(t('finance-costs:return.table.undiscounted')),
  moneyHead(t('finance-costs:return.table.discounted')),
  moneyHead(t('finance-costs:return.table.routeCost')),
  moneyHead(t('finance-costs:return.table.net')),
];
const totalsCells = (r: { children: number; undiscountedPence: number; discountedPence: number; routeCostPence: number; netPence: number }) => [
  numberCell(r.children),
  moneyCell(r.undiscountedPence),
  moneyCell(r.discountedPence),
  moneyCell(r.routeCostPence),
  moneyCell(r.netPence),
];

/** Every assumption of the return, in words and figures: the method page prints these, and the return's page shows them too. */
export function assumptionsView(found: Found, t: T) {
  const a = found.report.assumptions;
  return {
    reportYear: financialYearText(a.reportYear),
    discount: percentText(a.discountBasisPoints),
    defaultFee: poundsText(a.defaultRouteFeePence),
    weeksPerYear: WEEKS_PER_YEAR,
    unitRows: found.report.weeklyAtReportYear.map((w) => [
      { text: t(`finance-costs:care.${w.careKind}`) },
      moneyCell(w.unit.weeklyPence),
      { text: financialYearText(w.unit.priceYear) },
      { text: w.unit.source },
      { text: `${indexText(w.indexFrom)} → ${indexText(w.indexTo)}`, format: 'numeric' },
      moneyCell(w.weeklyPence),
    ]),
    factorRows: Array.from({ length: 19 }, (_, year) => [numberCell(year), { text: discountFactorText(a.discountBasisPoints, year), format: 'numeric' }]),
    sensitivityRows: found.report.sensitivity.map((s) => [
      {
        text:
          s.unitCostPercent === 100
            ? t('finance-costs:return.sensitivity.asSet')
            : t('finance-costs:return.sensitivity.unitCosts', {
                percent: s.unitCostPercent - 100 > 0 ? `+${s.unitCostPercent - 100}` : s.unitCostPercent - 100,
              }),
      },
      { text: percentText(s.discountBasisPoints) },
      {
        text: s.weeksLess ? t('finance-costs:return.sensitivity.yearsLess') : t('finance-costs:return.sensitivity.toEighteen'),
      },
      moneyCell(s.discountedPence),
      {
        html: `<span${s.unitCostPercent === 100 && s.weeksLess === 0 && s.discountBasisPoints === a.discountBasisPoints ? ' data-testid="net-as-set"' : ''}>${poundsText(s.netPence)}</span>`,
        format: 'numeric',
      },
    ]),
  };
}

function returnView(found: Found, t: T, language: Language, mayEdit: boolean) {
  const { report } = found;
  // An authority's cell: its name in the reader's language (English marked as such when it has no Welsh one).
  const laName = (id: string) => authorityCell(found.localAuthorityNames[id], t('finance-costs:recovery.unknownAuthority'), language);
  const childName = (id: string) => found.childNames[id] ?? t('finance-costs:recovery.childReference', { reference: id.slice(0, 8) });
  return {
    total: poundsText(report.totals.netPence),
    totalWhole: poundsText(report.totals.netPence, { wholePounds: true }),
    children: report.totals.children,
    chart: moneyChartSvg({
      id: 'return-chart',
      title: t('finance-costs:return.chart.title'),
      description: t('finance-costs:return.chart.description'),
      groups: report.byYear.map((y) => financialYearText(y.key)),
      series: [
        { label: t('finance-costs:return.table.discounted'), colour: SERIES_COLOURS[0], values: report.byYear.map((y) => y.discountedPence) },
        { label: t('finance-costs:return.table.net'), colour: SERIES_COLOURS[2], values: report.byYear.map((y) => y.netPence) },
      ],
      poundsLabel: (pounds) => poundsText(pounds * 100, { wholePounds: true }),
    }),
    yearHead: totalsHead(t('finance-costs:return.table.placedIn'), t),
    yearRows: [
      ...report.byYear.map((y) => [{ text: financialYearText(y.key) }, ...totalsCells(y)]),
      [{ html: `<strong>${t('finance-costs:return.table.total')}</strong>` }, ...totalsCells(report.totals)],
    ],
    laHead: totalsHead(t('finance-costs:recovery.table.authority'), t),
    laRows: report.byLocalAuthority.map((r) => [laName(r.key), ...totalsCells(r)]),
    childHead: [
      { text: t('finance-costs:recovery.table.child') },
      { text: t('finance-costs:return.table.placed') },
      moneyHead(t('finance-costs:return.table.age')),
      { text: t('finance-costs:return.table.care') },
      moneyHead(t('finance-costs:return.table.weeks')),
      moneyHead(t('finance-costs:return.table.discounted')),
      moneyHead(t('finance-costs:return.table.routeCost')),
      moneyHead(t('finance-costs:return.table.net')),
    ],
    childRows: report.children.map((c) => {
      const care = t(`finance-costs:care.${c.careKind}`) + (found.care.get(c.childId)?.source === 'plan' ? ` ${t('finance-costs:return.fromPlan')}` : '');
      return [
        { text: childName(c.childId) },
        { text: longDate(c.placementDate, language) },
        numberCell(c.ageAtPlacement),
        { html: mayEdit ? linkHtml(`/finance/financial-return/children/${c.childId}/care`, care, 'change-care') : care },
        numberCell(c.weeksAvoided),
        moneyCell(c.discountedPence),
        { text: poundsText(c.routeCostPence) + (c.feeAssumed ? ' *' : ''), format: 'numeric' },
        moneyCell(c.netPence),
      ];
    }),
    periodText: placedBetween(t, longDate(found.period.from, language), longDate(found.period.to, language)),
  };
}

/** The financial return: what the placements saved, with its method and sensitivity, and each child's alternative care. */
export function financialReturnPageRoutes(services: Services) {
  const reports = services.financeCosts;

  async function careForm(call: Call<{ childId: string }>, values?: Form, errors: FieldError[] = [], status?: number) {
    const found = await reports.financialReturnReport(call.ctx, periodFromQuery({ year: 'all' }).period);
    const child = found.report.children.find((c) => c.childId === call.params.childId);
    if (!child) throw new NotFoundError();
    const care = found.care.get(child.childId)!;
    const shown = values ?? { careKind: child.careKind, reason: care.reason ?? '', version: String(care.version) };
    const t = call.t;
    return call.render(
      'finance/views/financial-return-care.njk',
      {
        pageTitle: t('finance-costs:care.title', { name: found.childNames[child.childId] ?? child.childId.slice(0, 8) }),
        action: `/finance/financial-return/children/${child.childId}/care`,
        values: shown,
        version: shown.version,
        fromPlan: care.source === 'plan',
        careItems: CARE_KINDS.map((k) => ({ value: k, text: t(`finance-costs:care.${k}`), checked: shown.careKind === k })),
        ...formErrors(errors, t),
      },
      status ?? (errors.length ? 400 : 200),
    );
  }

  return [
    route({
      method: 'GET',
      url: '/finance/financial-return',
      kind: 'page',
      action: 'financialReturn.view',
      summary:
        'The financial return of placements: care costs avoided until 18, discounted, less the route’s cost; per year, authority and child, with the sensitivity table',
      query: anyQuery,
      handler: async (call) => {
        const t = call.t;
        const { period, year } = periodFromQuery({ year: 'all', ...call.query });
        const found = await reports.financialReturnReport(call.ctx, period);
        return call.render('finance/views/financial-return.njk', {
          pageTitle: t('finance-costs:return.title'),
          yearItems: yearItems(year, t),
          methodHref: `/finance/financial-return/method?from=${period.from}&to=${period.to}`,
          apiHref: `/api/v1/finance/financial-return?from=${period.from}&to=${period.to}`,
          ...returnView(found, t, call.language, call.mayOpen(`/finance/financial-return/children/${found.report.children[0]?.childId ?? '0'}/care`, 'POST')),
          ...assumptionsView(found, t),
        });
      },
    }),
    route({
      method: 'GET',
      url: '/finance/financial-return/method',
      kind: 'page',
      action: 'financialReturn.view',
      summary: 'The financial return’s method, printable: every assumption, the discount factors, a worked example and the sensitivity table',
      query: anyQuery,
      handler: async (call) => {
        const t = call.t;
        const { period } = periodFromQuery({ year: 'all', ...call.query });
        const found = await reports.financialReturnReport(call.ctx, period);
        const example = found.report.children[0];
        const rows = found.report.children;
        const totals = found.report.totals;
        const n = Math.max(rows.length, 1);
        const weeks = rows.reduce((sum, c) => sum + c.weeksAvoided, 0);
        const oneDecimal = (value: number) =>
          value.toLocaleString(call.language === 'cy' ? 'cy-GB' : 'en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
        // How the total arises: the children behind it, their ages and years avoided, then the money step by step.
        const arises = rows.length
          ? {
              count: rows.length,
              foster: rows.filter((c) => c.careKind === 'foster_care').length,
              residential: rows.filter((c) => c.careKind === 'residential_care').length,
              age: oneDecimal(rows.reduce((sum, c) => sum + c.ageAtPlacement, 0) / n),
              years: oneDecimal(weeks / WEEKS_PER_YEAR / n),
              weeks: weeks.toLocaleString('en-GB'),
              first: financialYearText(Math.min(...rows.map((c) => c.placementYear))),
              last: financialYearText(Math.max(...rows.map((c) => c.placementYear))),
              undiscounted: poundsText(totals.undiscountedPence),
              discounted: poundsText(totals.discountedPence),
              route: poundsText(totals.routeCostPence),
              assumed: rows.filter((c) => c.feeAssumed).length,
              net: poundsText(totals.netPence),
              perChild: poundsText(Number(divideHalfEven(BigInt(totals.netPence), BigInt(rows.length)))),
            }
          : null;
        return call.render('finance/views/financial-return-method.njk', {
          arises,
          pageTitle: t('finance-costs:method.title'),
          periodText: placedBetween(t, longDate(period.from, call.language), longDate(period.to, call.language)),
          total: poundsText(found.report.totals.netPence),
          children: found.report.totals.children,
          example: example && {
            placed: longDate(example.placementDate, call.language),
            age: example.ageAtPlacement,
            care: t(`finance-costs:care.${example.careKind}`).toLowerCase(),
            weeks: example.weeksAvoided,
            weekly: poundsText(example.weeklyPence),
            undiscounted: poundsText(example.undiscountedPence),
            discounted: poundsText(example.discountedPence),
            route: poundsText(example.routeCostPence),
            net: poundsText(example.netPence),
          },
          backHref: `/finance/financial-return?from=${period.from}&to=${period.to}`,
          ...assumptionsView(found, t),
        });
      },
    }),
    route({
      method: 'GET',
      url: '/finance/financial-return/children/:childId/care',
      kind: 'page',
      action: 'financialReturn.configure',
      summary: 'Form: the care a placed child would otherwise have had',
      params: childParams,
      handler: async (call) => careForm(call),
    }),
    formRoute({
      url: '/finance/financial-return/children/:childId/care',
      action: 'financialReturn.configure',
      summary: 'Choose the care a placed child would otherwise have had, with the reason (stale versions refused)',
      params: childParams,
      firstVersion: 0,
      parse: (form) => {
        const parsed = careChoiceInput.safeParse({ careKind: text(form, 'careKind'), reason: text(form, 'reason') });
        if (!parsed.success) throw new ValidationError(parsed.error.issues.map((i) => ({ field: String(i.path[0]), key: i.message })));
        return parsed.data;
      },
      save: async (call, input, version) =>
        services.financeCostSettings.setCareChoice(call.ctx, call.params.childId, input, version, await reports.placedChildIds(call.ctx)),
      view: (call, shown, errors, status) => careForm(call, shown, errors, status),
      done: () => ({ to: '/finance/financial-return', flash: 'finance-costs:care.saved' }),
    }),
  ];
}

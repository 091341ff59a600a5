import { z } from 'zod';
import { route } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { longDate } from '../../platform/format/format.ts';
import { financialYearText } from './costs.ts';
import { poundsText } from './costs-money.ts';
import { authorityCell, moneyCell, moneyHead, numberCell, periodFromQuery, yearItems, type T } from './costs-format.ts';
import type { Language } from '../../platform/i18n/i18n.ts';
import { moneyChartSvg, SERIES_COLOURS } from './recovery-chart.ts';
import type { FinanceCostsService } from './costs-service.ts';

const anyQuery = z.record(z.string(), z.unknown());
type Found = Awaited<ReturnType<FinanceCostsService['costRecoveryReport']>>;

const figureHead = (t: T) => [
  moneyHead(t('finance-costs:recovery.table.cost')),
  moneyHead(t('finance-costs:recovery.table.invoiced')),
  moneyHead(t('finance-costs:recovery.table.received')),
  moneyHead(t('finance-costs:recovery.table.surplus')),
];
const figureCells = (f: { costPence: number; invoicedPence: number; receivedPence: number; surplusPence: number }) => [
  moneyCell(f.costPence),
  moneyCell(f.invoicedPence),
  moneyCell(f.receivedPence),
  moneyCell(f.surplusPence),
];

/** The page's view of the report: chart, tables and the figures at the top. */
export function recoveryView(found: Found, t: T, language: Language) {
  const { report } = found;
  // An authority's cell: its name in the reader's language (English marked as such when it has no Welsh one).
  const laName = (id: string | null) =>
    authorityCell(
      id ? found.localAuthorityNames[id] : undefined,
      t(id ? 'finance-costs:recovery.unknownAuthority' : 'finance-costs:recovery.noAuthority'),
      language,
    );
  const agreementOf = new Map(found.agreements.map((a) => [a.id, a]));
  const years = report.years.map((y) => financialYearText(y.financialYear));
  // Hours to one decimal place, by integer arithmetic (tenths of an hour = 6 minutes).
  const hours = (minutes: number) => {
    const tenths = Math.round(minutes / 6);
    return `${Math.trunc(tenths / 10)}.${tenths % 10}`;
  };
  const topChildren = [...report.children].sort((a, b) => b.costPence - a.costPence || a.childId.localeCompare(b.childId)).slice(0, 100);
  return {
    summary: [
      { key: { text: t('finance-costs:recovery.summary.cost') }, value: { text: poundsText(report.total.costPence) } },
      { key: { text: t('finance-costs:recovery.summary.invoiced') }, value: { text: poundsText(report.total.invoicedPence) } },
      { key: { text: t('finance-costs:recovery.summary.received') }, value: { text: poundsText(report.total.receivedPence) } },
      {
        key: { text: report.total.surplusPence >= 0 ? t('finance-costs:recovery.summary.surplus') : t('finance-costs:recovery.summary.deficit') },
        value: { html: `<strong data-testid="surplus">${poundsText(report.total.surplusPence)}</strong>` },
      },
      { key: { text: t('finance-costs:recovery.summary.reinvested') }, value: { text: poundsText(report.reinvestedPence) } },
      { key: { text: t('finance-costs:recovery.summary.toReinvest') }, value: { text: poundsText(report.toReinvestPence) } },
    ],
    chart: moneyChartSvg({
      id: 'recovery-chart',
      title: t('finance-costs:recovery.chart.title'),
      description: t('finance-costs:recovery.chart.description', { years: years.join(', ') || '–' }),
      groups: years,
      series: [
        { label: t('finance-costs:recovery.table.cost'), colour: SERIES_COLOURS[0], values: report.years.map((y) => y.costPence) },
        { label: t('finance-costs:recovery.table.invoiced'), colour: SERIES_COLOURS[1], values: report.years.map((y) => y.invoicedPence) },
        { label: t('finance-costs:recovery.table.received'), colour: SERIES_COLOURS[2], values: report.years.map((y) => y.receivedPence) },
      ],
      poundsLabel: (pounds) => poundsText(pounds * 100, { wholePounds: true }),
    }),
    yearHead: [
      { text: t('finance-costs:recovery.table.year') },
      moneyHead(t('finance-costs:recovery.table.staff')),
      moneyHead(t('finance-costs:recovery.table.direct')),
      ...figureHead(t),
    ],
    yearRows: report.years.map((y) => [{ text: financialYearText(y.financialYear) }, moneyCell(y.staffPence), moneyCell(y.directPence), ...figureCells(y)]),
    activityHead: [
      { text: t('finance-costs:recovery.table.activity') },
      moneyHead(t('finance-costs:recovery.table.records')),
      moneyHead(t('finance-costs:recovery.table.time')),
      moneyHead(t('finance-costs:recovery.table.defaulted')),
      moneyHead(t('finance-costs:recovery.table.cost')),
    ],
    activityRows: report.activities.map((a) => [
      { text: t(`finance-costs:activity.${a.activity}`) },
      numberCell(a.records),
      { text: hours(a.minutes), format: 'numeric' },
      numberCell(a.defaulted),
      moneyCell(a.pence),
    ]),
    directRows: report.directByCategory.map((d) => [{ text: t(`finance-costs:category.${d.category}`) }, moneyCell(d.amountPence)]),
    laHead: [{ text: t('finance-costs:recovery.table.authority') }, moneyHead(t('finance-costs:recovery.table.children')), ...figureHead(t)],
    laRows: report.localAuthorities.map((r) => [laName(r.localAuthorityId), numberCell(r.children), ...figureCells(r)]),
    agreementHead: [{ text: t('finance-costs:recovery.table.agreement') }, moneyHead(t('finance-costs:recovery.table.children')), ...figureHead(t)],
    agreementRows: report.agreements.map((r) => {
      const a = agreementOf.get(r.agreementId);
      return [{ text: a ? `${a.name} (${a.reference})` : r.agreementId }, numberCell(r.children), ...figureCells(r)];
    }),
    childHead: [
      { text: t('finance-costs:recovery.table.child') },
      { text: t('finance-costs:recovery.table.authority') },
      moneyHead(t('finance-costs:recovery.table.attributed')),
      moneyHead(t('finance-costs:recovery.table.shared')),
      ...figureHead(t),
    ],
    childRows: topChildren.map((c) => [
      { text: found.childNames[c.childId] ?? t('finance-costs:recovery.childReference', { reference: c.childId.slice(0, 8) }) },
      laName(c.localAuthorityId),
      moneyCell(c.attributedPence),
      moneyCell(c.sharedPence),
      ...figureCells(c),
    ]),
    moreChildren: report.children.length > topChildren.length ? report.children.length - topChildren.length : 0,
    periodText: t('finance-costs:period.between', { from: longDate(found.period.from, language), to: longDate(found.period.to, language) }),
  };
}

/** Cost recovery: did the income recover what the work cost, per year, authority, agreement and child. */
export function recoveryPageRoutes(services: Services) {
  return [
    route({
      method: 'GET',
      url: '/finance/cost-recovery',
      kind: 'page',
      action: 'financeCosts.view',
      summary:
        'Cost recovery: what the work cost against income invoiced and received, surplus or deficit, per year, authority, agreement and child, with a chart',
      query: anyQuery,
      handler: async (call) => {
        const t = call.t;
        const { period, year } = periodFromQuery(call.query);
        const found = await services.financeCosts.costRecoveryReport(call.ctx, period);
        return call.render('finance/views/recovery.njk', {
          pageTitle: t('finance-costs:recovery.title'),
          yearItems: yearItems(year, t),
          apiHref: `/api/v1/finance/cost-recovery?from=${period.from}&to=${period.to}`,
          ...recoveryView(found, t, call.language),
        });
      },
    }),
  ];
}

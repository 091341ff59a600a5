import { locale, longDate, queryString, type T } from '../../platform/format/format.ts';
import { barChartSvg } from '../../platform/views/chart.ts';
import { formatPounds } from '../finance/index.ts';
import type { KeyFigures } from './key-figures-service.ts';

export type FigureRow = { id: string; label: string; value: string; href: string | null; linkText: string; trend?: string };

/** "Jan 26" / "Ion 26": a month of the trend chart in the reader's language. */
const monthLabel = (month: string, language: string) =>
  new Intl.DateTimeFormat(locale(language), { month: 'short', year: '2-digit', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));

/** The twelve-month trend as two bar charts (SVG) and the table of the same figures beside them. */
export function trendCharts(f: KeyFigures, t: T, language: string) {
  const labels = f.months.map((m) => monthLabel(m.month, language));
  const chart = (id: 'waiting' | 'placed') =>
    barChartSvg({
      id: `trend-${id}`,
      title: t(`home.figures.trend.${id}.title`),
      description: t(`home.figures.trend.${id}.description`, { from: labels[0], to: labels.at(-1) }),
      xAxisLabel: t('home.figures.trend.month'),
      yAxisLabel: t('home.figures.trend.children'),
      bars: f.months.map((m, i) => ({ label: labels[i]!, value: id === 'waiting' ? m.waiting : m.placed })),
      height: 260,
    });
  return {
    waitingSvg: chart('waiting'),
    placedSvg: chart('placed'),
    rows: f.months.map((m, i) => [{ text: labels[i] }, { text: String(m.waiting), format: 'numeric' }, { text: String(m.placed), format: 'numeric' }]),
  };
}

/** The key figures as rows of a summary list, each linking to its list where the reader may open it. */
export function keyFigureRows(f: KeyFigures, t: T, language: string, mayOpen: (href: string) => boolean) {
  const link = (href: string) => (mayOpen(href.split('?')[0]!) ? href : null);
  const days = (n: number | null) => (n === null ? t('home.figures.none') : t('home.figures.days', { count: n }));
  const period = { from: f.yearFrom, to: f.today };
  const rows: FigureRow[] = [
    {
      id: 'children-waiting',
      label: t('home.figures.childrenWaiting'),
      value: t('home.figures.waitingValue', { count: f.childrenWaiting.count, median: days(f.childrenWaiting.medianDays) }),
      href: link('/children'),
      linkText: t('home.figures.seeChildren'),
      trend: t('home.figures.trendWaiting', { count: f.previous.childrenWaiting }),
    },
    {
      id: 'placements',
      label: t('home.figures.placements'),
      value: String(f.placements),
      href: link('/matches'),
      linkText: t('home.figures.seeMatches'),
      trend: t('home.figures.trendPlacements', { count: f.previous.placements }),
    },
  ];
  if (f.disruptions !== null)
    rows.push({
      id: 'disruptions',
      label: t('home.figures.disruptions'),
      value: String(f.disruptions),
      href: link(`/outcomes/placement-success/disruptionsBeforeOrder${queryString(period)}`),
      linkText: t('home.figures.seeDisruptions'),
    });
  for (const s of f.inAssessment)
    rows.push({
      id: `assessment-${s.stage}`,
      label: t('home.figures.inAssessment', { stage: t(`recruitment:vocabulary.stage.${s.stage}`) }),
      value: String(s.households),
      href: link(`/households${queryString({ stage: s.stage })}`),
      linkText: t('home.figures.seeHouseholds'),
    });
  rows.push({
    id: 'support-waiting',
    label: t('home.figures.supportWaiting'),
    value: t('home.figures.waitingValue', { count: f.supportWaiting.count, median: days(f.supportWaiting.medianDays) }),
    href: link('/support/requests?status=waiting'),
    linkText: t('home.figures.seeRequests'),
  });
  if (f.supervision)
    rows.push({
      id: 'supervision',
      label: t('home.figures.supervision'),
      value:
        f.supervision.percent === null
          ? t('home.figures.none')
          : t('home.figures.supervisionValue', { percent: f.supervision.percent, compliant: f.supervision.compliant, workers: f.supervision.workers }),
      href: link('/workforce/supervision'),
      linkText: t('home.figures.seeSupervision'),
    });
  if (f.money) {
    rows.push({
      id: 'owed',
      label: t('home.figures.owed'),
      value: formatPounds(f.money.owedPence),
      href: link('/finance'),
      linkText: t('home.figures.seeFinance'),
    });
    rows.push({
      id: 'overdue',
      label: t('home.figures.overdue'),
      value: t('home.figures.overdueValue', { amount: formatPounds(f.money.overduePence), count: f.money.overdueInvoices }),
      href: link('/finance'),
      linkText: t('home.figures.seeFinance'),
    });
  }
  if (f.improvement)
    rows.push({
      id: 'improvement',
      label: t('home.figures.improvement'),
      value:
        f.improvement.children === 0
          ? t('home.figures.none')
          : f.improvement.suppressed
            ? t('home.figures.improvementWithheld')
            : t('home.figures.improvementValue', { percent: f.improvement.percent, count: f.improvement.children }),
      href: link('/outcomes'),
      linkText: t('home.figures.seeOutcomes'),
    });
  return { rows, since: longDate(f.yearFrom, language), trend: trendCharts(f, t, language) };
}

import { longDate, queryString, type T } from '../../platform/format/format.ts';
import type { KeyFigures } from './key-figures-service.ts';

export type FigureRow = { id: string; label: string; value: string; href: string | null; linkText: string };

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
    },
    { id: 'placements', label: t('home.figures.placements'), value: String(f.placements), href: link('/matches'), linkText: t('home.figures.seeMatches') },
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
  return { rows, since: longDate(f.yearFrom, language) };
}

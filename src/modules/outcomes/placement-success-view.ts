import { locale, longDate, type T } from '../../platform/format/format.ts';
import type { Measure } from './placement-success.ts';
import type { PlacementSuccessReport } from './placement-success-service.ts';

/** How the placement success page says its figures, in the reader's language. */

type Value = number | 'c' | null;

/** A count or average as the page shows it: "c" for a suppressed figure (explained on the page), "–" for none. */
export function figureText(value: Value, language: string): string {
  if (value === null) return '–';
  if (value === 'c') return 'c';
  return new Intl.NumberFormat(locale(language)).format(value);
}

export function withinPeriodText(period: { from: string; to: string }, t: T, language: string): string {
  return t('placement-success:period', { from: longDate(period.from, language), to: longDate(period.to, language) });
}

export type MeasureView = {
  code: Measure;
  title: string;
  definition: string;
  figure: string;
  detail: string | null;
  href: string | null;
  linkText: string | null;
  breakdown?: { text: string; figure: string }[];
};
export type SectionView = { id: string; title: string; intro: string | null; measures: MeasureView[] };

/** Days as a figure: "412 days" / "412 diwrnod", or "–" / "c". */
function daysText(value: Value, t: T, language: string): string {
  if (value === null || value === 'c') return figureText(value, language);
  return t('placement-success:figure.days', { count: value, figure: figureText(value, language) });
}

function percentText(value: Value, language: string): string {
  if (value === null || value === 'c') return figureText(value, language);
  return `${figureText(value, language)}%`;
}

/** Every figure of the report, grouped as the page shows them, each with its definition and (in the agency) the link to its children. */
export function measureSections(report: PlacementSuccessReport, t: T, language: string, hrefOf: (measure: Measure) => string | null): SectionView[] {
  const f = report.figures;
  const count = (value: Value) => figureText(value, language);
  const measure = (code: Measure, figure: string, detail: string | null, listed: Value, extra: Partial<MeasureView> = {}): MeasureView => {
    // An empty list is not worth a click.
    const href = listed === 0 ? null : hrefOf(code);
    return {
      code,
      title: t(`placement-success:measures.${code}.title`),
      definition: t(`placement-success:measures.${code}.definition`),
      figure,
      detail,
      href,
      linkText: href
        ? t(code === 'familiesWaitingOver3Months' ? 'placement-success:seeFamilies' : 'placement-success:seeChildren', { figure: count(listed) })
        : null,
      ...extra,
    };
  };
  const leftOut = (n: number | undefined, key: string) => (n ? t(`placement-success:leftOut.${key}`, { count: n, figure: count(n) }) : null);
  const averageDetail = (children: Value, left: number | undefined, key: string) =>
    [t('placement-success:figure.over', { figure: count(children) }), leftOut(left, key)].filter(Boolean).join(' ');
  const withLeftOut = f as { careToMovedIn: { leftOut?: number }; orderToDecision: { leftOut?: number } };

  const windows = f.windows.flatMap((w) => {
    const stable = measure(
      `stableAt${w.months}Months` as Measure,
      percentText(w.openPercent, language),
      t('placement-success:figure.ofReached', { part: count(w.open), whole: count(w.reached) }),
      w.open,
    );
    if (w.months === 6) return [stable];
    const disrupted = measure(
      `disruptedWithin${w.months}Months` as Measure,
      count(w.disrupted),
      t('placement-success:figure.ofReached', { part: count(w.disrupted), whole: count(w.reached) }),
      w.disrupted,
    );
    return [disrupted, stable];
  });

  const sections: SectionView[] = [
    {
      id: 'timeliness',
      title: t('placement-success:sections.timeliness.title'),
      intro: t('placement-success:sections.timeliness.intro'),
      measures: [
        measure(
          'careToMovedIn',
          daysText(f.careToMovedIn.averageDays, t, language),
          averageDetail(f.careToMovedIn.children, withLeftOut.careToMovedIn.leftOut, 'enteredCare'),
          f.careToMovedIn.children,
        ),
        measure(
          'orderToDecision',
          daysText(f.orderToDecision.averageDays, t, language),
          averageDetail(f.orderToDecision.children, withLeftOut.orderToDecision.leftOut, 'placementOrder'),
          f.orderToDecision.children,
        ),
        measure(
          'movedInWithin14Months',
          percentText(f.movedInWithin14Months.percent, language),
          t('placement-success:figure.within', { part: count(f.movedInWithin14Months.within), whole: count(f.movedInWithin14Months.children) }),
          f.movedInWithin14Months.children,
        ),
      ],
    },
    {
      id: 'waiting',
      title: t('placement-success:sections.waiting.title'),
      intro: t('placement-success:sections.waiting.intro', { date: longDate(f.period.to, language) }),
      measures: [
        measure('waitingOver6Months', count(f.waiting.over6Months), null, f.waiting.over6Months),
        measure('waitingOver12Months', count(f.waiting.over12Months), null, f.waiting.over12Months),
        ...(f.familiesWaitingOver3Months === null
          ? []
          : [measure('familiesWaitingOver3Months', count(f.familiesWaitingOver3Months), null, f.familiesWaitingOver3Months)]),
      ],
    },
    {
      id: 'plans',
      title: t('placement-success:sections.plans.title'),
      intro: null,
      measures: [
        measure('planChanges', count(f.planChanges.total), null, f.planChanges.total, {
          breakdown: f.planChanges.byOutcome.map((o) => ({ text: t(`placement-success:outcomes.${o.outcome}`), figure: count(o.children) })),
        }),
      ],
    },
    {
      id: 'siblings',
      title: t('placement-success:sections.siblings.title'),
      intro: null,
      measures: [
        measure('siblingsTogether', count(f.siblings.together), null, f.siblings.together),
        measure('siblingsSeparated', count(f.siblings.separated), null, f.siblings.separated),
      ],
    },
    {
      id: 'stability',
      title: t('placement-success:sections.stability.title'),
      intro: t('placement-success:sections.stability.intro', { date: longDate(f.asOf, language) }),
      measures: [measure('disruptionsBeforeOrder', count(f.disruptionsBeforeOrder), null, f.disruptionsBeforeOrder), ...windows],
    },
  ];
  return sections;
}

import type { RecordContent } from '../../platform/pdf/record.ts';
import { summaryFacts, type SummaryListRow } from '../../platform/pdf/view.ts';
import type { T } from '../../platform/forms/forms.ts';

/** What the transition plan's page shows, as transition-pages.ts builds it for transition-plan.njk. */
export type TransitionPageModel = {
  title: string;
  household: string;
  stage: string;
  progressRows: SummaryListRow[];
  steps: { date: string; kind: string; description: string; attendees: string; status: string; notes: string; reason: string; updated: string }[];
};

/** The transition plan as printed: progress, then each step of introductions with what the page says of it. */
export function transitionPlanPdf(model: TransitionPageModel, t: T): RecordContent {
  const step = (s: TransitionPageModel['steps'][number]) =>
    [
      s.kind,
      s.description,
      s.notes && `${t('preparation:transition.notes')}: ${s.notes}`,
      s.reason && `${t('preparation:transition.reason')}: ${s.reason}`,
      s.updated,
    ]
      .filter(Boolean)
      .join('\n');
  return {
    title: model.title,
    // The page shows the household above the title and the match's step as a tag under it.
    caption: [model.household, model.stage].filter(Boolean).join(' · '),
    subject: model.title,
    facts: summaryFacts(model.progressRows),
    sections: [
      {
        heading: t('preparation:transition.steps'),
        blocks: model.steps.length
          ? [
              {
                kind: 'table',
                table: {
                  caption: t('preparation:transition.steps'),
                  headings: [
                    t('preparation:transition.date'),
                    t('preparation:transition.step'),
                    t('preparation:transition.attendees'),
                    t('preparation:transition.progress'),
                  ],
                  rows: model.steps.map((s) => ({ cells: [s.date, step(s), s.attendees, t(`matches:vocabulary.stepStatus.${s.status}`)] })),
                  alignLeft: [true, true, true, true],
                  widths: [2, 5, 3, 2],
                },
              },
            ]
          : [{ kind: 'paragraphs', paragraphs: [t('preparation:transition.none')] }],
      },
    ],
  };
}

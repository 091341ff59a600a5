import type { RecordContent } from '../../platform/pdf/record.ts';
import { summaryFacts, type SummaryListRow } from '../../platform/pdf/view.ts';
import type { T } from '../../platform/forms/forms.ts';

/** What the match's page shows, as match-pages.ts builds it for match.njk. */
export type MatchPageModel = {
  pageTitle: string;
  stageText: string;
  householdText: string;
  children: { name: string; born: string }[];
  facts: SummaryListRow[];
  steps: { date: string; kind: string; description: string; status: string }[];
  history: { text: string; date: string; reason: string | null; actorName: string }[];
};

/**
 * The match's documents for the matching panel: the children, the family, the match (how it was made,
 * its score, agreement, recommendation and decision, reasons given) and the decisions and steps so far,
 * each as the match's page says it to this reader.
 */
export function panelPapersPdf(model: MatchPageModel, t: T): RecordContent {
  return {
    title: model.pageTitle,
    // The page shows the match's step as a tag under its title.
    caption: `${t('matches:panelPapers.caption')} · ${model.stageText}`,
    subject: t('matches:panelPapers.caption'),
    sections: [
      {
        heading: t('matches:match.children'),
        blocks: [{ kind: 'list', items: model.children.map((c) => `${c.name} · ${t('matches:match.born', { date: c.born })}`) }],
      },
      { heading: t('matches:panelPapers.family'), blocks: [{ kind: 'paragraphs', paragraphs: [model.householdText] }] },
      { heading: t('matches:panelPapers.match'), blocks: [{ kind: 'facts', rows: summaryFacts(model.facts) }] },
      {
        heading: t('matches:match.transitionPlan'),
        blocks: model.steps.length
          ? [
              {
                kind: 'table',
                table: {
                  caption: t('matches:match.transitionPlan'),
                  headings: [t('matches:match.stepDate'), t('matches:match.stepKind'), t('matches:match.stepDescription'), t('matches:match.stepStatus')],
                  rows: model.steps.map((s) => ({ cells: [s.date, s.kind, s.description, s.status] })),
                  alignLeft: [true, true, true, true],
                  widths: [2, 2, 4, 2],
                },
              },
            ]
          : [{ kind: 'paragraphs', paragraphs: [t('matches:match.noSteps')] }],
      },
      {
        heading: t('matches:panelPapers.decisions'),
        blocks: [
          {
            kind: 'list',
            items: model.history.map((e) => [e.text, [e.date, e.actorName].filter(Boolean).join(' · '), e.reason ?? ''].filter(Boolean).join('\n')),
          },
        ],
      },
    ],
  };
}

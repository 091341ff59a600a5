import type { RecordContent, RecordSection } from '../../platform/pdf/record.ts';
import { summaryFacts, type SummaryListRow } from '../../platform/pdf/view.ts';
import type { T } from '../../platform/forms/forms.ts';

/** What the child's page shows, as record-pages.ts builds it for child.njk. */
export type ChildPageModel = {
  pageTitle: string;
  statusText: string;
  priority: string[];
  clocks: { name: string; since: string; days: number; levelText: string }[];
  summaryRows: SummaryListRow[];
  keyFacts: SummaryListRow[];
  siblingGroup: { rows: SummaryListRow[] } | null | undefined;
  familyFinding: false | { matches: { household: string; stageText: string; since: string }[] };
  aces: { counts: { known: number; knownOrSuspected: number; notKnown: number } } | null | undefined;
  chronology: { text: string; date: string; who: string }[];
};

/**
 * The child's record summary as printed: the page's sections in the page's order, without its links
 * and buttons. Only what the model holds is printed, and the model is what the page shows to this
 * reader (family finding only to those who see matches, ACE counts only to those who see ACEs).
 */
export function childRecordPdf(model: ChildPageModel, t: T): RecordContent {
  const sections: RecordSection[] = [
    {
      heading: t('children:child.priority.title'),
      blocks: model.priority.length ? [{ kind: 'list', items: model.priority }] : [{ kind: 'paragraphs', paragraphs: [t('children:child.priority.none')] }],
    },
    {
      heading: t('children:child.clocks.title'),
      blocks: model.clocks.length
        ? [
            {
              kind: 'table',
              table: {
                caption: t('children:child.clocks.title'),
                headings: [
                  t('children:child.clocks.clock'),
                  t('children:child.clocks.since'),
                  t('children:child.clocks.days'),
                  t('children:child.clocks.level'),
                ],
                rows: model.clocks.map((c) => ({ cells: [c.name, c.since, String(c.days), c.levelText] })),
                alignLeft: [true, true, false, true],
                widths: [3, 2, 1, 2],
              },
            },
          ]
        : [{ kind: 'paragraphs', paragraphs: [t('children:child.clocks.none')] }],
    },
    { heading: t('children:child.record'), blocks: [{ kind: 'facts', rows: summaryFacts(model.summaryRows) }] },
  ];
  if (model.siblingGroup)
    sections.push({ heading: t('children:child.siblings.title'), blocks: [{ kind: 'facts', rows: summaryFacts(model.siblingGroup.rows) }] });
  if (model.familyFinding) {
    const matches = model.familyFinding.matches;
    sections.push({
      heading: t('matches:child.title'),
      blocks: matches.length
        ? [{ kind: 'list', items: matches.map((m) => `${m.household}: ${m.stageText} (${t('matches:child.since', { date: m.since })})`) }]
        : [{ kind: 'paragraphs', paragraphs: [t('matches:child.none')] }],
    });
  }
  if (model.aces) {
    const c = model.aces.counts;
    sections.push({
      heading: t('children:child.aces.title'),
      blocks: [
        {
          kind: 'facts',
          rows: [
            { label: t('children:child.aces.known'), value: String(c.known) },
            { label: t('children:child.aces.knownOrSuspected'), value: String(c.knownOrSuspected) },
            { label: t('children:child.aces.notKnown'), value: String(c.notKnown) },
          ],
        },
      ],
    });
  }
  sections.push({
    heading: t('children:chronology.title'),
    blocks: [
      { kind: 'paragraphs', paragraphs: [t('children:chronology.latest')] },
      { kind: 'list', items: model.chronology.map((e) => [e.text, [e.date, e.who].filter(Boolean).join(' · ')].join('\n')) },
    ],
  });
  return {
    title: model.pageTitle,
    caption: model.statusText,
    subject: t('children:child.record'),
    facts: summaryFacts(model.keyFacts),
    sections,
  };
}

import type { RecordBlock, RecordContent } from '../../platform/pdf/record.ts';
import { summaryFacts, type SummaryListRow } from '../../platform/pdf/view.ts';
import type { AgencyText } from '../../platform/i18n/agency-text.ts';
import type { T } from './format.ts';

/** What a Team Around the Child meeting's page shows, as tac-pages.ts builds it for meeting.njk. */
export type MeetingPageModel = {
  pageTitle: string;
  childLinks: { text: string }[];
  held: boolean;
  summaryRows: SummaryListRow[];
  agenda: string[][];
  minutes: string[][];
  decisions: string[][];
  /** An attendee's organisation as the reader sees it (agency text: `lang` when it is the other language's). */
  attendees: { name: string; organisation: AgencyText; role: string; attended: string }[];
  actions: { description: string; owner: string; due: string; stateText: string }[];
};

/** Typed text as printed paragraphs (lines kept), or the page's words for "nothing recorded". */
function text(blocks: string[][], empty: string): RecordBlock {
  return { kind: 'paragraphs', paragraphs: blocks.length ? blocks.map((lines) => lines.join('\n')) : [empty] };
}

/** The meeting's minutes as printed: the page's sections in its order, without its forms and buttons. */
export function minutesPdf(model: MeetingPageModel, t: T): RecordContent {
  const attendeeHeadings = [t('preparation:attendee.name'), t('preparation:attendee.organisation'), t('preparation:attendee.role')];
  return {
    title: model.pageTitle,
    caption: t('preparation:meeting.caption'),
    subject: t('preparation:meeting.caption'),
    facts: [{ label: t('preparation:meetingForm.children'), value: model.childLinks.map((c) => c.text).join('\n') }, ...summaryFacts(model.summaryRows)],
    sections: [
      { heading: t('preparation:meeting.agenda'), blocks: [text(model.agenda, t('preparation:meeting.noAgenda'))] },
      { heading: t('preparation:meeting.minutes'), blocks: [text(model.minutes, t('preparation:meeting.noMinutes'))] },
      { heading: t('preparation:meeting.decisions'), blocks: [text(model.decisions, t('preparation:meeting.noDecisions'))] },
      {
        heading: t('preparation:meeting.actions'),
        blocks: model.actions.length
          ? [
              {
                kind: 'table',
                table: {
                  caption: t('preparation:meeting.actions'),
                  headings: [t('preparation:meeting.action'), t('preparation:meeting.owner'), t('preparation:meeting.due'), t('preparation:meeting.progress')],
                  rows: model.actions.map((a) => ({ cells: [a.description, a.owner, a.due, a.stateText] })),
                  alignLeft: [true, true, true, true],
                  widths: [4, 2, 2, 2],
                },
              },
            ]
          : [{ kind: 'paragraphs', paragraphs: [t('preparation:meeting.noActions')] }],
      },
      {
        heading: t('preparation:meeting.attendees'),
        blocks: [
          {
            kind: 'table',
            table: {
              caption: t('preparation:meeting.attendees'),
              headings: model.held ? [...attendeeHeadings, t('preparation:attendee.attended')] : attendeeHeadings,
              rows: model.attendees.map((a) => ({
                cells: model.held ? [a.name, a.organisation.text, a.role, a.attended] : [a.name, a.organisation.text, a.role],
              })),
              alignLeft: model.held ? [true, true, true, true] : [true, true, true],
              widths: model.held ? [3, 3, 3, 1] : [1, 1, 1],
            },
          },
        ],
      },
    ],
  };
}

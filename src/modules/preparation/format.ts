import { dayInWales, longDate } from '../../platform/format/format.ts';
import { walesDateTime } from '../../platform/dates/times.ts';
import { organisationNameText } from '../../platform/i18n/agency-text.ts';
import type { Language } from '../../platform/i18n/i18n.ts';
import type { ActionState } from './action-rules.ts';

/** How preparation pages say dates, times and states, in the page's language. */

export type T = (key: string, params?: Record<string, unknown>) => string;
export { dayInWales, longDate };
export { escapeHtml, namesText, tagHtml } from '../../platform/format/format.ts';

/** "Tuesday 3 March 2026, 10:00 to 11:30" in the page's language. */
export function meetingWhen(startsAt: Date, endsAt: Date, t: T, language: string): string {
  return t('preparation:when.range', { date: dayInWales(startsAt, language), start: walesDateTime(startsAt).time, end: walesDateTime(endsAt).time });
}

/** A worker in a list of choices: "Name (their organisation)", the organisation in the reader's language. */
export function workerText(worker: { name: string; organisationName: string; organisationNameCy: string | null }, language: Language): string {
  return `${worker.name} (${organisationNameText({ name: worker.organisationName, nameCy: worker.organisationNameCy }, language)})`;
}

/** Text typed in a box, as paragraphs (blank lines and line breaks kept as people wrote them). */
export function paragraphs(value: string | null | undefined): string[][] {
  if (!value) return [];
  return value
    .split(/\n\s*\n/)
    .map((p) =>
      p
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
    )
    .filter((p) => p.length);
}

export const ACTION_TAG: Record<ActionState, string> = {
  overdue: 'govuk-tag--red',
  due_today: 'govuk-tag--orange',
  due_soon: 'govuk-tag--yellow',
  open: 'govuk-tag--blue',
  done: 'govuk-tag--green',
};

/** "Overdue: due 6 March 2026", "Due today", "Due 12 March 2026", "Done 9 March 2026" (the partial my-actions.njk says the same). */
export function actionStateText(action: { state: ActionState; dueDate: string; doneAt?: Date | null }, t: T, language: string): string {
  switch (action.state) {
    case 'done':
      return t('preparation:actionState.done', { date: action.doneAt ? longDate(walesDateTime(action.doneAt).date, language) : '' });
    default:
      return t(`preparation:actionState.${action.state}`, { date: longDate(action.dueDate, language) });
  }
}

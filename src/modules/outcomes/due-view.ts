import { longDate } from '../../platform/format/format.ts';
import type { DueAdministration } from './due-service.ts';

/** The panel every page showing "what is due for whom" includes (home page, "my work"): one partial, one wording. */
export const DUE_PANEL_VIEW = 'outcomes/views/home-due.njk';

export type DueMeasureRow = {
  childId: string;
  childName: string;
  instrument: string;
  point: string;
  dueOn: string;
  stateText: string;
  tag: string;
};

/**
 * The rows of the due panel in the reader's language, from `dueForMe`, the one source of what is
 * due for whom: the home page and "my work" both render these, so they show the same items in the
 * same words. Undefined (no panel) for someone who enters no scores.
 */
export function dueMeasureRows(
  due: readonly DueAdministration[] | undefined,
  t: (key: string, options?: Record<string, unknown>) => string,
  language: 'en' | 'cy',
): DueMeasureRow[] | undefined {
  return due?.map((d) => ({
    childId: d.childId,
    childName: d.childName,
    instrument: d.name[language],
    point: d.months === 0 ? t('outcomes:schedule.baseline') : t('outcomes:schedule.months', { count: d.months }),
    dueOn: longDate(d.dueOn, language),
    stateText: t(`outcomes:schedule.state.${d.state}`),
    tag: d.state === 'overdue' ? 'govuk-tag--red' : 'govuk-tag--yellow',
  }));
}

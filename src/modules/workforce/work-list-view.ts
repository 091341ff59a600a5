import { longDate, type T } from './format.ts';
import type { WorkItem, WorkLevel } from './work-list.ts';

/** How a work item reads on the home page and "My work": what, why, by when, how pressing, where to go. */
export type WorkItemView = { key: WorkItem['key']; count: number; title: string; why: string; when: string; tag: string; tagClass: string; href: string };

const TAG_CLASS: Record<WorkLevel, string> = {
  overdue: 'govuk-tag--red',
  due_today: 'govuk-tag--orange',
  due_soon: 'govuk-tag--yellow',
  waiting: 'govuk-tag--blue',
};

/** Codes an item carries (a household clock, a document kind) in the reader's words. */
function detailText(item: WorkItem, t: T): Record<string, string> {
  if (!item.detail) return {};
  if (item.key === 'timescalesPassed' || item.key === 'timescalesDueSoon') return { clock: t(`recruitment:vocabulary.clock.${item.detail}`) };
  if (item.key === 'familyDocument') return { kind: t(`portal:documents.kind.${item.detail}`) };
  return {};
}

export function workItemViews(items: readonly WorkItem[], t: T, language: string): WorkItemView[] {
  return items.map((item) => ({
    key: item.key,
    count: item.count,
    title: t(`workforce:work.what.${item.key}`, { count: item.count, ...detailText(item, t) }),
    why: t(`workforce:work.why.${item.key}`),
    when: item.due
      ? t('workforce:work.when.due', { date: longDate(item.due, language) })
      : item.since
        ? t('workforce:work.when.since', { date: longDate(item.since, language) })
        : t('workforce:work.when.none'),
    tag: t(`workforce:work.level.${item.level}`),
    tagClass: TAG_CLASS[item.level],
    href: item.href,
  }));
}

import type { FamilyRequest } from './requests-service.ts';
import { dayOf, REQUEST_STATUS_TAG, tagHtml, type T } from './format.ts';

/** The family's support section of their portal page, ready for support/views/portal-support-requests.njk. */
export type FamilySupportView = {
  mayAsk: boolean;
  requests: { need: string; askedOn: string; statusHtml: string; detail: string }[];
};

export function familySupportView(mine: { mayAsk: boolean; requests: FamilyRequest[] } | null, t: T, language: string): FamilySupportView | null {
  // Nothing to show a family who may not ask yet and never asked: their page stays as it was.
  if (!mine || (!mine.mayAsk && mine.requests.length === 0)) return null;
  return {
    mayAsk: mine.mayAsk,
    requests: mine.requests.map((r) => ({
      need: r.need,
      askedOn: dayOf(r.requestedAt, language),
      statusHtml: tagHtml(t(`support:family.status.${r.status}`), REQUEST_STATUS_TAG[r.status]!, 'family-request-status'),
      detail:
        r.status === 'allocated'
          ? r.allocatedToName
            ? t('support:family.allocatedTo', { name: r.allocatedToName, date: dayOf(r.allocatedAt, language) })
            : t('support:family.allocated', { date: dayOf(r.allocatedAt, language) })
          : r.status === 'closed'
            ? t('support:family.closed', { date: dayOf(r.closedAt, language) })
            : t('support:family.waiting'),
    })),
  };
}

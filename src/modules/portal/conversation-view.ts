import { locale, longDate, type T } from '../../platform/format/format.ts';
import type { ThreadMessage, ThreadSummary } from './conversation-service.ts';
import type { PortalDocument } from './documents-service.ts';

/** "3 December 2026, 10:05" / "3 Rhagfyr 2026, 10:05": an instant as people in Wales read it. */
export function dateTime(instant: Date, language: string): string {
  const date = new Intl.DateTimeFormat(locale(language), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' }).format(instant);
  const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Europe/London' }).format(instant);
  return `${date}, ${time}`;
}

/** "2.4 MB", "830 KB": the size of a file for people. */
export function fileSize(bytes: number, language: string): string {
  const format = (n: number) => new Intl.NumberFormat(locale(language), { maximumFractionDigits: 1 }).format(n);
  if (bytes >= 1024 * 1024) return `${format(bytes / 1024 / 1024)} MB`;
  return `${format(Math.max(1, Math.round(bytes / 1024)))} KB`;
}

export function threadRows(threads: readonly ThreadSummary[], hrefOf: (id: string) => string, t: T, language: string) {
  return threads.map((th) => ({
    href: hrefOf(th.id),
    subject: th.subject,
    worker: th.workerName ?? t('portal:messages.noWorker'),
    last: dateTime(th.lastMessageAt, language),
    unread: th.unread ? t('portal:messages.unread', { count: th.unread }) : '',
  }));
}

/** Messages as the page shows them; the staff side sees when the family read each of theirs. */
export function messageItems(messages: readonly ThreadMessage[], family: boolean, attachmentHref: (id: string) => string, t: T, language: string) {
  return messages.map((m) => ({
    id: m.id,
    author: m.fromFamily ? (family ? t('portal:messages.you') : (m.authorName ?? t('portal:messages.family'))) : (m.authorName ?? t('portal:messages.agency')),
    ownSide: m.fromFamily === family,
    when: dateTime(m.createdAt, language),
    body: m.body,
    attachment: m.attachment ? { href: attachmentHref(m.id), text: `${m.attachment.filename} (${fileSize(m.attachment.byteSize, language)})` } : null,
    receipt: !family && !m.fromFamily ? (m.readAt ? t('portal:messages.readAt', { when: dateTime(m.readAt, language) }) : t('portal:messages.notRead')) : null,
  }));
}

export const STATUS_TAG: Record<PortalDocument['status'], string> = {
  requested: 'govuk-tag--blue',
  asked_again: 'govuk-tag--orange',
  submitted: 'govuk-tag--yellow',
  accepted: 'govuk-tag--green',
  shared: 'govuk-tag--grey',
};

export function documentItems(documents: readonly PortalDocument[], fileHref: (id: string) => string, t: T, language: string) {
  return documents.map((d) => ({
    id: d.id,
    version: d.version,
    kind: t(`portal:documents.kind.${d.kind}`),
    status: d.status,
    statusText: t(`portal:documents.status.${d.status}`),
    statusClass: STATUS_TAG[d.status],
    note: d.note,
    reason: d.status === 'asked_again' ? d.reason : null,
    due: d.dueOn ? t('portal:documents.dueBy', { date: longDate(d.dueOn, language) }) : null,
    file: d.file ? { href: fileHref(d.id), text: `${d.file.filename} (${fileSize(d.file.byteSize, language)})` } : null,
    awaitsFamily: d.status === 'requested' || d.status === 'asked_again',
    fromFamily: d.fromFamily,
  }));
}

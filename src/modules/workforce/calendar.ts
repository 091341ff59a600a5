import ical, { ICalCalendarMethod, ICalEventClass, ICalEventStatus } from 'ical-generator';
import type { DiaryEntry } from './my-work.ts';

/**
 * A person's private calendar feed (iCalendar, RFC 5545), written by ical-generator. What leaves
 * the service in it is deliberately little, because calendars are synchronised to other companies'
 * servers: the kind of meeting or session, its time, the references it is about (never a child's
 * or family's name, never notes, agenda or place) and a link back to the record here.
 */

type T = (key: string, params?: Record<string, unknown>) => string;

/** A child's reference as the service shows it without a name: the first eight characters of the record's id. */
export function childReference(childId: string): string {
  return childId.slice(0, 8).toUpperCase();
}

/** A feed's secret token: 32 random bytes in base64url (43 characters). */
export const FEED_TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function eventSummary(entry: DiaryEntry, t: T): string {
  const what =
    entry.kind === 'tac_meeting'
      ? t('workforce:calendar.event.tacMeeting')
      : entry.detail
        ? t('workforce:calendar.event.supportSessionOf', { kind: t(`workforce:vocabulary.sessionKind.${entry.detail}`) })
        : t('workforce:calendar.event.supportSession');
  return entry.references.length ? `${what} (${entry.references.join(', ')})` : what;
}

export function eventDescription(entry: DiaryEntry, t: T, link: string | null): string {
  const lines = [];
  if (entry.references.length) lines.push(t('workforce:calendar.event.references', { references: entry.references.join(', ') }));
  if (entry.mode) lines.push(t('workforce:calendar.event.mode', { mode: t(`workforce:vocabulary.mode.${entry.mode}`) }));
  if (link) lines.push(t('workforce:calendar.event.link', { link }));
  return lines.join('\n');
}

/**
 * The feed as text. Every event has a stable UID (its kind and record id), so a calendar updates
 * an event that moved rather than adding a second one; a cancelled session stays, marked cancelled,
 * so calendars that already hold it take it away.
 */
export function calendarText(input: { entries: readonly DiaryEntry[]; t: T; baseUrl: string | null; now: Date; host: string }): string {
  const { t } = input;
  const calendar = ical({
    name: t('workforce:calendar.feedName'),
    description: t('workforce:calendar.feedDescription'),
    prodId: { company: 'Adopting Together', product: 'my-work', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    ttl: 60 * 30,
  });
  for (const entry of input.entries) {
    const link = input.baseUrl && entry.href ? `${input.baseUrl}${entry.href}` : null;
    calendar.createEvent({
      id: `${entry.kind}-${entry.id}@${input.host}`,
      start: entry.startsAt,
      end: entry.endsAt,
      stamp: input.now,
      summary: eventSummary(entry, t),
      description: eventDescription(entry, t, link),
      url: link,
      class: ICalEventClass.PRIVATE,
      status: entry.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}

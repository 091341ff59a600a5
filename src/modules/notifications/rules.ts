/**
 * Who is told what, how and in which language: pure rules, no database, no clock.
 */
import type { Language } from '../../platform/i18n/i18n.ts';
import type { MailLanguage } from '../../platform/mail/outbox.ts';

/** The events a person may be told about, each with a template in English and Welsh (templates.ts). */
export const NOTIFICATION_EVENTS = [
  'invitation',
  'enquiryAcknowledged',
  'stageChanged',
  'checkReceived',
  'trainingBooked',
  'trainingReminder',
  'messageReceived',
  'familyMessageReceived',
  'questionnaireDue',
  'supportRequestAllocated',
  'documentRequested',
  'interestAnswered',
  'interestReceived',
] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

/** How a person wants to hear of changes: at once, gathered in one daily e-mail, or only what must be sent. */
export const NOTIFICATION_PREFERENCES = ['immediate', 'digest', 'required'] as const;
export type NotificationPreference = (typeof NOTIFICATION_PREFERENCES)[number];

/**
 * Sent at once whatever the person chose. The agency must tell prospective adopters its decisions
 * in writing (Adoption Agencies (Wales) Regulations 2005 and the 2005 regulations for England: a
 * stage of the application decided), an invitation is what the person is waiting for to sign in,
 * and an enquiry's acknowledgement answers the enquiry itself (the enquirer has no account yet).
 */
export const ALWAYS_SENT: ReadonlySet<NotificationEvent> = new Set<NotificationEvent>(['invitation', 'enquiryAcknowledged', 'stageChanged']);

export type Delivery = 'now' | 'digest' | 'none';

/** What happens to one notification for a person with this preference (no account: at once). */
export function deliveryFor(event: NotificationEvent, preference: NotificationPreference | null): Delivery {
  if (ALWAYS_SENT.has(event) || preference === null || preference === 'immediate') return 'now';
  return preference === 'digest' ? 'digest' : 'none';
}

/**
 * The languages a message is written in: the person's own choice, or, when they have not made one,
 * both, Welsh first (the Welsh Language Standards: a bilingual message puts the Welsh where it is
 * read first).
 */
export function languagesFor(preferred: Language | null): Language[] {
  return preferred ? [preferred] : ['cy', 'en'];
}

/** The outbox's name for the languages of a message. */
export function mailLanguageOf(languages: readonly Language[]): MailLanguage {
  return languages.length === 1 ? languages[0]! : 'cy+en';
}

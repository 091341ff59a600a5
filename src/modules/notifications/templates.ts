/**
 * The words of every notification, from the locale files (notifications.json, English and Welsh),
 * composed for one person: in their language, or in both with Welsh first. Pure: data in, text out.
 */
import { translator, type Language } from '../../platform/i18n/i18n.ts';
import { longDate } from '../../platform/format/format.ts';
import { organisationNameText } from '../../platform/i18n/agency-text.ts';
import type { MailLanguage } from '../../platform/mail/outbox.ts';
import { languagesFor, mailLanguageOf, type NotificationEvent } from './rules.ts';

/**
 * What a template may say. Codes are put into words here, in the reader's language: `stage` is a
 * stage of the adopters' journey, `date` a calendar date (ISO), `check` a kind of check.
 */
export type NotificationData = {
  name?: string;
  link?: string;
  stage?: string;
  check?: string;
  /** A course's title in English, and in Welsh when it has one. */
  course?: string;
  courseCy?: string;
  date?: string;
  /** A kind of document asked of the family (portal's vocabulary). */
  document?: string;
  /** The agency's name (an invitation names who invites), in English and in Welsh when it has one. */
  agency?: string;
  agencyCy?: string;
  /** A questionnaire's name in English and Welsh. */
  questionnaire?: string;
  questionnaireCy?: string;
};

export type ComposedEmail = { language: MailLanguage; template: string; subject: string; body: string };

/** The outbox's name for an event's template. */
export const templateOf = (event: NotificationEvent) => `notifications.${event}`;

function inOneLanguage(event: NotificationEvent, language: Language, data: NotificationData): { subject: string; body: string } {
  const t = translator(language);
  const params = {
    ...data,
    agency: data.agency ? organisationNameText({ name: data.agency, nameCy: data.agencyCy }, language) : '',
    course: language === 'cy' && data.courseCy ? data.courseCy : (data.course ?? ''),
    questionnaire: language === 'cy' && data.questionnaireCy ? data.questionnaireCy : (data.questionnaire ?? ''),
    document: data.document ? t(`portal:documents.kind.${data.document}`) : '',
    stage: data.stage ? t(`recruitment:vocabulary.stage.${data.stage}`) : '',
    check: data.check ? t(`recruitment:vocabulary.check.${data.check}`) : '',
    date: data.date ? longDate(data.date, language) : '',
  };
  const lines = [
    data.name ? t('notifications:email.greeting', { name: data.name }) : t('notifications:email.greetingNoName'),
    '',
    t(`notifications:email.${event}.body`, params),
  ];
  if (data.link && event !== 'invitation') lines.push('', t('notifications:email.signIn', { link: data.link }));
  lines.push('', t('notifications:email.signOff'), '', t('notifications:email.preferences'));
  return { subject: t(`notifications:email.${event}.subject`), body: lines.join('\n') };
}

/** Joins versions of a message, Welsh first: subjects with " / ", bodies with a divider naming the other version. */
function bilingual(parts: { language: Language; subject: string; body: string }[]): { subject: string; body: string } {
  if (parts.length === 1) return parts[0]!;
  return {
    subject: parts.map((p) => p.subject).join(' / '),
    body: parts
      .map((p, i) =>
        i === 0
          ? p.body
          : `----- ${translator(parts[0]!.language)('notifications:email.divider')} / ${translator(p.language)('notifications:email.divider')} -----\n\n${p.body}`,
      )
      .join('\n\n'),
  };
}

/** One notification for one person: in `preferred`, or in Welsh then English when it is not known. */
export function composeNotification(event: NotificationEvent, preferred: Language | null, data: NotificationData): ComposedEmail {
  const languages = languagesFor(preferred);
  const parts = languages.map((language) => ({ language, ...inOneLanguage(event, language, data) }));
  return { language: mailLanguageOf(languages), template: templateOf(event), ...bilingual(parts) };
}

/** A person's daily digest: the messages held for it, one after another, under an introduction. */
export function composeDigest(language: MailLanguage, messages: { subject: string; body: string }[]): { subject: string; body: string } {
  const languages: Language[] = language === 'cy+en' ? ['cy', 'en'] : [language];
  const heading = (l: Language) => translator(l)('notifications:email.digest.intro', { number: messages.length });
  const subject = languages.map((l) => translator(l)('notifications:email.digest.subject')).join(' / ');
  const items = messages.map((m) => `== ${m.subject} ==\n\n${m.body}`).join('\n\n');
  return { subject, body: [...languages.map(heading), '', items].join('\n') };
}

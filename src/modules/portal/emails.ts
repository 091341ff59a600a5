import { translator, type Language } from '../../platform/i18n/i18n.ts';

/** The day a link stops working, as the recipient says dates (Wales-local). */
export function emailDate(instant: Date, language: Language): string {
  return new Intl.DateTimeFormat(language === 'cy' ? 'cy-GB' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' }).format(
    instant,
  );
}

export type InvitationEmailInput = {
  /** The applicant's preferred language: the whole message is in it. */
  language: Language;
  givenNames: string;
  agencyName: string;
  link: string;
  expiresAt: Date;
};

export type RenderedEmail = { template: string; language: Language; subject: string; body: string };

/**
 * The e-mail inviting an applicant to the portal, plain text in their own language. It names the
 * agency and the link's last day; nothing about the application itself travels by e-mail.
 */
export function invitationEmail(input: InvitationEmailInput): RenderedEmail {
  const t = translator(input.language);
  const values = { name: input.givenNames, agency: input.agencyName, link: input.link, date: emailDate(input.expiresAt, input.language) };
  const body = [
    t('portal:email.invitation.greeting', values),
    t('portal:email.invitation.intro', values),
    `${t('portal:email.invitation.action', values)}\n${input.link}`,
    t('portal:email.invitation.expiry', values),
    t('portal:email.invitation.ignore', values),
    t('portal:email.invitation.signOff', values),
  ].join('\n\n');
  return { template: 'portal.invitation', language: input.language, subject: t('portal:email.invitation.subject', values), body: `${body}\n` };
}

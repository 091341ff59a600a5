/**
 * How e-mail leaves the platform. The outbox (outbox.ts) decides what to send and when; a Sender
 * only delivers one message. A deployment sends through its SMTP relay (SMTP_URL, MAIL_FROM) or an
 * HTTP e-mail API (MAIL_API_URL, MAIL_API_TOKEN, MAIL_FROM); development, the demo and the tests send nothing and notes in the log which outbox row would have gone, by id only:
 * an invitation's link signs a person in, so neither links nor addresses belong in a log
 * (`together outbox show ID` prints one message to an administrator for trying the demo).
 */
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { Config } from '../../config.ts';

export type OutgoingEmail = {
  id: string;
  recipient: string;
  /** 'cy+en': both languages in one message, Welsh first. */
  language: 'en' | 'cy' | 'cy+en';
  template: string;
  subject: string;
  body: string;
};

export interface Sender {
  readonly name: string;
  /** Delivers one message, or throws: the outbox marks it failed and tries again later. */
  send(message: OutgoingEmail): Promise<void>;
  /** Lets go of open connections (at shutdown). */
  close?(): void;
}

/** The little of a logger a sender needs (pino's shape, so Fastify's app.log fits). */
export type MailLog = { info: (object: Record<string, unknown>, message: string) => void };

/** Development: nothing leaves the machine; the log names the outbox row and its template, no more. */
export function developmentSender(log: MailLog): Sender {
  return {
    name: 'development-log',
    send(message) {
      log.info({ outboxId: message.id, template: message.template }, 'e-mail not sent (development): see together outbox show');
      return Promise.resolve();
    },
    close() {},
  };
}

/** Production: one pooled SMTP connection to the relay named by SMTP_URL, every message from MAIL_FROM. */
export async function smtpSender(settings: { url: string; from: string }): Promise<Sender> {
  const { default: nodemailer } = await import('nodemailer');
  const options: SMTPTransport.Options = {
    url: settings.url,
    // Bounded, so a relay that stops answering fails the message (tried again later) instead of hanging delivery.
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  };
  const transport = nodemailer.createTransport(options);
  return {
    name: 'smtp',
    async send(message) {
      await transport.sendMail({
        from: settings.from,
        to: message.recipient,
        subject: message.subject,
        text: message.body,
        headers: { 'Content-Language': contentLanguage(message.language), 'X-Outbox-Id': message.id },
      });
    },
    close() {
      transport.close();
    },
  };
}

/** The Content-Language header of a message: both languages are named, Welsh first. */
export function contentLanguage(language: OutgoingEmail['language']): string {
  return language === 'cy+en' ? 'cy, en' : language;
}

/**
 * An HTTP e-mail API (a provider's "send" endpoint, or the agency's own relay): one JSON POST per
 * message to MAIL_API_URL with `Authorization: Bearer MAIL_API_TOKEN`. Any 2xx is delivered; anything
 * else (or no answer within the timeout) throws, and the outbox tries again later. The error names the
 * status only: a provider's answer may quote the address.
 */
export function httpApiSender(settings: { url: string; token: string; from: string }, fetchImpl: typeof fetch = fetch): Sender {
  return {
    name: 'http-api',
    async send(message) {
      const response = await fetchImpl(settings.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${settings.token}`, 'idempotency-key': message.id },
        body: JSON.stringify({
          id: message.id,
          from: settings.from,
          to: message.recipient,
          subject: message.subject,
          text: message.body,
          language: contentLanguage(message.language),
          template: message.template,
        }),
        signal: AbortSignal.timeout(60_000),
      });
      if (!response.ok) throw new Error(`the e-mail API answered ${response.status}`);
    },
    close() {},
  };
}

/** The sender the configuration names (config.ts refuses production without one); the demo never sends. */
export async function senderFor(config: Pick<Config, 'mail'>, log: MailLog, options: { demo?: boolean } = {}): Promise<Sender> {
  if (options.demo) return developmentSender(log);
  if (config.mail.kind === 'smtp') return smtpSender(config.mail);
  if (config.mail.kind === 'http') return httpApiSender(config.mail);
  return developmentSender(log);
}

/**
 * How e-mail leaves the platform. The outbox (outbox.ts) decides what to send and when; a Sender
 * only delivers one message. A deployment sends through its SMTP relay (SMTP_URL, MAIL_FROM);
 * development sends nothing and notes in the log which outbox row would have gone, by id only:
 * an invitation's link signs a person in, so neither links nor addresses belong in a log
 * (`together outbox show ID` prints one message to an administrator for trying the demo).
 */
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { Config } from '../../config.ts';

export type OutgoingEmail = {
  id: string;
  recipient: string;
  language: 'en' | 'cy';
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
        headers: { 'Content-Language': message.language === 'cy' ? 'cy' : 'en', 'X-Outbox-Id': message.id },
      });
    },
    close() {
      transport.close();
    },
  };
}

/** The sender the configuration names (config.ts refuses production without SMTP_URL). */
export async function senderFor(config: Pick<Config, 'mail'>, log: MailLog): Promise<Sender> {
  return config.mail.kind === 'smtp' ? smtpSender(config.mail) : developmentSender(log);
}

/**
 * How e-mail leaves the platform. The outbox (outbox.ts) decides what to send and when; a Sender
 * only delivers one message. Development writes messages to the log; a deployment plugs in its
 * own (an SMTP relay, a provider's API) without touching the code that queues e-mail.
 */
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
}

/** The little of a logger a sender needs (pino's shape, so Fastify's app.log fits). */
export type MailLog = { info: (object: Record<string, unknown>, message: string) => void };

/** The addresses a message links to (an invitation's link), for the development log. */
export function linksIn(body: string): string[] {
  return [...body.matchAll(/https?:\/\/[^\s<>"]+/g)].map((m) => m[0]);
}

/** Development: nothing leaves the machine; the log shows who would have received what. */
export function developmentSender(log: MailLog): Sender {
  return {
    name: 'development-log',
    async send(message) {
      log.info({ outboxId: message.id, template: message.template, language: message.language, links: linksIn(message.body) }, `e-mail to ${message.recipient}: ${message.subject}`);
    },
  };
}

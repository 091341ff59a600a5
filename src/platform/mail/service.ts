import { eq } from 'drizzle-orm';
import { recordAudit } from '../audit/audit.ts';
import { NotFoundError } from '../http/errors.ts';
import type { RequestContext } from '../policy/actor.ts';
import { authorize } from '../policy/policy.ts';
import type { Housekeeping, UseCaseRunner } from '../use-case.ts';
import { deliverDue, type DeliveryOptions, type DeliveryResult } from './outbox.ts';
import { outbox } from './schema.ts';
import type { Sender } from './sender.ts';

export type OutboxMessage = {
  id: string;
  recipient: string;
  language: 'en' | 'cy';
  template: string;
  subject: string;
  body: string;
  createdAt: Date;
  sentAt: Date | null;
  failedAt: Date | null;
  failure: string | null;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One queued e-mail, for an administrator: how someone trying the demo follows an invitation when
 * the development sender writes only the message's id to the log. The app role cannot read the
 * outbox, so the row is read by the platform once the policy has said yes; the read is audited.
 */
export function createOutboxService(runner: UseCaseRunner, housekeeping: Housekeeping) {
  async function show(ctx: RequestContext, id: string): Promise<OutboxMessage> {
    // Refused before anything is read; the refusal is audited by run().
    await runner.run(ctx, () => Promise.resolve(authorize(ctx.actor, 'outbox.view')));
    const row = UUID.test(id) ? (await housekeeping.runAsPlatform((tx) => tx.select().from(outbox).where(eq(outbox.id, id)).limit(1)))[0] : undefined;
    if (!row) throw new NotFoundError();
    await runner.run(ctx, async (tx) => {
      authorize(ctx.actor, 'outbox.view', { type: 'outbox', organisationId: row.organisationId });
      await recordAudit(tx, ctx, { action: 'outbox.view', resourceType: 'outbox', resourceId: row.id });
    });
    return {
      id: row.id,
      recipient: row.recipient,
      language: row.language,
      template: row.template,
      subject: row.subject,
      body: row.body,
      createdAt: row.createdAt,
      sentAt: row.sentAt,
      failedAt: row.failedAt,
      failure: row.failure,
    };
  }

  /** Sends what is waiting (the server does this every few seconds): see deliverOutbox. */
  async function deliver(sender: Sender, options?: DeliveryOptions): Promise<DeliveryResult> {
    return housekeeping.runAsPlatform((tx) => deliverDue(tx, sender, options));
  }

  return { show, deliver };
}

/** The message as `together outbox show` prints it: headers, a blank line, the body. */
export function formatOutboxMessage(message: OutboxMessage): string {
  const state = message.sentAt
    ? `sent ${message.sentAt.toISOString()}`
    : message.failedAt
      ? `failed ${message.failedAt.toISOString()}: ${message.failure ?? ''}`
      : 'not sent yet';
  return [
    `Outbox id: ${message.id}`,
    `To: ${message.recipient}`,
    `Subject: ${message.subject}`,
    `Language: ${message.language}`,
    `Template: ${message.template}`,
    `Queued: ${message.createdAt.toISOString()}`,
    `State: ${state}`,
    '',
    message.body,
    '',
  ].join('\n');
}

import { and, asc, eq, gt, isNotNull, isNull, lt, or } from 'drizzle-orm';
import type { Database, Tx } from '../db/pool.ts';
import { inPlatformTransaction } from '../db/transaction.ts';
import { outbox } from './schema.ts';
import type { Sender } from './sender.ts';

export type QueuedEmail = {
  /** The organisation on whose behalf the message goes (row-level security checks it is the actor's). */
  organisationId: string | null;
  recipient: string;
  language: 'en' | 'cy';
  template: string;
  subject: string;
  body: string;
  /** References only (a household id, an invitation id), never the person's data. */
  detail?: Record<string, string>;
};

/**
 * Queues a message in the caller's transaction: it is sent only if the change that caused it
 * commits. No RETURNING: the app role may write to the outbox but not read it back.
 */
export async function queueEmail(tx: Tx, email: QueuedEmail): Promise<void> {
  await tx.insert(outbox).values({ ...email, detail: email.detail ?? null });
}

/** How delivery behaves: batch size, and when a failed message is tried again. */
export type DeliveryOptions = {
  batchSize?: number;
  /** A failed message is tried again after this long... */
  retryAfterMinutes?: number;
  /** ...until it is this old; then it stays failed for a person to look at. */
  giveUpAfterHours?: number;
  now?: Date;
};

export type DeliveryResult = { sent: number; failed: number };

/**
 * Sends what is waiting in the outbox, oldest first, as the platform itself (the app role cannot
 * read the outbox). Rows are locked FOR UPDATE SKIP LOCKED, so several processes delivering at
 * once never send a message twice; each row is marked sent, or failed with the reason.
 */
export async function deliverOutbox(db: Database, sender: Sender, options: DeliveryOptions = {}): Promise<DeliveryResult> {
  return inPlatformTransaction(db, (tx) => deliverDue(tx, sender, options));
}

/** deliverOutbox in a transaction of the owner role the caller opened (the outbox service's housekeeping). */
export async function deliverDue(tx: Tx, sender: Sender, options: DeliveryOptions = {}): Promise<DeliveryResult> {
  const now = options.now ?? new Date();
  const retryBefore = new Date(now.getTime() - (options.retryAfterMinutes ?? 15) * 60_000);
  const givenUpBefore = new Date(now.getTime() - (options.giveUpAfterHours ?? 24) * 3_600_000);
  const due = await tx
    .select()
    .from(outbox)
    .where(
      and(
        isNull(outbox.sentAt),
        or(isNull(outbox.failedAt), and(isNotNull(outbox.failedAt), lt(outbox.failedAt, retryBefore), gt(outbox.createdAt, givenUpBefore))),
      ),
    )
    .orderBy(asc(outbox.createdAt))
    .limit(options.batchSize ?? 50)
    .for('update', { skipLocked: true });
  const result: DeliveryResult = { sent: 0, failed: 0 };
  for (const row of due) {
    try {
      await sender.send({ id: row.id, recipient: row.recipient, language: row.language, template: row.template, subject: row.subject, body: row.body });
      await tx.update(outbox).set({ sentAt: new Date(), failedAt: null, failure: null }).where(eq(outbox.id, row.id));
      result.sent += 1;
    } catch (error) {
      const failure = (error instanceof Error ? error.message : String(error)).slice(0, 500);
      await tx.update(outbox).set({ failedAt: new Date(), failure }).where(eq(outbox.id, row.id));
      result.failed += 1;
    }
  }
  return result;
}

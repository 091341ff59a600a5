import { and, asc, eq, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Database, Tx } from '../db/pool.ts';
import { inPlatformTransaction } from '../db/transaction.ts';
import { outbox } from './schema.ts';
import type { Sender } from './sender.ts';

/** The language of a message: one, or both with Welsh first when the person has not chosen. */
export type MailLanguage = 'en' | 'cy' | 'cy+en';

export type QueuedEmail = {
  /** The organisation on whose behalf the message goes (row-level security checks it is the actor's). */
  organisationId: string | null;
  recipient: string;
  /** The person's account, when they have one (their daily digest gathers by it). */
  recipientUserId?: string | null;
  language: MailLanguage;
  template: string;
  subject: string;
  body: string;
  /** 'digest': held for the person's daily digest instead of being sent at once. */
  delivery?: 'now' | 'digest';
  /** References only (a household id, an invitation id), never the person's data. */
  detail?: Record<string, string>;
};

/**
 * Queues a message in the caller's transaction: it is sent only if the change that caused it
 * commits. No RETURNING: the app role may write to the outbox but not read it back.
 */
export async function queueEmail(tx: Tx, email: QueuedEmail): Promise<void> {
  await tx.insert(outbox).values({ ...email, recipientUserId: email.recipientUserId ?? null, delivery: email.delivery ?? 'now', detail: email.detail ?? null });
}

/** How delivery behaves: batch size, and when a failed message is tried again. */
export type DeliveryOptions = {
  batchSize?: number;
  /** A message that failed once is tried again after this long, then twice as long after each further failure... */
  retryAfterMinutes?: number;
  /** ...until it has been tried this many times; then it stays failed for a person to look at. */
  maxAttempts?: number;
  now?: Date;
};

export type DeliveryResult = { sent: number; failed: number };

export const DEFAULT_RETRY_MINUTES = 5;
export const DEFAULT_MAX_ATTEMPTS = 8;
const LONGEST_WAIT_MINUTES = 24 * 60;

/**
 * How long to wait before the next try after `attempts` failed ones: exponential back-off (5, 10,
 * 20, 40 minutes... with the defaults), never more than a day, so a relay that is down for an
 * afternoon is not hammered and a message is still not lost.
 */
export function retryDelayMinutes(attempts: number, baseMinutes = DEFAULT_RETRY_MINUTES): number {
  if (attempts < 1) return 0;
  return Math.min(baseMinutes * 2 ** (attempts - 1), LONGEST_WAIT_MINUTES);
}

/** Opens one transaction as the platform (the owner role) for `work`. */
export type PlatformTransactions = <T>(work: (tx: Tx) => Promise<T>) => Promise<T>;

/**
 * Sends what is waiting in the outbox, oldest first, as the platform itself (the app role cannot
 * read the outbox). See deliverDue.
 */
export async function deliverOutbox(db: Database, sender: Sender, options: DeliveryOptions = {}): Promise<DeliveryResult> {
  return deliverDue((work) => inPlatformTransaction(db, work), sender, options);
}

/**
 * Delivers due messages one at a time, each in a transaction of its own: the row is claimed with
 * FOR UPDATE SKIP LOCKED and stays locked while the sender works, so another process delivering
 * at the same moment skips it (and takes the next), and the row is marked sent (or failed, with
 * its next try) before the lock is let go. A row marked sent is never chosen again. A failure
 * rolls back nothing but that one row's attempt.
 */
export async function deliverDue(open: PlatformTransactions, sender: Sender, options: DeliveryOptions = {}): Promise<DeliveryResult> {
  const now = options.now ?? new Date();
  const limit = options.batchSize ?? 50;
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const base = options.retryAfterMinutes ?? DEFAULT_RETRY_MINUTES;
  const result: DeliveryResult = { sent: 0, failed: 0 };
  for (let i = 0; i < limit; i++) {
    const outcome = await open(async (tx) => {
      const [row] = await tx
        .select()
        .from(outbox)
        .where(
          and(
            isNull(outbox.sentAt),
            eq(outbox.delivery, 'now'),
            lt(outbox.attempts, maxAttempts),
            or(isNull(outbox.nextAttemptAt), lte(outbox.nextAttemptAt, now)),
          ),
        )
        .orderBy(asc(outbox.createdAt), asc(outbox.id))
        .limit(1)
        .for('update', { skipLocked: true });
      if (!row) return undefined;
      try {
        await sender.send({ id: row.id, recipient: row.recipient, language: row.language, template: row.template, subject: row.subject, body: row.body });
      } catch (error) {
        const attempts = row.attempts + 1;
        const failure = (error instanceof Error ? error.message : String(error)).slice(0, 500);
        await tx
          .update(outbox)
          .set({ attempts, failedAt: new Date(), failure, nextAttemptAt: new Date(now.getTime() + retryDelayMinutes(attempts, base) * 60_000) })
          .where(eq(outbox.id, row.id));
        return 'failed' as const;
      }
      await tx
        .update(outbox)
        .set({ sentAt: new Date(), attempts: sql`${outbox.attempts} + 1`, nextAttemptAt: null })
        .where(and(eq(outbox.id, row.id), isNull(outbox.sentAt)));
      return 'sent' as const;
    });
    if (!outcome) break;
    result[outcome] += 1;
  }
  return result;
}

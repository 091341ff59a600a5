import { and, asc, eq, gte, isNull, lt, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/audit.ts';
import { NotFoundError } from '../http/errors.ts';
import type { RequestContext } from '../policy/actor.ts';
import { authorize } from '../policy/policy.ts';
import type { Housekeeping, UseCaseRunner } from '../use-case.ts';
import { DEFAULT_MAX_ATTEMPTS, deliverDue, type DeliveryOptions, type DeliveryResult, type MailLanguage } from './outbox.ts';
import { outbox } from './schema.ts';
import type { Sender } from './sender.ts';

export type OutboxMessage = {
  id: string;
  recipient: string;
  language: MailLanguage;
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

  /** Sends what is waiting (the server does this every few seconds): see deliverDue. */
  async function deliver(sender: Sender, options?: DeliveryOptions): Promise<DeliveryResult> {
    return deliverDue((work) => housekeeping.runAsPlatform(work), sender, options);
  }

  /**
   * The administrator's view of the outbox: how many messages of each template were queued on each
   * day and where they stand (sent, sent after a retry, waiting to be retried, failed for good,
   * waiting, held for a digest). Counts only: no recipient, subject, body or failure text (a
   * relay's failure may quote the address) is read.
   */
  async function summary(ctx: RequestContext, query: { from: Date; to: Date; maxAttempts?: number }): Promise<OutboxSummaryRow[]> {
    await runner.run(ctx, async (tx) => {
      authorize(ctx.actor, 'outbox.summary');
      await recordAudit(tx, ctx, { action: 'outbox.summary', resourceType: 'outbox', detail: { from: query.from.toISOString(), to: query.to.toISOString() } });
    });
    const max = query.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    const day = sql<string>`to_char(${outbox.createdAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD')`;
    const count = (condition: ReturnType<typeof sql>) => sql<number>`count(*) filter (where ${condition})::int`;
    const rows = await housekeeping.runAsPlatform((tx) =>
      tx
        .select({
          day,
          template: outbox.template,
          total: sql<number>`count(*)::int`,
          sent: count(sql`${outbox.sentAt} is not null`),
          retried: count(sql`${outbox.sentAt} is not null and ${outbox.attempts} > 1`),
          retrying: count(sql`${outbox.sentAt} is null and ${outbox.failedAt} is not null and ${outbox.attempts} < ${max}`),
          failed: count(sql`${outbox.sentAt} is null and ${outbox.attempts} >= ${max}`),
          waiting: count(sql`${outbox.sentAt} is null and ${outbox.failedAt} is null and ${outbox.delivery} = 'now'`),
          digest: count(sql`${outbox.delivery} = 'digest'`),
        })
        .from(outbox)
        .where(and(gte(outbox.createdAt, query.from), lt(outbox.createdAt, query.to)))
        .groupBy(day, outbox.template)
        .orderBy(sql`1 desc`, asc(outbox.template)),
    );
    return rows;
  }

  /**
   * Gathers the messages held for people who chose a daily digest, queued before `before` (the start
   * of today), into one message per person, which the deliverer then sends like any other. Each held
   * message names its digest (digested_into), so it is gathered once; rows are claimed FOR UPDATE
   * SKIP LOCKED, so two processes gathering at once never gather one twice.
   */
  async function gatherDigests(compose: DigestComposer, before: Date): Promise<number> {
    return housekeeping.runAsPlatform(async (tx) => {
      const held = await tx
        .select()
        .from(outbox)
        .where(and(eq(outbox.delivery, 'digest'), isNull(outbox.digestedInto), lt(outbox.createdAt, before)))
        .orderBy(asc(outbox.createdAt))
        .limit(1000)
        .for('update', { skipLocked: true });
      const byPerson = new Map<string, typeof held>();
      for (const row of held) {
        const key = `${row.recipientUserId ?? ''}|${row.recipient}|${row.organisationId ?? ''}`;
        byPerson.set(key, [...(byPerson.get(key) ?? []), row]);
      }
      for (const rows of byPerson.values()) {
        const first = rows[0]!;
        const message = compose(
          first.language,
          rows.map((r) => ({ subject: r.subject, body: r.body })),
        );
        const [digest] = await tx
          .insert(outbox)
          .values({
            organisationId: first.organisationId,
            recipient: first.recipient,
            recipientUserId: first.recipientUserId,
            language: first.language,
            template: 'notifications.digest',
            subject: message.subject,
            body: message.body,
            detail: { messages: String(rows.length) },
          })
          .returning({ id: outbox.id });
        await tx
          .update(outbox)
          .set({ digestedInto: digest!.id })
          .where(
            sql`${outbox.id} in (${sql.join(
              rows.map((r) => sql`${r.id}::uuid`),
              sql`, `,
            )})`,
          );
      }
      return byPerson.size;
    });
  }

  return { show, deliver, summary, gatherDigests };
}

/** One day and template of the administrator's outbox view: counts only. */
export type OutboxSummaryRow = {
  day: string;
  template: string;
  total: number;
  sent: number;
  retried: number;
  retrying: number;
  failed: number;
  waiting: number;
  digest: number;
};

/** Writes one person's digest from the messages held for it (the notifications module's words). */
export type DigestComposer = (language: MailLanguage, messages: { subject: string; body: string }[]) => { subject: string; body: string };

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

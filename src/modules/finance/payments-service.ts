import { and, asc, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/pool.ts';
import { dateInWales, type IsoDate } from '../../platform/dates/dates.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { authorize, listScope } from '../../platform/policy/policy.ts';
import { keyset, pageOf, type PageRequest } from '../../platform/db/keyset.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import * as invoiceRepo from './invoices-repository.ts';
import { invoiceResource } from './invoices-service.ts';
import { outstanding } from './invoices-rules.ts';
import { payments } from './schema.ts';

export type PaymentRow = typeof payments.$inferSelect;
export type PaymentInput = { invoiceId: string; receivedOn: IsoDate; amountPence: number; reference: string; note?: string | null };

const paymentOrder = keyset(sql`${payments.receivedOn}`, payments.id, 'desc', 'date');

/** Payments' queries (the only place the table is read or written). */
export async function listPaymentRows(
  tx: Tx,
  filter: { visibleTo?: string; localAuthorityId?: string; invoiceId?: string; from?: IsoDate; to?: IsoDate },
  page: PageRequest,
) {
  const conditions = [paymentOrder.after(page.after)];
  if (filter.visibleTo) conditions.push(sql`(${payments.organisationId} = ${filter.visibleTo} or ${payments.localAuthorityId} = ${filter.visibleTo})`);
  if (filter.localAuthorityId) conditions.push(eq(payments.localAuthorityId, filter.localAuthorityId));
  if (filter.invoiceId) conditions.push(eq(payments.invoiceId, filter.invoiceId));
  if (filter.from) conditions.push(sql`${payments.receivedOn} >= ${filter.from}`);
  if (filter.to) conditions.push(sql`${payments.receivedOn} <= ${filter.to}`);
  const rows = await tx
    .select({
      sortValue: paymentOrder.value,
      payment: payments,
      invoiceNumber: sql<string | null>`(select i.number from invoices i where i.id = "payments"."invoice_id")`,
    })
    .from(payments)
    .where(and(...conditions))
    .orderBy(...paymentOrder.orderBy)
    .limit(page.limit + 1);
  return pageOf(
    rows,
    page.limit,
    (r) => ({ value: r.sortValue, id: r.payment.id }),
    (r) => ({ ...r.payment, invoiceNumber: r.invoiceNumber }),
  );
}

export async function paymentsOfAuthority(tx: Tx, localAuthorityId: string): Promise<PaymentRow[]> {
  return tx.select().from(payments).where(eq(payments.localAuthorityId, localAuthorityId)).orderBy(asc(payments.receivedOn), asc(payments.createdAt));
}

/** Money received: recorded against an invoice (part payments allowed, never more than is owed); a mistake is reversed, never edited. */
export function createPaymentUseCases(runner: UseCaseRunner, clock: () => Date) {
  const { run } = runner;
  const actorId = (ctx: RequestContext) => (ctx.actor.kind === 'user' ? ctx.actor.userId : null);
  return {
    async recordPayment(ctx: RequestContext, input: PaymentInput) {
      return run(ctx, async (tx) => {
        const invoice = await invoiceRepo.getInvoice(tx, input.invoiceId);
        if (!invoice) throw new NotFoundError();
        authorize(ctx.actor, 'payments.record', invoiceResource(invoice));
        if (invoice.kind !== 'invoice') throw new ValidationError([{ field: 'invoiceId', key: 'billing:errors.payment.notAnInvoice' }]);
        if (input.receivedOn > dateInWales(clock())) throw new ValidationError([{ field: 'receivedOn', key: 'billing:errors.date.inFuture' }]);
        // Lock the invoice's payments' total against a second payment recorded at the same moment.
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`payment:${invoice.id}`}))`);
        const totals = await invoiceRepo.totalsOf(tx, invoice.id);
        const owed = outstanding(invoice.totalPence, totals.creditedPence, totals.paidPence);
        if (input.amountPence > owed) throw new ValidationError([{ field: 'amountPence', key: 'billing:errors.payment.moreThanOwed' }]);
        const [row] = await tx
          .insert(payments)
          .values({
            organisationId: invoice.organisationId,
            localAuthorityId: invoice.localAuthorityId,
            invoiceId: invoice.id,
            receivedOn: input.receivedOn,
            amountPence: input.amountPence,
            reference: input.reference,
            note: input.note ?? null,
            recordedBy: actorId(ctx),
          })
          .returning();
        await recordAudit(tx, ctx, { action: 'payments.record', resourceType: 'payment', resourceId: row!.id, detail: { invoice: invoice.id } });
        return row!;
      });
    },
    /** A payment recorded in error (a bounced transfer): a negative payment against it. */
    async reversePayment(ctx: RequestContext, id: string, reason: string) {
      return run(ctx, async (tx) => {
        const [payment] = await tx.select().from(payments).where(eq(payments.id, id));
        if (!payment) throw new NotFoundError();
        authorize(ctx.actor, 'payments.record', {
          type: 'payment',
          id,
          organisationId: payment.organisationId,
          sharedWithOrganisationIds: [payment.localAuthorityId],
        });
        if (payment.reversesId) throw new ConflictError('billing:errors.payment.alreadyReversed');
        const [row] = await tx
          .insert(payments)
          .values({
            ...payment,
            id: undefined,
            createdAt: undefined,
            amountPence: -payment.amountPence,
            reversesId: payment.id,
            receivedOn: dateInWales(clock()),
            note: reason,
            recordedBy: actorId(ctx),
          })
          .onConflictDoNothing()
          .returning();
        if (!row) throw new ConflictError('billing:errors.payment.alreadyReversed');
        await recordAudit(tx, ctx, { action: 'payments.reverse', resourceType: 'payment', resourceId: row.id, detail: { reverses: id } });
        return row;
      });
    },
    async listPayments(ctx: RequestContext, filter: { localAuthorityId?: string; invoiceId?: string; from?: IsoDate; to?: IsoDate }, page: PageRequest) {
      return run(ctx, async (tx) => {
        authorize(ctx.actor, 'payments.view');
        const scope = listScope(ctx.actor, 'payments.view');
        const found = await listPaymentRows(tx, { ...filter, visibleTo: scope.kind === 'organisation' ? scope.organisationId : undefined }, page);
        await recordAudit(tx, ctx, { action: 'payments.view', resourceType: 'payment', detail: { rows: found.items.length } });
        return found;
      });
    },
  };
}

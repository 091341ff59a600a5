import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import type { IsoDate } from '../../platform/dates/dates.ts';
import { divideHalfEven } from './fees.ts';

/**
 * Income, as cost recovery reads it (named read queries, in the caller's transaction, under its
 * row-level security): per agreement, authority or child, over a period.
 * - raised: fee events (charges less reversals) whose step happened in the period;
 * - invoiced: invoice lines less credit-note lines on documents issued in the period (net of VAT);
 * - received: payments received in the period; a payment on an invoice is shared between the
 *   invoice's lines in proportion to their totals, each share rounded half-even to the penny (fees.ts).
 */
export type Income = { raisedPence: number; invoicedPence: number; receivedPence: number };
export type Period = { from: IsoDate; to: IsoDate };
type Key = 'agreement' | 'authority' | 'child';

const KEY_COLUMN = { agreement: 'agreement_id', authority: 'local_authority_id', child: 'child_id' } as const;

async function incomeBy(tx: Tx, key: Key, period: Period): Promise<Map<string, Income>> {
  const column = sql.raw(KEY_COLUMN[key]);
  const lineKey = key === 'agreement' ? sql.raw('i.agreement_id') : sql.raw(`l.${KEY_COLUMN[key]}`);
  const result = new Map<string, Income>();
  const at = (id: string | null) => {
    const k = id ?? '';
    let income = result.get(k);
    if (!income) result.set(k, (income = { raisedPence: 0, invoicedPence: 0, receivedPence: 0 }));
    return income;
  };
  const raised = await tx.execute<{ id: string | null; pence: string }>(sql`
    select ${column}::text as id, sum(amount_pence)::text as pence from fee_events
    where occurred_on between ${period.from} and ${period.to} group by 1`);
  for (const r of raised.rows) at(r.id).raisedPence += Number(r.pence);
  const invoiced = await tx.execute<{ id: string | null; pence: string }>(sql`
    select ${lineKey}::text as id, sum(l.net_pence)::text as pence from invoice_lines l join invoices i on i.id = l.invoice_id
    where i.issued_on between ${period.from} and ${period.to} group by 1`);
  for (const r of invoiced.rows) at(r.id).invoicedPence += Number(r.pence);
  // Each payment shared over its invoice's lines by their totals (net + VAT).
  const shares = await tx.execute<{ payment: string; amount: number; id: string | null; line_total: number; invoice_total: number }>(sql`
    select p.id as payment, p.amount_pence as amount, ${lineKey}::text as id, (l.net_pence + l.vat_pence) as line_total, i.total_pence as invoice_total
    from payments p join invoices i on i.id = p.invoice_id join invoice_lines l on l.invoice_id = i.id
    where p.received_on between ${period.from} and ${period.to}
    order by p.id, l.line_number`);
  for (const r of shares.rows) {
    const share = r.invoice_total === 0 ? 0 : Number(divideHalfEven(BigInt(r.amount) * BigInt(r.line_total), BigInt(r.invoice_total)));
    at(r.id).receivedPence += share;
  }
  result.delete('');
  return result;
}

/** Income per agreement (fees outside any agreement are left out: see incomeByAuthority for them). */
export const incomeByAgreement = (tx: Tx, period: Period) => incomeBy(tx, 'agreement', period);
/** Income per paying local authority. */
export const incomeByAuthority = (tx: Tx, period: Period) => incomeBy(tx, 'authority', period);
/** Income per child. */
export const incomeByChild = (tx: Tx, period: Period) => incomeBy(tx, 'child', period);

/**
 * The fees raised (charges less reversals) per child over a period: all the financial return
 * counts of income (a child's route cost). One query, where incomeByChild also reads every
 * invoice and payment of the period.
 */
export async function feesRaisedByChild(tx: Tx, period: Period): Promise<Map<string, number>> {
  const result = await tx.execute<{ id: string; pence: string }>(sql`
    select child_id::text as id, sum(amount_pence)::text as pence from fee_events
    where occurred_on between ${period.from} and ${period.to} group by 1`);
  return new Map(result.rows.map((r) => [r.id, Number(r.pence)]));
}

/** Income of the whole agency over the period. */
export async function incomeTotal(tx: Tx, period: Period): Promise<Income> {
  const total: Income = { raisedPence: 0, invoicedPence: 0, receivedPence: 0 };
  for (const income of (await incomeByAuthority(tx, period)).values()) {
    total.raisedPence += income.raisedPence;
    total.invoicedPence += income.invoicedPence;
    total.receivedPence += income.receivedPence;
  }
  return total;
}

export type ChildFee = {
  id: string;
  trigger: string;
  kind: 'charge' | 'reversal';
  occurredOn: IsoDate;
  amountPence: number;
  basis: string;
  localAuthorityId: string;
  agreementId: string | null;
  invoiceNumber: string | null;
};

/** The fees charged for one child (charges and reversals, oldest first), with the invoice each is on. */
export async function feesChargedForChild(tx: Tx, childId: string): Promise<ChildFee[]> {
  const rows = await tx.execute<{
    id: string;
    trigger: string;
    kind: 'charge' | 'reversal';
    occurred_on: string;
    amount_pence: number;
    basis: string;
    local_authority_id: string;
    agreement_id: string | null;
    invoice_number: string | null;
  }>(sql`
    select e.id, e.trigger, e.kind, e.occurred_on::text, e.amount_pence, e.basis, e.local_authority_id, e.agreement_id,
      (select i.number from invoice_lines l join invoices i on i.id = l.invoice_id
        where l.fee_event_id = e.id and i.kind = 'invoice' order by i.issued_on desc limit 1) as invoice_number
    from fee_events e where e.child_id = ${childId} order by e.occurred_on, e.created_at`);
  return rows.rows.map((r) => ({
    id: r.id,
    trigger: r.trigger,
    kind: r.kind,
    occurredOn: r.occurred_on,
    amountPence: r.amount_pence,
    basis: r.basis,
    localAuthorityId: r.local_authority_id,
    agreementId: r.agreement_id,
    invoiceNumber: r.invoice_number,
  }));
}

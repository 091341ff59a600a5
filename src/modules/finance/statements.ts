import type { IsoDate } from '../../platform/dates/dates.ts';
import { ageBand, daysOverdue, outstanding, type AgeBand } from './invoices-rules.ts';

/** Pure: a statement of account and the overdue list, from an authority's documents and payments. */

export type StatementDocument = {
  id: string;
  kind: 'invoice' | 'credit_note';
  number: string;
  issuedOn: IsoDate;
  dueOn: IsoDate;
  totalPence: number;
  creditedPence: number;
  paidPence: number;
  localAuthorityId: string;
  authorityName: string;
  authorityNameCy: string | null;
};
export type StatementPayment = { id: string; receivedOn: IsoDate; amountPence: number; reference: string; invoiceId: string | null };

export type StatementEntry = {
  date: IsoDate;
  kind: 'invoice' | 'credit_note' | 'payment';
  reference: string;
  /** What the authority was charged (invoices) or credited (credit notes, payments: negative). */
  amountPence: number;
  balancePence: number;
  id: string;
};

export type Statement = { openingPence: number; entries: StatementEntry[]; closingPence: number; overduePence: number };

/** Every document and payment in date order with a running balance; those before `from` make the opening balance. */
export function statementOf(
  documents: readonly StatementDocument[],
  payments: readonly StatementPayment[],
  period: { from: IsoDate; to: IsoDate },
  today: IsoDate,
): Statement {
  const all = [
    ...documents.map((d) => ({ date: d.issuedOn, kind: d.kind, reference: d.number, amountPence: d.totalPence, id: d.id })),
    ...payments.map((p) => ({ date: p.receivedOn, kind: 'payment' as const, reference: p.reference, amountPence: -p.amountPence, id: p.id })),
  ].sort((a, b) => a.date.localeCompare(b.date) || order(a.kind) - order(b.kind) || a.reference.localeCompare(b.reference));
  let balance = 0;
  let openingPence = 0;
  const entries: StatementEntry[] = [];
  for (const item of all) {
    if (item.date > period.to) continue;
    balance += item.amountPence;
    if (item.date < period.from) openingPence = balance;
    else entries.push({ ...item, balancePence: balance });
  }
  const overduePence = overdueOf(documents, today).reduce((sum, o) => sum + o.outstandingPence, 0);
  return { openingPence, entries, closingPence: balance, overduePence };
}

const order = (kind: string) => (kind === 'invoice' ? 0 : kind === 'credit_note' ? 1 : 2);

export type OverdueInvoice = StatementDocument & { outstandingPence: number; daysOverdue: number; band: AgeBand };

/** Invoices with money still owed after their due date, most overdue first. */
export function overdueOf(documents: readonly StatementDocument[], today: IsoDate): OverdueInvoice[] {
  return documents
    .filter((d) => d.kind === 'invoice')
    .map((d) => ({
      ...d,
      outstandingPence: outstanding(d.totalPence, d.creditedPence, d.paidPence),
      daysOverdue: daysOverdue(d.dueOn, today),
      band: ageBand(d.dueOn, today),
    }))
    .filter((d) => d.outstandingPence > 0 && d.band !== 'current')
    .sort((a, b) => b.daysOverdue - a.daysOverdue || a.number.localeCompare(b.number));
}

export const AGE_BANDS = ['1-30', '31-60', '61-90', '90+'] as const;

/** Totals owed per age band, the shape of an aged-debt report. */
export function agedTotals(overdue: readonly OverdueInvoice[]): Record<(typeof AGE_BANDS)[number], number> {
  const totals = { '1-30': 0, '31-60': 0, '61-90': 0, '90+': 0 };
  for (const o of overdue) if (o.band !== 'current') totals[o.band] += o.outstandingPence;
  return totals;
}

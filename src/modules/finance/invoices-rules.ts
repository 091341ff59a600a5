import { addDays, type IsoDate } from '../../platform/dates/dates.ts';
import { vatOn, vatRateOf } from './fees.ts';
import type { VatStatus } from './schema.ts';

/** Pure rules of invoicing: lines and totals, numbering, what is owed and how overdue. */

/**
 * What planning needs of a fee waiting to be invoiced: whom it is for, the order of its line (date,
 * child) and its money. A line's words, child and step are copied from the fee as it is written.
 */
export type BillableEvent = {
  id: string;
  localAuthorityId: string;
  agreementId: string | null;
  childLabel: string;
  occurredOn: IsoDate;
  amountPence: number;
  vatStatus: VatStatus;
};

export type PlannedLine = {
  lineNumber: number;
  feeEventId: string;
  netPence: number;
  vatStatus: VatStatus;
  vatRateBasisPoints: number;
  vatPence: number;
};

export type PlannedInvoice = {
  localAuthorityId: string;
  agreementId: string | null;
  sequenceNumber: number;
  number: string;
  issuedOn: IsoDate;
  dueOn: IsoDate;
  netPence: number;
  vatPence: number;
  totalPence: number;
  lines: PlannedLine[];
};

/** Invoice and credit note numbers: a prefix and the agency's gapless count, padded so they sort. */
export function documentNumber(kind: 'invoice' | 'credit_note', sequenceNumber: number): string {
  return `${kind === 'invoice' ? 'INV' : 'CN'}-${String(sequenceNumber).padStart(6, '0')}`;
}

// Children's labels in the order of localeCompare (the default locale's), from one collator:
// localeCompare sets one up per call. ISO dates and ids (digits, a–f and hyphens in fixed places)
// sort the same by code point, which is several times cheaper than collating them.
const collator = new Intl.Collator();
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Lines of one document, in the order the steps happened; VAT worked per line (rounded half-even), totals summed. */
export function linesOf(events: readonly BillableEvent[]): { lines: PlannedLine[]; netPence: number; vatPence: number } {
  const compare = collator.compare;
  const sorted = [...events].sort((a, b) => byCodePoint(a.occurredOn, b.occurredOn) || compare(a.childLabel, b.childLabel) || byCodePoint(a.id, b.id));
  let netPence = 0;
  let vatPence = 0;
  const lines = sorted.map((e, i) => {
    const vat = vatOn(e.amountPence, e.vatStatus);
    netPence += e.amountPence;
    vatPence += vat;
    return {
      lineNumber: i + 1,
      feeEventId: e.id,
      netPence: e.amountPence,
      vatStatus: e.vatStatus,
      vatRateBasisPoints: vatRateOf(e.vatStatus),
      vatPence: vat,
    };
  });
  return { lines, netPence, vatPence };
}

/**
 * One invoice per authority and agreement (fees outside any agreement together), numbered on from
 * the agency's last number with no gaps: the n-th invoice planned gets last + n.
 */
export function planInvoices(
  events: readonly BillableEvent[],
  lastNumber: number,
  issuedOn: IsoDate,
  termsDaysOf: (agreementId: string | null) => number,
): PlannedInvoice[] {
  const groups = new Map<string, BillableEvent[]>();
  for (const e of events) {
    const key = `${e.localAuthorityId}|${e.agreementId ?? ''}`;
    const list = groups.get(key);
    if (list) list.push(e);
    else groups.set(key, [e]);
  }
  const keys = [...groups.keys()].sort();
  return keys.map((key, i) => {
    const group = groups.get(key)!;
    const { lines, netPence, vatPence } = linesOf(group);
    const sequenceNumber = lastNumber + i + 1;
    const agreementId = group[0]!.agreementId;
    return {
      localAuthorityId: group[0]!.localAuthorityId,
      agreementId,
      sequenceNumber,
      number: documentNumber('invoice', sequenceNumber),
      issuedOn,
      dueOn: addDays(issuedOn, termsDaysOf(agreementId)),
      netPence,
      vatPence,
      totalPence: netPence + vatPence,
      lines,
    };
  });
}

/** How late an unpaid invoice is, in the bands credit control works to. */
export type AgeBand = 'current' | '1-30' | '31-60' | '61-90' | '90+';

export function daysOverdue(dueOn: IsoDate, today: IsoDate): number {
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${dueOn}T00:00:00Z`)) / 86_400_000);
}

export function ageBand(dueOn: IsoDate, today: IsoDate): AgeBand {
  const days = daysOverdue(dueOn, today);
  if (days <= 0) return 'current';
  if (days <= 30) return '1-30';
  if (days <= 60) return '31-60';
  if (days <= 90) return '61-90';
  return '90+';
}

/** What is still owed on an invoice: its total, less credit notes against it, less payments (a reversed payment adds back). */
export function outstanding(totalPence: number, creditedPence: number, paidPence: number): number {
  return totalPence + creditedPence - paidPence;
}

import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import type { IsoDate } from '../../platform/dates/dates.ts';
import { insertColumns } from '../../platform/db/insert-many.ts';
import { keyset, pageOf, type PageRequest } from '../../platform/db/keyset.ts';
import { organisations } from '../../platform/auth/schema.ts';
import { agreements, agreementVersions, feeEvents, invoiceLines, invoices, invoiceSequences } from './schema.ts';
import { UNINVOICED } from './fee-events-repository.ts';
import type { BillableEvent, PlannedLine } from './invoices-rules.ts';

/** Invoices', credit notes' and the numbering's queries (the only place these tables are read or written). */

export type InvoiceRow = typeof invoices.$inferSelect;
export type NewInvoice = typeof invoices.$inferInsert;
export type InvoiceLineRow = typeof invoiceLines.$inferSelect;
export type NewInvoiceLine = typeof invoiceLines.$inferInsert;

/**
 * The agency's last number of a series, locked until the issuing transaction ends: a second issuer
 * waits here, so numbers are taken one after another, and a rolled-back issue gives its numbers back.
 */
export async function lockSequence(tx: Tx, organisationId: string, series: 'invoice' | 'credit_note'): Promise<number> {
  await tx.insert(invoiceSequences).values({ organisationId, series, lastNumber: 0 }).onConflictDoNothing();
  const [row] = await tx
    .select({ lastNumber: invoiceSequences.lastNumber })
    .from(invoiceSequences)
    .where(and(eq(invoiceSequences.organisationId, organisationId), eq(invoiceSequences.series, series)))
    .for('update');
  return row!.lastNumber;
}

export async function advanceSequence(tx: Tx, organisationId: string, series: 'invoice' | 'credit_note', lastNumber: number): Promise<void> {
  await tx
    .update(invoiceSequences)
    .set({ lastNumber })
    .where(and(eq(invoiceSequences.organisationId, organisationId), eq(invoiceSequences.series, series)));
}

/** Charges not yet invoiced (nor reversed) of the agency, up to a date, optionally of one authority or these events. */
export async function billableEvents(
  tx: Tx,
  organisationId: string,
  filter: { upTo: IsoDate; localAuthorityId?: string; ids?: string[] },
): Promise<BillableEvent[]> {
  const conditions = [
    eq(feeEvents.organisationId, organisationId),
    eq(feeEvents.kind, 'charge'),
    sql`${feeEvents.occurredOn} <= ${filter.upTo}`,
    UNINVOICED,
    sql`not exists (select 1 from fee_events r where r.reverses_id = "fee_events"."id")`,
  ];
  if (filter.localAuthorityId) conditions.push(eq(feeEvents.localAuthorityId, filter.localAuthorityId));
  if (filter.ids) conditions.push(inArray(feeEvents.id, filter.ids));
  return tx
    .select({
      id: feeEvents.id,
      localAuthorityId: feeEvents.localAuthorityId,
      agreementId: feeEvents.agreementId,
      childLabel: feeEvents.childLabel,
      occurredOn: feeEvents.occurredOn,
      amountPence: feeEvents.amountPence,
      vatStatus: feeEvents.vatStatus,
    })
    .from(feeEvents)
    .where(and(...conditions));
}

/** What waits to be invoiced, per authority: how many fees and their sum. */
export async function uninvoicedByAuthority(tx: Tx, organisationId: string) {
  const rows = await tx
    .select({ localAuthorityId: feeEvents.localAuthorityId, fees: sql<number>`count(*)::int`, pence: sql<number>`sum(${feeEvents.amountPence})::int` })
    .from(feeEvents)
    .where(
      and(
        eq(feeEvents.organisationId, organisationId),
        eq(feeEvents.kind, 'charge'),
        UNINVOICED,
        sql`not exists (select 1 from fee_events r where r.reverses_id = "fee_events"."id")`,
      ),
    )
    .groupBy(feeEvents.localAuthorityId);
  return rows;
}

/** Reversals of charges still on a live invoice line: each needs a credit note line against that line. */
export async function reversalsToCredit(tx: Tx, organisationId: string, filter: { upTo: IsoDate; localAuthorityId?: string }) {
  const result = await tx.execute<{ reversal_id: string; line_id: string; invoice_id: string }>(sql`
    select r.id as reversal_id, l.id as line_id, l.invoice_id
    from fee_events r
    join invoice_lines l on l.fee_event_id = r.reverses_id
    join invoices i on i.id = l.invoice_id and i.kind = 'invoice'
    where r.organisation_id = ${organisationId} and r.kind = 'reversal' and r.occurred_on <= ${filter.upTo}
      ${filter.localAuthorityId ? sql`and r.local_authority_id = ${filter.localAuthorityId}` : sql``}
      and not exists (select 1 from invoice_lines c where c.credits_line_id = l.id)`);
  return result.rows;
}

/** The authorities' names, as invoices are addressed. */
export async function authorityNames(tx: Tx, ids: string[]): Promise<Map<string, { name: string; nameCy: string | null }>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select({ id: organisations.id, name: organisations.name, nameCy: organisations.nameCy })
    .from(organisations)
    .where(inArray(organisations.id, ids));
  return new Map(rows.map((r) => [r.id, { name: r.name, nameCy: r.nameCy }]));
}

/** Each agreement's invoice language and payment terms on a date (the version in force, else its first). */
export async function invoicingTermsOf(tx: Tx, ids: string[], on: IsoDate): Promise<Map<string, { language: 'en' | 'cy'; paymentTermsDays: number }>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .selectDistinctOn([agreementVersions.agreementId], {
      id: agreementVersions.agreementId,
      days: agreementVersions.paymentTermsDays,
      language: agreements.language,
    })
    .from(agreementVersions)
    .innerJoin(agreements, eq(agreements.id, agreementVersions.agreementId))
    .where(inArray(agreementVersions.agreementId, ids))
    .orderBy(agreementVersions.agreementId, sql`${agreementVersions.effectiveFrom} <= ${on} desc`, sql`${agreementVersions.effectiveFrom} desc`);
  return new Map(rows.map((r) => [r.id, { language: r.language, paymentTermsDays: r.days }]));
}

/**
 * Writes issued documents and their lines in two statements, however many there are: each column
 * travels as one typed array (a month's 1,700 lines as a JSON document took PostgreSQL longer to
 * take apart than to store).
 */
export async function insertDocuments(tx: Tx, rows: NewInvoice[], lines: NewInvoiceLine[]): Promise<void> {
  await insertColumns(tx, invoices, rows);
  await insertColumns(tx, invoiceLines, lines);
}

/** A newly issued invoice and its lines as issuing planned them: the fee each bills and the money worked on it. */
export type IssuedLines = { invoiceId: string; lines: readonly PlannedLine[] };

/** Many values as one array literal: ids, whole numbers and the words of a vocabulary need no quoting. */
const arrayLiteral = (values: readonly (string | number)[]) => `{${values.join(',')}}`;

/**
 * Writes the lines of newly issued invoices in one statement: the money worked in Node travels as
 * typed arrays, and what a line copies of its fee (child, step, date, words in both languages, the
 * authority) is read from the fee in the same statement, not sent back and forth. Every line must
 * find its fee (row-level security included), or the issue fails. The fees are looked up by their
 * key (`= any`): joined to the arrays, PostgreSQL hashed every fee of the agency each month to
 * find a month's 1,700. A line names its invoice by position in the invoices' array and the fees'
 * array is sent once: a month's statement is a third of the bytes it was with a uuid per line for
 * each.
 */
export async function insertLinesFromFees(tx: Tx, organisationId: string, issued: readonly IssuedLines[]): Promise<void> {
  const invoiceIndex: number[] = [];
  const lineNumber: number[] = [];
  const fee: string[] = [];
  const net: number[] = [];
  const vatStatus: string[] = [];
  const vatRate: number[] = [];
  const vat: number[] = [];
  issued.forEach(({ lines }, i) => {
    for (const line of lines) {
      invoiceIndex.push(i + 1);
      lineNumber.push(line.lineNumber);
      fee.push(line.feeEventId);
      net.push(line.netPence);
      vatStatus.push(line.vatStatus);
      vatRate.push(line.vatRateBasisPoints);
      vat.push(line.vatPence);
    }
  });
  if (fee.length === 0) return;
  const result = await tx.execute(sql`
    insert into invoice_lines (invoice_id, organisation_id, local_authority_id, line_number, fee_event_id, child_id, child_label, trigger,
      occurred_on, description, description_cy, net_pence, vat_status, vat_rate_basis_points, vat_pence)
    select given.invoice_ids[x.invoice_index], e.organisation_id, e.local_authority_id, x.line_number, e.id, e.child_id, e.child_label, e.trigger,
      e.occurred_on, e.description, e.description_cy, x.net_pence, x.vat_status, x.vat_rate_basis_points, x.vat_pence
    from (select ${arrayLiteral(issued.map((i) => i.invoiceId))}::uuid[] as invoice_ids, ${arrayLiteral(fee)}::uuid[] as fee_ids) given
    cross join lateral unnest(${arrayLiteral(invoiceIndex)}::int[], ${arrayLiteral(lineNumber)}::int[], given.fee_ids, ${arrayLiteral(net)}::int[],
                ${arrayLiteral(vatStatus)}::text[], ${arrayLiteral(vatRate)}::int[], ${arrayLiteral(vat)}::int[])
         as x(invoice_index, line_number, fee_event_id, net_pence, vat_status, vat_rate_basis_points, vat_pence)
    join fee_events e on e.id = x.fee_event_id
    where e.id = any(given.fee_ids) and e.organisation_id = ${organisationId}`);
  if (result.rowCount !== fee.length) throw new Error(`issuing: ${fee.length - (result.rowCount ?? 0)} invoice lines found no fee`);
}

export async function getInvoice(tx: Tx, id: string): Promise<InvoiceRow | undefined> {
  const [row] = await tx.select().from(invoices).where(eq(invoices.id, id));
  return row;
}

export async function linesOfInvoice(tx: Tx, invoiceId: string): Promise<InvoiceLineRow[]> {
  return tx.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoiceId)).orderBy(asc(invoiceLines.lineNumber));
}

export async function linesByIds(tx: Tx, ids: string[]): Promise<InvoiceLineRow[]> {
  if (ids.length === 0) return [];
  return tx.select().from(invoiceLines).where(inArray(invoiceLines.id, ids)).orderBy(asc(invoiceLines.lineNumber));
}

/** Lines of an invoice that no credit note has credited yet. */
export async function uncreditedLines(tx: Tx, invoiceId: string): Promise<InvoiceLineRow[]> {
  return tx
    .select()
    .from(invoiceLines)
    .where(and(eq(invoiceLines.invoiceId, invoiceId), sql`not exists (select 1 from invoice_lines c where c.credits_line_id = "invoice_lines"."id")`))
    .orderBy(asc(invoiceLines.lineNumber));
}

/** An invoice's credits (negative) and payments, for what is still owed. */
export const CREDITED = sql<number>`coalesce((select sum(c.total_pence) from invoices c where c.credits_invoice_id = "invoices"."id"), 0)::int`;
export const PAID = sql<number>`coalesce((select sum(p.amount_pence) from payments p where p.invoice_id = "invoices"."id"), 0)::int`;

/** What has been credited (negative) and paid on one invoice. */
export async function totalsOf(tx: Tx, id: string): Promise<{ creditedPence: number; paidPence: number }> {
  const [row] = await tx.select({ creditedPence: CREDITED, paidPence: PAID }).from(invoices).where(eq(invoices.id, id));
  return row ?? { creditedPence: 0, paidPence: 0 };
}

/** Lines of an invoice that a credit note has credited. */
export async function creditedLineIdsOf(tx: Tx, invoiceId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: invoiceLines.id })
    .from(invoiceLines)
    .where(and(eq(invoiceLines.invoiceId, invoiceId), sql`exists (select 1 from invoice_lines c where c.credits_line_id = "invoice_lines"."id")`));
  return rows.map((r) => r.id);
}

export async function creditNotesOf(tx: Tx, invoiceId: string): Promise<InvoiceRow[]> {
  return tx.select().from(invoices).where(eq(invoices.creditsInvoiceId, invoiceId)).orderBy(asc(invoices.issuedOn));
}

export type InvoiceFilter = { localAuthorityId?: string; kind?: 'invoice' | 'credit_note'; visibleTo?: string; from?: IsoDate; to?: IsoDate };

const invoiceOrder = keyset(sql`${invoices.issuedOn}`, invoices.id, 'desc', 'date');

/** Invoices and credit notes, newest first, with what has been credited and paid; keyset-paginated. */
export async function listInvoices(tx: Tx, filter: InvoiceFilter, page: PageRequest) {
  const conditions = [invoiceOrder.after(page.after)];
  if (filter.visibleTo) conditions.push(sql`(${invoices.organisationId} = ${filter.visibleTo} or ${invoices.localAuthorityId} = ${filter.visibleTo})`);
  if (filter.localAuthorityId) conditions.push(eq(invoices.localAuthorityId, filter.localAuthorityId));
  if (filter.kind) conditions.push(eq(invoices.kind, filter.kind));
  if (filter.from) conditions.push(sql`${invoices.issuedOn} >= ${filter.from}`);
  if (filter.to) conditions.push(sql`${invoices.issuedOn} <= ${filter.to}`);
  const rows = await tx
    .select({ sortValue: invoiceOrder.value, invoice: invoices, creditedPence: CREDITED, paidPence: PAID })
    .from(invoices)
    .where(and(...conditions))
    .orderBy(...invoiceOrder.orderBy)
    .limit(page.limit + 1);
  return pageOf(
    rows,
    page.limit,
    (r) => ({ value: r.sortValue, id: r.invoice.id }),
    (r) => ({ ...r.invoice, creditedPence: r.creditedPence, paidPence: r.paidPence }),
  );
}

/** Every document of an authority (or all), oldest first, with credits and payments: statements, the overdue list, exports. */
export async function documentsOf(tx: Tx, filter: InvoiceFilter) {
  const conditions = [];
  if (filter.visibleTo) conditions.push(sql`(${invoices.organisationId} = ${filter.visibleTo} or ${invoices.localAuthorityId} = ${filter.visibleTo})`);
  if (filter.localAuthorityId) conditions.push(eq(invoices.localAuthorityId, filter.localAuthorityId));
  if (filter.kind) conditions.push(eq(invoices.kind, filter.kind));
  if (filter.from) conditions.push(sql`${invoices.issuedOn} >= ${filter.from}`);
  if (filter.to) conditions.push(sql`${invoices.issuedOn} <= ${filter.to}`);
  const rows = await tx
    .select({ invoice: invoices, creditedPence: CREDITED, paidPence: PAID })
    .from(invoices)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(asc(invoices.issuedOn), asc(invoices.number));
  return rows.map((r) => ({ ...r.invoice, creditedPence: r.creditedPence, paidPence: r.paidPence }));
}

/** The headings the invoices list can be sorted by. */
export const INVOICE_LIST_SORTS = ['number', 'issued', 'authority', 'amount', 'status'] as const;
export type InvoiceListSort = (typeof INVOICE_LIST_SORTS)[number];
/**
 * Where a document stands: an invoice not yet due, overdue or settled (paid, or credited, in full);
 * a credit note is a credit note. Worked out in SQL, so the list filters and sorts by it.
 */
export const INVOICE_STATUSES = ['overdue', 'open', 'settled', 'credit'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];
export type InvoicePageFilter = { visibleTo?: string; localAuthorityId?: string; status?: InvoiceStatus; from?: IsoDate; to?: IsoDate };

const statusOf = (today: IsoDate) => sql<InvoiceStatus>`case
  when ${invoices.kind} = 'credit_note' then 'credit'
  when ${invoices.totalPence} + ${CREDITED} - ${PAID} <= 0 then 'settled'
  when ${invoices.dueOn} < ${today}::date then 'overdue'
  else 'open' end`;

/**
 * One numbered page of invoices and credit notes, sorted by a heading, with how many match; an
 * authority's reader sees only its own (`visibleTo`, and row-level security behind it).
 */
export async function pageInvoices(
  tx: Tx,
  filter: InvoicePageFilter,
  order: { sort: InvoiceListSort; dir: 'asc' | 'desc'; limit: number; offset: number; today: IsoDate; language: 'en' | 'cy' },
) {
  const status = statusOf(order.today);
  const conditions: SQL[] = [];
  if (filter.visibleTo) conditions.push(sql`(${invoices.organisationId} = ${filter.visibleTo} or ${invoices.localAuthorityId} = ${filter.visibleTo})`);
  if (filter.localAuthorityId) conditions.push(eq(invoices.localAuthorityId, filter.localAuthorityId));
  if (filter.status) conditions.push(sql`${status} = ${filter.status}`);
  if (filter.from) conditions.push(sql`${invoices.issuedOn} >= ${filter.from}`);
  if (filter.to) conditions.push(sql`${invoices.issuedOn} <= ${filter.to}`);
  const where = conditions.length ? and(...conditions) : undefined;
  const by = order.dir === 'asc' ? asc : desc;
  const key = {
    number: [by(invoices.kind), by(invoices.sequenceNumber)],
    issued: [by(invoices.issuedOn), by(invoices.kind), by(invoices.sequenceNumber)],
    // By the name the reader reads: the Welsh name for a Welsh reader where the authority has one.
    authority: [
      by(
        order.language === 'cy'
          ? sql`lower(coalesce(nullif(${invoices.authorityNameCy}, ''), ${invoices.authorityName}))`
          : sql`lower(${invoices.authorityName})`,
      ),
    ],
    amount: [by(invoices.totalPence)],
    // Overdue first when ascending: the order credit control works in.
    status: [by(sql`array_position(array['overdue','open','settled','credit']::text[], ${status})`)],
  }[order.sort];
  const [counted] = await tx
    .select({ total: sql<number>`count(*)::int` })
    .from(invoices)
    .where(where);
  const rows = await tx
    .select({ invoice: invoices, creditedPence: CREDITED, paidPence: PAID, status })
    .from(invoices)
    .where(where)
    .orderBy(...key, desc(invoices.issuedOn), asc(invoices.id))
    .limit(order.limit)
    .offset(order.offset);
  return {
    rows: rows.map((r) => ({ ...r.invoice, creditedPence: r.creditedPence, paidPence: r.paidPence, status: r.status })),
    total: counted?.total ?? 0,
  };
}

/** The authorities the reader's invoices are addressed to, with the names of their latest invoice (the list's filter). */
export async function invoicedAuthorities(tx: Tx, visibleTo: string | undefined) {
  return tx
    .selectDistinctOn([invoices.localAuthorityId], { id: invoices.localAuthorityId, name: invoices.authorityName, nameCy: invoices.authorityNameCy })
    .from(invoices)
    .where(visibleTo ? sql`(${invoices.organisationId} = ${visibleTo} or ${invoices.localAuthorityId} = ${visibleTo})` : undefined)
    .orderBy(invoices.localAuthorityId, desc(invoices.issuedOn));
}

import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import type { IsoDate } from '../../platform/dates/dates.ts';
import { keyset, pageOf, type PageRequest } from '../../platform/db/keyset.ts';
import { agreementVersions, agreements, feeEvents, interAgencyFeeRates } from './schema.ts';

/** The fee events' and fee table's queries (the only place these tables are read or written). */

export type FeeEventRow = typeof feeEvents.$inferSelect;
export type NewFeeEvent = typeof feeEvents.$inferInsert;
export type RateRow = typeof interAgencyFeeRates.$inferSelect;
export type AgreementVersionRow = typeof agreementVersions.$inferSelect;

/** Raises an event once: a second raise of the same trigger for the same child (even a racing one) does nothing. */
export async function insertFeeEventOnce(tx: Tx, values: NewFeeEvent): Promise<FeeEventRow | undefined> {
  const [row] = await tx.insert(feeEvents).values(values).onConflictDoNothing().returning();
  return row;
}

export async function getFeeEvent(tx: Tx, id: string): Promise<FeeEventRow | undefined> {
  const [row] = await tx.select().from(feeEvents).where(eq(feeEvents.id, id));
  return row;
}

/** Whether a fee has been reversed, and the invoice that carries it while no credit note has credited it. */
export async function feeEventState(tx: Tx, id: string): Promise<{ reversed: boolean; invoiceId: string | null; invoiceNumber: string | null }> {
  const result = await tx.execute<{ reversed: boolean; invoice_id: string | null; invoice_number: string | null }>(sql`
    select exists (select 1 from fee_events r where r.reverses_id = ${id}) as reversed,
      l.invoice_id, i.number as invoice_number
    from (select 1) one
    left join invoice_lines l on l.fee_event_id = ${id} and not exists (select 1 from invoice_lines c where c.credits_line_id = l.id)
    left join invoices i on i.id = l.invoice_id and i.kind = 'invoice'
    order by i.number nulls last limit 1`);
  const row = result.rows[0]!;
  return { reversed: row.reversed, invoiceId: row.invoice_number ? row.invoice_id : null, invoiceNumber: row.invoice_number };
}

/** The charges a step raised that are not yet reversed. */
export async function unreversedChargesOf(tx: Tx, trigger: FeeEventRow['trigger'], key: string): Promise<FeeEventRow[]> {
  return tx
    .select()
    .from(feeEvents)
    .where(
      and(
        eq(feeEvents.trigger, trigger),
        eq(feeEvents.triggerKey, key),
        eq(feeEvents.kind, 'charge'),
        sql`not exists (select 1 from fee_events r where r.reverses_id = ${feeEvents.id})`,
      ),
    );
}

export async function ratesOf(tx: Tx, organisationId: string): Promise<RateRow[]> {
  return tx.select().from(interAgencyFeeRates).where(eq(interAgencyFeeRates.organisationId, organisationId)).orderBy(asc(interAgencyFeeRates.effectiveFrom));
}

/** Every version of the agency's agreements covering an authority (pricing picks the one in force). */
export async function versionsCovering(tx: Tx, organisationId: string, authorityId: string): Promise<AgreementVersionRow[]> {
  return tx
    .select({ version: agreementVersions })
    .from(agreementVersions)
    .innerJoin(agreements, eq(agreements.id, agreementVersions.agreementId))
    .where(and(eq(agreementVersions.organisationId, organisationId), sql`${authorityId}::uuid = ANY (${agreementVersions.authorityIds})`))
    .orderBy(asc(agreementVersions.effectiveFrom))
    .then((rows) => rows.map((r) => r.version));
}

/** Distinct children with a live agreement fee in a financial year, and whether this child is one of them (the yearly cap). */
export async function childrenCounted(tx: Tx, agreementId: string, from: IsoDate, to: IsoDate, childId: string): Promise<{ count: number; includes: boolean }> {
  const result = await tx.execute<{ count: number; includes: boolean }>(sql`
    select count(distinct child_id)::int as count, coalesce(bool_or(child_id = ${childId}), false) as includes
    from fee_events e
    where e.agreement_id = ${agreementId} and e.basis = 'agreement' and e.kind = 'charge'
      and e.occurred_on between ${from} and ${to}
      and not exists (select 1 from fee_events r where r.reverses_id = e.id)`);
  return result.rows[0] ?? { count: 0, includes: false };
}

export type FeeEventFilter = { localAuthorityId?: string; childId?: string; uninvoiced?: boolean; visibleTo?: string };

/**
 * An event is invoiced while a line carries it that no credit note has credited.
 * Written as NOT IN over the live lines (never null: the inner query drops lines with no fee), so
 * PostgreSQL builds the set once and probes it by hash. As NOT EXISTS the planner turned it into an
 * anti-join whose shape depended on the invoice tables' statistics, and right after an issue (not
 * yet analysed) chose a nested loop over every line for every fee: 0.7–1.7 s for a month's issue at
 * 20,000 fees, where the hashed set takes a few ms. The credited lines are a hashed set too (a
 * few rows of the partial index), not one index probe per invoiced line: by March, 18,000 probes.
 * An invoice's own line is one that credits no other (`credits_line_id` null): every credit note's
 * line names the line it cancels (creditLinesInTx), so the lines are told apart without joining
 * their documents (that join, a nested loop over every invoice, was half of the check's time).
 */
export const UNINVOICED = sql`"fee_events"."id" not in (
  select l.fee_event_id from invoice_lines l
  where l.fee_event_id is not null and l.credits_line_id is null
    and l.id not in (select c.credits_line_id from invoice_lines c where c.credits_line_id is not null))`;

const eventOrder = keyset(sql`${feeEvents.occurredOn}`, feeEvents.id, 'desc', 'date');

/** Fee events, newest first, keyset-paginated; row-level security keeps an authority to its own. */
export async function listFeeEvents(tx: Tx, filter: FeeEventFilter, page: PageRequest) {
  const conditions = [eventOrder.after(page.after)];
  // The agency's own, or the authority's own: the same wall as row-level security, said in the query.
  if (filter.visibleTo) conditions.push(sql`(${feeEvents.organisationId} = ${filter.visibleTo} or ${feeEvents.localAuthorityId} = ${filter.visibleTo})`);
  if (filter.localAuthorityId) conditions.push(eq(feeEvents.localAuthorityId, filter.localAuthorityId));
  if (filter.childId) conditions.push(eq(feeEvents.childId, filter.childId));
  if (filter.uninvoiced)
    conditions.push(UNINVOICED, sql`${feeEvents.kind} = 'charge'`, sql`not exists (select 1 from fee_events r where r.reverses_id = "fee_events"."id")`);
  const rows = await tx
    .select({
      sortValue: eventOrder.value,
      event: feeEvents,
      reversed: sql<boolean>`exists (select 1 from fee_events r where r.reverses_id = "fee_events"."id")`,
    })
    .from(feeEvents)
    .where(and(...conditions))
    .orderBy(...eventOrder.orderBy)
    .limit(page.limit + 1);
  return pageOf(
    rows,
    page.limit,
    (r) => ({ value: r.sortValue, id: r.event.id }),
    (r) => ({ ...r.event, reversed: r.reversed }),
  );
}

export async function latestFeeEvents(tx: Tx, limit: number) {
  return tx.select().from(feeEvents).orderBy(desc(feeEvents.createdAt)).limit(limit);
}

import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { keyset, pageOf, type PageRequest } from '../../platform/db/keyset.ts';
import { agreements, agreementVersions, interAgencyFeeRates } from './schema.ts';

/** Agreements', their versions' and the inter-agency fee table's queries. */

export type AgreementRow = typeof agreements.$inferSelect;
export type NewAgreement = typeof agreements.$inferInsert;
export type NewAgreementVersion = typeof agreementVersions.$inferInsert;
export type AgreementVersionRow = typeof agreementVersions.$inferSelect;
export type RateRow = typeof interAgencyFeeRates.$inferSelect;

export async function insertAgreement(tx: Tx, values: NewAgreement): Promise<AgreementRow> {
  const [row] = await tx.insert(agreements).values(values).returning();
  return row!;
}

export async function insertVersion(tx: Tx, values: NewAgreementVersion): Promise<AgreementVersionRow> {
  const [row] = await tx.insert(agreementVersions).values(values).returning();
  return row!;
}

export async function getAgreement(tx: Tx, id: string, lock = false): Promise<AgreementRow | undefined> {
  const query = tx.select().from(agreements).where(eq(agreements.id, id));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function agreementsByIds(tx: Tx, ids: string[]): Promise<Map<string, AgreementRow>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.select().from(agreements).where(inArray(agreements.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

export async function versionsOf(tx: Tx, agreementId: string): Promise<AgreementVersionRow[]> {
  return tx.select().from(agreementVersions).where(eq(agreementVersions.agreementId, agreementId)).orderBy(asc(agreementVersions.versionNumber));
}

/** The agreement's header changed (name, authorities, language): the version check makes a stale edit fail. */
export async function updateAgreement(tx: Tx, id: string, version: number, values: Partial<NewAgreement>): Promise<AgreementRow | undefined> {
  const [row] = await tx
    .update(agreements)
    .set({ ...values, updatedAt: new Date(), version: sql`${agreements.version} + 1` })
    .where(and(eq(agreements.id, id), eq(agreements.version, version)))
    .returning();
  return row;
}

/** A new version carries the authorities along, so row-level security reads one row. */
export async function touchAgreement(tx: Tx, id: string, version: number): Promise<AgreementRow | undefined> {
  return updateAgreement(tx, id, version, {});
}

const agreementOrder = keyset(sql`${agreements.name}`, agreements.id, 'asc', 'text');

export async function listAgreements(tx: Tx, filter: { visibleTo?: string }, page: PageRequest) {
  const conditions = [agreementOrder.after(page.after)];
  if (filter.visibleTo)
    conditions.push(sql`(${agreements.organisationId} = ${filter.visibleTo} or ${filter.visibleTo}::uuid = ANY (${agreements.authorityIds}))`);
  const rows = await tx
    .select({ sortValue: agreementOrder.value, agreement: agreements })
    .from(agreements)
    .where(and(...conditions))
    .orderBy(...agreementOrder.orderBy)
    .limit(page.limit + 1);
  return pageOf(
    rows,
    page.limit,
    (r) => ({ value: r.sortValue, id: r.agreement.id }),
    (r) => r.agreement,
  );
}

export async function listRates(tx: Tx, organisationId: string): Promise<RateRow[]> {
  return tx.select().from(interAgencyFeeRates).where(eq(interAgencyFeeRates.organisationId, organisationId)).orderBy(desc(interAgencyFeeRates.effectiveFrom));
}

export async function insertRate(tx: Tx, values: typeof interAgencyFeeRates.$inferInsert): Promise<RateRow> {
  const [row] = await tx.insert(interAgencyFeeRates).values(values).returning();
  return row!;
}

export async function getRate(tx: Tx, id: string): Promise<RateRow | undefined> {
  const [row] = await tx.select().from(interAgencyFeeRates).where(eq(interAgencyFeeRates.id, id));
  return row;
}

export async function updateRate(tx: Tx, id: string, version: number, values: Partial<typeof interAgencyFeeRates.$inferInsert>): Promise<RateRow | undefined> {
  const [row] = await tx
    .update(interAgencyFeeRates)
    .set({ ...values, updatedAt: new Date(), version: sql`${interAgencyFeeRates.version} + 1` })
    .where(and(eq(interAgencyFeeRates.id, id), eq(interAgencyFeeRates.version, version)))
    .returning();
  return row;
}

import { and, asc, desc, eq, or, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { keyset, pageOf, type Page, type PageRequest } from '../../platform/db/keyset.ts';
import { organisations } from '../../platform/auth/schema.ts';
import { researchAgreements, researchAgreementVersions, researchExtractParts, researchExtracts } from './schema.ts';

export type AgreementRow = typeof researchAgreements.$inferSelect;
export type ExtractRow = typeof researchExtracts.$inferSelect;
/** An agreement with its research partner's name, in English and (when it has one) Welsh: the reader's language chooses. */
export type AgreementListRow = AgreementRow & { partnerName: string; partnerNameCy: string | null };
export type ResearchPartner = { id: string; name: string; nameCy: string | null };

const newestFirst = keyset(sql`${researchAgreements.createdAt}`, researchAgreements.id, 'desc', 'timestamptz');

/** Agreements the organisation made or is the research partner of, newest first. */
export async function listAgreements(tx: Tx, scope: { organisationId?: string }, page: PageRequest): Promise<Page<AgreementListRow>> {
  const rows = await tx
    .select({ agreement: researchAgreements, partnerName: organisations.name, partnerNameCy: organisations.nameCy, key: newestFirst.value })
    .from(researchAgreements)
    .innerJoin(organisations, eq(organisations.id, researchAgreements.partnerOrganisationId))
    .where(
      and(
        scope.organisationId
          ? or(eq(researchAgreements.organisationId, scope.organisationId), eq(researchAgreements.partnerOrganisationId, scope.organisationId))
          : undefined,
        newestFirst.after(page.after),
      ),
    )
    .orderBy(...newestFirst.orderBy)
    .limit(page.limit + 1);
  return pageOf(
    rows,
    page.limit,
    (r) => ({ value: r.key, id: r.agreement.id }),
    (r) => ({ ...r.agreement, partnerName: r.partnerName, partnerNameCy: r.partnerNameCy }),
  );
}

export async function getAgreement(tx: Tx, id: string): Promise<AgreementListRow | undefined> {
  const [row] = await tx
    .select({ agreement: researchAgreements, partnerName: organisations.name, partnerNameCy: organisations.nameCy })
    .from(researchAgreements)
    .innerJoin(organisations, eq(organisations.id, researchAgreements.partnerOrganisationId))
    .where(eq(researchAgreements.id, id));
  return row && { ...row.agreement, partnerName: row.partnerName, partnerNameCy: row.partnerNameCy };
}

export async function insertAgreement(tx: Tx, values: typeof researchAgreements.$inferInsert): Promise<AgreementRow> {
  const [row] = await tx.insert(researchAgreements).values(values).returning();
  return row!;
}

/** Keeps the terms of a version as they stood (append-only), with who made it. */
export async function recordVersion(tx: Tx, agreement: AgreementRow, changedBy: string | null): Promise<void> {
  const { id, organisationId, version, createdAt: _c, updatedAt: _u, ...terms } = agreement;
  await tx.insert(researchAgreementVersions).values({ agreementId: id, version, organisationId, terms, changedBy });
}

/** Updates only when the version read is still current; undefined means someone else changed it. */
export async function updateAgreement(
  tx: Tx,
  id: string,
  version: number,
  values: Partial<typeof researchAgreements.$inferInsert>,
): Promise<AgreementRow | undefined> {
  const [row] = await tx
    .update(researchAgreements)
    .set({ ...values, version: sql`${researchAgreements.version} + 1`, updatedAt: new Date() })
    .where(and(eq(researchAgreements.id, id), eq(researchAgreements.version, version)))
    .returning();
  return row;
}

export async function versionsOf(tx: Tx, agreementId: string) {
  return tx
    .select()
    .from(researchAgreementVersions)
    .where(eq(researchAgreementVersions.agreementId, agreementId))
    .orderBy(desc(researchAgreementVersions.version));
}

/** A research partner organisation by id, or undefined when there is none of that type. */
export async function researchPartner(tx: Tx, id: string): Promise<ResearchPartner | undefined> {
  const [row] = await tx
    .select({ id: organisations.id, name: organisations.name, nameCy: organisations.nameCy })
    .from(organisations)
    .where(and(eq(organisations.id, id), eq(organisations.type, 'research_partner')));
  return row;
}

export async function researchPartners(tx: Tx): Promise<ResearchPartner[]> {
  return tx
    .select({ id: organisations.id, name: organisations.name, nameCy: organisations.nameCy })
    .from(organisations)
    .where(eq(organisations.type, 'research_partner'))
    .orderBy(asc(organisations.name));
}

export async function insertExtract(tx: Tx, values: typeof researchExtracts.$inferInsert): Promise<ExtractRow> {
  const [row] = await tx.insert(researchExtracts).values(values).returning();
  return row!;
}

export async function insertPart(tx: Tx, values: typeof researchExtractParts.$inferInsert): Promise<void> {
  await tx.insert(researchExtractParts).values(values);
}

export async function getExtract(tx: Tx, id: string): Promise<ExtractRow | undefined> {
  const [row] = await tx.select().from(researchExtracts).where(eq(researchExtracts.id, id));
  return row;
}

export async function extractsOf(tx: Tx, agreementId: string): Promise<ExtractRow[]> {
  return tx.select().from(researchExtracts).where(eq(researchExtracts.agreementId, agreementId)).orderBy(desc(researchExtracts.createdAt));
}

/** One part of an extract's zip, or undefined after the last: a download never holds the whole file. */
export async function partOf(tx: Tx, extractId: string, part: number): Promise<Buffer | undefined> {
  const [row] = await tx
    .select({ bytes: researchExtractParts.bytes })
    .from(researchExtractParts)
    .where(and(eq(researchExtractParts.extractId, extractId), eq(researchExtractParts.part, part)));
  return row?.bytes;
}

import { and, desc, eq, or, sql } from 'drizzle-orm';
import { organisations } from '../../platform/auth/schema.ts';
import type { Tx } from '../../platform/db/pool.ts';
import { keyset, pageOf, type Page, type PageRequest } from '../../platform/db/keyset.ts';
import { reportFiles, reports } from './schema.ts';

export type ReportRow = Omit<typeof reports.$inferSelect, 'document'> & { recipientName: string; recipientNameCy: string | null };
export type ReportFileRow = Omit<typeof reportFiles.$inferSelect, 'bytes'>;

const newestFirst = keyset(sql`${reports.issuedAt}`, reports.id, 'desc', 'timestamptz');

const listColumns = {
  id: reports.id,
  organisationId: reports.organisationId,
  recipientOrganisationId: reports.recipientOrganisationId,
  number: reports.number,
  version: reports.version,
  reference: reports.reference,
  periodFrom: reports.periodFrom,
  periodTo: reports.periodTo,
  language: reports.language,
  issuedBy: reports.issuedBy,
  issuedAt: reports.issuedAt,
  recipientName: organisations.name,
  recipientNameCy: organisations.nameCy,
};

const fileColumns = {
  reportId: reportFiles.reportId,
  format: reportFiles.format,
  organisationId: reportFiles.organisationId,
  recipientOrganisationId: reportFiles.recipientOrganisationId,
  contentType: reportFiles.contentType,
  fileName: reportFiles.fileName,
  sha256: reportFiles.sha256,
  size: reportFiles.size,
};

/** Reports the organisation issued or was issued, newest first (row-level security holds the same wall). */
export async function listReports(tx: Tx, organisationId: string, page: PageRequest): Promise<Page<ReportRow>> {
  const rows = await tx
    .select({ ...listColumns, key: newestFirst.value })
    .from(reports)
    .innerJoin(organisations, eq(organisations.id, reports.recipientOrganisationId))
    .where(and(or(eq(reports.organisationId, organisationId), eq(reports.recipientOrganisationId, organisationId)), newestFirst.after(page.after)))
    .orderBy(...newestFirst.orderBy)
    .limit(page.limit + 1);
  return pageOf(
    rows,
    page.limit,
    (r) => ({ value: r.key, id: r.id }),
    ({ key: _key, ...r }) => r,
  );
}

export async function getReport(tx: Tx, id: string): Promise<(ReportRow & { document: Record<string, unknown> }) | undefined> {
  const [row] = await tx
    .select({ ...listColumns, document: reports.document })
    .from(reports)
    .innerJoin(organisations, eq(organisations.id, reports.recipientOrganisationId))
    .where(eq(reports.id, id));
  return row;
}

/** A report's files, the PDF first, then the spreadsheet, then the CSV files (the order people look for them). */
export async function filesOf(tx: Tx, reportId: string): Promise<ReportFileRow[]> {
  return tx
    .select(fileColumns)
    .from(reportFiles)
    .where(eq(reportFiles.reportId, reportId))
    .orderBy(sql`array_position(array['pdf', 'xlsx', 'csv'], ${reportFiles.format})`);
}

export async function fileBytes(tx: Tx, reportId: string, format: string): Promise<(ReportFileRow & { bytes: Buffer }) | undefined> {
  const [row] = await tx
    .select({ ...fileColumns, bytes: reportFiles.bytes })
    .from(reportFiles)
    .where(and(eq(reportFiles.reportId, reportId), eq(reportFiles.format, format)));
  return row;
}

/**
 * The number and version of the next issue: the same recipient, period and language keep their number and
 * take the next version; anything else takes the agency's next number. The agency's reports are locked for
 * the rest of the transaction so two people issuing at once cannot take the same number.
 */
export async function nextNumber(
  tx: Tx,
  series: { organisationId: string; recipientOrganisationId: string; periodFrom: string; periodTo: string; language: string },
): Promise<{ number: number; version: number }> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('reports:' || ${series.organisationId}))`);
  const [same] = await tx
    .select({ number: reports.number, version: reports.version })
    .from(reports)
    .where(
      and(
        eq(reports.organisationId, series.organisationId),
        eq(reports.recipientOrganisationId, series.recipientOrganisationId),
        eq(reports.periodFrom, series.periodFrom),
        eq(reports.periodTo, series.periodTo),
        eq(reports.language, series.language),
      ),
    )
    .orderBy(desc(reports.version))
    .limit(1);
  if (same) return { number: same.number, version: same.version + 1 };
  const [top] = await tx
    .select({ number: sql<number>`coalesce(max(${reports.number}), 0)::int` })
    .from(reports)
    .where(eq(reports.organisationId, series.organisationId));
  return { number: Number(top?.number ?? 0) + 1, version: 1 };
}

export async function insertReport(tx: Tx, values: typeof reports.$inferInsert): Promise<{ id: string; issuedAt: Date }> {
  const [row] = await tx.insert(reports).values(values).returning({ id: reports.id, issuedAt: reports.issuedAt });
  return row!;
}

export async function insertFile(tx: Tx, values: typeof reportFiles.$inferInsert): Promise<void> {
  await tx.insert(reportFiles).values(values);
}

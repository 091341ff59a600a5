import { createHash } from 'node:crypto';
import { recordAudit } from '../../platform/audit/audit.ts';
import { dateInWales, type IsoDate } from '../../platform/dates/dates.ts';
import type { PageRequest } from '../../platform/db/keyset.ts';
import type { Tx } from '../../platform/db/pool.ts';
import { NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { authorize } from '../../platform/policy/policy.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import { organisationNameText } from '../../platform/i18n/agency-text.ts';
import { listOrganisations } from '../organisations/index.ts';
import { buildReportDocument } from './build.ts';
import type { ReportDocument, ReportLanguage } from './document.ts';
import { createGatherer } from './gather.ts';
import { REPORT_FORMATS, type ReportFormat, type ReportInput } from './inputs.ts';
import { renderReport } from './render/index.ts';
import * as repo from './repository.ts';

export type Recipient = { id: string; slug: string; name: string; nameCy: string | null; type: 'funder' | 'local_authority' };
type Named = { name: string; nameCy: string | null };
export type IssuedReport = repo.ReportRow;

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** "R-2026-0004 v2": the agency's report number (per year of issue) and its version. */
export const referenceOf = (issuedOn: IsoDate, number: number, version: number) => `R-${issuedOn.slice(0, 4)}-${String(number).padStart(4, '0')} v${version}`;

/**
 * Reports to funders and commissioning local authorities. The agency's service manager previews and
 * issues them; an issued report is a snapshot (the document and its three files, byte for byte) that the
 * organisation it was issued to reads and downloads, and nobody else outside the agency (404).
 */
export function createReportsService(runner: UseCaseRunner, options: { clock?: () => Date } = {}) {
  const { run } = runner;
  const clock = options.clock ?? (() => new Date());
  const gatherer = createGatherer(runner, options);

  /** The agency of the person issuing: anyone else finds nothing here. */
  function agencyOf(ctx: RequestContext): { organisationId: string; userId: string } {
    authorize(ctx.actor, 'reports.issue');
    if (ctx.actor.kind !== 'user' || ctx.actor.organisationType !== 'agency') throw new NotFoundError();
    return { organisationId: ctx.actor.organisationId, userId: ctx.actor.userId };
  }

  async function recipientsIn(tx: Tx): Promise<{ recipients: Recipient[]; names: Map<string, Named> }> {
    const all = (await listOrganisations(tx)).items;
    const recipients = all
      .filter((o) => o.type === 'funder' || o.type === 'local_authority')
      .map((o) => ({ id: o.id, slug: o.slug, name: o.name, nameCy: o.nameCy, type: o.type as Recipient['type'] }))
      .sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name));
    return { recipients, names: new Map(all.map((o) => [o.id, { name: o.name, nameCy: o.nameCy }])) };
  }

  /** The funders and local authorities a report may be issued to (the form's choice). */
  async function recipients(ctx: RequestContext): Promise<Recipient[]> {
    return run(ctx, async (tx) => {
      agencyOf(ctx);
      return (await recipientsIn(tx)).recipients;
    });
  }

  /** Checks the input and gathers the report's facts; `reference` is null for a preview. */
  async function prepare(ctx: RequestContext, input: ReportInput) {
    const found = await run(ctx, async (tx) => {
      const { organisationId } = agencyOf(ctx);
      const { recipients: choices, names } = await recipientsIn(tx);
      return { organisationId, recipient: choices.find((r) => r.slug === input.organisation), issuer: names.get(organisationId) };
    });
    const organisationId = found.organisationId;
    if (input.to > dateInWales(clock())) throw new ValidationError([{ field: 'to', key: 'reports:errors.to.inFuture' }]);
    if (!found.recipient) throw new ValidationError([{ field: 'organisation', key: 'reports:errors.organisation.unknown' }]);
    const recipient = found.recipient;
    const gathered = await gatherer.gather(ctx, {
      agencyId: organisationId,
      from: input.from,
      to: input.to,
      localAuthorityId: recipient.type === 'local_authority' ? recipient.id : undefined,
    });
    const document = (reference: string | null, issuedOn: string | null) =>
      buildReportDocument(gathered.facts, {
        language: input.language,
        // Named in the report's language (not the reader's): a Welsh report names them in Welsh when they have a Welsh name.
        recipient: organisationNameText(recipient, input.language),
        issuer: found.issuer ? organisationNameText(found.issuer, input.language) : '',
        period: { from: input.from, to: input.to },
        reference,
        issuedOn,
        disclosure: gathered.disclosure,
      });
    return { organisationId, recipient, document };
  }

  /** The report as it would be issued, for the browser: nothing stored; the preview is audited. */
  async function preview(ctx: RequestContext, input: ReportInput): Promise<{ recipient: Recipient; document: ReportDocument }> {
    const { recipient, document } = await prepare(ctx, input);
    await runner.recordStandalone(ctx, {
      action: 'reports.issue',
      resourceType: 'report',
      detail: { event: 'previewed', recipient: recipient.id, from: input.from, to: input.to, language: input.language },
    });
    return { recipient, document: document(null, null) };
  }

  /**
   * Issues the report: numbers it (a new version when the same recipient, period and language were
   * issued before), renders the PDF, XLSX and CSV files from the one document and stores them, byte for
   * byte, with their SHA-256, all in one transaction with the audit row that carries the checksums.
   */
  async function issue(ctx: RequestContext, input: ReportInput): Promise<{ id: string; reference: string }> {
    const { organisationId, recipient, document } = await prepare(ctx, input);
    return run(ctx, async (tx) => {
      const { userId } = agencyOf(ctx);
      const series = { organisationId, recipientOrganisationId: recipient.id, periodFrom: input.from, periodTo: input.to, language: input.language };
      const { number, version } = await repo.nextNumber(tx, series);
      const issuedAt = clock();
      const issuedOn = dateInWales(issuedAt);
      const reference = referenceOf(issuedOn, number, version);
      const doc = document(reference, issuedOn);
      const { id } = await repo.insertReport(tx, {
        ...series,
        number,
        version,
        reference,
        document: doc,
        issuedBy: userId,
        issuedAt,
      });
      const sums: Record<string, string> = {};
      for (const format of REPORT_FORMATS) {
        const file = await renderReport(doc, format, { at: issuedAt });
        sums[format] = sha256(file.bytes);
        await repo.insertFile(tx, {
          reportId: id,
          format,
          organisationId,
          recipientOrganisationId: recipient.id,
          contentType: file.contentType,
          fileName: file.fileName,
          sha256: sums[format],
          size: file.bytes.length,
          bytes: file.bytes,
        });
      }
      await recordAudit(tx, ctx, {
        action: 'reports.issue',
        resourceType: 'report',
        resourceId: id,
        detail: { event: 'issued', reference, recipient: recipient.id, from: input.from, to: input.to, language: input.language, ...sums },
      });
      return { id, reference };
    });
  }

  /** Loads a report and asserts the reader may see it: the issuing agency, or the organisation it was issued to; anyone else 404. */
  async function load(tx: Tx, ctx: RequestContext, id: string) {
    const report = /^[0-9a-f-]{36}$/i.test(id) ? await repo.getReport(tx, id) : undefined;
    if (!report) throw new NotFoundError();
    authorize(ctx.actor, 'reports.view', {
      type: 'report',
      id,
      organisationId: report.organisationId,
      sharedWithOrganisationIds: [report.recipientOrganisationId],
    });
    return report;
  }

  /** The reports the reader's organisation issued or was issued, newest first. */
  async function list(ctx: RequestContext, page: PageRequest) {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'reports.view');
      if (ctx.actor.kind !== 'user') throw new NotFoundError();
      const answer = await repo.listReports(tx, ctx.actor.organisationId, page);
      const files = new Map(await Promise.all(answer.items.map(async (r) => [r.id, await repo.filesOf(tx, r.id)] as const)));
      await recordAudit(tx, ctx, { action: 'reports.view', resourceType: 'report', detail: { listed: answer.items.length } });
      return { ...answer, items: answer.items.map((r) => ({ ...r, files: files.get(r.id) ?? [] })) };
    });
  }

  /** One issued report: its document as issued and its files (without their bytes). */
  async function get(ctx: RequestContext, id: string) {
    try {
      return await run(ctx, async (tx) => {
        const report = await load(tx, ctx, id);
        const files = await repo.filesOf(tx, id);
        await recordAudit(tx, ctx, { action: 'reports.view', resourceType: 'report', resourceId: id });
        const { document, ...row } = report;
        return { ...row, language: row.language as ReportLanguage, document: document as unknown as ReportDocument, files };
      });
    } catch (error) {
      if (error instanceof NotFoundError)
        await runner.recordStandalone(ctx, { action: 'reports.view', resourceType: 'report', resourceId: id, outcome: 'not_found' });
      throw error;
    }
  }

  /** The stored bytes of one file of an issued report, audited with its checksum. */
  async function download(ctx: RequestContext, id: string, format: ReportFormat) {
    try {
      return await run(ctx, async (tx) => {
        const report = await load(tx, ctx, id);
        const file = await repo.fileBytes(tx, id, format);
        if (!file) throw new NotFoundError();
        await recordAudit(tx, ctx, {
          action: 'reports.view',
          resourceType: 'report',
          resourceId: id,
          detail: { event: 'downloaded', format, sha256: file.sha256 },
        });
        return { ...file, reference: report.reference, language: report.language };
      });
    } catch (error) {
      if (error instanceof NotFoundError)
        await runner.recordStandalone(ctx, { action: 'reports.view', resourceType: 'report', resourceId: id, outcome: 'not_found' });
      throw error;
    }
  }

  return { recipients, preview, issue, list, get, download };
}

export type ReportsService = ReturnType<typeof createReportsService>;

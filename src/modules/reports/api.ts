import { reportDisposition } from './download-name.ts';
import { z } from 'zod';
import { route } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { fields } from '../../platform/http/validation.ts';
import { pageAnswer, pageQuery } from '../../platform/http/cursor.ts';
import { REPORT_FORMATS, reportInput } from './inputs.ts';
import type { ReportFileRow, ReportRow } from './repository.ts';
import { reportDetail, reportDownload, reportPage } from './responses.ts';

const idParams = z.object({ id: fields.uuid() });

/** A file's checksum as HTTP carries it: Content-Digest (RFC 9530) and Digest (RFC 3230), base64 of the SHA-256. */
export function digestHeaders(sha256Hex: string): Record<string, string> {
  const base64 = Buffer.from(sha256Hex, 'hex').toString('base64');
  return { digest: `sha-256=${base64}`, 'content-digest': `sha-256=:${base64}:` };
}

/** An issued report as the API answers it. */
export function reportAnswer(report: ReportRow & { files: ReportFileRow[] }) {
  return {
    id: report.id,
    reference: report.reference,
    number: report.number,
    version: report.version,
    organisation: { id: report.recipientOrganisationId, name: report.recipientName },
    from: report.periodFrom,
    to: report.periodTo,
    language: report.language as 'en' | 'cy',
    issuedAt: report.issuedAt,
    files: report.files.map((f) => ({
      format: f.format as (typeof REPORT_FORMATS)[number],
      contentType: f.contentType,
      fileName: f.fileName,
      size: f.size,
      sha256: f.sha256,
      download: `/api/v1/reports/${report.id}/download?format=${f.format}`,
    })),
  };
}

/** The reports API: issued reports, issuing one, and their files, over the same service calls as the pages. */
export function reportsApiRoutes(services: Services) {
  const reports = services.reports;
  return [
    route({
      method: 'GET',
      url: '/api/v1/reports',
      kind: 'api',
      action: 'reports.view',
      summary: 'Issued reports: those your agency issued, or those issued to your organisation; newest first (keyset-paginated)',
      query: pageQuery,
      response: reportPage,
      handler: async (call) => {
        const page = await reports.list(call.ctx, { limit: call.query.limit, after: call.query.cursor });
        return pageAnswer({ items: page.items.map(reportAnswer), next: page.next });
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/reports',
      kind: 'api',
      action: 'reports.issue',
      summary: 'Issue a report to a funder or commissioning local authority (by organisation slug) for a period, in English or Welsh',
      body: reportInput,
      successStatus: 201,
      response: reportDetail,
      handler: async (call) => {
        const issued = await reports.issue(call.ctx, call.body);
        const found = await reports.get(call.ctx, issued.id);
        call.reply.header('location', `/api/v1/reports/${issued.id}`);
        return { ...reportAnswer(found), document: found.document };
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/reports/:id',
      kind: 'api',
      action: 'reports.view',
      summary: 'An issued report: its reference, version, recipient, period, language, files with their SHA-256, and the document as issued',
      params: idParams,
      response: reportDetail,
      handler: async (call) => {
        const found = await reports.get(call.ctx, call.params.id);
        return { ...reportAnswer(found), document: found.document };
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/reports/:id/download',
      kind: 'api',
      action: 'reports.view',
      summary: 'One file of an issued report, byte for byte as issued, with its SHA-256 in Content-Digest and Digest',
      params: idParams,
      query: z.object({ format: z.enum(REPORT_FORMATS, { error: 'reports:errors.format.unknown' }) }),
      response: reportDownload,
      handler: async (call) => {
        const file = await reports.download(call.ctx, call.params.id, call.query.format);
        call.reply
          .type(file.contentType)
          .headers({ ...digestHeaders(file.sha256), 'content-length': String(file.size), 'cache-control': 'no-store' })
          .header('content-disposition', reportDisposition(call.t, file));
        return file.bytes;
      },
    }),
  ];
}

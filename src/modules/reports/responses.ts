import { z } from 'zod';
import { isoDate, isoTime, pageOf } from '../../platform/http/responses.ts';

/** What the reports API answers (see the OpenAPI document). */
export const reportFileOut = z.object({
  format: z.enum(['pdf', 'xlsx', 'csv']),
  contentType: z.string(),
  fileName: z.string(),
  size: z.number().int().describe('Bytes'),
  sha256: z.string().describe('SHA-256 of the stored bytes, hex'),
  download: z.string().describe('Where the file is downloaded'),
});

export const reportOut = z.object({
  id: z.uuid(),
  reference: z.string().describe('e.g. "R-2026-0004 v2"'),
  number: z.number().int(),
  version: z.number().int().describe('Issuing again for the same organisation, period and language makes the next version'),
  organisation: z.object({ id: z.uuid(), name: z.string() }).describe('The funder or commissioning local authority it was issued to'),
  from: isoDate(),
  to: isoDate(),
  language: z.enum(['en', 'cy']),
  issuedAt: isoTime(),
  files: z.array(reportFileOut),
});
export const reportPage = pageOf(reportOut);
export const reportDetail = reportOut.extend({
  document: z.unknown().describe('The report as issued: sections, headlines, tables (figures through disclosure control), charts, method notes'),
});
/** The download itself: the stored bytes, with their SHA-256 in Content-Digest (RFC 9530) and Digest (RFC 3230). */
export const reportDownload = z.string().describe('The file as issued (PDF, XLSX, or a zip of CSV files with a README)');

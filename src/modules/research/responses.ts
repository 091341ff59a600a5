import { z } from 'zod';
import { isoDate, isoTime, pageOf, rowSchema } from '../../platform/http/responses.ts';
import { researchAgreements, researchExtracts } from './schema.ts';

/** What the research API answers (see the OpenAPI document): rows as the tables hold them, plus the partner's names. */
export const agreementOut = rowSchema(researchAgreements).extend({
  partnerName: z.string(),
  partnerNameCy: z.string().nullable().describe('The research partner’s name in Welsh, when it has one'),
});
export const agreementPage = pageOf(agreementOut);
export const extractOut = rowSchema(researchExtracts).extend({ download: z.string().describe('Where the zip is downloaded') });
export const agreementDetail = agreementOut.extend({
  standing: z.enum(['not_started', 'active', 'ended']),
  versions: z.array(z.object({ version: z.number().int(), changedAt: isoTime(), changedBy: z.uuid().nullable(), terms: z.unknown() })),
  extracts: z.array(extractOut),
});
/** The download itself is a zip (application/zip), streamed, with its SHA-256 in the Digest and Content-Digest headers. */
export const extractZip = z
  .string()
  .describe('The extract as a zip file (application/zip): data.csv, the data dictionary (CSV, JSON), README.txt, MANIFEST-SHA256.txt');
export { isoDate };

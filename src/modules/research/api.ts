import { attachmentDisposition } from '../../platform/http/download.ts';
import { z } from 'zod';
import { route } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { fields } from '../../platform/http/validation.ts';
import { pageAnswer, pageQuery } from '../../platform/http/cursor.ts';
import { setEtag } from '../../platform/http/versioning.ts';
import { agreementInput, agreementPatch, extractInput } from './inputs.ts';
import { agreementDetail, agreementOut, agreementPage, extractOut, extractZip } from './responses.ts';
import type { Extract } from './service.ts';

const idParams = z.object({ id: fields.uuid() });
const withLink = (extract: Extract) => ({ ...extract, download: `/api/v1/research/extracts/${extract.id}/download` });

/** The zip's checksum as HTTP carries it: Digest (RFC 3230) and Content-Digest (RFC 9530), base64 of the SHA-256. */
export function digestHeaders(sha256Hex: string): Record<string, string> {
  const base64 = Buffer.from(sha256Hex, 'hex').toString('base64');
  return { digest: `sha-256=${base64}`, 'content-digest': `sha-256=:${base64}:` };
}

/** The research API: agreements, extracts and their downloads, over the same service calls as the pages. */
export function researchApiRoutes(services: Services) {
  const research = services.research;
  return [
    route({
      method: 'GET',
      url: '/api/v1/research/agreements',
      kind: 'api',
      action: 'researchAgreements.view',
      summary: 'Data-sharing agreements: those your agency made, or those naming your research organisation; newest first (keyset-paginated)',
      query: pageQuery,
      response: agreementPage,
      handler: async (call) => pageAnswer(await research.pageAgreements(call.ctx, { limit: call.query.limit, after: call.query.cursor })),
    }),
    route({
      method: 'POST',
      url: '/api/v1/research/agreements',
      kind: 'api',
      action: 'researchAgreements.create',
      summary: 'Make a data-sharing agreement with a research partner (fields chosen from the data dictionary)',
      body: agreementInput,
      successStatus: 201,
      response: agreementOut,
      handler: async (call) => {
        const created = await research.createAgreement(call.ctx, call.body);
        call.reply.header('location', `/api/v1/research/agreements/${created.id}`);
        setEtag(call.reply, created.version);
        return created;
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/research/agreements/:id',
      kind: 'api',
      action: 'researchAgreements.view',
      summary: 'An agreement with its versions, whether it is active, and the extracts your organisation made under it',
      params: idParams,
      response: agreementDetail,
      handler: async (call) => {
        const found = await research.getAgreement(call.ctx, call.params.id);
        setEtag(call.reply, found.agreement.version);
        return {
          ...found.agreement,
          standing: found.standing,
          versions: found.versions.map((v) => ({ version: v.version, changedAt: v.changedAt, changedBy: v.changedBy, terms: v.terms })),
          extracts: found.extracts.map(withLink),
        };
      },
    }),
    route({
      method: 'PATCH',
      url: '/api/v1/research/agreements/:id',
      kind: 'api',
      action: 'researchAgreements.amend',
      summary: 'Amend an agreement (If-Match required; a stale version answers 412): each amendment is a new version, kept',
      params: idParams,
      body: agreementPatch,
      response: agreementOut,
      versioned: {},
      handler: async (call, version) => {
        const { version: _sent, ...patch } = call.body;
        return research.amendAgreement(call.ctx, call.params.id, patch, version);
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/research/agreements/:id/extracts',
      kind: 'api',
      action: 'researchExtracts.create',
      summary: 'Make a pseudonymised extract under an active agreement (all its fields, or those named); refused after its end date or for a field outside it',
      params: idParams,
      body: extractInput,
      successStatus: 201,
      response: extractOut,
      handler: async (call) => {
        const extract = await research.createExtract(call.ctx, call.params.id, call.body);
        call.reply.header('location', `/api/v1/research/extracts/${extract.id}`);
        return withLink(extract);
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/research/extracts/:id',
      kind: 'api',
      action: 'researchExtracts.download',
      summary: 'An extract’s record: its agreement and version, fields, date, number of children and SHA-256',
      params: idParams,
      response: extractOut,
      handler: async (call) => withLink(await research.getExtract(call.ctx, call.params.id)),
    }),
    route({
      method: 'GET',
      url: '/api/v1/research/extracts/:id/download',
      kind: 'api',
      action: 'researchExtracts.download',
      summary: 'The extract’s zip, byte for byte as made, with its SHA-256 in Digest and Content-Digest (refused once the agreement has ended)',
      params: idParams,
      response: extractZip,
      handler: async (call) => {
        const { extract, stream } = await research.openDownload(call.ctx, call.params.id);
        call.reply
          .type('application/zip')
          .headers({ ...digestHeaders(extract.sha256), 'content-length': String(extract.bytes), 'cache-control': 'no-store' })
          .header('content-disposition', attachmentDisposition(`${call.t('fileNames.researchExtract')}-${extract.asOf}-${extract.id.slice(0, 8)}.zip`));
        return stream;
      },
    }),
  ];
}

import { z } from 'zod';
import { DOCUMENT_VISIBILITIES } from '../../platform/policy/document-visibility.ts';
import type { CaseDocument } from './service.ts';
import { documentHref } from './service.ts';
import { CASE_DOCUMENT_KINDS, OWNER_KINDS, type OwnerKind } from './vocabulary.ts';

/** The API's shapes of case documents (the OpenAPI document is generated from them). */
const versionOut = z.object({
  version: z.number().int(),
  filename: z.string(),
  contentType: z.string(),
  byteSize: z.number().int(),
  sha256: z.string().describe('SHA-256 of the file, hex; verified on every download'),
  uploadedAt: z.string().describe('ISO 8601 instant'),
  uploadedBy: z.string().nullable().describe('Name of who uploaded it, when the reader may see them'),
  href: z.string(),
});

export const caseDocumentOut = z.object({
  id: z.uuid(),
  kind: z.enum(CASE_DOCUMENT_KINDS),
  title: z.string(),
  documentDate: z.string().describe('Date of the document itself, YYYY-MM-DD'),
  visibility: z.enum(DOCUMENT_VISIBILITIES),
  version: z.number().int().describe('The record’s version: send it to add a new version of the file'),
  versions: z.array(versionOut).describe('Every version, newest first; none is ever removed'),
});

export const caseDocumentListOut = z.object({
  owner: z.object({ kind: z.enum(OWNER_KINDS), id: z.uuid() }),
  documents: z.array(caseDocumentOut),
});

export const caseDocumentFileOut = z.string().describe('The file as stored, byte for byte (its SHA-256 in the Digest header)');

export function caseDocumentToJson(d: CaseDocument, owner: { kind: OwnerKind; id: string }): z.infer<typeof caseDocumentOut> {
  return {
    id: d.id,
    kind: d.kind,
    title: d.title,
    documentDate: d.documentDate,
    visibility: d.visibility,
    version: d.version,
    versions: d.versions.map((v) => ({ ...v, uploadedAt: v.uploadedAt.toISOString(), href: `/api/v1${documentHref(owner.kind, owner.id, d.id, v.version)}` })),
  };
}

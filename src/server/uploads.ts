import type { FastifyRequest } from 'fastify';
import type { StoredFile } from '../platform/documents/store.ts';
import { attachmentDisposition } from '../platform/http/download.ts';
import { DomainError, type FieldError } from '../platform/http/errors.ts';
import type { Call } from './route.ts';

/** The name a browser gave the uploaded file of a request (multipart keyValues keeps only its bytes). */
export const uploadedFileNames = new WeakMap<FastifyRequest, string>();

export function uploadedFileName(request: FastifyRequest): string | undefined {
  return uploadedFileNames.get(request);
}

/** A refusal of the document store (type, size, scan) as the file field's error, with its status. */
export function storedFileRefusal(error: unknown): { errors: FieldError[]; status: number } | undefined {
  if (error instanceof DomainError && error.key.startsWith('documents:errors.') && error.status < 500) {
    return { errors: [{ field: 'file', key: error.key, params: error.params }], status: error.status };
  }
  return undefined;
}

/**
 * Sends a file of the document store: as an attachment (never shown inline), with its recorded type and
 * name, and its SHA-256 in a Digest header so a client can check what it received.
 */
export function sendStoredFile(call: Call, file: StoredFile) {
  return call.reply
    .type(file.contentType)
    .header('content-disposition', attachmentDisposition(file.filename))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .header('digest', `sha-256=${Buffer.from(file.sha256, 'hex').toString('base64')}`)
    .send(file.bytes);
}

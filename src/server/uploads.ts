import type { FastifyRequest } from 'fastify';

/** The name a browser gave the uploaded file of a request (multipart keyValues keeps only its bytes). */
export const uploadedFileNames = new WeakMap<FastifyRequest, string>();

export function uploadedFileName(request: FastifyRequest): string | undefined {
  return uploadedFileNames.get(request);
}

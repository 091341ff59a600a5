import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConflictError, DomainError, PreconditionFailedError } from './errors.ts';

/** Strong ETag of a versioned record. */
export function etagFor(version: number): string {
  return `"v${version}"`;
}

export function setEtag(reply: FastifyReply, version: number): void {
  reply.header('etag', etagFor(version));
}

/** A record an API request has just created: where it now lives (Location) and its version (ETag). */
export function created<T extends { version: number }>(reply: FastifyReply, location: string, record: T): T {
  reply.header('location', location);
  setEtag(reply, record.version);
  return record;
}

/**
 * The version an API edit is based on: from If-Match (preferred) or a `version` field.
 * Neither given: 428, so no client can overwrite blindly.
 */
export function versionFromRequest(request: FastifyRequest, bodyVersion: number | undefined): number {
  const header = request.headers['if-match'];
  if (typeof header === 'string' && header.length > 0) {
    const match = header.match(/^(?:W\/)?"v(\d+)"$/);
    // A version beyond the integer column's range cannot be the current one.
    if (!match || Number(match[1]) > 2147483647) throw new PreconditionFailedError();
    return Number(match[1]);
  }
  if (bodyVersion !== undefined) return bodyVersion;
  throw new DomainError(428, 'errors.preconditionRequired.body');
}

/** Runs an API edit: a stale version (the pages' 409) becomes the API's 412 Precondition Failed. */
export async function withPrecondition<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ConflictError) throw new PreconditionFailedError(error.currentVersion);
    throw error;
  }
}

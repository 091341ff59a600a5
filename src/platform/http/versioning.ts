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
 * What an edit is based on: any current version (`If-Match: *`), or one of the versions listed.
 * An empty list means no tag given could ever match (only weak or foreign tags): 412 whatever the record.
 */
export type Precondition = { any: true } | { any: false; versions: number[] };

const MAX_VERSION = 2147483647;

/**
 * Parses If-Match as RFC 9110 §13.1.1 reads it: `*`, or a comma-separated list of entity tags
 * compared strongly, so a weak tag (`W/"v3"`) never matches. Undefined when the header is malformed.
 */
export function parseIfMatch(header: string): Precondition | undefined {
  const value = header.trim();
  if (value === '*') return { any: true };
  const versions: number[] = [];
  // An entity tag is an optional W/ and a quoted string without quotes inside (etagc).
  const tag = /\s*(W\/)?"([^"]*)"\s*(?:,|$)/y;
  let at = 0;
  while (at < value.length) {
    tag.lastIndex = at;
    const match = tag.exec(value);
    if (!match) return undefined;
    at = tag.lastIndex;
    const [, weak, opaque] = match;
    const version = /^v(\d{1,10})$/.exec(opaque!);
    // Weak tags and tags we never issued cannot match any version; a number past the column's range neither.
    if (!weak && version && Number(version[1]) <= MAX_VERSION) versions.push(Number(version[1]));
  }
  if (at === 0) return undefined;
  return { any: false, versions };
}

/** True when the record's current version satisfies the precondition (strong comparison). */
export function satisfies(precondition: Precondition, current: number): boolean {
  return precondition.any || precondition.versions.includes(current);
}

/**
 * The precondition of an API edit: from If-Match (preferred) or a `version` field of the body.
 * Neither given: 428, so no client can overwrite blindly. A malformed If-Match, or one listing
 * only weak tags, can match nothing: 412.
 */
export function preconditionFromRequest(request: FastifyRequest, bodyVersion: number | undefined): Precondition {
  const header = request.headers['if-match'];
  if (typeof header === 'string' && header.trim().length > 0) {
    const parsed = parseIfMatch(header);
    if (!parsed || (!parsed.any && parsed.versions.length === 0)) throw new PreconditionFailedError();
    return parsed;
  }
  if (bodyVersion !== undefined) return { any: false, versions: [bodyVersion] };
  throw new DomainError(428, 'errors.preconditionRequired.body');
}

/**
 * Runs an API edit under its precondition. Services compare one version atomically, so the edit is
 * tried with the first version listed; when it proves stale and the version it found satisfies the
 * precondition (`*`, or another tag of the list), it runs once more on that version. A stale version
 * otherwise (the pages' 409) becomes the API's 412 Precondition Failed.
 *
 * `onlyStale` keeps conflicts that are not about the version (an action already done) as 409.
 */
export async function withPrecondition<T>(
  precondition: Precondition,
  work: (version: number) => Promise<T>,
  options: { onlyStale?: boolean } = {},
): Promise<T> {
  // No version is below 0 (a formulation not yet written is v0): a first try that `*` cannot lose to.
  let version = precondition.any ? -1 : precondition.versions[0]!;
  for (let attempt = 0; ; attempt++) {
    try {
      return await work(version);
    } catch (error) {
      // Some services answer a stale version with 412 themselves; both carry the version they found.
      if (!(error instanceof ConflictError) && !(error instanceof PreconditionFailedError)) throw error;
      if (error instanceof ConflictError && options.onlyStale && error.key !== 'errors.conflict.body') throw error;
      const current = error.currentVersion;
      // Another edit may land between two tries: a few more tries, then say so.
      if (current !== undefined && current !== version && satisfies(precondition, current) && attempt < 3) {
        version = current;
        continue;
      }
      throw new PreconditionFailedError(current);
    }
  }
}

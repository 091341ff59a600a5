import { createHash } from 'node:crypto';

/** The fields of an audit row that the hash covers, in a fixed order. */
export type AuditFields = {
  at: string;
  userId: string | null;
  organisationId: string | null;
  role: string | null;
  action: string;
  resourceType: string | null;
  resourceId: string | null;
  outcome: string;
  requestId: string | null;
  channel: string;
  detail: Record<string, unknown> | null;
};

export const GENESIS_HASH = '0'.repeat(64);

/** hash = sha256(prev_hash || canonical row). Any later change to a row breaks every link after it. */
export function chainHash(prevHash: string, row: AuditFields): string {
  const canonical = JSON.stringify([
    row.at,
    row.userId,
    row.organisationId,
    row.role,
    row.action,
    row.resourceType,
    row.resourceId,
    row.outcome,
    row.requestId,
    row.channel,
    row.detail ? sortKeys(row.detail) : null,
  ]);
  return createHash('sha256').update(prevHash).update(canonical).digest('hex');
}

function sortKeys(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, value[k]]),
  );
}

export type ChainBreak = { id: number; expected: string; found: string };

/** Walks rows in id order and returns the first row whose links do not hold, if any. */
export function findBreak(
  rows: Iterable<AuditFields & { id: number; prevHash: string; hash: string }>,
  startHash = GENESIS_HASH,
  startId = 0,
): ChainBreak | undefined {
  let prev = startHash;
  let previousId = startId;
  for (const row of rows) {
    // Ids are gapless: a missing number is a deleted row.
    if (row.id !== previousId + 1) return { id: previousId + 1, expected: prev, found: 'missing' };
    previousId = row.id;
    if (row.prevHash !== prev) return { id: row.id, expected: prev, found: row.prevHash };
    const expected = chainHash(prev, row);
    if (row.hash !== expected) return { id: row.id, expected, found: row.hash };
    prev = row.hash;
  }
  return undefined;
}

import { createHash } from 'node:crypto';
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Tx } from '../db/pool.ts';
import { rateLimitEvents } from './schema.ts';

export type Limit = { bucket: string; max: number; windowMinutes: number };

/**
 * Counts one request against a limit and says whether it is within it. Runs in the caller's
 * (platform) transaction, which holds a lock on the key until it ends; the key (an address) is stored hashed. Old rows of the key are pruned.
 */
export async function withinLimit(tx: Tx, limit: Limit, rawKey: string, now = new Date()): Promise<boolean> {
  const key = createHash('sha256').update(`${limit.bucket}:${rawKey}`).digest('hex');
  const since = new Date(now.getTime() - limit.windowMinutes * 60_000);
  // Requests with one key count one after another (until the transaction ends), in every app
  // process: two at once can never both see room for one more.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`limit:${key}`}, 0))`);
  await tx.delete(rateLimitEvents).where(and(eq(rateLimitEvents.bucket, limit.bucket), eq(rateLimitEvents.key, key), lt(rateLimitEvents.at, since)));
  const [counted] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(rateLimitEvents)
    .where(and(eq(rateLimitEvents.bucket, limit.bucket), eq(rateLimitEvents.key, key), gt(rateLimitEvents.at, since)));
  if ((counted?.n ?? 0) >= limit.max) return false;
  await tx.insert(rateLimitEvents).values({ bucket: limit.bucket, key, at: now });
  return true;
}

import { asc, inArray, or, eq, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/pool.ts';
import { auditLog } from './schema.ts';

export type AuditEntryAbout = {
  at: Date;
  byThePerson: boolean;
  role: string | null;
  action: string;
  resourceType: string | null;
  resourceId: string | null;
  outcome: string;
  channel: string;
};

/**
 * What the audit log says a person did, and what was done with their records, for their subject
 * access request: when, what, to which record (by id), the outcome; never the detail, and never
 * who else acted (only whether it was the person).
 */
export async function auditEntriesAbout(tx: Tx, person: { userId?: string; resourceIds: readonly string[] }): Promise<AuditEntryAbout[]> {
  const conditions: SQL[] = [];
  if (person.userId) conditions.push(eq(auditLog.userId, person.userId));
  if (person.resourceIds.length) conditions.push(inArray(auditLog.resourceId, [...person.resourceIds]));
  if (conditions.length === 0) return [];
  const rows = await tx
    .select()
    .from(auditLog)
    .where(or(...conditions))
    .orderBy(asc(auditLog.id))
    .limit(50_000);
  return rows.map((row) => ({
    at: row.at,
    byThePerson: Boolean(person.userId && row.userId === person.userId),
    role: row.userId === person.userId ? row.role : row.role?.startsWith('system:') ? 'system' : 'staff',
    action: row.action,
    resourceType: row.resourceType,
    resourceId: row.resourceId,
    outcome: row.outcome,
    channel: row.channel,
  }));
}

import { desc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { organisations, users } from '../../platform/auth/schema.ts';
import { childrenSettings } from './schema.ts';

export type ChildrenSettingsRow = typeof childrenSettings.$inferSelect;

/**
 * The newest saved settings of an agency; `null` asks for the partnership's first agency (the one a
 * referral goes to by default), whose settings apply to people outside any agency. One indexed read.
 */
export async function currentSettings(tx: Tx, organisationId: string | null): Promise<ChildrenSettingsRow | undefined> {
  const owner = organisationId
    ? sql`${organisationId}::uuid`
    : sql`(select o.id from ${organisations} o where o.type = 'agency' order by o.created_at limit 1)`;
  const [row] = await tx
    .select()
    .from(childrenSettings)
    .where(sql`${childrenSettings.organisationId} = ${owner}`)
    .orderBy(desc(childrenSettings.version))
    .limit(1);
  return row;
}

export async function insertSettings(tx: Tx, values: typeof childrenSettings.$inferInsert): Promise<ChildrenSettingsRow> {
  const [row] = await tx.insert(childrenSettings).values(values).returning();
  return row!;
}

/** Every saved version of an agency's settings, newest first (the page shows the last few). */
export async function settingsHistory(tx: Tx, organisationId: string, limit = 10) {
  return tx
    .select({ version: childrenSettings.version, changeReason: childrenSettings.changeReason, changedAt: childrenSettings.changedAt, changedByName: users.name })
    .from(childrenSettings)
    .leftJoin(users, eq(users.id, childrenSettings.changedBy))
    .where(eq(childrenSettings.organisationId, organisationId))
    .orderBy(desc(childrenSettings.version))
    .limit(limit);
}

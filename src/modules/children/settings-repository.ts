import { desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { organisations, users } from '../../platform/auth/schema.ts';
import { ConflictError } from '../../platform/http/errors.ts';
import { versionedSetting } from '../../platform/settings/versioned-setting.ts';
import { childrenSettings } from './schema.ts';
import { validateChildrenSettings, type ChildrenSettings } from './settings.ts';

/** The agency's settings for children who wait, one row per version (current, change with a reason, audited). */
export const settingVersions = versionedSetting<ChildrenSettings>({
  table: childrenSettings,
  columns: {
    id: childrenSettings.id,
    organisationId: childrenSettings.organisationId,
    version: childrenSettings.version,
    config: childrenSettings.config,
    changeReason: childrenSettings.changeReason,
    changedAt: childrenSettings.changedAt,
  },
  row: (v) => ({ ...v, changeReason: v.changeReason ?? '' }),
  check: (stored) => {
    const checked = validateChildrenSettings(stored);
    return checked.ok ? { ok: true, value: checked.settings } : checked;
  },
  audit: { action: 'children.configure', resourceType: 'children_settings', versionKey: 'version' },
  stale: (currentVersion) => new ConflictError('children:errors.settings.stale', currentVersion),
});

/**
 * Whose saved settings to read: the agency's; `null` asks for the partnership's first agency (the one a
 * referral goes to by default), whose settings apply to people outside any agency. One indexed read.
 */
export function settingsOwnerOf(organisationId: string | null): string | SQL {
  return organisationId ?? sql`(select o.id from ${organisations} o where o.type = 'agency' order by o.created_at limit 1)`;
}

/** Every saved version of an agency's settings, newest first (the page shows the last few). */
export async function settingsHistory(tx: Tx, organisationId: string, limit = 10) {
  return tx
    .select({
      version: childrenSettings.version,
      changeReason: childrenSettings.changeReason,
      changedAt: childrenSettings.changedAt,
      changedByName: users.name,
    })
    .from(childrenSettings)
    .leftJoin(users, eq(users.id, childrenSettings.changedBy))
    .where(eq(childrenSettings.organisationId, organisationId))
    .orderBy(desc(childrenSettings.version))
    .limit(limit);
}

import { sql, type SQL } from 'drizzle-orm';
import { organisations } from '../../platform/auth/schema.ts';
import { agencySettingVersions } from '../../platform/settings/versioned-setting.ts';
import { childrenSettings } from './schema.ts';
import { validateChildrenSettings, type ChildrenSettings } from './settings.ts';

/**
 * The agency's settings for children who wait, one row per version (current, change with a reason,
 * audited), and the last few versions with who saved each (`history`).
 */
export const settingVersions = agencySettingVersions<ChildrenSettings>({
  table: childrenSettings,
  check: (stored) => {
    const checked = validateChildrenSettings(stored);
    return checked.ok ? { ok: true, value: checked.settings } : checked;
  },
  audit: { action: 'children.configure', resourceType: 'children_settings' },
  namespace: 'children',
});

/**
 * Whose saved settings to read: the agency's; `null` asks for the partnership's first agency (the one a
 * referral goes to by default), whose settings apply to people outside any agency. One indexed read.
 */
export function settingsOwnerOf(organisationId: string | null): string | SQL {
  return organisationId ?? sql`(select o.id from ${organisations} o where o.type = 'agency' order by o.created_at limit 1)`;
}

import { desc, eq } from 'drizzle-orm';
import { users } from '../../platform/auth/schema.ts';
import type { Tx } from '../../platform/db/pool.ts';
import { ConflictError } from '../../platform/http/errors.ts';
import { versionedSetting } from '../../platform/settings/versioned-setting.ts';
import { validateRetentionPeriods, type RetentionPeriods } from './periods.ts';
import { retentionSettings } from './schema.ts';

/** The agency's retention periods, one row per version (current, change with a reason, audited). */
export const retentionPeriodVersions = versionedSetting<RetentionPeriods>({
  table: retentionSettings,
  columns: {
    id: retentionSettings.id,
    organisationId: retentionSettings.organisationId,
    version: retentionSettings.version,
    config: retentionSettings.config,
    changeReason: retentionSettings.changeReason,
    changedAt: retentionSettings.changedAt,
  },
  row: (v) => ({ ...v, changeReason: v.changeReason ?? '' }),
  check: validateRetentionPeriods,
  audit: { action: 'retention.configure', resourceType: 'retention_settings', versionKey: 'version' },
  stale: (currentVersion) => new ConflictError('retention:errors.settings.stale', currentVersion),
});

/** The last versions of the agency's periods, newest first, with who saved each (the page's history). */
export async function retentionSettingsHistory(tx: Tx, organisationId: string, limit = 5) {
  return tx
    .select({
      version: retentionSettings.version,
      changeReason: retentionSettings.changeReason,
      changedAt: retentionSettings.changedAt,
      changedByName: users.name,
    })
    .from(retentionSettings)
    .leftJoin(users, eq(users.id, retentionSettings.changedBy))
    .where(eq(retentionSettings.organisationId, organisationId))
    .orderBy(desc(retentionSettings.version))
    .limit(limit);
}

import { agencySettingVersions } from '../../platform/settings/versioned-setting.ts';
import { validateRetentionPeriods, type RetentionPeriods } from './periods.ts';
import { retentionSettings } from './schema.ts';

/** The agency's retention periods, one row per version (current, change with a reason, audited). */
export const retentionPeriodVersions = agencySettingVersions<RetentionPeriods>({
  table: retentionSettings,
  check: validateRetentionPeriods,
  audit: { action: 'retention.configure', resourceType: 'retention_settings' },
  namespace: 'retention',
});

/** The last versions of the agency's periods, newest first, with who saved each (the page's history). */
export const retentionSettingsHistory = retentionPeriodVersions.history;

import { PreconditionFailedError } from '../../platform/http/errors.ts';
import { versionedSetting } from '../../platform/settings/versioned-setting.ts';
import { validateMatchingConfig, type MatchingConfig } from './matching-config.ts';
import { matchingConfigs } from './schema.ts';

/** The agency's matching weights and distances, one row per version (current, change with a reason, audited). */
export const configVersions = versionedSetting<MatchingConfig>({
  table: matchingConfigs,
  columns: {
    id: matchingConfigs.id,
    organisationId: matchingConfigs.organisationId,
    version: matchingConfigs.configVersion,
    config: matchingConfigs.config,
    changeReason: matchingConfigs.changeReason,
    changedAt: matchingConfigs.changedAt,
  },
  row: ({ version, ...rest }) => ({ ...rest, configVersion: version }),
  check: (stored) => {
    const checked = validateMatchingConfig(stored);
    return checked.ok ? { ok: true, value: checked.config } : checked;
  },
  audit: { action: 'matching.configure', resourceType: 'matching_config', versionKey: 'configVersion' },
  stale: (currentVersion) => new PreconditionFailedError(currentVersion),
});

import { ConflictError } from '../../platform/http/errors.ts';
import { versionedSetting } from '../../platform/settings/versioned-setting.ts';
import { trainingSettings } from './schema.ts';
import { validateTrainingSettings, type TrainingSettings } from './settings.ts';

/** The agency's training settings, one row per version (current, change with a reason, audited). */
export const trainingSettingVersions = versionedSetting<TrainingSettings>({
  table: trainingSettings,
  columns: {
    id: trainingSettings.id,
    organisationId: trainingSettings.organisationId,
    version: trainingSettings.version,
    config: trainingSettings.config,
    changeReason: trainingSettings.changeReason,
    changedAt: trainingSettings.changedAt,
  },
  row: (v) => ({ ...v, changeReason: v.changeReason ?? '' }),
  check: validateTrainingSettings,
  audit: { action: 'training.configure', resourceType: 'training_settings', versionKey: 'version' },
  stale: (currentVersion) => new ConflictError('training:errors.settings.stale', currentVersion),
});

import { agencySettingVersions } from '../../platform/settings/versioned-setting.ts';
import { trainingSettings } from './schema.ts';
import { validateTrainingSettings, type TrainingSettings } from './settings.ts';

/** The agency's training settings, one row per version (current, change with a reason, audited). */
export const trainingSettingVersions = agencySettingVersions<TrainingSettings>({
  table: trainingSettings,
  check: validateTrainingSettings,
  audit: { action: 'training.configure', resourceType: 'training_settings' },
  namespace: 'training',
});

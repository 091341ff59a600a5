import type { Tx } from '../../platform/db/pool.ts';
import { ValidationError } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { changeReasonOf, settingAgencyOf } from '../../platform/settings/setting-form.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import { trainingSettingVersions } from './settings-repository.ts';
import { validateTrainingSettings, type TrainingSettings } from './settings.ts';

/** How many days before a session this agency's booked places are reminded: its saved setting, else the server's default. */
export async function reminderDaysOf(tx: Tx, organisationId: string, defaultDays: number): Promise<number> {
  const saved = await trainingSettingVersions.current(tx, organisationId);
  return saved.value?.reminderDays ?? defaultDays;
}

/** The agency's settings page is for its own service manager and administrator: anyone else finds nothing here. */
const agencyOf = (ctx: RequestContext) => settingAgencyOf(ctx, 'training.configure');

/**
 * The agency's training settings, versioned and audited like the children's settings. The server's
 * TRAINING_REMINDER_DAYS (`defaultDays`) is only the default for an agency that has saved none.
 */
export function createTrainingSettingsService(runner: UseCaseRunner, defaultDays: number) {
  const defaults: TrainingSettings = { reminderDays: defaultDays };

  async function current(ctx: RequestContext) {
    return runner.run(ctx, async (tx) => {
      const { organisationId } = agencyOf(ctx);
      const saved = await trainingSettingVersions.current(tx, organisationId);
      return { settings: saved.value ?? defaults, defaults, version: saved.version, changedAt: saved.changedAt, changeReason: saved.changeReason };
    });
  }

  /**
   * A new version of the settings. `version` is the one the person read (0 before any was saved);
   * a stale one is refused with ConflictError (409 on the page, 412 on the API) and nothing is saved.
   * A reason is required: the history says why the agency reminds families when it does.
   */
  async function change(ctx: RequestContext, input: unknown, changeReason: string | null, version: number) {
    return runner.run(ctx, async (tx) => {
      const { organisationId, userId } = agencyOf(ctx);
      const checked = validateTrainingSettings(input);
      const { reason, errors: reasonErrors } = changeReasonOf(changeReason, 'training');
      const errors = [...(checked.ok ? [] : checked.errors), ...reasonErrors];
      if (errors.length || !checked.ok) throw new ValidationError(errors);
      const row = await trainingSettingVersions.change(tx, ctx, organisationId, checked.value, reason, version, userId);
      return { settings: checked.value, version: row.version };
    });
  }

  return { current, change };
}

export type TrainingSettingsService = ReturnType<typeof createTrainingSettingsService>;

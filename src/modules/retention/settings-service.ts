import { ValidationError } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { changeReasonOf, settingAgencyOf } from '../../platform/settings/setting-form.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import { defaultPeriods, validateRetentionPeriods, type RetentionPeriods } from './periods.ts';
import * as repo from './repository.ts';
import { retentionPeriodVersions, retentionSettingsHistory } from './settings-repository.ts';

/**
 * The agency's own retention periods, versioned and audited like its children's and training
 * settings: its service manager (or administrator) changes them with a reason, on the version they
 * read (a stale one is refused: 409 on the page). Until the agency saves, the classes' periods apply.
 */
export function createRetentionSettingsService(runner: UseCaseRunner) {
  async function current(ctx: RequestContext) {
    return runner.run(ctx, async (tx) => {
      const { organisationId } = settingAgencyOf(ctx, 'retention.configure');
      const saved = await retentionPeriodVersions.current(tx, organisationId);
      const defaults = defaultPeriods(await repo.classes(tx));
      const history = await retentionSettingsHistory(tx, organisationId);
      return { periods: saved.value ?? defaults, defaults, version: saved.version, changedAt: saved.changedAt, changeReason: saved.changeReason, history };
    });
  }

  async function change(
    ctx: RequestContext,
    input: unknown,
    changeReason: string | null,
    version: number,
  ): Promise<{ periods: RetentionPeriods; version: number }> {
    return runner.run(ctx, async (tx) => {
      const { organisationId, userId } = settingAgencyOf(ctx, 'retention.configure');
      const checked = validateRetentionPeriods(input);
      const { reason, errors: reasonErrors } = changeReasonOf(changeReason, 'retention');
      const errors = [...(checked.ok ? [] : checked.errors), ...reasonErrors];
      if (errors.length || !checked.ok) throw new ValidationError(errors);
      const row = await retentionPeriodVersions.change(tx, ctx, organisationId, checked.value, reason, version, userId);
      return { periods: checked.value, version: row.version };
    });
  }

  return { current, change };
}

export type RetentionSettingsService = ReturnType<typeof createRetentionSettingsService>;

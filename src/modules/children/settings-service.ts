import { recordAudit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/pool.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import type { Actor, RequestContext } from '../../platform/policy/actor.ts';
import { changeReasonOf, settingAgencyOf } from '../../platform/settings/setting-form.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import * as acesRepo from './aces-repository.ts';
import { STANDARD_ACES } from './aces.ts';
import { DEFAULT_CHILDREN_CONFIG, type ChildrenConfig } from './config.ts';
import * as settingsRepo from './settings-repository.ts';
import { settingsOf, validateChildrenSettings, withSettings, type AceCategoryInput, type AceCategoryNames, type ChildrenSettings } from './settings.ts';

/**
 * Whose settings apply to this person: an agency's people work to their own agency's; everyone else
 * (a local authority's clocks, a funder's suppressed figures) to the partnership's agency (null).
 */
export function settingsOwner(actor: Actor): string | null {
  return actor.kind === 'user' && actor.organisationType === 'agency' ? actor.organisationId : null;
}

/**
 * The configuration the children's rules use in this transaction: the agency's saved settings over
 * the defaults, or the defaults when nothing is saved (or what is stored no longer validates).
 * One indexed read; call it once per use case and pass the result to the pure rules.
 */
export async function loadChildrenConfig(tx: Tx, organisationId: string | null, defaults: ChildrenConfig = DEFAULT_CHILDREN_CONFIG): Promise<ChildrenConfig> {
  const saved = await settingsRepo.settingVersions.current(tx, settingsRepo.settingsOwnerOf(organisationId));
  return saved.value ? withSettings(defaults, saved.value) : defaults;
}

/** The agency's own settings pages are for its own people: anyone else finds nothing here. */
const agencyOf = settingAgencyOf;

/**
 * The agency's settings for children who wait, versioned and audited like the matching settings,
 * and its extended ACE categories (added, renamed, retired and reinstated; never deleted).
 */
export function createChildrenSettingsService(runner: UseCaseRunner, defaults: ChildrenConfig = DEFAULT_CHILDREN_CONFIG) {
  const { run } = runner;

  async function current(ctx: RequestContext) {
    return run(ctx, async (tx) => {
      const { organisationId } = agencyOf(ctx, 'children.configure');
      const saved = await settingsRepo.settingVersions.current(tx, organisationId);
      const history = await settingsRepo.settingVersions.history(tx, organisationId, 5);
      return {
        settings: saved.value ?? settingsOf(defaults),
        defaults: settingsOf(defaults),
        version: saved.version,
        changedAt: saved.changedAt,
        changeReason: saved.changeReason,
        history,
      };
    });
  }

  /**
   * A new version of the settings. `version` is the one the person read (0 before any was saved);
   * a stale one is refused with ConflictError and nothing is saved. A reason is required.
   */
  async function change(
    ctx: RequestContext,
    input: unknown,
    changeReason: string | null,
    version: number,
  ): Promise<{ settings: ChildrenSettings; version: number }> {
    return run(ctx, async (tx) => {
      const { organisationId, userId } = agencyOf(ctx, 'children.configure');
      const checked = validateChildrenSettings(input);
      const { reason, errors: reasonErrors } = changeReasonOf(changeReason, 'children');
      const errors = [...(checked.ok ? [] : checked.errors), ...reasonErrors];
      if (errors.length || !checked.ok) throw new ValidationError(errors);
      const row = await settingsRepo.settingVersions.change(tx, ctx, organisationId, checked.settings, reason, version, userId);
      return { settings: checked.settings, version: row.version };
    });
  }

  async function listAceCategories(ctx: RequestContext) {
    return run(ctx, async (tx) => {
      agencyOf(ctx, 'aceCategories.manage');
      return { standard: STANDARD_ACES, extended: await acesRepo.allExtendedCategories(tx) };
    });
  }

  async function getAceCategory(ctx: RequestContext, code: string) {
    return run(ctx, async (tx) => {
      agencyOf(ctx, 'aceCategories.manage');
      const category = await acesRepo.getExtendedCategory(tx, code);
      if (!category) throw new NotFoundError();
      return category;
    });
  }

  async function addAceCategory(ctx: RequestContext, input: AceCategoryInput) {
    return run(ctx, async (tx) => {
      agencyOf(ctx, 'aceCategories.manage');
      const added = await acesRepo.insertExtendedCategory(tx, input);
      if (!added) throw new ValidationError([{ field: 'code', key: 'children:errors.aceCategory.codeTaken' }]);
      await recordAudit(tx, ctx, { action: 'aceCategories.manage', resourceType: 'ace_category', resourceId: added.code, detail: { change: 'added' } });
      return added;
    });
  }

  /** Renames (and re-describes) a category; children's records keep it under the same code. */
  async function renameAceCategory(ctx: RequestContext, code: string, names: AceCategoryNames, version: number) {
    return run(ctx, async (tx) => {
      agencyOf(ctx, 'aceCategories.manage');
      const category = await acesRepo.getExtendedCategory(tx, code);
      if (!category) throw new NotFoundError();
      const updated = await acesRepo.updateExtendedCategory(tx, code, version, names);
      if (!updated) throw new ConflictError('errors.conflict.body', category.version);
      await recordAudit(tx, ctx, {
        action: 'aceCategories.manage',
        resourceType: 'ace_category',
        resourceId: code,
        detail: { change: 'renamed', from: category.nameEn, to: updated.nameEn },
      });
      return updated;
    });
  }

  /**
   * Retires a category (no longer offered for new records, still shown where it was recorded) or
   * reinstates a retired one (offered again, under the same code and names). Doing what is already
   * done changes nothing and records nothing.
   */
  async function setAceCategoryOffered(ctx: RequestContext, code: string, version: number, offered: boolean) {
    return run(ctx, async (tx) => {
      agencyOf(ctx, 'aceCategories.manage');
      const category = await acesRepo.getExtendedCategory(tx, code);
      if (!category) throw new NotFoundError();
      if (category.active === offered) return category;
      const updated = await acesRepo.updateExtendedCategory(tx, code, version, { active: offered });
      if (!updated) throw new ConflictError('errors.conflict.body', category.version);
      await recordAudit(tx, ctx, {
        action: 'aceCategories.manage',
        resourceType: 'ace_category',
        resourceId: code,
        detail: { change: offered ? 'reinstated' : 'retired' },
      });
      return updated;
    });
  }
  const retireAceCategory = (ctx: RequestContext, code: string, version: number) => setAceCategoryOffered(ctx, code, version, false);
  const reinstateAceCategory = (ctx: RequestContext, code: string, version: number) => setAceCategoryOffered(ctx, code, version, true);

  return { defaults, current, change, listAceCategories, getAceCategory, addAceCategory, renameAceCategory, retireAceCategory, reinstateAceCategory };
}

export type ChildrenSettingsService = ReturnType<typeof createChildrenSettingsService>;

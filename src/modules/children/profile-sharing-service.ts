import { recordAudit } from '../../platform/audit/audit.ts';
import { ConflictError, ValidationError } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { matchingUnitOf } from './child-facts.ts';
import { whyNotShown, type SharingRefusal } from './profile-sharing.ts';
import * as repo from './repository.ts';
import { userId, type ChildrenContext } from './service-context.ts';
import { setSharing, sharingOf } from './shared-profiles.ts';

/** What the child's page says of the choice to show the profile to approved families. */
export type ProfileSharing = {
  shared: { at: Date; byName: string | null } | null;
  /** Why it may not be shown now (the page says so in words instead of offering the choice). */
  refusals: SharingRefusal[];
  /** Brothers and sisters placed together are shown together: how many children the choice covers. */
  unitSize: number;
  version: number;
};

/**
 * The child's worker (whoever may edit the child: policy action `children.shareProfile`) shows the
 * profile to the agency's approved families, or stops showing it. Brothers and sisters placed
 * together are one entry for families, so the choice covers the whole group at once.
 */
export function createProfileSharingUseCases(context: ChildrenContext, clock: () => Date) {
  const { run, loadChild } = context;

  async function unitOf(tx: Parameters<Parameters<typeof run>[1]>[0], id: string) {
    const unit = await matchingUnitOf(tx, id);
    const ids = unit?.childIds ?? [id];
    const rows = (await Promise.all(ids.map((childId) => repo.getChild(tx, childId)))).filter((c) => c !== undefined);
    return rows;
  }

  async function profileSharing(ctx: RequestContext, id: string): Promise<ProfileSharing> {
    return run(ctx, async (tx) => {
      const child = await loadChild(tx, ctx, id, 'children.view');
      const unit = await unitOf(tx, id);
      const sharing = await sharingOf(tx, id);
      await recordAudit(tx, ctx, { action: 'children.view', resourceType: 'child', resourceId: id, detail: { part: 'profile-sharing' } });
      return {
        shared: sharing?.sharedAt ? { at: sharing.sharedAt, byName: sharing.sharedByName } : null,
        refusals: whyNotShown(unit),
        unitSize: unit.length,
        version: child.version,
      };
    });
  }

  /** Shows (`show`) or hides the profiles; a stale version answers 409, a child who may not be shown a reason. */
  async function shareProfile(ctx: RequestContext, id: string, show: boolean, version: number) {
    return run(ctx, async (tx) => {
      const child = await loadChild(tx, ctx, id, 'children.shareProfile');
      if (child.version !== version) throw new ConflictError('errors.conflict.body', child.version);
      const unit = await unitOf(tx, id);
      if (show) {
        const refusals = whyNotShown(unit);
        if (refusals.length) throw new ValidationError(refusals.map((r) => ({ field: 'show', key: `children:profileSharing.refusals.${r}` })));
      }
      // Hiding takes effect at once: the families' page reads the column in its next request.
      await setSharing(
        tx,
        unit.map((c) => c.id),
        show ? { at: clock(), by: userId(ctx) } : null,
      );
      await recordAudit(tx, ctx, {
        action: 'children.shareProfile',
        resourceType: 'child',
        resourceId: id,
        detail: { shown: show, children: unit.length },
      });
      return { shown: show };
    });
  }

  return { profileSharing, shareProfile };
}

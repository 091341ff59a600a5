import { recordAudit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/pool.ts';
import { ConflictError, ValidationError } from '../../platform/http/errors.ts';
import { type RequestContext } from '../../platform/policy/actor.ts';
import { countAces, STANDARD_ACES, type AceEntry } from './aces.ts';
import * as acesRepo from './aces-repository.ts';
import { userId } from './service-context.ts';
import type { ChildrenContext } from './service-context.ts';

/** A child's Adverse Childhood Experiences: read and recorded (known, suspected, not known, none). */
export function createAceUseCases(context: ChildrenContext) {
  const { run, addEvent, loadChild } = context;

  /**
   * The extended categories of a child's ACE record: those offered for new records, and any retired
   * category already recorded for the child (still shown and kept, marked retired, never lost).
   */
  async function categoriesFor(tx: Tx, entries: readonly AceEntry[]) {
    const recorded = new Set(entries.map((e) => e.category));
    const all = await acesRepo.allExtendedCategories(tx);
    return all.filter((c) => c.active || recorded.has(c.code));
  }
  async function getAces(ctx: RequestContext, id: string) {
    return run(ctx, async (tx) => {
      await loadChild(tx, ctx, id, 'aces.view');
      const entries = await acesRepo.acesOf(tx, id);
      const extended = await categoriesFor(tx, entries);
      const version = await acesRepo.aceVersion(tx, id);
      await recordAudit(tx, ctx, { action: 'aces.view', resourceType: 'child', resourceId: id });
      return { entries, counts: countAces(entries), standard: STANDARD_ACES, extended, version };
    });
  }
  /**
   * Replaces the child's ACE record. `version` is the record's version the form (or client) read: if
   * someone saved since, nothing is written and the save is refused (409), so their record is kept.
   * The API may leave it out (it then saves on whatever is there).
   */
  async function putAces(ctx: RequestContext, id: string, entries: AceEntry[], version?: number) {
    return run(ctx, async (tx) => {
      const child = await loadChild(tx, ctx, id, 'aces.edit');
      const current = await acesRepo.lockAceVersion(tx, id);
      if (version !== undefined && version !== current) throw new ConflictError('errors.conflict.body', current);
      const known = new Set<string>([...STANDARD_ACES, ...(await categoriesFor(tx, await acesRepo.acesOf(tx, id))).map((c) => c.code)]);
      const errors = entries.flatMap((e, i) => (known.has(e.category) ? [] : [{ field: `entries.${i}.category`, key: 'children:errors.ace.category' }]));
      if (new Set(entries.map((e) => e.category)).size !== entries.length) errors.push({ field: 'entries', key: 'children:errors.ace.duplicate' });
      if (errors.length) throw new ValidationError(errors);
      const counts = countAces(entries);
      await acesRepo.replaceAces(tx, id, child.organisationId, userId(ctx), entries, counts);
      await addEvent(tx, { childId: id, organisationId: child.organisationId, actorId: userId(ctx), event: 'aces.recorded' });
      await recordAudit(tx, ctx, { action: 'aces.edit', resourceType: 'child', resourceId: id });
      return { entries, counts, version: current + 1 };
    });
  }

  return { getAces, putAces };
}

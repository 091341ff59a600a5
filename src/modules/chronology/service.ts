import { recordAudit } from '../../platform/audit/audit.ts';
import type { ChronologyKind } from '../../platform/chronology/entry.ts';
import { dateInWales } from '../../platform/dates/dates.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import { childForChronology } from '../children/index.ts';
import { householdForChronology } from '../recruitment/index.ts';
import { kindsPresent, mergeChronology } from './merge.ts';
import { CHILD_CHRONOLOGY_SOURCES, HOUSEHOLD_CHRONOLOGY_SOURCES, type ChronologySource } from './sources.ts';

/**
 * A case's chronology: every module's lines about one child or one household, merged in the order
 * things happened. One transaction scoped to the reader: the subject is opened first (404 when out of
 * scope), then each source reads what the reader may see; the read is audited once.
 */
export function createChronologyService(runner: UseCaseRunner, options: { clock?: () => Date } = {}) {
  const clock = options.clock ?? (() => new Date());

  function chronologyOf(
    open: typeof childForChronology,
    sources: readonly ChronologySource[],
    resourceType: 'child' | 'household',
  ): (ctx: RequestContext, id: string, kinds?: readonly ChronologyKind[]) => Promise<ReturnType<typeof result>> {
    const result = (subject: { id: string; name: string }, entries: ReturnType<typeof mergeChronology>, present: ChronologyKind[]) => ({
      subject,
      entries,
      present,
    });
    return (ctx, id, kinds = []) =>
      runner.run(ctx, async (tx) => {
        const subject = await open(tx, ctx, id);
        const today = dateInWales(clock());
        const read = [];
        // One after another: the sources share the reader's one transaction.
        for (const source of sources) read.push(await source.read(tx, ctx, id, today));
        const all = mergeChronology(read);
        await recordAudit(tx, ctx, { action: 'chronology.view', resourceType, resourceId: id, detail: { kinds: kinds.length, entries: all.length } });
        return result(subject, mergeChronology([all], kinds), kindsPresent(all));
      });
  }

  return {
    childChronology: chronologyOf(childForChronology, CHILD_CHRONOLOGY_SOURCES, 'child'),
    householdChronology: chronologyOf(householdForChronology, HOUSEHOLD_CHRONOLOGY_SOURCES, 'household'),
  };
}

export type ChronologyService = ReturnType<typeof createChronologyService>;

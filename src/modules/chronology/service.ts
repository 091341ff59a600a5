import { recordAudit } from '../../platform/audit/audit.ts';
import type { ChronologyEntry, ChronologyKind } from '../../platform/chronology/entry.ts';
import { dateInWales } from '../../platform/dates/dates.ts';
import type { Tx } from '../../platform/db/pool.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import { childForChronology } from '../children/index.ts';
import { householdForChronology } from '../recruitment/index.ts';
import { kindsPresent, mergeChronology } from './merge.ts';
import { CHILD_CHRONOLOGY_SOURCES, HOUSEHOLD_CHRONOLOGY_SOURCES, type ChronologySource } from './sources.ts';

/** A chronology as the page shows it: whose, the lines asked for, and the kinds there are to filter by. */
export type Chronology = { subject: { id: string; name: string }; entries: ChronologyEntry[]; present: ChronologyKind[] };

type Subject = {
  resourceType: 'child' | 'household';
  /** Opens the subject in the reader's scope (404 otherwise), before any source is read. */
  open: (tx: Tx, ctx: RequestContext, id: string) => Promise<{ id: string; name: string }>;
  sources: readonly ChronologySource[];
};

const CHILD: Subject = { resourceType: 'child', open: childForChronology, sources: CHILD_CHRONOLOGY_SOURCES };
const HOUSEHOLD: Subject = { resourceType: 'household', open: householdForChronology, sources: HOUSEHOLD_CHRONOLOGY_SOURCES };

/**
 * A case's chronology: every module's lines about one child or one household, merged in the order
 * things happened. One transaction scoped to the reader: the subject is opened first (404 when out of
 * scope), then each source reads what the reader may see; the read is audited once.
 */
export function createChronologyService(runner: UseCaseRunner, options: { clock?: () => Date } = {}) {
  const clock = options.clock ?? (() => new Date());

  function read(subject: Subject, ctx: RequestContext, id: string, kinds: readonly ChronologyKind[]): Promise<Chronology> {
    return runner.run(ctx, async (tx) => {
      const opened = await subject.open(tx, ctx, id);
      const today = dateInWales(clock());
      const lines: ChronologyEntry[][] = [];
      // One after another: the sources share the reader's one transaction (one connection).
      for (const source of subject.sources) lines.push(await source.read(tx, ctx, id, today));
      const all = mergeChronology(lines);
      await recordAudit(tx, ctx, {
        action: 'chronology.view',
        resourceType: subject.resourceType,
        resourceId: id,
        detail: { kinds: kinds.length, entries: all.length },
      });
      return { subject: opened, entries: mergeChronology([all], kinds), present: kindsPresent(all) };
    });
  }

  return {
    childChronology: (ctx: RequestContext, id: string, kinds: readonly ChronologyKind[] = []) => read(CHILD, ctx, id, kinds),
    householdChronology: (ctx: RequestContext, id: string, kinds: readonly ChronologyKind[] = []) => read(HOUSEHOLD, ctx, id, kinds),
  };
}

export type ChronologyService = ReturnType<typeof createChronologyService>;

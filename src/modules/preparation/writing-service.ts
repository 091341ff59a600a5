import { recordAudit } from '../../platform/audit/audit.ts';
import type { IsoDate } from '../../platform/dates/dates.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { can } from '../../platform/policy/policy.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import * as clinical from './clinical-repository.ts';

/** A psychologist's writing still to do: consultation notes, and formulations after a consultation. */
export type WritingDue = { consultations: IsoDate[]; formulations: IsoDate[] };

export function createWritingService(runner: UseCaseRunner) {
  /**
   * The consultations the signed-in psychologist held and has not written up, and the children (one
   * line per unit) they consulted about who have no formulation yet; undefined for anyone who writes
   * neither. Read as the person (row-level security applies) and audited by count.
   */
  async function writingFor(ctx: RequestContext): Promise<WritingDue | undefined> {
    const actor = ctx.actor;
    if (actor.kind !== 'user' || !can(actor, 'consultations.edit') || !can(actor, 'formulations.edit')) return undefined;
    return runner.run(ctx, async (tx) => {
      const found = await clinical.writingOfPsychologist(tx, actor.userId);
      await recordAudit(tx, ctx, {
        action: 'consultations.view',
        resourceType: 'consultation',
        detail: { toWrite: found.notes.length, formulationsToWrite: found.formulations.length },
      });
      return { consultations: found.notes.map((n) => n.consultationDate), formulations: found.formulations.map((f) => f.since) };
    });
  }
  return { writingFor };
}

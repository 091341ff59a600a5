import { recordAudit } from '../../platform/audit/audit.ts';
import { dateInWales, type IsoDate } from '../../platform/dates/dates.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { can } from '../../platform/policy/policy.ts';
import { childrenInPreparation, outcomeFactsOf } from '../children/index.ts';
import { placementsOfChildren } from '../matching/index.ts';
import { childOutcomesResource, type OutcomesDeps } from './access.ts';
import { recordedByWorkers } from './instrument.ts';
import { loadRegister } from './register.ts';
import * as repo from './repository.ts';
import { anchorsOf, pointNeedingAttention, scheduleFor } from './schedule.ts';

export type DueAdministration = {
  childId: string;
  childName: string;
  instrument: string;
  name: { en: string; cy: string };
  months: number;
  dueOn: IsoDate;
  windowEnd: IsoDate;
  state: 'due' | 'overdue';
};

/** How many children the home page looks through: the children in work at the agency, longest waiting first. */
const CHILDREN_LOOKED_AT = 500;

/**
 * Instruments due or overdue for the children a person enters scores for: the children allocated
 * to them, or for the clinical team every child in work they may see. Undefined for people who
 * enter no scores (the home page shows no panel).
 */
export function createDueUseCases(deps: OutcomesDeps) {
  async function dueForMe(ctx: RequestContext): Promise<DueAdministration[] | undefined> {
    const actor = ctx.actor;
    if (actor.kind !== 'user' || !can(actor, 'outcomes.edit')) return undefined;
    return deps.run(ctx, async (tx) => {
      const children = (await childrenInPreparation(tx, CHILDREN_LOOKED_AT)).filter(
        (c) => c.status === 'placed' || c.status === 'matched' || c.status === 'linked' || c.status === 'family_finding',
      );
      const mine = children.filter((c) => can(actor, 'outcomes.edit', childOutcomesResource(c)));
      const ids = mine.map((c) => c.id);
      const register = await loadRegister(tx);
      const facts = await outcomeFactsOf(tx, ids);
      const placements = await placementsOfChildren(tx, ids);
      const rows = await repo.administrationsOf(tx, ids);
      const today = dateInWales(deps.clock());
      const due: DueAdministration[] = [];
      for (const child of mine) {
        const anchors = anchorsOf(facts.get(child.id), placements.get(child.id));
        for (const definition of register.current().filter(recordedByWorkers)) {
          const completed = rows.filter((r) => r.childId === child.id && r.instrumentCode === definition.code).map((r) => r.completedOn);
          const point = pointNeedingAttention(scheduleFor(definition.schedule, anchors, completed, today));
          if (point && (point.state === 'due' || point.state === 'overdue')) {
            due.push({
              childId: child.id,
              childName: child.name,
              instrument: definition.code,
              name: definition.name,
              months: point.months,
              dueOn: point.dueOn,
              windowEnd: point.windowEnd,
              state: point.state,
            });
          }
        }
      }
      due.sort((a, b) => (a.state === b.state ? (a.dueOn < b.dueOn ? -1 : 1) : a.state === 'overdue' ? -1 : 1));
      await recordAudit(tx, ctx, { action: 'outcomes.view', resourceType: 'outcomes_due', detail: { children: mine.length, due: due.length } });
      return due;
    });
  }
  return { dueForMe };
}

import { recordAudit } from '../../platform/audit/audit.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { authorize } from '../../platform/policy/policy.ts';
import { dateInWales, type IsoDate } from '../../platform/dates/dates.ts';
import type { SupportDeps } from './access.ts';
import * as repo from './repository.ts';
import { discloseStability, isDisruption, stabilityCounts, windowState, type DisclosedStability, type StabilityCounts, type WindowState } from './stability.ts';

export type StabilityRow = {
  matchId: string;
  householdReference: string | null;
  childCount: number;
  placementDate: IsoDate;
  adoptionOrderDate: IsoDate | null;
  disruptionDate: IsoDate | null;
  disruptionReasons: string | null;
  disrupted: boolean;
  windows: { months: number; state: WindowState }[];
};

/** The agency sees exact counts and each placement; anyone else disclosure-controlled counts only. */
export type StabilityReport = { disclosed: false; counts: StabilityCounts; rows: StabilityRow[] } | { disclosed: true; counts: DisclosedStability; rows: [] };

/** Placement stability: disruptions before the order; placements open at 6, 12 and 24 months. */
export function createStabilityUseCases({ run, clock, config }: SupportDeps) {
  async function stabilityReport(ctx: RequestContext, options: { asOf?: IsoDate } = {}): Promise<StabilityReport> {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'stability.view');
      const actor = ctx.actor;
      if (actor.kind !== 'user') throw new NotFoundError();
      const asOf = options.asOf ?? dateInWales(clock());
      const insideAgency = actor.organisationType === 'agency';
      const placements = (
        await repo.placementsOf(tx, insideAgency ? { agencyId: actor.organisationId } : { childOrganisationId: actor.organisationId })
      ).filter((p): p is typeof p & { placementDate: string } => p.placementDate !== null);
      const counts = stabilityCounts(placements, asOf, config.stabilityWindowsMonths);
      await recordAudit(tx, ctx, {
        action: 'stability.view',
        resourceType: 'cohort',
        detail: { placements: counts.placements, asOf, disclosed: !insideAgency },
      });
      if (!insideAgency) return { disclosed: true, counts: discloseStability(counts, config.disclosure), rows: [] };
      return {
        disclosed: false,
        counts,
        rows: placements
          .filter((p) => p.placementDate <= asOf)
          .map((p) => ({
            matchId: p.id,
            householdReference: p.householdReference,
            childCount: p.childCount,
            placementDate: p.placementDate,
            adoptionOrderDate: p.adoptionOrderDate,
            disruptionDate: p.disruptionDate,
            disruptionReasons: p.disruptionReasons,
            disrupted: isDisruption(p),
            windows: config.stabilityWindowsMonths.map((months) => ({ months, state: windowState(p, months, asOf) })),
          })),
      };
    });
  }

  return { stabilityReport };
}

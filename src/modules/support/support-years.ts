import { addMonths, dateInWales, type IsoDate } from '../../platform/dates/dates.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import { lastingPlacementsUpTo } from '../matching/index.ts';

/** Support is followed for at most this many years after placement (the child is grown up by then). */
export const MOST_SUPPORT_YEARS = 18;

/**
 * The further years of adoption support that have begun by `today` for a placement made on
 * `placementDate`: year 1 begins at placement (the placement's own fee covers it), year n on the
 * (n − 1)th anniversary. An anniversary of 29 February falls on 28 February in other years.
 */
export function supportYearsBegun(placementDate: IsoDate, today: IsoDate, most = MOST_SUPPORT_YEARS): { year: number; date: IsoDate }[] {
  const years = [];
  for (let year = 2; year <= most; year++) {
    const date = addMonths(placementDate, (year - 1) * 12);
    if (date > today) break;
    years.push({ year, date });
  }
  return years;
}

/**
 * Each year of support for placed children begins on the placement's anniversary: the support
 * module says so on the workflow event bus (finance raises the year's fee under the agreement in
 * force). Run once a day by the server (and on demand); saying it again changes nothing, since a
 * fee is raised once per placement, year and child. A disrupted placement's support years stop.
 */
export function createSupportYearUseCases(runner: UseCaseRunner, clock: () => Date) {
  return {
    /**
     * Says "a further year of support began" for every year begun by `today` (and on or after
     * `since`, when given: the daily run looks back a little over a year, so a day missed is
     * caught up). One transaction per placement, so one placement's trouble stops no other's.
     */
    async beginSupportYears(ctx: RequestContext, options: { today?: IsoDate; since?: IsoDate } = {}): Promise<{ placements: number; yearsBegun: number }> {
      const today = options.today ?? dateInWales(clock());
      const placements = await runner.runAsSystemJob('supportYears', ctx, (tx) => lastingPlacementsUpTo(tx, today));
      let yearsBegun = 0;
      for (const placement of placements) {
        const years = supportYearsBegun(placement.placementDate, today).filter((y) => !options.since || y.date >= options.since);
        if (years.length === 0) continue;
        const children = placement.childIds.map((id) => ({ id, localAuthorityId: placement.childOrganisationId }));
        await runner.runAsSystemJob('supportYears', ctx, async (tx, system) => {
          for (const { year, date } of years)
            await runner.events.publish(tx, system, 'support.yearBegan', {
              placementKey: placement.id,
              year,
              agencyId: placement.organisationId,
              children,
              date,
            });
        });
        yearsBegun += years.length;
      }
      return { placements: placements.length, yearsBegun };
    },
  };
}

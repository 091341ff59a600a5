import { route } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { encodeCursor } from '../../platform/http/cursor.ts';
import { MEASURES } from './placement-success.ts';
import { measureParams, placementSuccessListQuery, placementSuccessQuery } from './placement-success-inputs.ts';
import { placementSuccessListOut, placementSuccessOut } from './placement-success-responses.ts';

/** The JSON API of placement success: the same service calls as the page. */
export function placementSuccessApiRoutes(services: Services) {
  const outcomes = services.placementSuccess;
  return [
    route({
      method: 'GET',
      url: '/api/v1/outcomes/placement-success',
      kind: 'api',
      action: 'placementSuccess.view',
      summary:
        'Placement success for a period (`from`/`to`, the last twelve months unless said) and, in the agency, one referring local authority: timeliness, children waiting, plans changed, brothers and sisters, disruptions, stability, families waiting ("c" for a suppressed figure outside the agency)',
      query: placementSuccessQuery,
      response: placementSuccessOut,
      handler: async (call) => {
        const report = await outcomes.placementSuccessReport(call.ctx, call.query);
        const q = new URLSearchParams({
          from: report.figures.period.from,
          to: report.figures.period.to,
          ...(report.localAuthorityId ? { localAuthorityId: report.localAuthorityId } : {}),
        });
        return {
          disclosed: report.disclosed,
          localAuthorityId: report.localAuthorityId,
          ...report.figures,
          links: { children: report.disclosed ? null : Object.fromEntries(MEASURES.map((m) => [m, `/api/v1/outcomes/placement-success/${m}/children?${q}`])) },
        };
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/outcomes/placement-success/:measure/children',
      kind: 'api',
      action: 'placementSuccess.children',
      summary: 'The children (or families) behind one placement success figure, in the agency only, a page at a time',
      params: measureParams,
      query: placementSuccessListQuery,
      response: placementSuccessListOut,
      handler: async (call) => {
        const offset = call.query.cursor?.offset ?? 0;
        const list = await outcomes.placementSuccessList(call.ctx, call.params.measure, { ...call.query, offset, limit: call.query.limit });
        const next = offset + list.rows.length;
        return {
          measure: list.measure,
          period: list.period,
          localAuthorityId: list.localAuthorityId,
          total: list.total,
          nextCursor: next < list.total ? encodeCursor({ offset: next }) : null,
          items: list.rows.map((r) => ({
            childId: r.childId ?? null,
            householdId: r.householdId ?? null,
            name: r.name,
            localAuthority: r.localAuthority,
            dates: r.dates,
            days: r.days ?? null,
            counted: r.counted,
            outcome: r.outcome ?? null,
            reason: r.reason ?? null,
          })),
        };
      },
    }),
  ];
}

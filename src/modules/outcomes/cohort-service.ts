import { recordAudit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/pool.ts';
import { ValidationError } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { AccessDeniedError, authorize } from '../../platform/policy/policy.ts';
import { childIdsWhere, childNamesOf, type ACE_BANDS } from '../children/index.ts';
import { getOrganisation } from '../organisations/index.ts';
import { DEFAULT_DISCLOSURE, discloseTable, type Cell } from '../reporting/index.ts';
import type { OutcomesDeps } from './access.ts';
import type { Scale } from './instrument.ts';
import { wilsonInterval, type Change } from './rci.ts';
import { loadRegister } from './register.ts';
import * as repo from './repository.ts';

export type CohortQuery = {
  instrument?: string;
  from?: string;
  to?: string;
  localAuthorityId?: string;
  priorityReason?: string;
  aceBand?: keyof typeof ACE_BANDS;
};

export const CHANGES: readonly Change[] = ['improved', 'no_reliable_change', 'deteriorated'];

type Interval = { share: number; lower: number; upper: number };

export type CohortScale = {
  scale: Scale;
  children: Cell;
  counts: Record<Change, Cell>;
  /** Whole percentages outside the agency; exact shares with 95% Wilson intervals inside it. */
  intervals: Record<Change, Interval | null>;
};

export type CohortReport = { instrument: string; version: number; disclosed: boolean; scales: CohortScale[]; filters: CohortQuery };

const AGENCY_ONLY_FILTERS = ['localAuthorityId', 'priorityReason', 'aceBand'] as const;

/**
 * The cohort's reliable change: of the children with two or more administrations of an instrument,
 * the share reliably improved, unchanged and deteriorated on each scale (first to latest), with
 * 95% Wilson intervals. Inside the agency exact, with the children behind each figure; outside it
 * through the reporting module's disclosure control and nothing else.
 */
export function createCohortUseCases(deps: OutcomesDeps) {
  const insideAgency = (ctx: RequestContext) => ctx.actor.kind === 'system' || (ctx.actor.kind === 'user' && ctx.actor.organisationType === 'agency');
  const aggregateOnly = (ctx: RequestContext) =>
    ctx.actor.kind === 'user' && (ctx.actor.organisationType === 'funder' || ctx.actor.organisationType === 'research_partner');

  function filterOf(query: CohortQuery, instrument: string): repo.CohortFilter {
    return {
      instrumentCode: instrument,
      placedFrom: query.from,
      placedTo: query.to,
      localAuthorityId: query.localAuthorityId,
      childIds: query.priorityReason || query.aceBand ? childIdsWhere({ priorityReason: query.priorityReason, aceBand: query.aceBand }) : undefined,
    };
  }

  async function cohort(ctx: RequestContext, query: CohortQuery): Promise<CohortReport> {
    const inside = insideAgency(ctx);
    const instrumentCode = query.instrument ?? 'sdq-parent';
    const refused = inside ? [] : AGENCY_ONLY_FILTERS.filter((f) => query[f]);
    const compute = async (tx: Tx) => {
      const register = await loadRegister(tx);
      const definition = register.latest(instrumentCode);
      if (!definition) throw new ValidationError([{ field: 'instrument', key: 'outcomes:errors.instrument.unknown' }]);
      return { definition, rows: await repo.cohortCounts(tx, filterOf(query, instrumentCode)) };
    };
    const audit = (tx: Tx, rowCount: number) =>
      recordAudit(tx, ctx, { action: 'outcomes.cohort', resourceType: 'cohort', detail: { instrument: instrumentCode, disclosed: !inside, rows: rowCount } });
    let result: Awaited<ReturnType<typeof compute>>;
    if (aggregateOnly(ctx)) {
      await deps.run(ctx, () => Promise.resolve(authorize(ctx.actor, 'outcomes.cohort')));
      if (refused.length) throw new ValidationError(refused.map((field) => ({ field, key: 'outcomes:errors.cohort.agencyOnlyFilter' })));
      // Funders and research partners never see a row: the count runs as the platform and only figures leave it.
      result = await deps.runAsSystemJob('aggregateOutcomes', ctx, (tx) => compute(tx));
      await deps.run(ctx, (tx) => audit(tx, result.rows.length));
    } else {
      result = await deps.run(ctx, async (tx) => {
        authorize(ctx.actor, 'outcomes.cohort');
        if (refused.length) throw new ValidationError(refused.map((field) => ({ field, key: 'outcomes:errors.cohort.agencyOnlyFilter' })));
        const found = await compute(tx);
        await audit(tx, found.rows.length);
        return found;
      });
    }
    const { definition, rows } = result;
    const scales = definition.scales.filter((s) => s.norms);
    const table = scales.map((s) => CHANGES.map((change) => rows.find((r) => r.scale === s.code && r.change === change)?.children ?? 0));
    if (inside) {
      return {
        instrument: definition.code,
        version: definition.version,
        disclosed: false,
        filters: query,
        scales: scales.map((scale, i) => {
          const n = table[i]!.reduce((a, b) => a + b, 0);
          return {
            scale,
            children: n,
            counts: Object.fromEntries(CHANGES.map((c, j) => [c, table[i]![j]!])) as Record<Change, Cell>,
            intervals: Object.fromEntries(CHANGES.map((c, j) => [c, wilsonInterval(table[i]![j]!, n) ?? null])) as Record<Change, Interval | null>,
          };
        }),
      };
    }
    // Each scale is its own table: a row of three changes and its total, suppressed and rounded as published statistics are.
    return {
      instrument: definition.code,
      version: definition.version,
      disclosed: true,
      filters: query,
      scales: scales.map((scale, i) => {
        const disclosed = discloseTable([table[i]!], DEFAULT_DISCLOSURE);
        const n = table[i]!.reduce((a, b) => a + b, 0);
        return {
          scale,
          children: disclosed.grandTotal,
          counts: Object.fromEntries(CHANGES.map((c, j) => [c, disclosed.cells[0]![j]!])) as Record<Change, Cell>,
          intervals: Object.fromEntries(
            CHANGES.map((c, j) => {
              const wilson = disclosed.cells[0]![j] === 'c' ? undefined : wilsonInterval(table[i]![j]!, n);
              const whole = (x: number) => Math.round(x * 100) / 100;
              return [c, wilson ? { share: whole(wilson.share), lower: whole(wilson.lower), upper: whole(wilson.upper) } : null];
            }),
          ) as Record<Change, Interval | null>,
        };
      }),
    };
  }

  /** The children behind one figure: agency staff only (anyone else is refused, and the refusal audited). */
  async function cohortChildren(ctx: RequestContext, query: CohortQuery, scale: string, change: Change) {
    return deps.run(ctx, async (tx) => {
      authorize(ctx.actor, 'outcomes.cohortChildren');
      // Only the agency's staff open the list of children behind a figure (not a clinical partner's).
      if (!insideAgency(ctx)) throw new AccessDeniedError('outcomes.cohortChildren', { type: 'cohort_children' }, 'role');
      const instrument = query.instrument ?? 'sdq-parent';
      const rows = await repo.cohortChildren(tx, filterOf(query, instrument), scale, change, 500);
      const names = await childNamesOf(
        tx,
        rows.map((r) => r.childId),
      );
      await recordAudit(tx, ctx, {
        action: 'outcomes.cohortChildren',
        resourceType: 'cohort_children',
        detail: { instrument, scale, change, children: rows.length },
      });
      const definition = (await loadRegister(tx)).latest(instrument);
      return {
        scale: definition?.scales.find((s) => s.code === scale),
        children: rows.map((r) => ({ ...r, name: names.get(r.childId)?.name ?? '' })),
      };
    });
  }

  /** The plain count of the rows the cohort reads (the benchmark prints it beside the report). */
  async function cohortRowCount(ctx: RequestContext, query: CohortQuery) {
    return deps.run(ctx, async (tx) => {
      authorize(ctx.actor, 'outcomes.cohort');
      return repo.cohortRowCount(tx, filterOf(query, query.instrument ?? 'sdq-parent'));
    });
  }

  /** The filter's choices for the agency: the local authorities whose children the cohort holds, and the instruments with norms. */
  async function cohortChoices(ctx: RequestContext) {
    return deps.run(ctx, async (tx) => {
      authorize(ctx.actor, 'outcomes.cohort');
      const register = await loadRegister(tx);
      const ids = insideAgency(ctx) ? await repo.cohortLocalAuthorities(tx) : [];
      const authorities = [];
      for (const id of ids) {
        const found = await getOrganisation(tx, id);
        if (found) authorities.push(found);
      }
      return {
        localAuthorities: authorities.map((o) => ({ id: o.id, name: o.name })).sort((a, b) => a.name.localeCompare(b.name)),
        instruments: register.current().filter((d) => d.scales.some((s) => s.norms)),
        insideAgency: insideAgency(ctx),
      };
    });
  }

  return { cohort, cohortChildren, cohortRowCount, cohortChoices };
}

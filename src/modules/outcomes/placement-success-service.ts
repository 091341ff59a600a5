import { recordAudit } from '../../platform/audit/audit.ts';
import { addDays, addMonths, dateInWales, type IsoDate } from '../../platform/dates/dates.ts';
import type { Tx } from '../../platform/db/pool.ts';
import { DomainError, NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { authorize } from '../../platform/policy/policy.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import { OUTCOMES } from '../children/index.ts';
import { listOrganisations } from '../organisations/index.ts';
import { DEFAULT_DISCLOSURE, type DisclosureConfig } from '../reporting/index.ts';
import { placementSuccess, type Measure, type MeasureRow, type Period, type PlacementSuccess } from './placement-success.ts';
import { disclosePlacementSuccess, type DisclosedPlacementSuccess } from './placement-success-disclosure.ts';
import type { PlacementSuccessQuery } from './placement-success-inputs.ts';
import { childNamesFor, familyLabelsFor, placementSuccessFacts, type FactsScope } from './placement-success-repository.ts';

export type PlacementSuccessFigures = Omit<PlacementSuccess, 'lists'>;
export type LocalAuthorityOption = { id: string; name: string };

/**
 * What a reader gets: the agency exact figures (and may open the children behind each); a local
 * authority its own children's figures and a funder every agency's, both disclosure-controlled.
 */
export type PlacementSuccessReport =
  | { disclosed: false; figures: PlacementSuccessFigures; localAuthorityId: string | null; localAuthorities: LocalAuthorityOption[] }
  | { disclosed: true; figures: DisclosedPlacementSuccess; localAuthorityId: string | null; localAuthorities: LocalAuthorityOption[] };

export type ListedRow = MeasureRow & { name: string | null; localAuthority: string | null };
export type PlacementSuccessList = {
  measure: Measure;
  period: Period;
  localAuthorityId: string | null;
  total: number;
  offset: number;
  rows: ListedRow[];
};

type Reader = { kind: 'agency'; agencyId: string | null } | { kind: 'localAuthority'; organisationId: string } | { kind: 'funder' };

function readerOf(ctx: RequestContext): Reader {
  const actor = ctx.actor;
  // The platform itself (tests, benchmarks) reads as the agency would, over every agency.
  if (actor.kind === 'system') return { kind: 'agency', agencyId: null };
  if (actor.kind !== 'user') throw new NotFoundError();
  if (actor.organisationType === 'agency') return { kind: 'agency', agencyId: actor.organisationId };
  if (actor.organisationType === 'local_authority') return { kind: 'localAuthority', organisationId: actor.organisationId };
  return { kind: 'funder' };
}

/** Placement success: timeliness, waiting, plan changes, brothers and sisters, disruptions and stability, families waiting. */
export function createPlacementSuccessService(runner: UseCaseRunner, options: { clock?: () => Date; disclosure?: DisclosureConfig } = {}) {
  const clock = options.clock ?? (() => new Date());
  const disclosure = options.disclosure ?? DEFAULT_DISCLOSURE;

  /** The period asked for, or the twelve months to today; a period ending after today is refused beside the field. */
  function periodOf(query: Pick<PlacementSuccessQuery, 'from' | 'to'>, today: IsoDate): Period {
    const to = query.to ?? today;
    if (to > today) throw new ValidationError([{ field: 'to', key: 'placement-success:errors.to.inFuture' }]);
    const from = query.from ?? addDays(addMonths(to, -12), 1);
    if (from > to) throw new ValidationError([{ field: 'from', key: 'placement-success:errors.from.afterTo' }]);
    return { from, to };
  }

  async function localAuthoritiesOf(tx: Tx): Promise<LocalAuthorityOption[]> {
    const page = await listOrganisations(tx);
    return page.items.filter((o) => o.type === 'local_authority').map((o) => ({ id: o.id, name: o.name }));
  }

  /** The local authority chosen, checked: one that is not a local authority (or not the reader's own) is "not found". */
  function chosenAuthority(reader: Reader, localAuthorityId: string | undefined, authorities: LocalAuthorityOption[]): string | undefined {
    if (reader.kind === 'localAuthority') {
      if (localAuthorityId && localAuthorityId !== reader.organisationId) throw new NotFoundError();
      return reader.organisationId;
    }
    if (localAuthorityId && !authorities.some((a) => a.id === localAuthorityId)) throw new NotFoundError();
    return localAuthorityId;
  }

  function scopeOf(reader: Reader, localAuthorityId: string | undefined): FactsScope {
    if (reader.kind === 'agency') return { agencyId: reader.agencyId ?? undefined, localAuthorityId, includeFamilies: true };
    if (reader.kind === 'localAuthority') return { localAuthorityId, includeFamilies: false };
    return { includeFamilies: true };
  }

  const withoutLists = ({ lists: _lists, ...figures }: PlacementSuccess): PlacementSuccessFigures => ({
    ...figures,
    planChanges: {
      ...figures.planChanges,
      byOutcome: [...figures.planChanges.byOutcome].sort((a, b) => OUTCOMES.indexOf(a.outcome as never) - OUTCOMES.indexOf(b.outcome as never)),
    },
  });

  async function placementSuccessReport(ctx: RequestContext, query: PlacementSuccessQuery): Promise<PlacementSuccessReport> {
    authorize(ctx.actor, 'placementSuccess.view');
    const reader = readerOf(ctx);
    const today = dateInWales(clock());
    const period = periodOf(query, today);
    if (reader.kind === 'funder' && query.localAuthorityId) {
      // Outside the agency the figures are fixed tables: one authority's beside the whole would give back suppressed counts.
      await runner.recordStandalone(ctx, { action: 'placementSuccess.view', resourceType: 'cohort', outcome: 'denied', detail: { localAuthority: true } });
      throw new DomainError(403, 'placement-success:errors.fixedTablesOnly');
    }
    const compute = async (tx: Tx) => {
      const authorities = reader.kind === 'agency' ? await localAuthoritiesOf(tx) : [];
      const localAuthorityId = chosenAuthority(reader, query.localAuthorityId, authorities);
      const facts = await placementSuccessFacts(tx, period, scopeOf(reader, localAuthorityId));
      const figures = withoutLists(placementSuccess(facts, period, today));
      const disclosed = reader.kind !== 'agency';
      await recordAudit(tx, ctx, {
        action: 'placementSuccess.view',
        resourceType: 'cohort',
        detail: { from: period.from, to: period.to, localAuthorityId: localAuthorityId ?? null, disclosed },
      });
      const answer: PlacementSuccessReport = disclosed
        ? { disclosed: true, figures: disclosePlacementSuccess(figures, disclosure), localAuthorityId: localAuthorityId ?? null, localAuthorities: [] }
        : { disclosed: false, figures, localAuthorityId: localAuthorityId ?? null, localAuthorities: authorities };
      return answer;
    };
    try {
      // Funders never see a row: the aggregate runs as the platform and only disclosure-controlled counts leave it.
      return reader.kind === 'funder' ? await runner.runAsSystemJob('aggregatePlacementSuccess', ctx, (tx) => compute(tx)) : await runner.run(ctx, compute);
    } catch (error) {
      if (error instanceof NotFoundError) await runner.recordStandalone(ctx, { action: 'placementSuccess.view', resourceType: 'cohort', outcome: 'not_found' });
      throw error;
    }
  }

  /** The children (or families) behind one figure, a page at a time, with names: the agency's staff only. */
  async function placementSuccessList(
    ctx: RequestContext,
    measure: Measure,
    query: PlacementSuccessQuery & { offset: number; limit: number },
  ): Promise<PlacementSuccessList> {
    authorize(ctx.actor, 'placementSuccess.children');
    const reader = readerOf(ctx);
    const today = dateInWales(clock());
    const period = periodOf(query, today);
    try {
      return await runner.run(ctx, async (tx) => {
        if (reader.kind !== 'agency') throw new NotFoundError();
        const authorities = await localAuthoritiesOf(tx);
        const localAuthorityId = chosenAuthority(reader, query.localAuthorityId, authorities);
        const facts = await placementSuccessFacts(tx, period, scopeOf(reader, localAuthorityId), measure);
        const all = placementSuccess(facts, period, today).lists[measure];
        const shown = all.slice(query.offset, query.offset + query.limit);
        const names = await childNamesFor(
          tx,
          shown.flatMap((r) => (r.childId ? [r.childId] : [])),
        );
        const families = await familyLabelsFor(
          tx,
          shown.flatMap((r) => (r.householdId ? [r.householdId] : [])),
        );
        const authorityName = new Map(authorities.map((a) => [a.id, a.name]));
        const rows = shown.map((r) => {
          const child = r.childId ? names.get(r.childId) : undefined;
          const name = child?.name ?? (r.householdId ? (families.get(r.householdId)?.reference ?? r.reference ?? null) : null);
          return { ...r, name, localAuthority: child ? (authorityName.get(child.organisationId) ?? null) : null };
        });
        await recordAudit(tx, ctx, {
          action: 'placementSuccess.children',
          resourceType: 'cohort',
          detail: { measure, from: period.from, to: period.to, listed: all.length, shown: rows.length },
        });
        return { measure, period, localAuthorityId: localAuthorityId ?? null, total: all.length, offset: query.offset, rows };
      });
    } catch (error) {
      if (error instanceof NotFoundError)
        await runner.recordStandalone(ctx, { action: 'placementSuccess.children', resourceType: 'cohort', outcome: 'not_found' });
      throw error;
    }
  }

  return { placementSuccessReport, placementSuccessList };
}

export type PlacementSuccessService = ReturnType<typeof createPlacementSuccessService>;

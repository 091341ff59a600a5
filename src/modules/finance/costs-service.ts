import type { RequestContext } from '../../platform/policy/actor.ts';
import { authorize } from '../../platform/policy/policy.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import type { IsoDate } from '../../platform/dates/dates.ts';
import { childNamesOf, childrenForFinancialReturn, localAuthoritiesOfChildren } from '../children/index.ts';
import { lastingPlacements } from '../matching/index.ts';
import { campaignSpend, recordedWork } from './activity.ts';
import { deliveredSupportOfMatches } from '../support/index.ts';
import { costLines, financialYearDates, financialYearOf, supportCostByChild, type ActivityWork } from './costs.ts';
import { indexTable, loadSettings } from './costs-settings.ts';
import { agencyOf } from './costs-settings-service.ts';
import type { CareKind } from './costs-vocabulary.ts';
import { feesRaisedByChild, incomeByAgreement, incomeByAuthority, incomeByChild, incomeTotal, type Income } from './fees-income.ts';
import { financialReturn, type PlacedChild } from './financial-return.ts';
import type { Period } from './costs-inputs.ts';
import { costRecovery, type Money } from './recovery.ts';
import * as repo from './costs-repository.ts';

/**
 * The reports of the cost side: what the work cost and whether it was recovered, and what the
 * placements saved. The person's right is checked first; the recorded work is then added up by the
 * platform's costOfWork job (finance people may not open the records it counts: only counts,
 * minutes, dates and ids come out); settings, income and names are read as the person, and the
 * report is audited in that same transaction (the row travels with its COMMIT: no round trip of its own).
 */

/** How far back a child's fees and support are looked for (the service began in 2018). */
const BEGINNING: IsoDate = '2000-01-01';

/** The care a child's plan at referral points to: residential when it says so, otherwise foster care. */
export function careFromPlan(currentPlacement: string | null): CareKind {
  return currentPlacement && /residential|preswyl/i.test(currentPlacement) ? 'residential_care' : 'foster_care';
}

/** Names of children the person may see (others keep a reference: finance people do not open children's records). */
async function namesOf(tx: Parameters<typeof childNamesOf>[0], ids: readonly string[]) {
  const names = await childNamesOf(tx, ids.slice(0, 500));
  return Object.fromEntries([...names.entries()].map(([id, c]) => [id, c.name]));
}

/** The agency's income over a period from its authorities' income (as incomeTotal adds it up). */
function totalOf(byAuthority: ReadonlyMap<string, Income>): Income {
  const total: Income = { raisedPence: 0, invoicedPence: 0, receivedPence: 0 };
  for (const income of byAuthority.values()) {
    total.raisedPence += income.raisedPence;
    total.invoicedPence += income.invoicedPence;
    total.receivedPence += income.receivedPence;
  }
  return total;
}

/** The children the work was about, each once (a year's work names them tens of thousands of times). */
function childrenOf(work: readonly ActivityWork[]): string[] {
  const ids = new Set<string>();
  for (const { rows } of work) for (const r of rows) if (r.childIds) for (const id of r.childIds) ids.add(id);
  return [...ids];
}

type CareSource = { readonly source: 'chosen' | 'plan'; readonly reason: string | null; readonly version: number };

/** Care nobody chose: every such child's entry is this one (read only), not an object each. */
const FROM_PLAN: CareSource = Object.freeze({ source: 'plan', reason: null, version: 0 });

/**
 * Where each child's alternative care came from, by child (a return's 10,000 children: no pair per
 * child, and a Map: an object with 10,000 ids for keys cost more to fill than the return to work).
 */
function careOf(
  children: readonly { childId: string; careSource: 'chosen' | 'plan'; careReason: string | null; careVersion: number }[],
): ReadonlyMap<string, CareSource> {
  const care = new Map<string, CareSource>();
  for (const c of children)
    care.set(
      c.childId,
      c.careSource === 'plan' && c.careReason === null && c.careVersion === 0
        ? FROM_PLAN
        : { source: c.careSource, reason: c.careReason, version: c.careVersion },
    );
  return care;
}

export function createFinanceCostsService(runner: UseCaseRunner) {
  const { run } = runner;

  async function scopeOf(ctx: RequestContext, action: 'financeCosts.view') {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, action);
      const organisationId = agencyOf(ctx);
      return { organisationId, organisationIds: [organisationId, ...(await repo.clinicalPartnerIds(tx))] };
    });
  }

  /** The agency whose return the person may see (the return counts the agency's own work only: no partners to look up). */
  async function agencyFor(ctx: RequestContext) {
    return run(ctx, (): Promise<string> => {
      authorize(ctx.actor, 'financialReturn.view');
      return Promise.resolve(agencyOf(ctx));
    });
  }

  /** Cost recovery over a period: per year, authority, agreement and child, with the work's cost by activity. */
  async function costRecoveryReport(ctx: RequestContext, period: Period) {
    const { organisationId, organisationIds } = await scopeOf(ctx, 'financeCosts.view');
    const scope = { ...period, organisationIds, agencyId: organisationId };
    const work = await runner.runAsSystemJob('costOfWork', ctx, async (tx) => {
      const activity = await recordedWork(tx, scope);
      const campaign = await campaignSpend(tx, { ...period, organisationIds: [organisationId] });
      const childLocalAuthority = await localAuthoritiesOfChildren(tx, childrenOf(activity));
      return { activity, campaign, childLocalAuthority };
    });
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'financeCosts.view');
      const settings = await loadSettings(tx, organisationId);
      const byAuthority = await incomeByAuthority(tx, period);
      const byYear = new Map<number, Money>();
      for (let year = financialYearOf(period.from); year <= financialYearOf(period.to); year++) {
        const dates = financialYearDates(year);
        const part = { from: dates.from < period.from ? period.from : dates.from, to: dates.to > period.to ? period.to : dates.to };
        // A period within one year (the usual report): its total is the authorities' income already read.
        byYear.set(year, part.from === period.from && part.to === period.to ? totalOf(byAuthority) : await incomeTotal(tx, part));
      }
      const income = {
        byChild: await incomeByChild(tx, period),
        byAuthority,
        byAgreement: await incomeByAgreement(tx, period),
        byYear,
      };
      const agreements = await repo.agreementsOf(tx, organisationId);
      const direct = await repo.directCostsBetween(tx, organisationId, period);
      const report = costRecovery({
        lines: costLines(work.activity, settings.cost),
        childLocalAuthority: work.childLocalAuthority,
        directCosts: [...direct.map((d) => ({ ...d, category: d.category })), ...work.campaign],
        income,
        agreements,
        reinvestments: await repo.reinvestmentsBetween(tx, organisationId, period),
      });
      const topChildren = [...report.children].sort((a, b) => b.costPence - a.costPence || a.childId.localeCompare(b.childId));
      const localAuthorities = await repo.localAuthorities(tx);
      await recordAudit(tx, ctx, {
        action: 'financeCosts.view',
        resourceType: 'cost-recovery',
        detail: { from: period.from, to: period.to, children: report.total.children },
      });
      return {
        period,
        report,
        settings,
        agreements: agreements.map(({ id, name, reference }) => ({ id, name, reference })),
        localAuthorityNames: Object.fromEntries(localAuthorities.map((la) => [la.id, { name: la.name, nameCy: la.nameCy }])),
        childNames: await namesOf(
          tx,
          topChildren.slice(0, 100).map((c) => c.childId),
        ),
      };
    });
  }

  /** The financial return of the placements made in a period that lasted, priced at the year of `to`. */
  async function financialReturnReport(ctx: RequestContext, period: Period) {
    const organisationId = await agencyFor(ctx);
    const placed = await runner.runAsSystemJob('costOfWork', ctx, async (tx) => {
      const placements = await lastingPlacements(tx, { ...period, organisationIds: [organisationId] });
      const facts = await childrenForFinancialReturn(
        tx,
        placements.flatMap((p) => p.childIds),
      );
      // Support delivered to these placements' families (only theirs), costed below at the agency's rates (the route's support cost).
      const support = await deliveredSupportOfMatches(tx, {
        matchIds: placements.map((p) => p.matchId),
        to: period.to,
        organisationIds: [organisationId],
      });
      return { placements, facts, support };
    });
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'financialReturn.view');
      const settings = await loadSettings(tx, organisationId);
      const choices = new Map((await repo.careChoicesOf(tx, organisationId)).map((c) => [c.childId, c]));
      const fees = await feesRaisedByChild(tx, { from: BEGINNING, to: period.to });
      // Each placement's children and each child's placement date, in one pass over the placements.
      const childrenOfMatch = new Map<string, readonly string[]>();
      const placementDateOf = new Map<string, string>();
      for (const p of placed.placements) {
        childrenOfMatch.set(p.matchId, p.childIds);
        for (const id of p.childIds) placementDateOf.set(id, p.placementDate);
      }
      const supportByChild = supportCostByChild(placed.support, childrenOfMatch, settings.cost);
      const children: (PlacedChild & { careSource: 'chosen' | 'plan'; careReason: string | null; careVersion: number })[] = placed.facts.map((f) => {
        const choice = choices.get(f.id);
        const raised = fees.get(f.id);
        return {
          childId: f.id,
          localAuthorityId: f.localAuthorityId,
          dateOfBirth: f.dateOfBirth,
          placementDate: placementDateOf.get(f.id)!,
          careKind: choice?.careKind ?? careFromPlan(f.currentPlacement),
          careSource: choice ? 'chosen' : 'plan',
          careReason: choice?.reason ?? null,
          careVersion: choice?.version ?? 0,
          feesPence: raised && raised > 0 ? raised : null,
          supportCostPence: supportByChild.get(f.id) ?? 0,
        };
      });
      children.sort((a, b) => (a.placementDate < b.placementDate ? -1 : a.placementDate > b.placementDate ? 1 : a.childId < b.childId ? -1 : 1));
      const report = financialReturn(children, {
        reportYear: financialYearOf(period.to),
        discountBasisPoints: settings.returnSettings.discountBasisPoints,
        unitCosts: settings.unitCosts,
        priceIndex: indexTable(settings),
        defaultRouteFeePence: settings.returnSettings.defaultRouteFeePence,
      });
      const localAuthorities = await repo.localAuthorities(tx);
      await recordAudit(tx, ctx, {
        action: 'financialReturn.view',
        resourceType: 'financial-return',
        detail: { from: period.from, to: period.to, children: children.length },
      });
      return {
        period,
        report,
        settings,
        care: careOf(children),
        localAuthorityNames: Object.fromEntries(localAuthorities.map((la) => [la.id, { name: la.name, nameCy: la.nameCy }])),
        // namesOf names the first 500: no list of all 10,000 ids to cut down.
        childNames: await namesOf(
          tx,
          children.slice(0, 500).map((c) => c.childId),
        ),
      };
    });
  }

  /** Every child the agency placed in a placement that lasted: those whose alternative care may be chosen. */
  async function placedChildIds(ctx: RequestContext): Promise<Set<string>> {
    const organisationId = await agencyFor(ctx);
    const placements = await runner.runAsSystemJob('costOfWork', ctx, (tx) =>
      lastingPlacements(tx, { from: BEGINNING, to: '2100-12-31', organisationIds: [organisationId] }),
    );
    return new Set(placements.flatMap((p) => p.childIds));
  }

  return { costRecoveryReport, financialReturnReport, placedChildIds };
}

export type FinanceCostsService = ReturnType<typeof createFinanceCostsService>;

import type { IsoDate } from '../../platform/dates/dates.ts';
import { shareEvenly, sumPence } from './costs-money.ts';
import { costByActivity, costByChild, financialYearOf, type CostLine } from './costs.ts';
import type { DirectCostCategory } from './costs-vocabulary.ts';

/**
 * Cost recovery: what the agency was paid against what the work cost, per financial year, local
 * authority, agreement and child. Pure.
 *
 * Attribution: staff time recorded about a child (a TAC meeting, a consultation, a matching panel,
 * the family's support) is that child's cost. The rest is shared work (recruitment and assessment
 * of adopters, their preparation and training, supervision, campaigns, and direct costs not tied
 * to an authority): it is shared equally among the children the service worked with in the
 * period (in whole pence, so shares add up exactly). A direct cost entered against an authority is
 * that authority's. An agreement's cost is that of the authorities it covers (a collaborative's
 * members), so an authority in two agreements counts in both rows and the agreements' rows are
 * not added up. Surplus = income invoiced − cost (accruals, as the annual accounts count it);
 * received and outstanding are shown beside it.
 */

/** Money invoiced and received (the billing side's Income has these and more). */
export type Money = { invoicedPence: number; receivedPence: number };

export type IncomeView = {
  byChild: ReadonlyMap<string, Money>;
  byAuthority: ReadonlyMap<string, Money>;
  byAgreement: ReadonlyMap<string, Money>;
  byYear: ReadonlyMap<number, Money>;
};

export type AgreementRef = { id: string; authorityIds: readonly string[] };

export type DirectCost = { incurredOn: IsoDate; amountPence: number; category: DirectCostCategory | 'campaign'; localAuthorityId: string | null };

export type Reinvestment = { reinvestedOn: IsoDate; amountPence: number };

export type Figures = { costPence: number; invoicedPence: number; receivedPence: number; surplusPence: number; outstandingPence: number };

const NONE: Money = { invoicedPence: 0, receivedPence: 0 };

const figures = (costPence: number, money: Money = NONE): Figures => ({
  costPence,
  invoicedPence: money.invoicedPence,
  receivedPence: money.receivedPence,
  surplusPence: money.invoicedPence - costPence,
  outstandingPence: money.invoicedPence - money.receivedPence,
});

export type CostRecovery = {
  total: Figures & { staffPence: number; directPence: number; sharedPence: number; attributedPence: number; children: number };
  years: ({ financialYear: number; staffPence: number; directPence: number } & Figures)[];
  localAuthorities: ({ localAuthorityId: string; children: number } & Figures)[];
  agreements: ({ agreementId: string; children: number } & Figures)[];
  children: ({ childId: string; localAuthorityId: string | null; attributedPence: number; sharedPence: number } & Figures)[];
  activities: ReturnType<typeof costByActivity>;
  directByCategory: { category: DirectCost['category']; amountPence: number }[];
  reinvestedPence: number;
  /** Surplus not yet reinvested (never below nothing: a deficit is not a debt to reinvest). */
  toReinvestPence: number;
};

export function costRecovery(input: {
  lines: readonly CostLine[];
  childLocalAuthority: ReadonlyMap<string, string>;
  directCosts: readonly DirectCost[];
  income: IncomeView;
  agreements: readonly AgreementRef[];
  reinvestments: readonly Reinvestment[];
}): CostRecovery {
  const { lines, income } = input;
  const attributed = costByChild(lines);
  for (const childId of income.byChild.keys()) if (!attributed.has(childId)) attributed.set(childId, 0);
  const childIds = [...attributed.keys()].sort();
  const sharedStaff = sumPence(lines.filter((l) => l.childIds.length === 0).map((l) => l.pence));
  const sharedDirect = sumPence(input.directCosts.filter((d) => !d.localAuthorityId).map((d) => d.amountPence));
  const sharedPence = sharedStaff + sharedDirect;
  const shares = shareEvenly(sharedPence, childIds.length);

  const children = childIds.map((childId, i) => {
    const own = attributed.get(childId)!;
    const shared = shares[i]!;
    return {
      childId,
      localAuthorityId: input.childLocalAuthority.get(childId) ?? null,
      attributedPence: own,
      sharedPence: shared,
      ...figures(own + shared, income.byChild.get(childId)),
    };
  });

  const laCost = new Map<string, { cost: number; children: number }>();
  const laRow = (id: string) => laCost.get(id) ?? laCost.set(id, { cost: 0, children: 0 }).get(id)!;
  for (const c of children) {
    if (!c.localAuthorityId) continue;
    const row = laRow(c.localAuthorityId);
    row.cost += c.costPence;
    row.children += 1;
  }
  for (const d of input.directCosts) if (d.localAuthorityId) laRow(d.localAuthorityId).cost += d.amountPence;
  const laIds = [...new Set([...laCost.keys(), ...income.byAuthority.keys()])].sort();
  const localAuthorities = laIds.map((id) => {
    const cost = laCost.get(id) ?? { cost: 0, children: 0 };
    return { localAuthorityId: id, children: cost.children, ...figures(cost.cost, income.byAuthority.get(id)) };
  });

  const agreements = input.agreements.map((a) => {
    const rows = a.authorityIds.map((id) => laCost.get(id) ?? { cost: 0, children: 0 });
    return {
      agreementId: a.id,
      children: rows.reduce((n, r) => n + r.children, 0),
      ...figures(sumPence(rows.map((r) => r.cost)), income.byAgreement.get(a.id)),
    };
  });

  const staffByYear = new Map<number, number>();
  for (const l of lines) staffByYear.set(l.financialYear, (staffByYear.get(l.financialYear) ?? 0) + l.pence);
  const directByYear = new Map<number, number>();
  for (const d of input.directCosts) {
    const year = financialYearOf(d.incurredOn);
    directByYear.set(year, (directByYear.get(year) ?? 0) + d.amountPence);
  }
  const yearIds = [...new Set([...staffByYear.keys(), ...directByYear.keys(), ...income.byYear.keys()])].sort((a, b) => a - b);
  const years = yearIds.map((financialYear) => {
    const staffPence = staffByYear.get(financialYear) ?? 0;
    const directPence = directByYear.get(financialYear) ?? 0;
    return { financialYear, staffPence, directPence, ...figures(staffPence + directPence, income.byYear.get(financialYear)) };
  });

  const byCategory = new Map<DirectCost['category'], number>();
  for (const d of input.directCosts) byCategory.set(d.category, (byCategory.get(d.category) ?? 0) + d.amountPence);

  const staffPence = sumPence(lines.map((l) => l.pence));
  const directPence = sumPence(input.directCosts.map((d) => d.amountPence));
  const totalMoney = [...income.byYear.values()].reduce(
    (sum, m) => ({ invoicedPence: sum.invoicedPence + m.invoicedPence, receivedPence: sum.receivedPence + m.receivedPence }),
    NONE,
  );
  const total = figures(staffPence + directPence, totalMoney);
  const reinvestedPence = sumPence(input.reinvestments.map((r) => r.amountPence));
  return {
    total: { ...total, staffPence, directPence, sharedPence, attributedPence: staffPence - sharedStaff, children: childIds.length },
    years,
    localAuthorities,
    agreements,
    children,
    activities: costByActivity(lines),
    directByCategory: [...byCategory.entries()].map(([category, amountPence]) => ({ category, amountPence })),
    reinvestedPence,
    toReinvestPence: Math.max(0, total.surplusPence - reinvestedPence),
  };
}

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
 * that authority's. An agreement's cost is that of the children its fees were for.
 * Surplus = income invoiced − cost (accruals, as the annual accounts count it); received and
 * outstanding are shown beside it.
 */

/** Money invoiced and received, as the billing side of finance records it. */
export type IncomeLine = {
  localAuthorityId: string;
  agreementId: string | null;
  childId: string | null;
  financialYear: number;
  invoicedPence: number;
  receivedPence: number;
};

export type DirectCost = { incurredOn: IsoDate; amountPence: number; category: DirectCostCategory | 'campaign'; localAuthorityId: string | null };

export type Reinvestment = { reinvestedOn: IsoDate; amountPence: number };

export type Figures = { costPence: number; invoicedPence: number; receivedPence: number; surplusPence: number; outstandingPence: number };

const figures = (costPence: number, invoicedPence: number, receivedPence: number): Figures => ({
  costPence,
  invoicedPence,
  receivedPence,
  surplusPence: invoicedPence - costPence,
  outstandingPence: invoicedPence - receivedPence,
});

export type CostRecovery = {
  total: Figures & { staffPence: number; directPence: number; sharedPence: number; attributedPence: number; children: number };
  years: ({ financialYear: number; staffPence: number; directPence: number } & Figures)[];
  localAuthorities: ({ localAuthorityId: string; children: number } & Figures)[];
  agreements: ({ agreementId: string | null; children: number } & Figures)[];
  children: ({ childId: string; localAuthorityId: string | null; agreementId: string | null; attributedPence: number; sharedPence: number } & Figures)[];
  activities: ReturnType<typeof costByActivity>;
  directByCategory: { category: DirectCost['category']; amountPence: number }[];
  reinvestedPence: number;
  /** Surplus not yet reinvested (never below nothing: a deficit is not a debt to reinvest). */
  toReinvestPence: number;
};

function add<K>(map: Map<K, { invoiced: number; received: number }>, key: K, invoiced: number, received: number) {
  const row = map.get(key) ?? { invoiced: 0, received: 0 };
  row.invoiced += invoiced;
  row.received += received;
  map.set(key, row);
}

export function costRecovery(input: {
  lines: readonly CostLine[];
  childLocalAuthority: ReadonlyMap<string, string>;
  directCosts: readonly DirectCost[];
  income: readonly IncomeLine[];
  reinvestments: readonly Reinvestment[];
}): CostRecovery {
  const { lines, income } = input;
  const attributed = costByChild(lines);
  for (const l of income) if (l.childId && !attributed.has(l.childId)) attributed.set(l.childId, 0);
  const childIds = [...attributed.keys()].sort();
  const sharedStaff = sumPence(lines.filter((l) => l.childIds.length === 0).map((l) => l.pence));
  const sharedDirect = sumPence(input.directCosts.filter((d) => !d.localAuthorityId).map((d) => d.amountPence));
  const sharedPence = sharedStaff + sharedDirect;
  const shares = shareEvenly(sharedPence, childIds.length);
  const sharedOf = new Map(childIds.map((id, i) => [id, shares[i]!]));

  // Income per child, authority, agreement and year; a child's agreement is the one its fees were under.
  const incomeByChild = new Map<string, { invoiced: number; received: number }>();
  const incomeByLa = new Map<string, { invoiced: number; received: number }>();
  const incomeByAgreement = new Map<string | null, { invoiced: number; received: number }>();
  const incomeByYear = new Map<number, { invoiced: number; received: number }>();
  const agreementOf = new Map<string, string | null>();
  for (const l of income) {
    if (l.childId) {
      add(incomeByChild, l.childId, l.invoicedPence, l.receivedPence);
      if (l.agreementId || !agreementOf.has(l.childId)) agreementOf.set(l.childId, l.agreementId);
    }
    add(incomeByLa, l.localAuthorityId, l.invoicedPence, l.receivedPence);
    add(incomeByAgreement, l.agreementId, l.invoicedPence, l.receivedPence);
    add(incomeByYear, l.financialYear, l.invoicedPence, l.receivedPence);
  }
  const laFromIncome = new Map(income.filter((l) => l.childId).map((l) => [l.childId!, l.localAuthorityId]));
  const laOf = (childId: string) => input.childLocalAuthority.get(childId) ?? laFromIncome.get(childId) ?? null;

  const children = childIds.map((childId) => {
    const own = attributed.get(childId)!;
    const shared = sharedOf.get(childId)!;
    const money = incomeByChild.get(childId) ?? { invoiced: 0, received: 0 };
    return {
      childId,
      localAuthorityId: laOf(childId),
      agreementId: agreementOf.get(childId) ?? null,
      attributedPence: own,
      sharedPence: shared,
      ...figures(own + shared, money.invoiced, money.received),
    };
  });

  const laCost = new Map<string, { cost: number; children: number }>();
  for (const c of children) {
    if (!c.localAuthorityId) continue;
    const row = laCost.get(c.localAuthorityId) ?? { cost: 0, children: 0 };
    row.cost += c.costPence;
    row.children += 1;
    laCost.set(c.localAuthorityId, row);
  }
  for (const d of input.directCosts) {
    if (!d.localAuthorityId) continue;
    const row = laCost.get(d.localAuthorityId) ?? { cost: 0, children: 0 };
    row.cost += d.amountPence;
    laCost.set(d.localAuthorityId, row);
  }
  const laIds = [...new Set([...laCost.keys(), ...incomeByLa.keys()])].sort();
  const localAuthorities = laIds.map((id) => {
    const cost = laCost.get(id) ?? { cost: 0, children: 0 };
    const money = incomeByLa.get(id) ?? { invoiced: 0, received: 0 };
    return { localAuthorityId: id, children: cost.children, ...figures(cost.cost, money.invoiced, money.received) };
  });

  const agreementCost = new Map<string | null, { cost: number; children: number }>();
  for (const c of children) {
    const row = agreementCost.get(c.agreementId) ?? { cost: 0, children: 0 };
    row.cost += c.costPence;
    row.children += 1;
    agreementCost.set(c.agreementId, row);
  }
  const agreementIds = [...new Set([...agreementCost.keys(), ...incomeByAgreement.keys()])].sort((a, b) => (a ?? '~').localeCompare(b ?? '~'));
  const agreements = agreementIds.map((agreementId) => {
    const cost = agreementCost.get(agreementId) ?? { cost: 0, children: 0 };
    const money = incomeByAgreement.get(agreementId) ?? { invoiced: 0, received: 0 };
    return { agreementId, children: cost.children, ...figures(cost.cost, money.invoiced, money.received) };
  });

  const staffByYear = new Map<number, number>();
  for (const l of lines) staffByYear.set(l.financialYear, (staffByYear.get(l.financialYear) ?? 0) + l.pence);
  const directByYear = new Map<number, number>();
  for (const d of input.directCosts) directByYear.set(financialYearOf(d.incurredOn), (directByYear.get(financialYearOf(d.incurredOn)) ?? 0) + d.amountPence);
  const yearIds = [...new Set([...staffByYear.keys(), ...directByYear.keys(), ...incomeByYear.keys()])].sort((a, b) => a - b);
  const years = yearIds.map((financialYear) => {
    const staffPence = staffByYear.get(financialYear) ?? 0;
    const directPence = directByYear.get(financialYear) ?? 0;
    const money = incomeByYear.get(financialYear) ?? { invoiced: 0, received: 0 };
    return { financialYear, staffPence, directPence, ...figures(staffPence + directPence, money.invoiced, money.received) };
  });

  const byCategory = new Map<DirectCost['category'], number>();
  for (const d of input.directCosts) byCategory.set(d.category, (byCategory.get(d.category) ?? 0) + d.amountPence);

  const staffPence = sumPence(lines.map((l) => l.pence));
  const directPence = sumPence(input.directCosts.map((d) => d.amountPence));
  const invoiced = sumPence(income.map((l) => l.invoicedPence));
  const received = sumPence(income.map((l) => l.receivedPence));
  const total = figures(staffPence + directPence, invoiced, received);
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

import type { IsoDate } from '../../platform/dates/dates.ts';
import type { FeeScheduleItem, FeeTrigger, UpliftRule, VatStatus } from './schema.ts';

/**
 * Pure rules of money in: pricing a step of the workflow under an agreement or the inter-agency
 * fee, the April uplift and its cap, VAT, and rounding. No database, no clock.
 *
 * Rounding rule: money is integer pence. Where a calculation gives a fraction of a penny (an uplift
 * percentage, an index ratio, VAT, a share of a payment) the result is rounded to the nearest penny,
 * and an exact half penny goes to the even penny ("banker's rounding", half-even): 12.5p → 12p,
 * 13.5p → 14p. Rounding half up would add a penny in every tie, a bias that grows with the number of
 * lines; half-even does not. Each uplift year is rounded on its own, as each April's price list is
 * published in whole pence.
 */
export function divideHalfEven(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  if (denominator < 0n) return divideHalfEven(-numerator, -denominator);
  const negative = numerator < 0n;
  const n = negative ? -numerator : numerator;
  let quotient = n / denominator;
  const twiceRemainder = (n % denominator) * 2n;
  if (twiceRemainder > denominator || (twiceRemainder === denominator && quotient % 2n === 1n)) quotient += 1n;
  return negative ? -quotient : quotient;
}

/** `pence × numerator / denominator`, rounded half-even to the penny, with no floating point. */
export function scalePence(pence: number, numerator: number | bigint, denominator: number | bigint): number {
  return Number(divideHalfEven(BigInt(pence) * BigInt(numerator), BigInt(denominator)));
}

/** Standard-rated VAT (basis points: 2000 = 20%). Exempt and zero-rated lines carry none. */
export const STANDARD_VAT_BASIS_POINTS = 2000;

export function vatRateOf(status: VatStatus): number {
  return status === 'standard' ? STANDARD_VAT_BASIS_POINTS : 0;
}

export function vatOn(netPence: number, status: VatStatus): number {
  return scalePence(netPence, vatRateOf(status), 10_000);
}

/** The 1 April on or before a date: prices rise each April (the public sector's financial year). */
export function financialYearOf(date: IsoDate): number {
  const year = Number(date.slice(0, 4));
  return date.slice(5) >= '04-01' ? year : year - 1;
}

export type UpliftStep = { year: number; basisPoints: number };

/** Index figures are entered with up to three decimals; kept as integer thousandths so the ratio is exact. */
const thousandths = (value: number) => BigInt(Math.round(value * 1000));

/** The uplift of one April: the percentage, or the index's rise on the year before; never above the cap, never below nothing. */
function stepFor(rule: UpliftRule, year: number): { numerator: bigint; denominator: bigint; basisPoints: number } | null {
  if (rule.kind === 'none') return null;
  const cap = rule.capBasisPoints ?? null;
  if (rule.kind === 'percentage') {
    const bp = cap === null ? rule.basisPoints : Math.min(rule.basisPoints, cap);
    return { numerator: BigInt(10_000 + bp), denominator: 10_000n, basisPoints: bp };
  }
  const now = rule.figures.find((f) => f.year === year);
  const before = rule.figures.find((f) => f.year === year - 1);
  // A missing figure means no uplift that April (the finance officer enters it when published).
  if (!now || !before) return null;
  let numerator = thousandths(now.value);
  let denominator = thousandths(before.value);
  if (numerator < denominator) return { numerator: 1n, denominator: 1n, basisPoints: 0 };
  if (cap !== null && (numerator - denominator) * 10_000n > BigInt(cap) * denominator) {
    numerator = BigInt(10_000 + cap);
    denominator = 10_000n;
  }
  return { numerator, denominator, basisPoints: Number(divideHalfEven((numerator - denominator) * 10_000n, denominator)) };
}

/**
 * A price set in the financial year of `from`, as it stands on `on`: one uplift each 1 April after
 * `from` up to `on`, each year rounded half-even to the penny.
 */
export function uplifted(basePence: number, rule: UpliftRule, from: IsoDate, on: IsoDate): { pence: number; steps: UpliftStep[] } {
  let pence = basePence;
  const steps: UpliftStep[] = [];
  for (let year = financialYearOf(from) + 1; year <= financialYearOf(on); year++) {
    const step = stepFor(rule, year);
    if (!step) continue;
    pence = Number(divideHalfEven(BigInt(pence) * step.numerator, step.denominator));
    steps.push({ year, basisPoints: step.basisPoints });
  }
  return { pence, steps };
}

/** One row of the inter-agency fee table. */
export type InterAgencyRate = { effectiveFrom: IsoDate; firstChildPence: number; siblingPence: number; description: string };

/** The inter-agency fee in force on a date: the latest row from on or before it. */
export function interAgencyRateOn(rates: readonly InterAgencyRate[], on: IsoDate): InterAgencyRate | null {
  let found: InterAgencyRate | null = null;
  for (const rate of rates) if (rate.effectiveFrom <= on && (!found || rate.effectiveFrom > found.effectiveFrom)) found = rate;
  return found;
}

/** The terms of an agreement version as pricing needs them. */
export type AgreementTerms = {
  agreementId: string;
  versionId: string;
  effectiveFrom: IsoDate;
  feeSchedule: readonly FeeScheduleItem[];
  uplift: UpliftRule;
  childCapPerYear: number | null;
};

export type FeeInput = {
  trigger: FeeTrigger;
  occurredOn: IsoDate;
  /** 1 for the first child of the group, 2+ for brothers and sisters. */
  siblingPosition: number;
  /** The agreement version in force on the date for the child's authority, if any. */
  terms: AgreementTerms | null;
  /** Whether this child already has a fee under the agreement this financial year (so counts within the cap). */
  childAlreadyCounted: boolean;
  /** Distinct children with fees under the agreement this financial year, before this one. */
  childrenCountedThisYear: number;
  rates: readonly InterAgencyRate[];
};

export type PricedFee = {
  amountPence: number;
  basis: 'agreement' | 'inter_agency';
  vatStatus: VatStatus;
  agreementId: string | null;
  versionId: string | null;
  /** Why this amount: shown beside the fee (which schedule item or rate, which uplifts). */
  explanation: { item: string; steps: UpliftStep[]; sibling: boolean; overCap: boolean };
};

/**
 * The fee a step raises, or null when the step raises none. Under an agreement its schedule says
 * which steps are charged and how much (sibling rates for the second and further children), uplifted
 * each April. A child beyond the agreement's yearly cap, or an authority with no agreement in force,
 * falls outside any agreement: only the placement is charged, at the inter-agency fee on its date.
 */
export function priceFee(input: FeeInput): PricedFee | null {
  const sibling = input.siblingPosition > 1;
  const { terms } = input;
  const overCap = Boolean(terms && terms.childCapPerYear !== null && !input.childAlreadyCounted && input.childrenCountedThisYear >= terms.childCapPerYear);
  if (terms && !overCap) {
    const item = terms.feeSchedule.find((f) => f.trigger === input.trigger);
    if (!item) return null;
    const base = sibling && item.siblingAmountPence != null ? item.siblingAmountPence : item.amountPence;
    const { pence, steps } = uplifted(base, terms.uplift, terms.effectiveFrom, input.occurredOn);
    return {
      amountPence: pence,
      basis: 'agreement',
      vatStatus: item.vatStatus ?? 'exempt',
      agreementId: terms.agreementId,
      versionId: terms.versionId,
      explanation: { item: input.trigger, steps, sibling: sibling && item.siblingAmountPence != null, overCap: false },
    };
  }
  if (input.trigger !== 'placement') return null;
  const rate = interAgencyRateOn(input.rates, input.occurredOn);
  if (!rate) return null;
  return {
    amountPence: sibling ? rate.siblingPence : rate.firstChildPence,
    basis: 'inter_agency',
    vatStatus: 'exempt',
    agreementId: overCap ? (terms?.agreementId ?? null) : null,
    versionId: overCap ? (terms?.versionId ?? null) : null,
    explanation: { item: rate.description, steps: [], sibling, overCap },
  };
}

/** The version of an agreement in force on a date: the latest starting on or before it, within its period. */
export function versionInForce<V extends { effectiveFrom: IsoDate; periodStart: IsoDate; periodEnd: IsoDate | null }>(
  versions: readonly V[],
  on: IsoDate,
): V | null {
  let found: V | null = null;
  for (const v of versions) if (v.effectiveFrom <= on && (!found || v.effectiveFrom > found.effectiveFrom)) found = v;
  if (!found || on < found.periodStart || (found.periodEnd !== null && on > found.periodEnd)) return null;
  return found;
}

/** A child as invoices name them: an initial and a short reference, never a full name. */
export function childLabelOf(id: string, name: string | undefined): string {
  const initial = name?.trim().charAt(0).toLocaleUpperCase('en-GB');
  return `${initial ? `${initial}. ` : ''}${id.slice(0, 8).toUpperCase()}`;
}

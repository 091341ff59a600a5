import { divideHalfEven } from './fees.ts';

/**
 * Money of the cost side: integer pence, and the one rounding rule.
 *
 * The rounding rule: a figure that is not a whole number of pence (minutes × hourly rate ÷ 60, a
 * unit cost × an index ratio, a discounted sum) is worked out exactly as a fraction of whole
 * numbers (BigInt) and rounded once, to the nearest penny, a half penny going to the even penny
 * ("banker's rounding", half-even), so rounding has no upward drift over many lines. Sums add
 * rounded pence; no floating-point number ever holds money.
 */

/** The one rounding rule of the module (fees.ts): numerator ÷ denominator to the nearest whole number, halves to the even one. */
export { divideHalfEven };

/** The same, for numbers that fit in a safe integer (answers a number of pence). */
export function penceHalfEven(numerator: bigint, denominator: bigint): number {
  const pence = divideHalfEven(numerator, denominator);
  if (pence > BigInt(Number.MAX_SAFE_INTEGER) || pence < -BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('amount too large');
  return Number(pence);
}

/**
 * The same rule for a numerator and denominator that are safe integers (minutes × an hourly rate):
 * exact in ordinary numbers, so a year's 100,000 records need no BigInt; anything larger goes
 * through divideHalfEven.
 */
export function wholeHalfEven(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator <= 0) return penceHalfEven(BigInt(numerator), BigInt(denominator));
  const negative = numerator < 0;
  const n = Math.abs(numerator);
  let quotient = Math.floor(n / denominator);
  const twice = 2 * (n - quotient * denominator);
  if (twice > denominator || (twice === denominator && quotient % 2 === 1)) quotient += 1;
  return negative && quotient ? -quotient : quotient;
}

/**
 * Shares an amount among n as evenly as whole pence allow: the first (amount mod n) shares get a
 * penny more, so the shares always add up to the amount (a meeting about three children).
 */
export function shareEvenly(pence: number, n: number): number[] {
  if (n <= 0) return [];
  const base = Math.floor(pence / n);
  const extra = pence - base * n;
  return Array.from({ length: n }, (_, i) => base + (i < extra ? 1 : 0));
}

/**
 * Adds each child's share of `pence` (as shareEvenly shares it), `times` over, into `byChild`:
 * the same pence as shareEvenly without an array per line (a year's lines number tens of thousands).
 */
export function addShares(byChild: Map<string, number>, childIds: readonly string[], pence: number, times = 1): void {
  const n = childIds.length;
  if (n === 0) return;
  const base = Math.floor(pence / n);
  const extra = pence - base * n;
  for (let i = 0; i < n; i++) byChild.set(childIds[i]!, (byChild.get(childIds[i]!) ?? 0) + (base + (i < extra ? 1 : 0)) * times);
}

/** Adds pence (integers) and refuses anything else, so a fraction cannot creep into a total. */
export function sumPence(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) {
    if (!Number.isSafeInteger(v)) throw new RangeError('pence must be whole');
    total += v;
  }
  return total;
}

/** "£1,234.56" / "-£12.00" (the same in Welsh), from pence, without floating point. */
export function poundsText(pence: number, options: { wholePounds?: boolean } = {}): string {
  const negative = pence < 0;
  const abs = BigInt(Math.abs(pence));
  const pounds = options.wholePounds ? divideHalfEven(abs, 100n) : abs / 100n;
  const grouped = pounds.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const pennies = options.wholePounds ? '' : `.${(abs % 100n).toString().padStart(2, '0')}`;
  return `${negative ? '-' : ''}£${grouped}${pennies}`;
}

/** A rate in basis points as a percentage for people ("3.5%"). */
export function percentText(basisPoints: number): string {
  const whole = Math.trunc(basisPoints / 100);
  const rest = Math.abs(basisPoints % 100);
  return `${whole}${rest ? `.${String(rest).padStart(2, '0').replace(/0$/, '')}` : ''}%`;
}

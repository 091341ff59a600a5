/**
 * The rules the compatibility score is made of, shared by the explained path (compatibility.ts)
 * and the fast matrix (compatibility-matrix.ts): one formula each, so both agree to the tenth.
 * Pure: no I/O.
 */
import { ETHNICITIES, type Ethnicity, type Severity } from '../children/index.ts';
import { MAX_CHILDREN_CONSIDERED } from '../recruitment/index.ts';
import { chord2ForKm, kmFromChord2, postcodeKey } from './geography.ts';
import { CRITERIA, type MatchingConfig } from './matching-config.ts';
import type { LanguageCode, ReasonStatus, SiblingGroupInput } from './compatibility-inputs.ts';

export type CompiledConfig = {
  config: MatchingConfig;
  weights: Float64Array;
  /** Available tenths per criterion for each mask of assessed criteria: [mask * CRITERIA.length + i]. */
  allocation: Int32Array;
  safetyChord2: number;
  contactFullChord2: number;
  contactMaxChord2: number;
};

const compiledConfigs = new WeakMap<MatchingConfig, CompiledConfig>();

/** Weights, the allocation table and the safety chord, computed once per configuration object. */
export function compileConfig(config: MatchingConfig): CompiledConfig {
  const cached = compiledConfigs.get(config);
  if (cached) return cached;
  const n = CRITERIA.length;
  const weights = Float64Array.from(CRITERIA, (c) => config.weights[c]);
  const allocation = new Int32Array((1 << n) * n);
  for (let mask = 0; mask < 1 << n; mask++) allocation.set(allocateTenths(weights, mask), mask * n);
  const compiled = {
    config,
    weights,
    allocation,
    safetyChord2: chord2ForKm(config.safetyDistanceKm),
    contactFullChord2: chord2ForKm(config.contactFullCreditKm),
    contactMaxChord2: chord2ForKm(config.contactMaxKm),
  };
  compiledConfigs.set(config, compiled);
  return compiled;
}

/**
 * Shares 1,000 tenths among the criteria in `mask` in proportion to their weights, by largest
 * remainder (ties to the earlier criterion), so the available points always add up to 100.
 */
export function allocateTenths(weights: ArrayLike<number>, mask: number): Int32Array {
  const n = weights.length;
  const out = new Int32Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) if (mask & (1 << i)) total += weights[i]!;
  if (total <= 0) return out;
  const remainders: { i: number; r: number }[] = [];
  let given = 0;
  for (let i = 0; i < n; i++) {
    if (!(mask & (1 << i))) continue;
    const exact = (1000 * weights[i]!) / total;
    out[i] = Math.floor(exact);
    given += out[i]!;
    remainders.push({ i, r: exact - out[i]! });
  }
  remainders.sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; given < 1000; k++, given++) out[remainders[k % remainders.length]!.i]! += 1;
  return out;
}

/** Needs: full credit for each need the family can consider, the severity's credit for "with support". */
export function needsFraction(can: number, mild: number, moderate: number, severe: number, total: number, c: MatchingConfig['withSupportCredit']): number {
  return (can + mild * c.mild + moderate * c.moderate + severe * c.severe) / total;
}

/** Age fit of one child: 1 at the middle of the family's range, `edge` at either end. */
export function ageFit(age: number, ageMin: number, ageMax: number, edge: number): number {
  const half = (ageMax - ageMin) / 2;
  if (half <= 0) return 1;
  return 1 - ((1 - edge) * Math.abs(age - (ageMin + ageMax) / 2)) / half;
}

/**
 * Distance credit for one important person, from the squared chord to them (geography.ts): 1 within
 * the full-credit distance, 0 from the maximum, a straight line in km between. The two thresholds
 * are compared as chords, so most pairs need no arcsine.
 */
export function contactCredit(c2: number, cc: CompiledConfig): number {
  if (c2 <= cc.contactFullChord2) return 1;
  if (c2 >= cc.contactMaxChord2) return 0;
  const { contactFullCreditKm: fullKm, contactMaxKm: maxKm } = cc.config;
  return Math.min(1, Math.max(0, (maxKm - kmFromChord2(c2)) / (maxKm - fullKm)));
}

/** Ages are compared in completed years. */
export function completedYears(age: number | null): number | null {
  return age === null || !Number.isFinite(age) ? null : Math.floor(age);
}

/** The largest number a family can consider: 4 is "4 or more". */
export function childrenUpperLimit(childrenMax: number): number {
  return childrenMax >= MAX_CHILDREN_CONSIDERED ? Number.POSITIVE_INFINITY : childrenMax;
}

const WELSH_NAMES = new Set(['welsh', 'cymraeg', 'cy', 'cym', 'wel']);
const ENGLISH_NAMES = new Set(['english', 'saesneg', 'en', 'eng']);

function plain(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The household's languages as codes. Only a plain language name counts ("Welsh", "Cymraeg",
 * "cy", "Welsh (fluent)"); "learning Welsh" is another matter for the worker, not a Welsh speaker.
 * null when nothing is recorded.
 */
export function householdLanguageCodes(languages: readonly string[]): Set<LanguageCode> | null {
  const codes = new Set<LanguageCode>();
  for (const raw of languages) {
    const name = plain(raw.replace(/\([^)]*\)/g, ''));
    if (name === '') continue;
    codes.add(WELSH_NAMES.has(name) ? 'cy' : ENGLISH_NAMES.has(name) ? 'en' : 'other');
  }
  return codes.size === 0 ? null : codes;
}

/** Religions are free text: compared ignoring case, accents and spacing. */
export function normaliseReligion(text: string | null): string | null {
  if (text === null) return null;
  const p = plain(text);
  return p === '' ? null : p;
}

/** An ethnicity that says something (not "not known" or "not stated"). */
export function knownEthnicity(e: Ethnicity | null | undefined): e is Ethnicity {
  return !!e && e !== 'not_known' && e !== 'not_stated' && ETHNICITIES.includes(e);
}

/**
 * The broad heritage an ethnic group shares with others: its Census heading, and for a mixed
 * group each heritage it mixes (a child of White and Asian heritage shares part of it with a
 * White family and with an Asian one). "Any other ethnic group" shares nothing broader than itself.
 */
export const BROAD_HERITAGE = ['asian', 'black', 'mixed', 'white', 'arab'] as const;
const HERITAGE: Record<Ethnicity, readonly (typeof BROAD_HERITAGE)[number][]> = {
  asian_bangladeshi: ['asian'],
  asian_chinese: ['asian'],
  asian_indian: ['asian'],
  asian_pakistani: ['asian'],
  asian_other: ['asian'],
  black_african: ['black'],
  black_caribbean: ['black'],
  black_other: ['black'],
  mixed_white_asian: ['mixed', 'white', 'asian'],
  mixed_white_black_african: ['mixed', 'white', 'black'],
  mixed_white_black_caribbean: ['mixed', 'white', 'black'],
  mixed_other: ['mixed'],
  white_british: ['white'],
  white_irish: ['white'],
  white_gypsy_irish_traveller: ['white'],
  white_roma: ['white'],
  white_other: ['white'],
  other_arab: ['arab'],
  other_any: [],
  not_known: [],
  not_stated: [],
};

/** The broad heritage of an ethnic group as a bitmask over BROAD_HERITAGE. */
export function heritageMask(e: Ethnicity): number {
  let mask = 0;
  for (const h of HERITAGE[e]) mask |= 1 << BROAD_HERITAGE.indexOf(h);
  return mask;
}

/** Postcodes counted once each (same postcode however typed). */
export function distinctPostcodes(postcodes: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of postcodes) {
    const key = postcodeKey(raw) ?? raw.trim().toUpperCase();
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(raw);
  }
  return out;
}

export function statusOf(fraction: number): ReasonStatus {
  return fraction >= 1 ? 'met' : fraction <= 0 ? 'not_met' : 'partly';
}

export const SEVERITY_INDEX: Record<Severity, number> = { mild: 0, moderate: 1, severe: 2 };

/** The religions a family should share: the one the worker named, else the children's own. */
export function religionTargets(group: SiblingGroupInput): string[] {
  const named = normaliseReligion(group.identity?.religion ?? null);
  if (named !== null) return [named];
  const out: string[] = [];
  for (const child of group.children) {
    const r = normaliseReligion(child.religion);
    if (r !== null && !out.includes(r)) out.push(r);
  }
  return out;
}

/** The heritage a family should reflect: the worker's list, else the children's own recorded ethnicities. */
export function ethnicityTargets(group: SiblingGroupInput): Ethnicity[] {
  const named = (group.identity?.ethnicities ?? []).filter(knownEthnicity);
  if (named.length > 0) return [...new Set(named)];
  return [...new Set(group.children.map((c) => c.ethnicity).filter(knownEthnicity))];
}

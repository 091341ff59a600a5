import { STANDARD_ACES, ACE_STATUSES, countAces, type AceEntry } from './aces.ts';
import { addDays, addMonths, type IsoDate } from '../../platform/dates/dates.ts';
import type { ContactArrangement } from './vocabulary.ts';
import { classifyPriority, DEFAULT_PRIORITY_CONFIG } from './priority.ts';
import { ETHNICITIES, NEED_CATEGORIES, SEVERITIES, type LANGUAGE_CODES, type NeedCategory, type Severity, type SiblingRelationship } from './vocabulary.ts';

type LanguageCode = (typeof LANGUAGE_CODES)[number];

/**
 * Synthetic children for demos and benchmarks, deterministic from a seed. Family names are
 * invented and marked as such; no record resembles a real child's.
 */
const GIVEN_NAMES = [
  'Alys',
  'Bryn',
  'Cai',
  'Deio',
  'Efa',
  'Ffion',
  'Gethin',
  'Heledd',
  'Iolo',
  'Jac',
  'Lili',
  'Macsen',
  'Nia',
  'Osian',
  'Pip',
  'Rhodri',
  'Seren',
  'Tomos',
  'Wil',
  'Ynyr',
  'Amara',
  'Kofi',
  'Zara',
  'Idris',
];
/** Names usually given to girls or to boys, so a synthetic child's recorded sex reads naturally; the rest go either way. */
const GIRLS = new Set(['Alys', 'Efa', 'Ffion', 'Heledd', 'Lili', 'Nia', 'Seren', 'Amara', 'Zara']);
const BOYS = new Set(['Bryn', 'Cai', 'Deio', 'Gethin', 'Iolo', 'Jac', 'Macsen', 'Osian', 'Rhodri', 'Tomos', 'Wil', 'Ynyr', 'Kofi', 'Idris']);

/** A name no brother or sister in the group has yet (the next one in the list when drawn twice). */
function distinctName(drawn: string, taken: Set<string>): string {
  let name = drawn;
  while (taken.has(name) && taken.size < GIVEN_NAMES.length) name = GIVEN_NAMES[(GIVEN_NAMES.indexOf(name) + 1) % GIVEN_NAMES.length]!;
  taken.add(name);
  return name;
}
const FAMILY_NAMES = ['Demoford', 'Sampleton', 'Fictionby', 'Madeupson', 'Testwell', 'Inventley', 'Placeholder', 'Exampleby'];

/** mulberry32: a small, well-known deterministic PRNG (not for secrets). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type SyntheticChild = {
  legalGivenNames: string;
  legalFamilyName: string;
  dateOfBirth: IsoDate;
  sex: 'female' | 'male';
  ethnicity: string;
  religion: string | null;
  /** The languages the child speaks (Welsh-speaking children also speak English). */
  languages: LanguageCode[];
  legalStatus: string;
  enteredCareDate: IsoDate;
  placementOrderDate: IsoDate | null;
  /** The agency decision maker's decision that the child should be placed for adoption. */
  adoptionPlanDate: IsoDate;
  referralDate: IsoDate;
  developmentalUncertainty: boolean;
  needs: { category: NeedCategory; severity: Severity }[];
  aces: AceEntry[];
  aceKnown: number;
  aceKnownOrSuspected: number;
  organisationIndex: number;
  /** The referring authority's own case reference (their case system's number), synthetic. */
  localAuthorityReference: string;
  /** Children sharing a number were referred together as brothers and sisters. */
  siblingGroup: number | null;
  /** How this child is related to the first child of the group (null for the first). */
  relationshipToFirst: SiblingRelationship | null;
  priorityReasons: string[];
  /** What matching reads from the child's worker: contact the plan requires, identity, places. */
  requiredContact: ContactArrangement[];
  identityConsiderations: {
    religionImportant: boolean;
    religion: string | null;
    ethnicityImportant: boolean;
    welshLanguageImportant: boolean;
    notes: string | null;
  };
  birthFamilyPostcodes: string[];
  importantContactPostcodes: string[];
};

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function between(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** `months` months and up to `days` days before `date`. */
function before(random: () => number, date: IsoDate, months: number, days = 20): IsoDate {
  return addDays(addMonths(date, -months), -between(random, 0, days));
}

const RELIGIONS = ['Christian', 'Muslim', 'Sikh', 'Hindu', 'Jewish'];

/**
 * A sibling group's (or a lone child's) story before the referral, counted back from it:
 * entering care, then the decision that they should be placed for adoption, then (for most) the
 * placement order, then the referral. The spans add up to at most 27 months, and the youngest
 * child is at least 30 months old at referral, so every child was born before entering care.
 */
function unitChronology(random: () => number, referralDate: IsoDate) {
  const placementOrderDate = random() < 0.8 ? before(random, referralDate, between(random, 1, 9)) : null;
  const adoptionPlanDate = before(random, placementOrderDate ?? referralDate, between(random, 2, 6));
  const enteredCareDate = before(random, adoptionPlanDate, between(random, 3, 12));
  return { placementOrderDate, adoptionPlanDate, enteredCareDate };
}

/**
 * Ages at referral in months, youngest first. The service is for children aged 4 and over: most
 * children are 4 to 10; a sibling group may bring a younger brother or sister (never under 2½).
 */
function agesInMonths(random: () => number, size: number): number[] {
  if (size === 1) return [random() < 0.92 ? between(random, 48, 131) : between(random, 132, 155)];
  const ages = [random() < 0.85 ? between(random, 48, 83) : between(random, 30, 47)];
  while (ages.length < size) ages.push(Math.min(155, ages[ages.length - 1]! + between(random, 13, 30)));
  return ages;
}

/**
 * Synthetic children, deterministic from the options. `postcodes`, one list per referring
 * organisation, are the synthetic postcodes near it that birth families and important people
 * are given (none without them).
 */
export function generateChildren(options: {
  count: number;
  seed: number;
  today: IsoDate;
  organisations: number;
  postcodes?: readonly (readonly string[])[];
}): SyntheticChild[] {
  const random = prng(options.seed);
  const out: SyntheticChild[] = [];
  let group = 0;
  while (out.length < options.count) {
    // About a third of referrals are sibling groups of two to four.
    const size = random() < 0.33 ? 2 + Math.floor(random() * 3) : 1;
    const family = `${pick(random, FAMILY_NAMES)} (fictional)`;
    const organisationIndex = Math.floor(random() * options.organisations);
    const referralDate = before(random, options.today, between(random, 0, 30), 27);
    const { placementOrderDate, adoptionPlanDate, enteredCareDate } = unitChronology(random, referralDate);
    const siblingGroup = size > 1 ? ++group : null;
    const namesInGroup = new Set<string>();
    // Brothers and sisters share their heritage, faith, language, plan for contact and the places of their people.
    const ethnicity =
      random() < 0.82
        ? 'white_british'
        : pick(
            random,
            ETHNICITIES.filter((e) => e !== 'white_british' && e !== 'not_known' && e !== 'not_stated'),
          );
    const religion = random() < 0.3 ? pick(random, RELIGIONS) : null;
    const welsh = random() < 0.25;
    const near = options.postcodes?.[organisationIndex % options.postcodes.length] ?? [];
    const importantContactPostcodes = near.length && random() < 0.6 ? [pick(random, near)] : [];
    const birthFamilyPostcodes = near.length && random() < 0.35 ? [pick(random, near)] : [];
    const requiredContact: ContactArrangement[] = random() < 0.75 ? ['letterbox'] : [];
    const identityConsiderations = {
      religionImportant: religion !== null && random() < 0.6,
      religion,
      ethnicityImportant: ethnicity !== 'white_british' || random() < 0.3,
      welshLanguageImportant: welsh || random() < 0.15,
      notes: null,
    };
    const ages = agesInMonths(random, size);
    for (let i = 0; i < size && out.length < options.count; i++) {
      const dateOfBirth = addDays(addMonths(referralDate, -ages[i]!), -between(random, 0, 27));
      const needs: SyntheticChild['needs'] = [];
      const needCount = random() < 0.5 ? 0 : 1 + Math.floor(random() * 2);
      for (const category of [...NEED_CATEGORIES].sort(() => random() - 0.5).slice(0, needCount)) needs.push({ category, severity: pick(random, SEVERITIES) });
      // ACE profiles skew high, as in the service's cohort (about 7 on average).
      const aces: AceEntry[] = STANDARD_ACES.map((category) => {
        const r = random();
        const status = r < 0.62 ? 'known' : r < 0.75 ? 'suspected' : r < 0.9 ? 'none' : pick(random, ACE_STATUSES);
        return { category, status, source: 'synthetic', recordedOn: referralDate };
      });
      const counts = countAces(aces);
      const developmentalUncertainty = random() < 0.2;
      const priorityReasons = classifyPriority(
        { dateOfBirth, referralDate, inSiblingGroup: size > 1, needs, developmentalUncertainty, ethnicity, placementOrderDate: null },
        referralDate,
        DEFAULT_PRIORITY_CONFIG,
      ).map((r) => r.reason);
      const givenName = distinctName(pick(random, GIVEN_NAMES), namesInGroup);
      const drawnSex = random() < 0.5 ? 'female' : 'male';
      out.push({
        legalGivenNames: givenName,
        legalFamilyName: family,
        dateOfBirth,
        sex: GIRLS.has(givenName) ? 'female' : BOYS.has(givenName) ? 'male' : drawnSex,
        ethnicity,
        religion,
        languages: welsh ? ['cy', 'en'] : ['en'],
        legalStatus: placementOrderDate ? 'placement_order' : 'care_order',
        enteredCareDate,
        placementOrderDate,
        adoptionPlanDate,
        referralDate,
        developmentalUncertainty,
        needs,
        aces,
        aceKnown: counts.known,
        aceKnownOrSuspected: counts.knownOrSuspected,
        organisationIndex,
        // Numbered in order, not drawn, so adding it left every other synthetic value as it was.
        localAuthorityReference: `LA${organisationIndex + 1}-${String(10001 + out.length)}`,
        siblingGroup,
        relationshipToFirst: i === 0 ? null : random() < 0.8 ? 'full' : 'half',
        priorityReasons,
        requiredContact,
        identityConsiderations,
        birthFamilyPostcodes,
        importantContactPostcodes,
      });
    }
  }
  return out;
}
